// What the RSS and JSON feeds agree on: which articles, in what order, at which URLs, and what was dropped.
import type { Article } from '../model/article.js';
import type { Picture, Rendition } from '../model/picture.js';
import { fallbackRendition, thumbnailRendition } from '../model/picture.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { articleXhtml, languageAttributes } from './xhtml.js';
import { articleTexts, xmlLossDiagnostics } from './xml-loss.js';
import { newestFirst, PAGE_SIZE } from './listing.js';
import { siteFileUrl } from '../model/layout.js';
import { escapeXml } from './xml.js';
import { articleFilePath } from '../model/layout.js';
import type { ArticlePages, CollectionContext } from '../model/output.js';


/** The generator name both feeds announce. */
export const FEED_GENERATOR = 'Galley';

/** Minutes a reader may cache the RSS feed before polling again (RSS <ttl>). */
export const FEED_TTL_MINUTES = 60;

/** Rule id of the warning for text a feed could not carry. */
export const DROPPED_CHARACTER_RULE = 'feed/invalid-character';

/** The articles a feed lists: the site's order (newest `published` first), cut to `limit`. */
export function feedArticles(articles: readonly Article[] | ArticlePages, limit: number): Article[] {
  if (Array.isArray(articles)) return newestFirst(articles).slice(0, Math.max(0, limit));
  const items: Article[] = [];
  for (const page of (articles as ArticlePages).pages(PAGE_SIZE)) {
    if (items.length >= limit) break;
    items.push(...page.slice(0, limit - items.length));
  }
  return items;
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
  const url = siteFileUrl(ctx.config.url, articleFilePath('pdf', article.slug));
  if (url === null || length === undefined) return null;
  return { url, length, type: 'application/pdf' };
}

/**
 * The full article body as HTML for a feed item, from the serializer the EPUB uses. An article without
 * sections or related reading still gets content (its summary), so no reader shows an empty item.
 * One element states the article's language and direction, ltr included: a reader shows the item inside
 * its own page, whose direction may be the other one, and a feed mixes articles in many languages.
 */
export function feedContentHtml(article: Article, relatedTitles: readonly string[] = [], siteUrl: string | null = null): string {
  // A reader shows the item far from out/: pictures by absolute URL, and without a site URL none.
  const pictures = siteUrl === null ? undefined : { href: (src: string) => siteFileUrl(siteUrl, src)!, responsive: false };
  const html = articleXhtml(article, { titleBlock: false, relatedTitles, pictures });
  const body = html === '' ? `<p>${escapeXml(article.summary)}</p>` : html;
  return `<div ${languageAttributes(article.language)}>\n${body}\n</div>`;
}

/** The lead picture as a feed gives it: absolute URLs of its fallback and its thumbnail, or null (none, or no site URL). */
export function feedPicture(article: Article, siteUrl: string | null): { picture: Picture; main: Rendition & { url: string }; thumbnail: Rendition & { url: string } } | null {
  if (article.image === undefined || siteUrl === null) return null;
  const main = fallbackRendition(article.image);
  const thumb = thumbnailRendition(article.image);
  return {
    picture: article.image,
    main: { ...main, url: siteFileUrl(siteUrl, main.src)! },
    thumbnail: { ...thumb, url: siteFileUrl(siteUrl, thumb.src)! },
  };
}

/** Characters XML forbids, dropped from a feed: one warning per text of the listed articles that held any. */
export function droppedCharacterDiagnostics(articles: readonly Article[], feedFile: string): Diagnostic[] {
  return articles.flatMap((article) => xmlLossDiagnostics(article, articleTexts(article), DROPPED_CHARACTER_RULE, feedFile));
}
