// The RSS feed of editions (feeds/editions.xml): the newest `feedLimit` editions, each item's enclosure its EPUB,
// so a podcast-style client or a script fetches each day's e-book as it comes.
import type RSS from 'rss';
import { FEED_GENERATOR, FEED_TTL_MINUTES } from '../../markup/feed.js';
import { escapeXml, xmlSafe } from '../../markup/xml.js';
import { siteMessages } from '../../messages/site.js';
import { editionSummary } from '../../markup/words.js';
import { EDITIONS_FEED, editionFilePath, editionsPagePath, folderOf, siteFileUrl } from '../../model/layout.js';
import type { EditionListExporter } from '../../model/output.js';
import { rssXml } from '../../patches/node-rss.js';

export const exportEditionsRss: EditionListExporter = (entries, ctx) => {
  const { config } = ctx;
  const words = siteMessages(config);
  const url = (name: string) => siteFileUrl(config.url, name);
  const pages = (ctx.formats ?? []).includes('site');
  const items = entries.slice(0, Math.max(0, config.feedLimit)).map((edition): RSS.ItemOptions => {
    const epub = edition.sizes.epub === undefined ? null : url(editionFilePath(edition.key, 'epub'));
    const page = pages ? url(folderOf(editionFilePath(edition.key, 'html'))) : null;
    const summary = editionSummary(words, edition);
    return {
      title: xmlSafe(edition.title),
      description: escapeXml(xmlSafe(summary)),
      ...(page === null ? {} : { url: page }),
      guid: edition.id,
      categories: edition.sections.map(xmlSafe),
      date: edition.modified,
      ...(epub === null ? {} : { enclosure: { url: epub, size: edition.sizes.epub!, type: 'application/epub+zip' } }),
    } as RSS.ItemOptions;
  });
  const xml = rssXml({
    title: xmlSafe(words.text('edition.feedTitle', { site: config.title })),
    description: xmlSafe(words.text('edition.feedDescription', { site: config.title })),
    link: pages ? url(folderOf(editionsPagePath(1))) : siteFileUrl(config.url, ''),
    feedUrl: url(EDITIONS_FEED),
    generator: FEED_GENERATOR,
    language: config.language,
    ttl: FEED_TTL_MINUTES,
    lastBuildDate: entries[0] === undefined ? null : new Date(entries[0].modified),
    media: false,
  }, items);
  return [{ name: EDITIONS_FEED, bytes: new TextEncoder().encode(xml) }];
};
