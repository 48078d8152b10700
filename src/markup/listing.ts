// Where out/ is published and how the site lists its articles: one answer for the feeds, the pages and the catalog.
import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { ArticlePages, CollectionContext, CollectionRender, OutputFile, PagedRender } from '../model/output.js';

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
 * Newest `published` first, ties by slug (code-unit order, never the locale). Dates are compared as
 * instants because ISO strings of different precision ("…00Z" and "…00.000Z") do not sort as text.
 */
export function newestFirst(articles: readonly Article[]): Article[] {
  return articles
    .map((article) => ({ article, time: Date.parse(article.published) }))
    .sort((a, b) => b.time - a.time || (a.article.slug < b.article.slug ? -1 : a.article.slug > b.article.slug ? 1 : 0))
    .map(({ article }) => article);
}

/**
 * A link from the page at out/`from` to out/`to`, relative, so out/ works published under any path and
 * opened from disk alike: from "articles/a/index.html", "a.pdf" is "../../a.pdf" and "" (the home page) "../../".
 */
export function relativeLink(from: string, to: string): string {
  const up = '../'.repeat(from.split('/').length - 1);
  return up + to || './';
}

/** The date an item last changed: `updated` when set, else `published`. */
export function itemDate(article: Article): string {
  return article.updated ?? article.published;
}

/** The newest `itemDate` among the articles as an ISO string, or null for none (an empty feed has no build date). */
export function newestItemDate(articles: readonly Article[]): string | null {
  let newest: { iso: string; time: number } | null = null;
  for (const article of articles) {
    const iso = itemDate(article);
    const time = Date.parse(iso);
    if (newest === null || time > newest.time) newest = { iso, time };
  }
  return newest === null ? null : new Date(newest.time).toISOString();
}

/** Articles on each page of the archive and the catalog: a screenful or two on a phone, few pages for a year of news. */
export const PAGE_SIZE = 20;

/** The articles of page `n` (from 1) of a list in the site's order. */
export function pageOf<T>(sorted: readonly T[], n: number): T[] {
  return sorted.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
}

/** How many pages a list of `count` takes: one at least, so an empty site still has its home page. */
export function pageCount(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_SIZE));
}

/** A collection render from a page writer: the articles' pages given to it in turn. */
export function writePages(writer: PagedRender): CollectionRender {
  return (articles, ctx) => {
    const { count, pages } = sitePages(articles);
    const pen = writer(count, ctx);
    const files: OutputFile[] = [];
    let n = 0;
    for (const items of pages) files.push(...pen.page(items, ++n));
    const out = pen.end();
    return { ...out, more: [...files, ...(out.more ?? [])] };
  };
}

/** The articles as the site lists them: how many, and their pages of PAGE_SIZE in the site's order. */
export function sitePages(articles: readonly Article[] | ArticlePages): { count: number; pages: Iterable<readonly Article[]> } {
  if (!Array.isArray(articles)) {
    const paged = articles as ArticlePages;
    return { count: paged.count, pages: paged.pages(PAGE_SIZE) };
  }
  const sorted = newestFirst(articles);
  return { count: sorted.length, pages: Array.from({ length: pageCount(sorted.length) }, (_, i) => pageOf(sorted, i + 1)) };
}

/**
 * Page `n` of a paged list as a file, keyed by all it is rendered from; or null where the caller's memo
 * holds it already (see CollectionContext.written): one edit in an archive of thousands renders the pages
 * it touched, not every page again.
 */
export function pageFile(name: string, items: readonly Article[], n: number, pages: number, ctx: CollectionContext,
  render: () => string): OutputFile | null {
  if (ctx.written === undefined) return { name, bytes: new TextEncoder().encode(render()) };
  const sizes = items.map((a) => ctx.sizes.get(a.slug) ?? null);
  const key = createHash('sha256').update(JSON.stringify([name, n, pages, ctx.config, ctx.formats ?? null, items, sizes])).digest('hex');
  return ctx.written(name, key) ? null : { name, bytes: new TextEncoder().encode(render()), key };
}

/**
 * Where the OPDS catalog's pages are under out/: page 1 is the catalog a reader app is given.
 * Atom, so beside the feeds' XML, in a folder of its own.
 */
export function catalogPagePath(n: number): string {
  return n === 1 ? 'opds/catalog.xml' : `opds/catalog-${n}.xml`;
}

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
  return /^(page\/[1-9]\d*\/index\.html|opds\/catalog-[1-9]\d*\.xml|sitemaps\/sitemap-[1-9]\d*\.xml)$/.test(name);
}

/**
 * Where the feeds are under out/: one name for the registry that writes them, the feeds' self links and
 * the pages that announce them. The JSON Feed is in a folder because every top-level out/*.json is a model.
 */
export const FEED_FILES = { rss: 'feed.xml', jsonFeed: 'feeds/feed.json' } as const;

/**
 * Where an article's web page is under out/, `{slug}` standing for the slug: the folder URL
 * `<url>/articles/<slug>/` that the model, the feeds and the EPUB name, served as its index.html.
 */
export const ARTICLE_PAGE_PATH = 'articles/{slug}/index.html';

/** The media type of an OPDS acquisition feed (OPDS 1.2, 2.1): the catalog's links, and the pages announcing it. */
export const OPDS_ACQUISITION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=acquisition';

/** The folder link of a page written as `<folder>/index.html`: the URL the feeds name ends in "/". */
export function folderOf(indexFile: string): string {
  return indexFile.replace(/(^|\/)index\.html$/, '$1');
}

/** The path under out/ of an article's web page. */
export function articlePagePath(slug: string): string {
  return ARTICLE_PAGE_PATH.replace('{slug}', slug);
}
