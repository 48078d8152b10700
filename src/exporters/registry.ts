// Every output format, in one list. Exporters load lazily so a build pays only for the formats it writes.
import type { ArticleRender, CollectionRender } from './types.js';

export interface ArticleFormat {
  kind: 'article';
  name: string;
  extension: string;
  load: () => Promise<ArticleRender>;
}

export interface CollectionFormat {
  kind: 'collection';
  name: string;
  /** Path under out/, with / separators. */
  fileName: string;
  load: () => Promise<CollectionRender>;
}

export type Format = ArticleFormat | CollectionFormat;

export const FORMATS: readonly Format[] = [
  { kind: 'article', name: 'json', extension: 'json', load: async () => (await import('./json.js')).exportJson },
  { kind: 'article', name: 'pdf', extension: 'pdf', load: async () => (await import('./pdf.js')).exportPdf },
  { kind: 'article', name: 'epub', extension: 'epub', load: async () => (await import('./epub.js')).exportEpub },
  { kind: 'collection', name: 'rss', fileName: 'feed.xml', load: async () => (await import('./rss.js')).exportRss },
  // Not out/feed.json: readers of out/ (and check-out) take every top-level *.json for an article model.
  { kind: 'collection', name: 'jsonfeed', fileName: 'feeds/feed.json', load: async () => (await import('./jsonfeed.js')).exportJsonFeed },
];

export const FORMAT_NAMES: readonly string[] = FORMATS.map((f) => f.name);

/** The formats named, in registry order; throws on a name no exporter has. */
export function selectFormats(names: readonly string[] | null): Format[] {
  if (names === null) return [...FORMATS];
  const unknown = names.filter((n) => !FORMAT_NAMES.includes(n));
  if (unknown.length > 0) {
    throw new Error(`unknown format ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${FORMAT_NAMES.join(', ')}`);
  }
  return FORMATS.filter((f) => names.includes(f.name));
}
