// Site configuration (galley.config.json): what one site says once for all its articles.
import { z } from 'zod';

export const SiteConfig = z.object({
  title: z.string().min(1).default('Galley'),
  url: z.url({ protocol: /^https?$/ }).regex(/^https?:\/\/\S+$/)
    .refine((url) => !/[?#]/.test(url), { error: (issue) => queryOrFragment(String(issue.input)) })
    // Published in every page, feed and model: a user name or password there would be given to everyone.
    .refine((url) => { const u = new URL(url); return u.username === '' && u.password === ''; },
      { error: 'a site URL cannot hold a user name or password: it is published in every page, feed and model' })
    .transform(canonicalSiteUrl)
    .nullable().default(null)
    .describe('Site URL; article URLs are <url>/articles/<slug>/'),
  author: z.string().min(1).default('Staff').describe('Author of articles whose seed names none'),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/).default('en'),
  description: z.string().min(1).default('Articles published with Galley'),
  relatedTitles: z.array(z.string().min(1)).default([])
    .describe('More list titles that mark related reading, e.g. "Lesen Sie auch"'),
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
  feedLimit: z.number().int().positive().default(50),
  copyrightHolder: z.string().min(1).nullable().default(null).describe('Who holds the rights to the articles (ninjs copyrightHolder)'),
  copyrightNotice: z.string().min(1).nullable().default(null).describe('The copyright notice given with each article (ninjs copyrightNotice)'),
  usageTerms: z.string().min(1).nullable().default(null).describe('How others may use the articles (ninjs usageTerms)'),
  pictures: z.object({
    avif: z.boolean().default(false).describe('Offer AVIF besides WebP and JPEG on web pages: smaller files, slower to make'),
  }).strict().default({ avif: false }),
}).strict();

/**
 * What one site says once for all its articles (galley.config.json): `title`, `url`, `author`, `language`,
 * `description`, `relatedTitles`, `pageSize` and `feedLimit`. The README's "Configuration" gives each
 * key's default and meaning. The type is the `SiteConfig` zod schema's (`z.infer`).
 */
export type SiteConfig = z.infer<typeof SiteConfig>;

// out/ is published at one folder: a query or fragment cannot lead the paths under it, and silently dropping it
// would publish at another place than the one the user named.
function queryOrFragment(url: string): string {
  const at = url.search(/[?#]/);
  return `a site URL cannot have a query or fragment ("${url.slice(at)}"): articles are published at `
    + `<url>/articles/<slug>/ and the feed at <url>/feed.xml; give the folder alone, like "${url.slice(0, at)}"`;
}

/**
 * The site URL as the feeds give it (WHATWG form: lower-case host, no default port, dot segments resolved,
 * percent-encoded path) without trailing slashes, so article URLs and the feeds' links agree to the byte.
 */
function canonicalSiteUrl(url: string): string {
  const canonical = new URL(url);
  canonical.pathname = canonical.pathname.replace(/\/+$/, '');
  return canonical.href.replace(/\/+$/, '');
}

export const DEFAULT_CONFIG: SiteConfig = SiteConfig.parse({});
