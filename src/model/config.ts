// Site configuration (galley.config.json): what one site says once for all its articles.
import { z } from 'zod';

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** A time zone Intl knows (IANA name, or UTC). */
const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, { error: (issue) => `unknown time zone "${String(issue.input)}": give an IANA name such as "Europe/Berlin" or "UTC"` });

const Editions = z.object({
  period: z.enum(['day', 'week']).default('day').describe('One edition a day, or a week (ISO weeks, from Monday)'),
  timeZone: TimeZone.default('UTC').describe('The time zone whose calendar decides which day an article belongs to'),
  sections: z.array(z.object({
    name: z.string().min(1),
    tags: z.array(z.string().min(1)).min(1),
  }).strict()).nullable().default(null)
    .describe('Sections in this order, each taking the articles with one of its tags; without them, an article\'s first tag is its section'),
  max: z.number().int().positive().default(50).describe('At most this many articles in an edition: the newest'),
}).strict();

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
  author: z.string().min(1).nullable().default(null)
    .describe('Author of articles whose seed names none; without one, the word for staff in the article\'s language'),
  language: z.string().regex(LANGUAGE_TAG).default('en')
    .describe('The site\'s language: of articles whose seed names none, and of the site\'s pages, feeds, catalog and editions'),
  description: z.string().min(1).nullable().default(null)
    .describe('What the site publishes; without one, "Articles published with <title>" in the site\'s language'),
  relatedTitles: z.array(z.string().min(1)).default([])
    .describe('More list titles that mark related reading, e.g. "Lesen Sie auch"'),
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
  feedLimit: z.number().int().positive().default(50),
  copyrightHolder: z.string().min(1).nullable().default(null).describe('Who holds the rights to the articles (ninjs copyrightHolder)'),
  copyrightNotice: z.string().min(1).nullable().default(null).describe('The copyright notice given with each article (ninjs copyrightNotice)'),
  usageTerms: z.string().min(1).nullable().default(null).describe('How others may use the articles (ninjs usageTerms)'),
  editions: Editions.nullable().default(null).describe('The day\'s or the week\'s articles as one EPUB and one PDF; off without it'),
  messages: z.record(z.string().regex(LANGUAGE_TAG), z.record(z.string(), z.string())).default({})
    .describe('The site\'s own wording of Galley\'s messages, by language then message id (docs/messages.md)'),
  pictures: z.object({
    avif: z.boolean().default(false).describe('Offer AVIF besides WebP and JPEG on web pages: smaller files, slower to make'),
  }).strict().default({ avif: false }),
}).strict();

/**
 * What one site says once for all its articles (galley.config.json): `title`, `url`, `author`, `language`,
 * `description`, `relatedTitles`, `pageSize`, `feedLimit`, the rights given with ninjs, `editions` (the day's
 * or week's articles as one EPUB and PDF; off when null), `messages` (the site's wording of Galley's words)
 * and `pictures`. The README's "Configuration" gives each key's default and meaning. The type is the
 * `SiteConfig` zod schema's (`z.infer`).
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
