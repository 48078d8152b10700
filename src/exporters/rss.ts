// Convert the collection of Articles to a full-text RSS 2.0 feed (out/feed.xml) with the rss package.
import type RSS from 'rss';
import type { Article } from '../model/article.js';
import { FEED_FILES, feedArchivePath, siteBase, siteFileUrl } from '../model/layout.js';
import { escapeXml, xmlSafe } from '../markup/xml.js';
import { droppedCharacterDiagnostics, FEED_GENERATOR, FEED_TTL_MINUTES, feedArticles, feedContentHtml, feedPicture, pdfAttachment } from '../markup/feed.js';
import { newestItemDate } from '../markup/listing.js';
import { rssXml } from '../patches/node-rss.js';
import type { RssChannel } from '../patches/node-rss.js';
import type { CollectionContext, CollectionExporter, CollectionOutput } from '../model/output.js';
import { siteDescription } from '../messages/site.js';

/** The file name the registry writes; the feed's atom:link rel="self" points at it. */
export const RSS_FILE_NAME = FEED_FILES.rss;

/** RSS 2.0 with content:encoded, dc:creator and atom:link; the same articles always give the same bytes. */
export const exportRss: CollectionExporter = (articles, ctx) => {
  const items = feedArticles(articles, ctx.config.feedLimit);
  const archives = ctx.archives ?? 0;
  const last = siteFileUrl(ctx.config.url, feedArchivePath('rss', archives));
  // The current feed leads to the newest archive page, from which the older follow (RFC 5005).
  return rssDocument(items, ctx, RSS_FILE_NAME, archives > 0 && last !== null ? { links: [{ rel: 'prev-archive', href: last }], archive: false } : undefined);
};

/**
 * Archive page `k` of `count` (RFC 5005): its `feedLimit` articles (newest first), marked `fh:archive`, linked to
 * the current feed and to the pages before and after it. Without a site URL it has no links to give.
 */
export function rssArchivePage(items: readonly Article[], k: number, count: number, ctx: CollectionContext): Uint8Array {
  const url = (to: string) => siteFileUrl(ctx.config.url, to);
  const links = [
    { rel: 'current', href: url(RSS_FILE_NAME) },
    ...(k > 1 ? [{ rel: 'prev-archive', href: url(feedArchivePath('rss', k - 1)) }] : []),
    ...(k < count ? [{ rel: 'next-archive', href: url(feedArchivePath('rss', k + 1)) }] : []),
  ].filter((l): l is { rel: string; href: string } => l.href !== null);
  return rssDocument(items, ctx, feedArchivePath('rss', k), { links, archive: true }).bytes;
}

function rssDocument(items: readonly Article[], ctx: CollectionContext, fileName: string, history: RssChannel['history']): CollectionOutput {
  const base = siteBase(ctx.config.url);
  const feedUrl = siteFileUrl(ctx.config.url, fileName);
  const newest = newestItemDate(items);

  const xml = rssXml({
    title: xmlSafe(ctx.config.title),
    description: xmlSafe(siteDescription(ctx.config)),
    link: base,
    feedUrl,
    generator: FEED_GENERATOR,
    language: ctx.config.language,
    ttl: FEED_TTL_MINUTES,
    // The newest item's date, so the same articles give the same feed; an empty feed has none.
    lastBuildDate: newest === null ? null : new Date(newest),
    // Media RSS only where an item uses it: a feed without pictures keeps its bytes.
    media: items.some((a) => feedPicture(a, ctx.config.url) !== null),
    history,
  }, items.map((article) => rssItem(article, ctx)));
  return {
    bytes: new TextEncoder().encode(xml),
    diagnostics: droppedCharacterDiagnostics(items, fileName),
  };
}

function rssItem(article: Article, ctx: CollectionContext): RSS.ItemOptions {
  const enclosure = pdfAttachment(article, ctx);
  return {
    title: xmlSafe(article.title),
    // description is HTML in RSS: the plain-text summary is escaped so "<script>" stays text in a reader.
    description: escapeXml(article.summary),
    ...(article.url === null ? {} : { url: article.url }),
    // A guid without a URL gets isPermaLink="false" from the package; the id survives edits of the headline.
    guid: article.id,
    categories: article.tags.map(xmlSafe),
    date: article.published,
    ...(enclosure === null ? {} : { enclosure: { url: enclosure.url, size: enclosure.length, type: enclosure.type } }),
    custom_elements: [
      // <author> must be an e-mail address; the package's own `author` writes a single dc:creator.
      ...article.authors.map((name) => ({ 'dc:creator': xmlSafe(name) })),
      { 'content:encoded': { _cdata: feedContentHtml(article, ctx.config.relatedTitles, ctx.config.url) } },
      ...mediaElements(article, ctx.config.url),
    ],
  } as RSS.ItemOptions;
}

/** Media RSS for the lead picture: the picture with its text alternative and credit, and its thumbnail. */
function mediaElements(article: Article, siteUrl: string | null): object[] {
  const shown = feedPicture(article, siteUrl);
  if (shown === null) return [];
  const { picture, main, thumbnail } = shown;
  return [
    {
      'media:content': [
        { _attr: { url: main.url, type: main.type, medium: 'image', width: main.width, height: main.height } },
        ...(picture.decorative ? [] : [{ 'media:description': xmlSafe(picture.alt) }]),
        ...(picture.credit === null ? [] : [{ 'media:credit': xmlSafe(picture.credit) }]),
      ],
    },
    { 'media:thumbnail': { _attr: { url: thumbnail.url, width: thumbnail.width, height: thumbnail.height } } },
  ];
}
