// Every output format, in one list. Exporters load lazily so a build pays only for the formats it writes.
import { ARCHIVE_NDJSON, articleFilePath, CATALOG_ROOT, FEED_FILES, parseArticleFile, SITEMAP_FILE } from '../model/layout.js';
import type { Article } from '../model/article.js';
import type { ArticleFileFormat } from '../model/layout.js';
import type { ArticleExporter, ArticlePages, CollectionContext, CollectionExporter, EditionExporter, EditionListExporter, PagedExporter } from '../model/output.js';

export interface ArticleFormat {
  kind: 'article';
  /** Its file's place under out/ is the layout's (model/layout.ts). */
  name: ArticleFileFormat;
  extension: string;
  load: () => Promise<ArticleExporter>;
}

export interface CollectionFormat {
  kind: 'collection';
  name: string;
  /** Path under out/, with / separators, of the format's first file (the render's `bytes`). */
  fileName: string;
  load: () => Promise<CollectionExporter>;
  /** Where the format is written a page at a time (see PagedExport): what the build uses. */
  loadPages?: () => Promise<PagedExporter>;
  /**
   * A feed's archive pages (RFC 5005): page `k` of `count` from its articles, newest first. The build writes
   * every full page of `feedLimit` articles counted from the oldest, each again only when its articles changed.
   */
  loadArchive?: () => Promise<(items: readonly Article[], k: number, count: number, ctx: CollectionContext) => Uint8Array>;
  /** The format's lists of editions, from every edition's entry (newest first), where the site has editions. */
  loadEditions?: () => Promise<EditionListExporter>;
  /** Where the format is one file of every article, streamed a page of lines at a time (newest first, whole models). */
  loadLines?: () => Promise<(articles: readonly Article[]) => Uint8Array>;
}

export type Format = ArticleFormat | CollectionFormat;

// Order matters where a format reads its siblings: the web page links the PDF and EPUB with their sizes, so
// it comes after them, and an article's formats render in this order.
export const FORMATS: readonly Format[] = [
  { kind: 'article', name: 'json', extension: 'json', load: async () => (await import('./json.js')).exportJson },
  { kind: 'article', name: 'pdf', extension: 'pdf', load: async () => (await import('./pdf.js')).exportPdf },
  { kind: 'article', name: 'epub', extension: 'epub', load: async () => (await import('./epub.js')).exportEpub },
  { kind: 'article', name: 'html', extension: 'html', load: async () => (await import('./html.js')).exportHtml },
  // After the files it names as its renditions, with their sizes.
  { kind: 'article', name: 'ninjs', extension: 'json', load: async () => (await import('./ninjs.js')).exportNinjs },
  { kind: 'collection', name: 'rss', fileName: FEED_FILES.rss, load: async () => (await import('./rss.js')).exportRss,
    loadArchive: async () => (await import('./rss.js')).rssArchivePage,
    loadEditions: async () => (await import('./rss/editions.js')).exportEditionsRss },
  // Not out/feed.json: readers of out/ (and check-out) take every top-level *.json for an article model.
  { kind: 'collection', name: 'jsonfeed', fileName: FEED_FILES.jsonFeed, load: async () => (await import('./jsonfeed.js')).exportJsonFeed,
    loadArchive: async () => {
      const page = (await import('./jsonfeed.js')).jsonFeedArchivePage;
      return (items, k, _count, ctx) => page(items, k, ctx);
    } },
  // The home page, its archive pages and the icon come with the sitemap that lists them.
  { kind: 'collection', name: 'site', fileName: SITEMAP_FILE, load: async () => (await import('./site.js')).exportSite,
    loadPages: async () => (await import('./site.js')).exportSitePages,
    loadEditions: async () => (await import('./site/editions.js')).exportEditionsIndex },
  { kind: 'collection', name: 'ndjson', fileName: ARCHIVE_NDJSON, load: async () => {
    const lines = (await import('./ndjson.js')).ndjsonLines;
    return (articles) => ({ bytes: lines(Array.isArray(articles) ? articles : [...(articles as ArticlePages).pages(1_000)].flat()), diagnostics: [] });
  }, loadLines: async () => (await import('./ndjson.js')).ndjsonLines },
  { kind: 'collection', name: 'opds', fileName: CATALOG_ROOT, load: async () => (await import('./opds.js')).exportOpds,
    loadPages: async () => (await import('./opds.js')).exportOpdsPages,
    loadEditions: async () => (await import('./opds/editions.js')).exportEditionsCatalog },
];

/**
 * An edition's file in an article format's kind (its EPUB, its PDF): written for each edition when the site
 * has editions (config `editions`) and the build writes that format.
 */
export interface EditionFormat {
  kind: 'edition';
  /** The article or collection format whose selection writes it (`site`: the edition's web page). */
  name: 'epub' | 'pdf' | 'site';
  load: () => Promise<EditionExporter>;
}

export const EDITION_FORMATS: readonly EditionFormat[] = [
  { kind: 'edition', name: 'epub', load: async () => (await import('./epub/edition.js')).exportEditionEpub },
  { kind: 'edition', name: 'pdf', load: async () => (await import('./pdf/edition.js')).exportEditionPdf },
  // After the files it links, with their sizes.
  { kind: 'edition', name: 'site', load: async () => (await import('./site/editions.js')).exportEditionPage },
];

export const FORMAT_NAMES: readonly string[] = FORMATS.map((f) => f.name);

/** The path under out/ of an article's file in this format. */
export function articlePath(format: ArticleFormat, slug: string): string {
  return articleFilePath(format.name, slug);
}

/**
 * The format and slug of an article's file name (see the layout's parseArticleFile), or null. The slug is
 * whatever stands in for `{slug}`: the caller checks it is one.
 */
export function parseArticlePath(name: string): { format: ArticleFormat; slug: string } | null {
  const parsed = parseArticleFile(name);
  if (parsed === null) return null;
  return { format: FORMATS.find((f): f is ArticleFormat => f.kind === 'article' && f.name === parsed.format)!, slug: parsed.slug };
}

/** The formats named, in registry order; throws on a name no exporter has. */
export function selectFormats(names: readonly string[] | null): Format[] {
  if (names === null) return [...FORMATS];
  const unknown = names.filter((n) => !FORMAT_NAMES.includes(n));
  if (unknown.length > 0) {
    throw new Error(`unknown format ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${FORMAT_NAMES.join(', ')}`);
  }
  return FORMATS.filter((f) => names.includes(f.name));
}
