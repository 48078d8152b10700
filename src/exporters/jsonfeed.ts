// Convert the collection of Articles to a JSON Feed 1.1 (out/feeds/feed.json), for systems that read JSON rather than XML.
import type { Article } from '../model/article.js';
import { FEED_FILES, feedArchivePath, siteBase, siteFileUrl } from '../model/layout.js';
import { xmlSafe } from '../markup/xml.js';
import { droppedCharacterDiagnostics, feedArticles, feedContentHtml, feedPicture, pdfAttachment } from '../markup/feed.js';
import type { CollectionContext, CollectionExporter } from '../model/output.js';
import { siteDescription } from '../messages/site.js';

/** The path under out/ the registry writes; the feed's feed_url points at it. */
export const JSON_FEED_FILE_NAME = FEED_FILES.jsonFeed;

/** The version URL a JSON Feed 1.1 declares. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * JSON Feed 1.1, same items and order as the RSS feed, 2-space indented with a trailing newline.
 * Absent values are left out rather than null: the spec types every field as a string, number or array.
 */
export const exportJsonFeed: CollectionExporter = (articles, ctx) => {
  const items = feedArticles(articles, ctx.config.feedLimit);
  const archives = ctx.archives ?? 0;
  // The older items continue at the newest archive page, and on from each page to the one before it.
  const next = archives > 0 ? siteFileUrl(ctx.config.url, feedArchivePath('jsonfeed', archives)) : null;
  return { bytes: jsonFeedDocument(items, ctx, next), diagnostics: droppedCharacterDiagnostics(items, JSON_FEED_FILE_NAME) };
};

/** Archive page `k` (see feedArchivePath): its articles newest first, `next_url` the page before it. */
export function jsonFeedArchivePage(items: readonly Article[], k: number, ctx: CollectionContext): Uint8Array {
  return jsonFeedDocument(items, ctx, k > 1 ? siteFileUrl(ctx.config.url, feedArchivePath('jsonfeed', k - 1)) : null);
}

function jsonFeedDocument(items: readonly Article[], ctx: CollectionContext, next: string | null): Uint8Array {
  const feed = {
    version: JSON_FEED_VERSION,
    title: xmlSafe(ctx.config.title),
    home_page_url: siteBase(ctx.config.url) ?? undefined,
    feed_url: siteFileUrl(ctx.config.url, JSON_FEED_FILE_NAME) ?? undefined,
    next_url: next ?? undefined,
    description: xmlSafe(siteDescription(ctx.config)),
    language: ctx.config.language,
    items: items.map((article) => jsonFeedItem(article, ctx)),
  };
  return new TextEncoder().encode(JSON.stringify(feed, null, 2) + '\n');
}

function jsonFeedItem(article: Article, ctx: CollectionContext) {
  const pdf = pdfAttachment(article, ctx);
  const picture = feedPicture(article, ctx.config.url);
  // JSON could carry control characters as escapes, but content_html is HTML and other fields end up in
  // HTML views: the same characters are dropped as in the RSS feed, so both feeds say the same thing.
  return {
    id: article.id,
    url: article.url ?? undefined,
    title: xmlSafe(article.title),
    content_html: feedContentHtml(article, ctx.config.relatedTitles, ctx.config.url),
    image: picture?.main.url,
    banner_image: picture?.main.url,
    summary: xmlSafe(article.summary),
    date_published: article.published,
    date_modified: article.updated ?? undefined,
    authors: article.authors.map((name) => ({ name: xmlSafe(name) })),
    tags: article.tags.length > 0 ? article.tags.map(xmlSafe) : undefined,
    language: article.language,
    attachments: pdf === null
      ? undefined
      : [{ url: pdf.url, mime_type: pdf.type, size_in_bytes: pdf.length }],
  };
}
