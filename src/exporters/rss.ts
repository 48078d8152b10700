// Convert the collection of Articles to a full-text RSS 2.0 feed (out/feed.xml) with the rss package.
import RSS from 'rss';
import type { Article } from '../model/article.js';
import { FEED_FILES } from './shared/site.js';
import { escapeXml, xmlSafe } from './shared/xml.js';
import {
  droppedCharacterDiagnostics, FEED_GENERATOR, FEED_TTL_MINUTES, feedArticles, feedContentHtml,
  newestItemDate, pdfAttachment, siteBase, siteFileUrl,
} from './shared/feed.js';
import type { CollectionContext, CollectionRender } from './types.js';

/** The file name the registry writes; the feed's atom:link rel="self" points at it. */
export const RSS_FILE_NAME = FEED_FILES.rss;

// U+FFFF is a noncharacter that xmlSafe() strips from every text we hand to the rss package, so it can
// mark the values we must rewrite afterwards without ever matching article or config text.
const MARK = '\uFFFF';

/** RSS 2.0 with content:encoded, dc:creator and atom:link; the same articles always give the same bytes. */
export const exportRss: CollectionRender = (articles, ctx) => {
  const items = feedArticles(articles, ctx.config.feedLimit);
  const base = siteBase(ctx.config.url);
  const feedUrl = siteFileUrl(ctx.config.url, RSS_FILE_NAME);

  // The typings claim site_url and feed_url are required; the package treats both as optional.
  const options = {
    title: xmlSafe(ctx.config.title),
    description: xmlSafe(ctx.config.description),
    // Without a site URL the package writes its own GitHub page as <link>; the mark lets us remove it. RSS 2.0
    // lists the channel link as required, but a made-up URL would be worse than none: parsers accept the gap.
    site_url: base ?? MARK,
    ...(feedUrl === null ? {} : { feed_url: feedUrl }),
    // The package always stamps lastBuildDate with the clock, right after <generator>: marked to be replaced.
    generator: FEED_GENERATOR + MARK,
    language: ctx.config.language,
    ttl: FEED_TTL_MINUTES,
  } as RSS.FeedOptions;
  const feed = new RSS(options);
  for (const article of items) feed.item(rssItem(article, ctx));

  const xml = fixChannel(feed.xml({ indent: '  ' }), newestItemDate(items));
  return {
    bytes: new TextEncoder().encode(xml),
    diagnostics: droppedCharacterDiagnostics(items, RSS_FILE_NAME),
  };
};

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
      { 'content:encoded': { _cdata: feedContentHtml(article, ctx.config.relatedTitles) } },
    ],
  } as RSS.ItemOptions;
}

/** Put the newest item's date in lastBuildDate (none for an empty feed), drop the stand-in link, end with a newline. */
function fixChannel(xml: string, newest: string | null): string {
  let dated = false;
  const fixed = xml
    .replace('?><rss ', '?>\n<rss ')
    .replace(new RegExp(`\\n *<link>${MARK}</link>`), '')
    .replace(new RegExp(`<generator>${escapeRegExp(FEED_GENERATOR)}${MARK}</generator>(\\n *)<lastBuildDate>[^<]*</lastBuildDate>`), (_, gap: string) => {
      dated = true;
      const generator = `<generator>${FEED_GENERATOR}</generator>`;
      return newest === null ? generator : `${generator}${gap}<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>`;
    });
  // A future rss release that lays the channel out differently must fail loudly, not leak the clock.
  if (!dated || fixed.includes(MARK)) throw new Error('rss: unexpected channel layout; cannot fix lastBuildDate');
  return fixed.endsWith('\n') ? fixed : `${fixed}\n`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
