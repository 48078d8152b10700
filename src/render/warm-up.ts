// A small article each pool thread renders before its first task, and throws away.
import { FORMATS } from '../exporters/registry.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { renderArticle } from './article.js';

const paragraph = 'The minister said on Tuesday that 1,250 families — about 4% of the town — would be moved by '
  + 'March 2025, after the river rose 3.7 m in “the worst flood in fifty years”. Officials’ figures differ; '
  + 'residents asked why aid was late, and whether the dam (built in 1968) had been inspected at all.';

/**
 * Every block type, in the serif's regular, bold and italic faces. The first article a thread renders
 * decodes the fonts' layout tables and compiles the exporters' code (~1 s, while later ones take ~30 ms);
 * a pool thread does that here, while the main thread is still reading and normalizing the seeds.
 * Nothing an exporter caches changes what it writes, so this changes no byte (test/cli/snapshot.test.ts).
 */
export const WARM_UP_ARTICLE: Article = {
  schemaVersion: 1,
  id: 'urn:uuid:00000000-0000-5000-8000-000000000000',
  slug: 'warm-up',
  title: 'Floodwater reaches the old town as the river breaks its banks',
  language: 'en',
  authors: ['Staff'],
  published: '2025-03-01T00:00:00.000Z',
  updated: null,
  url: null,
  tags: ['weather'],
  summary: paragraph,
  sections: [
    { id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: paragraph }, { type: 'paragraph', text: paragraph }] },
    { id: 'response', kicker: 'Update', heading: 'What the council will do next', blocks: [
      { type: 'paragraph', text: paragraph },
      { type: 'list', title: 'Key points', items: ['Schools closed until Monday', 'Roads reopen in stages'] },
    ] },
  ],
  related: [{ text: 'Earlier: the river at record height', url: null }],
  stats: { words: 150, readingMinutes: 1 },
  source: { path: 'warm-up.txt', sha256: '0'.repeat(64) },
};

/**
 * Load the exporters of these formats and render the warm-up article with them, before any real one: a
 * pool thread warms its article formats; the startup snapshot warms collections too (`withCollections`).
 */
export async function warmUp(formatNames: readonly string[], config: SiteConfig, withCollections = false): Promise<void> {
  await renderArticle(WARM_UP_ARTICLE, formatNames, config);
  if (!withCollections) return;
  for (const format of FORMATS) {
    if (format.kind === 'collection' && formatNames.includes(format.name)) {
      await (await format.load())([WARM_UP_ARTICLE], { config, sizes: new Map() });
    }
  }
}
