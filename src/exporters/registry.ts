// Every output format, in one list. Exporters load lazily so a build pays only for the formats it writes.
import { ARTICLE_PAGE_PATH, catalogPagePath, FEED_FILES } from '../markup/listing.js';
import type { ArticleRender, CollectionRender, PagedRender } from '../model/output.js';

export interface ArticleFormat {
  kind: 'article';
  name: string;
  extension: string;
  /**
   * Where each article's file goes under out/, `{slug}` standing for its slug; `{slug}.<extension>` when
   * absent. The web page lives at the folder URL the feeds and models name (`<url>/articles/<slug>/`).
   */
  path?: string;
  load: () => Promise<ArticleRender>;
}

export interface CollectionFormat {
  kind: 'collection';
  name: string;
  /** Path under out/, with / separators, of the format's first file (the render's `bytes`). */
  fileName: string;
  load: () => Promise<CollectionRender>;
  /** Where the format is written a page at a time (see PageWriter): what the build uses. */
  loadPages?: () => Promise<PagedRender>;
}

export type Format = ArticleFormat | CollectionFormat;

// Order matters where a format reads its siblings: the web page links the PDF and EPUB with their sizes, so
// it comes after them, and an article's formats render in this order.
export const FORMATS: readonly Format[] = [
  { kind: 'article', name: 'json', extension: 'json', load: async () => (await import('./json.js')).exportJson },
  { kind: 'article', name: 'pdf', extension: 'pdf', load: async () => (await import('./pdf.js')).exportPdf },
  { kind: 'article', name: 'epub', extension: 'epub', load: async () => (await import('./epub.js')).exportEpub },
  { kind: 'article', name: 'html', extension: 'html', path: ARTICLE_PAGE_PATH, load: async () => (await import('./html.js')).exportHtml },
  { kind: 'collection', name: 'rss', fileName: FEED_FILES.rss, load: async () => (await import('./rss.js')).exportRss },
  // Not out/feed.json: readers of out/ (and check-out) take every top-level *.json for an article model.
  { kind: 'collection', name: 'jsonfeed', fileName: FEED_FILES.jsonFeed, load: async () => (await import('./jsonfeed.js')).exportJsonFeed },
  // The home page, its archive pages and the icon come with the sitemap that lists them.
  { kind: 'collection', name: 'site', fileName: 'sitemap.xml', load: async () => (await import('./site.js')).exportSite,
    loadPages: async () => (await import('./site.js')).siteWriter },
  { kind: 'collection', name: 'opds', fileName: catalogPagePath(1), load: async () => (await import('./opds.js')).exportOpds,
    loadPages: async () => (await import('./opds.js')).opdsWriter },
];

export const FORMAT_NAMES: readonly string[] = FORMATS.map((f) => f.name);

const SLUG = '{slug}';

/** The path under out/ of an article's file in this format. */
export function articlePath(format: ArticleFormat, slug: string): string {
  return (format.path ?? `${SLUG}.${format.extension}`).replace(SLUG, slug);
}

/**
 * The path under out/ of an article's file in the format named, as the build writes it: what the pages,
 * feeds and catalog link to.
 */
export function articleFilePath(name: 'json' | 'pdf' | 'epub' | 'html', slug: string): string {
  const format = FORMATS.find((f): f is ArticleFormat => f.kind === 'article' && f.name === name);
  if (format === undefined) throw new Error(`no article format "${name}"`);
  return articlePath(format, slug);
}

/**
 * The format and slug of a path `articlePath` gives, or null. The slug is whatever stands in for `{slug}`:
 * the caller checks it is one.
 */
export function parseArticlePath(name: string): { format: ArticleFormat; slug: string } | null {
  for (const { format, before, after } of ARTICLE_PATHS) {
    if (name.length > before.length + after.length && name.startsWith(before) && name.endsWith(after)) {
      return { format, slug: name.slice(before.length, name.length - after.length) };
    }
  }
  return null;
}

// What stands before and after the slug in each article format's path: a build parses every recorded file
// name of every article through it.
const ARTICLE_PATHS = FORMATS.filter((f): f is ArticleFormat => f.kind === 'article').map((format) => {
  const [before, after] = (format.path ?? `${SLUG}.${format.extension}`).split(SLUG) as [string, string];
  return { format, before, after };
});

/** The formats named, in registry order; throws on a name no exporter has. */
export function selectFormats(names: readonly string[] | null): Format[] {
  if (names === null) return [...FORMATS];
  const unknown = names.filter((n) => !FORMAT_NAMES.includes(n));
  if (unknown.length > 0) {
    throw new Error(`unknown format ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${FORMAT_NAMES.join(', ')}`);
  }
  return FORMATS.filter((f) => names.includes(f.name));
}
