// How the site lists its articles: in what order, a page at a time, for the feeds, the pages and the catalog.
import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { ArticlePages, CollectionContext, CollectionExporter, OutputFile, PagedExporter } from '../model/output.js';

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
export function exportByPages(writer: PagedExporter): CollectionExporter {
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

/** The media type of an OPDS acquisition feed (OPDS 1.2, 2.1): the catalog's links, and the pages announcing it. */
export const OPDS_ACQUISITION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
export const OPDS_NAVIGATION_TYPE = 'application/atom+xml;profile=opds-catalog;kind=navigation';

