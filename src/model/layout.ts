// The out/ layout: where every file Galley writes lives under out/, its public URL, and the parser that
// tells a file name Galley gives from any other. Every floor that names a path asks here.

/** The article formats, each one file per article. */
export type ArticleFileFormat = 'json' | 'pdf' | 'epub' | 'html' | 'ninjs';

const SLUG = '{slug}';

/**
 * Where an article's web page is under out/, `{slug}` standing for the slug: the folder URL
 * `<url>/articles/<slug>/` that the model, the feeds and the EPUB name, served as its index.html.
 */
const ARTICLE_PAGE_PATH = 'articles/{slug}/index.html';

/** Where each article format's file is under out/, `{slug}` standing for the article's slug. */
export const ARTICLE_FILES: Readonly<Record<ArticleFileFormat, string>> = {
  json: '{slug}.json', pdf: '{slug}.pdf', epub: '{slug}.epub', html: ARTICLE_PAGE_PATH,
  // In a folder: every top-level out/*.json is a Galley model.
  ninjs: 'ninjs/{slug}.json',
};

/**
 * The path under out/ of an article's file in the format named, as the build writes it: what the pages,
 * feeds and catalog link to.
 */
export function articleFilePath(format: ArticleFileFormat, slug: string): string {
  return ARTICLE_FILES[format].replace(SLUG, slug);
}

/** The path under out/ of an article's web page. */
export function articlePagePath(slug: string): string {
  return articleFilePath('html', slug);
}

// What stands before and after the slug in each article format's path: a build parses every recorded file
// name of every article through it.
// The longest prefix first: "ninjs/a.json" is ninjs's, never the model of a slug "ninjs/a".
const ARTICLE_PATTERNS = (Object.entries(ARTICLE_FILES) as [ArticleFileFormat, string][]).map(([format, path]) => {
  const [before, after] = path.split(SLUG) as [string, string];
  return { format, before, after };
}).sort((a, b) => b.before.length - a.before.length);

/**
 * The format and slug of a path `articleFilePath` gives, or null. The slug is whatever stands in for `{slug}`:
 * the caller checks it is one.
 */
export function parseArticleFile(name: string): { format: ArticleFileFormat; slug: string } | null {
  for (const { format, before, after } of ARTICLE_PATTERNS) {
    if (name.length > before.length + after.length && name.startsWith(before) && name.endsWith(after)) {
      return { format, slug: name.slice(before.length, name.length - after.length) };
    }
  }
  return null;
}

/**
 * The public URL of an article (its web page's folder), from the site URL as the config gives it (no trailing
 * slash), or null without one.
 */
export function articleUrl(siteUrl: string | null, slug: string): string | null {
  return siteUrl === null ? null : `${siteUrl}/${articleFilePath('html', slug).replace(/index\.html$/, '')}`;
}

/**
 * Where the feeds are under out/: one name for the registry that writes them, the feeds' self links and
 * the pages that announce them. The JSON Feed is in a folder because every top-level out/*.json is a model.
 */
export const FEED_FILES = { rss: 'feed.xml', jsonFeed: 'feeds/feed.json' } as const;

/**
 * Archive page `k` of a feed (RFC 5005): the k-th `feedLimit` articles counted from the oldest, a page that
 * never changes once full. RSS beside JSON Feed, in the feeds' folder.
 */
export function feedArchivePath(format: 'rss' | 'jsonfeed', k: number): string {
  return `feeds/archive/${k}.${format === 'rss' ? 'xml' : 'json'}`;
}

/** Where the search index and its box's script are under out/ (Pagefind's bundle). */
export const SEARCH_FOLDER = 'pagefind';

/** Every article's model, one per line, newest first. */
export const ARCHIVE_NDJSON = 'articles.ndjson';

/** The sitemap, which lists the home page, the archive pages and every article's page. */
export const SITEMAP_FILE = 'sitemap.xml';

/**
 * The OPDS catalog a reader app is given: a navigation feed of the catalog's acquisition feeds (the latest
 * articles, the editions). Atom, so beside the feeds' XML, in a folder of its own.
 */
export const CATALOG_ROOT = 'opds/catalog.xml';

/** Page `n` of an acquisition feed of the catalog: the latest articles, or the editions. */
export function catalogPagePath(n: number, feed: 'latest' | 'editions' = 'latest'): string {
  return n === 1 ? `opds/${feed}.xml` : `opds/${feed}-${n}.xml`;
}

/** The folder of an edition (`2026-03-13` or `2026-W11`) under out/, and its files there. */
export function editionFilePath(key: string, file: 'epub' | 'pdf' | 'html'): string {
  return `editions/${key}/${file === 'html' ? 'index.html' : `${key}.${file}`}`;
}

/** Page `n` of the list of editions, newest first (1 is out/editions/index.html). */
export function editionsPagePath(n: number): string {
  return n === 1 ? 'editions/index.html' : `editions/page/${n}/index.html`;
}

/** The RSS feed of editions, each item's enclosure its EPUB. */
export const EDITIONS_FEED = 'feeds/editions.xml';

/** The path under out/ of archive page `n` (1 is the home page, out/index.html). */
export function archivePagePath(n: number): string {
  return n === 1 ? 'index.html' : `page/${n}/index.html`;
}

/** The path under out/ of sitemap `n` of a sitemap index (a site of more URLs than one sitemap may list). */
export function sitemapPartPath(n: number): string {
  return `sitemaps/sitemap-${n}.xml`;
}

/**
 * True for a later page of the archive or the catalog (from 2), or a part of the sitemap: the files a
 * shorter list no longer has, which the build then deletes. Only these names: the build's record of what it
 * wrote is untrusted.
 */
export function isLaterPage(name: string): boolean {
  return /^(page\/[1-9]\d*\/index\.html|editions\/page\/[1-9]\d*\/index\.html|opds\/(?:catalog|latest|editions)-[1-9]\d*\.xml|sitemaps\/sitemap-[1-9]\d*\.xml|feeds\/archive\/[1-9]\d*\.(?:xml|json))$/.test(name);
}

/** The folder link of a page written as `<folder>/index.html`: the URL the feeds name ends in "/". */
export function folderOf(indexFile: string): string {
  return indexFile.replace(/(^|\/)index\.html$/, '$1');
}

/**
 * The site URL as a base for files in out/, which is published at the site's root: always ends in "/",
 * without query or fragment, so "https://example.org/blog" gives "https://example.org/blog/".
 */
export function siteBase(siteUrl: string | null): string | null {
  if (siteUrl === null) return null;
  const url = new URL(siteUrl);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** The public URL of a file written to out/ (feed.xml, <slug>.pdf, page/2/), or null without a site URL. */
export function siteFileUrl(siteUrl: string | null, fileName: string): string | null {
  const base = siteBase(siteUrl);
  return base === null ? null : new URL(fileName, base).href;
}

/**
 * A link from the page at out/`from` to out/`to`, relative, so out/ works published under any path and
 * opened from disk alike: from "articles/a/index.html", "a.pdf" is "../../a.pdf" and "" (the home page) "../../".
 */
export function relativeLink(from: string, to: string): string {
  const up = '../'.repeat(from.split('/').length - 1);
  return up + to || './';
}
