// The OPDS 1.2 catalog (out/opds/catalog.xml, catalog-2.xml, ...): an Atom acquisition feed of every EPUB and
// PDF, paginated like the archive, so e-reader apps (KOReader, Thorium, calibre) browse and download them.
import type { Article } from '../model/article.js';
import { fallbackRendition, thumbnailRendition } from '../model/picture.js';
import { uuidV5 } from '../normalize/uuid.js';
import { isoSeconds } from '../markup/dates.js';
import { itemDate, newestItemDate, OPDS_ACQUISITION_TYPE, pageCount as countPages, pageFile, exportByPages } from '../markup/listing.js';
import { articlePagePath, catalogPagePath, folderOf, relativeLink, siteBase } from '../model/layout.js';
import { escapeXml } from '../markup/xml.js';
import { articleFilePath } from '../model/layout.js';
import type { CollectionContext, CollectionExporter, PagedExporter } from '../model/output.js';
import { siteDescription } from '../messages/site.js';

const ACQUISITION = 'http://opds-spec.org/acquisition';

// Atom requires <updated>; a catalog of no article has no date of its own, and the clock is not one.
const NO_DATE = '1970-01-01T00:00:00Z';

const encode = (text: string) => new TextEncoder().encode(text);

/** opds/catalog.xml (the writer's first file), then catalog-2.xml, ..., a page at a time. */
export const exportOpdsPages: PagedExporter = (count, ctx) => {
  const pages = countPages(count);
  let first = '';
  return {
    page(items, n) {
      // The first page is the format's own file (`bytes`), always rendered, given at the end.
      if (n === 1) {
        first = catalogPage(items, 1, pages, ctx);
        return [];
      }
      const page = pageFile(catalogPagePath(n), items, n, pages, ctx, () => catalogPage(items, n, pages, ctx));
      return page === null ? [] : [page];
    },
    end: () => ({ bytes: encode(first), diagnostics: [], more: [] }),
  };
};

/** The catalog from every article (any order) or their pages. */
export const exportOpds: CollectionExporter = exportByPages(exportOpdsPages);

function catalogPage(items: readonly Article[], n: number, pages: number, ctx: CollectionContext): string {
  const { config } = ctx;
  const path = catalogPagePath(n);
  const link = (rel: string, to: string, type = OPDS_ACQUISITION_TYPE) =>
    `<link rel="${rel}" href="${escapeXml(relativeLink(path, to))}" type="${type}"/>`;
  const formats = ctx.formats ?? [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">',
    // Stable across builds and page moves: a name of the site and the page, not of its content.
    `<id>urn:uuid:${uuidV5(`${siteBase(config.url) ?? ''}${path}`)}</id>`,
    `<title>${escapeXml(n === 1 ? config.title : `${config.title} · page ${n} of ${pages}`)}</title>`,
    `<subtitle>${escapeXml(siteDescription(config))}</subtitle>`,
    `<updated>${isoSeconds(newestItemDate(items) ?? NO_DATE)}</updated>`,
    `<author><name>${escapeXml(config.title)}</name></author>`,
    link('self', path),
    link('start', catalogPagePath(1)),
    ...(pages > 1 ? [link('first', catalogPagePath(1)), link('last', catalogPagePath(pages))] : []),
    ...(n > 1 ? [link('previous', catalogPagePath(n - 1))] : []),
    ...(n < pages ? [link('next', catalogPagePath(n + 1))] : []),
    ...(formats.includes('site') ? [link('alternate', '', 'text/html')] : []),
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
