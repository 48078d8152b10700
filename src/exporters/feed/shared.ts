// What the RSS and JSON feeds agree on: which articles, in what order, at which URLs, and what was dropped.
import type { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { articleXhtml, languageAttributes } from '../../render/xhtml.js';
import { articleTexts, xmlLossDiagnostics } from '../../render/xml-loss.js';
import { escapeXml } from '../../render/xml.js';
import type { CollectionContext } from '../types.js';

/** The generator name both feeds announce. */
export const FEED_GENERATOR = 'Galley';

/** Minutes a reader may cache the RSS feed before polling again (RSS <ttl>). */
export const FEED_TTL_MINUTES = 60;

/** Rule id of the warning for text a feed could not carry. */
export const DROPPED_CHARACTER_RULE = 'feed/invalid-character';

/** The date an item last changed: `updated` when set, else `published`. */
export function itemDate(article: Article): string {
  return article.updated ?? article.published;
}

/**
 * The articles a feed lists: newest `published` first, ties by slug (code-unit order, never the locale),
 * cut to `limit`. Dates are compared as instants because ISO strings of different precision
 * ("…00Z" and "…00.000Z") do not sort as text.
 */
export function feedArticles(articles: readonly Article[], limit: number): Article[] {
  return articles
    .map((article) => ({ article, time: Date.parse(article.published) }))
    .sort((a, b) => b.time - a.time || (a.article.slug < b.article.slug ? -1 : a.article.slug > b.article.slug ? 1 : 0))
    .slice(0, Math.max(0, limit))
    .map(({ article }) => article);
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

/** The public URL of a file written to out/ (feed.xml, <slug>.pdf), or null without a site URL. */
export function siteFileUrl(siteUrl: string | null, fileName: string): string | null {
  const base = siteBase(siteUrl);
  return base === null ? null : new URL(fileName, base).href;
}

export interface PdfAttachment {
  url: string;
  length: number;
  type: 'application/pdf';
}

/**
 * The article's PDF as a feed enclosure, or null when there is no site URL to point at or no PDF size:
 * RSS requires the real length, and an unknown size means this build wrote no PDF to link to.
 */
export function pdfAttachment(article: Article, ctx: CollectionContext): PdfAttachment | null {
  const length = ctx.sizes.get(article.slug)?.pdf;
  const url = siteFileUrl(ctx.config.url, `${article.slug}.pdf`);
  if (url === null || length === undefined) return null;
  return { url, length, type: 'application/pdf' };
}

/**
 * The full article body as HTML for a feed item, from the serializer the EPUB uses. An article without
 * sections or related reading still gets content (its summary), so no reader shows an empty item.
 * One element states the article's language and direction, ltr included: a reader shows the item inside
 * its own page, whose direction may be the other one, and a feed mixes articles in many languages.
 */
export function feedContentHtml(article: Article, relatedTitles: readonly string[] = []): string {
  const html = articleXhtml(article, { titleBlock: false, relatedTitles });
  const body = html === '' ? `<p>${escapeXml(article.summary)}</p>` : html;
  return `<div ${languageAttributes(article.language)}>\n${body}\n</div>`;
}

/** Characters XML forbids, dropped from a feed: one warning per text of the listed articles that held any. */
export function droppedCharacterDiagnostics(articles: readonly Article[], feedFile: string): Diagnostic[] {
  return articles.flatMap((article) => xmlLossDiagnostics(article, articleTexts(article), DROPPED_CHARACTER_RULE, feedFile));
}
