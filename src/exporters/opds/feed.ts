// What every feed of the OPDS catalog shares (its head: id, titles, dates, links), and the navigation feed at
// its root that leads to the acquisition feeds.
import { isoSeconds } from '../../markup/dates.js';
import { OPDS_ACQUISITION_TYPE, OPDS_NAVIGATION_TYPE } from '../../markup/listing.js';
import { escapeXml } from '../../markup/xml.js';
import { siteDescription, siteMessages } from '../../messages/site.js';
import { CATALOG_ROOT, catalogPagePath, relativeLink, siteBase } from '../../model/layout.js';
import type { CollectionContext } from '../../model/output.js';
import { uuidV5 } from '../../normalize/uuid.js';

// Atom requires <updated>; a catalog of no article has no date of its own, and the clock is not one.
export const NO_DATE = '1970-01-01T00:00:00Z';

const NAMESPACES = 'xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog"';

/** Stable across builds and page moves: a name of the site and the page, not of its content. */
function feedId(ctx: CollectionContext, path: string): string {
  return `urn:uuid:${uuidV5(`${siteBase(ctx.config.url) ?? ''}${path}`)}`;
}

/** `<feed>` through its links: an acquisition feed's page `n` of `pages`, or (without paging) the navigation feed. */
export function feedHead(ctx: CollectionContext, path: string, title: string, updated: string,
  paging: { n: number; pages: number; pagePath: (k: number) => string } | null, kind: 'acquisition' | 'navigation' = 'acquisition'): string[] {
  const { config } = ctx;
  const type = kind === 'acquisition' ? OPDS_ACQUISITION_TYPE : OPDS_NAVIGATION_TYPE;
  const link = (rel: string, to: string, linkType = type) => `<link rel="${rel}" href="${escapeXml(relativeLink(path, to))}" type="${linkType}"/>`;
  const pages = paging === null ? [] : [
    ...(paging.pages > 1 ? [link('first', paging.pagePath(1)), link('last', paging.pagePath(paging.pages))] : []),
    ...(paging.n > 1 ? [link('previous', paging.pagePath(paging.n - 1))] : []),
    ...(paging.n < paging.pages ? [link('next', paging.pagePath(paging.n + 1))] : []),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed ${NAMESPACES} xml:lang="${escapeXml(config.language)}">`,
    `<id>${feedId(ctx, path)}</id>`,
    `<title>${escapeXml(title)}</title>`,
    `<subtitle>${escapeXml(siteDescription(config))}</subtitle>`,
    `<updated>${isoSeconds(updated)}</updated>`,
    `<author><name>${escapeXml(config.title)}</name></author>`,
    link('self', path),
    link('start', CATALOG_ROOT, OPDS_NAVIGATION_TYPE),
    ...(kind === 'acquisition' ? [link('up', CATALOG_ROOT, OPDS_NAVIGATION_TYPE)] : []),
    ...pages,
    ...((ctx.formats ?? []).includes('site') ? [link('alternate', '', 'text/html')] : []),
  ];
}

/**
 * The catalog's root: a navigation feed whose entries lead to the latest articles and, where the site has
 * editions, to the editions. `updated` is the newest article's date, which no edition is newer than.
 */
export function navigationFeed(ctx: CollectionContext, updated: string): string {
  const path = CATALOG_ROOT;
  const words = siteMessages(ctx.config);
  const entry = (to: string, rel: string, title: string, summary: string) => [
    '<entry>',
    `<title>${escapeXml(title)}</title>`,
    `<id>${feedId(ctx, to)}</id>`,
    `<updated>${isoSeconds(updated)}</updated>`,
    `<content type="text">${escapeXml(summary)}</content>`,
    `<link rel="${rel}" href="${escapeXml(relativeLink(path, to))}" type="${OPDS_ACQUISITION_TYPE}"/>`,
    '</entry>',
  ].join('\n');
  return [
    ...feedHead(ctx, path, ctx.config.title, updated, null, 'navigation'),
    entry(catalogPagePath(1), 'http://opds-spec.org/sort/new', words.text('opds.latest'), words.text('opds.latestSummary')),
    ...(ctx.config.editions === null ? [] : [entry(catalogPagePath(1, 'editions'), 'subsection', words.text('opds.editions'), words.text('opds.editionsSummary'))]),
    '</feed>',
    '',
  ].join('\n');
}
