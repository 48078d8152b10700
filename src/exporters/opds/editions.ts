// The catalog's editions: an acquisition feed (opds/editions.xml, editions-2.xml, ...) of every edition's EPUB
// and PDF, newest first, paged like the archive.
import { isoSeconds } from '../../markup/dates.js';
import { PAGE_SIZE, pageCount } from '../../markup/listing.js';
import { escapeXml } from '../../markup/xml.js';
import { siteMessages } from '../../messages/site.js';
import { editionSummary } from '../../markup/words.js';
import type { EditionEntry } from '../../model/edition.js';
import { catalogPagePath, editionFilePath, folderOf, relativeLink } from '../../model/layout.js';
import { fallbackRendition, thumbnailRendition } from '../../model/picture.js';
import type { CollectionContext, EditionListExporter } from '../../model/output.js';
import { feedHead, NO_DATE } from './feed.js';

const ACQUISITION = 'http://opds-spec.org/acquisition';
const FILES = [['epub', 'application/epub+zip'], ['pdf', 'application/pdf']] as const;

/** Every page of the editions' acquisition feed (one at least, empty for none). */
export const exportEditionsCatalog: EditionListExporter = (entries, ctx) => {
  const pages = pageCount(entries.length);
  const words = siteMessages(ctx.config);
  return Array.from({ length: pages }, (_, i) => {
    const n = i + 1;
    const items = entries.slice(i * PAGE_SIZE, n * PAGE_SIZE);
    const path = catalogPagePath(n, 'editions');
    const title = n === 1 ? words.text('opds.editions') : words.text('list.pageTitle', { title: words.text('opds.editions'), page: n, pages });
    const xml = [
      ...feedHead(ctx, path, title, items[0]?.modified ?? NO_DATE, { n, pages, pagePath: (k) => catalogPagePath(k, 'editions') }),
      ...items.map((e) => entry(e, path, ctx)),
      '</feed>',
      '',
    ].join('\n');
    return { name: path, bytes: new TextEncoder().encode(xml) };
  });
};

/** An edition with an acquisition link to its EPUB and PDF, its cover picture, its top headlines as summary. */
function entry(edition: EditionEntry, path: string, ctx: CollectionContext): string {
  const words = siteMessages(ctx.config);
  const link = (to: string) => escapeXml(relativeLink(path, to));
  const summary = editionSummary(words, edition);
  return [
    '<entry>',
    `<title>${escapeXml(edition.title)}</title>`,
    `<id>${escapeXml(edition.id)}</id>`,
    `<updated>${isoSeconds(edition.modified)}</updated>`,
    `<author><name>${escapeXml(ctx.config.title)}</name></author>`,
    `<dc:language>${escapeXml(edition.language)}</dc:language>`,
    `<dc:issued>${edition.start}</dc:issued>`,
    `<dc:publisher>${escapeXml(ctx.config.title)}</dc:publisher>`,
    ...edition.sections.map((s) => `<category term="${escapeXml(s)}" label="${escapeXml(s)}"/>`),
    `<summary type="text">${escapeXml(summary)}</summary>`,
    ...FILES.flatMap(([format, type]) => {
      const length = edition.sizes[format];
      return length === undefined ? [] : [`<link rel="${ACQUISITION}" href="${link(editionFilePath(edition.key, format))}" type="${type}" length="${length}"/>`];
    }),
    ...(edition.image === undefined ? [] : [
      `<link rel="http://opds-spec.org/image" href="${link(fallbackRendition(edition.image).src)}" type="${fallbackRendition(edition.image).type}"/>`,
      `<link rel="http://opds-spec.org/image/thumbnail" href="${link(thumbnailRendition(edition.image).src)}" type="${thumbnailRendition(edition.image).type}"/>`,
    ]),
    ...((ctx.formats ?? []).includes('site') ? [`<link rel="alternate" href="${link(folderOf(editionFilePath(edition.key, 'html')))}" type="text/html"/>`] : []),
    '</entry>',
  ].join('\n');
}
