// The OPDS 1.2 catalog: out/opds/catalog.xml, a navigation feed of two acquisition feeds, the latest articles
// (opds/latest.xml, latest-2.xml, ...: every EPUB and PDF, paginated like the archive) and the editions, so
// e-reader apps (KOReader, Thorium, calibre) browse and download them.
import type { Article } from '../model/article.js';
import { fallbackRendition, thumbnailRendition } from '../model/picture.js';
import { isoSeconds } from '../markup/dates.js';
import { itemDate, newestItemDate, pageCount as countPages, pageFile, exportByPages } from '../markup/listing.js';
import { feedHead, navigationFeed, NO_DATE } from './opds/feed.js';
import { articlePagePath, catalogPagePath, folderOf, relativeLink } from '../model/layout.js';
import { escapeXml } from '../markup/xml.js';
import { articleFilePath } from '../model/layout.js';
import type { CollectionContext, CollectionExporter, PagedExporter } from '../model/output.js';
import { siteMessages } from '../messages/site.js';

const ACQUISITION = 'http://opds-spec.org/acquisition';

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * opds/catalog.xml, the navigation feed a reader app is given (the writer's first file), and the latest
 * articles' acquisition feed, opds/latest.xml, latest-2.xml, ..., a page at a time.
 */
export const exportOpdsPages: PagedExporter = (count, ctx) => {
  const pages = countPages(count);
  let newest: string | null = null;
  return {
    page(items, n) {
      // The first page is always rendered: it holds the newest date, which the navigation feed gives too.
      if (n === 1) {
        newest = newestItemDate(items);
        return [{ name: catalogPagePath(1), bytes: encode(catalogPage(items, 1, pages, ctx)) }];
      }
      const page = pageFile(catalogPagePath(n), items, n, pages, ctx, () => catalogPage(items, n, pages, ctx));
      return page === null ? [] : [page];
    },
    end: () => ({ bytes: encode(navigationFeed(ctx, newest ?? NO_DATE)), diagnostics: [], more: [] }),
  };
};

/** The catalog from every article (any order) or their pages. */
export const exportOpds: CollectionExporter = exportByPages(exportOpdsPages);

function catalogPage(items: readonly Article[], n: number, pages: number, ctx: CollectionContext): string {
  const { config } = ctx;
  const path = catalogPagePath(n);
  const words = siteMessages(config);
  return [
    ...feedHead(ctx, path, n === 1 ? words.text('opds.latest') : words.text('list.pageTitle', { title: words.text('opds.latest'), page: n, pages }),
      newestItemDate(items) ?? NO_DATE, { n, pages, pagePath: (k) => catalogPagePath(k) }),
    ...items.map((article) => entry(article, path, ctx)),
    '</feed>',
    '',
  ].join('\n');
}

/** An article with an acquisition link to each of its files the build writes, with their lengths. */
function entry(article: Article, path: string, ctx: CollectionContext): string {
  const sizes = ctx.sizes.get(article.slug) ?? {};
  const acquisitions = ([['epub', 'application/epub+zip'], ['pdf', 'application/pdf']] as const).flatMap(([format, type]) => {
    const length = sizes[format];
    return length === undefined ? [] : [`<link rel="${ACQUISITION}" href="${escapeXml(relativeLink(path, articleFilePath(format, article.slug)))}" type="${type}" length="${length}"/>`];
  });
  return [
    '<entry>',
    `<title>${escapeXml(article.title)}</title>`,
    `<id>${escapeXml(article.id)}</id>`,
    `<updated>${isoSeconds(itemDate(article))}</updated>`,
    `<published>${isoSeconds(article.published)}</published>`,
    ...article.authors.map((name) => `<author><name>${escapeXml(name)}</name></author>`),
    `<dc:language>${escapeXml(article.language)}</dc:language>`,
    `<dc:issued>${isoSeconds(article.published)}</dc:issued>`,
    `<dc:publisher>${escapeXml(ctx.config.title)}</dc:publisher>`,
    ...article.tags.map((tag) => `<category term="${escapeXml(tag)}" label="${escapeXml(tag)}"/>`),
    `<summary type="text">${escapeXml(article.summary)}</summary>`,
    ...acquisitions,
    // The cover a reader app shows, and the small one its lists show: the lead picture's renditions.
    ...(article.image === undefined ? [] : [
      `<link rel="http://opds-spec.org/image" href="${escapeXml(relativeLink(path, fallbackRendition(article.image).src))}" type="${fallbackRendition(article.image).type}"/>`,
      `<link rel="http://opds-spec.org/image/thumbnail" href="${escapeXml(relativeLink(path, thumbnailRendition(article.image).src))}" type="${thumbnailRendition(article.image).type}"/>`,
    ]),
    ...((ctx.formats ?? []).includes('html')
      ? [`<link rel="alternate" href="${escapeXml(relativeLink(path, folderOf(articlePagePath(article.slug))))}" type="text/html"/>`]
      : []),
    '</entry>',
  ].join('\n');
}
