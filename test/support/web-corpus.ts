// The web edition's test site: the project's seed, 60 synthetic articles, an Arabic one and one with pictures, built under a
// path, with weekly editions.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/pipeline/build.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';
import { writeSynthSeeds } from '../../scripts/synth-seeds.mjs';

/** A site under a path, so every link that forgets the path is dead. */
export const SITE_URL = 'https://example.org/news';

export interface WebCorpus {
  outDir: string;
  slugs: string[];
}

/** Build the corpus with every format into a fresh folder (about 4 s). */
export async function buildWebCorpus(): Promise<WebCorpus> {
  const root = mkdtempSync(join(tmpdir(), 'galley-web-corpus-'));
  const seedsDir = join(root, 'seeds');
  mkdirSync(seedsDir);
  writeSynthSeeds(seedsDir, 60);
  copyFileSync('seeds/putin-north-korea.txt', join(seedsDir, 'putin-north-korea.txt'));
  copyFileSync('test/fixtures/scripts/ar-floods.txt', join(seedsDir, 'ar-floods.txt'));
  // The newest article, with a lead picture and a figure: its page and the home page's thumbnail are checked too.
  mkdirSync(join(seedsDir, 'img'));
  copyFileSync('test/fixtures/pictures/img/launch.jpg', join(seedsDir, 'img', 'launch.jpg'));
  copyFileSync('test/fixtures/pictures/launch.txt', join(seedsDir, 'launch.txt'));
  const outDir = join(root, 'out');
  // Weekly editions: the synthetic articles span nine weeks, the others three more.
  const config = SiteConfig.parse({ title: 'Galley News', url: SITE_URL, description: 'The web edition test site', editions: { period: 'week' } });
  const result = await build({ seedsDir, outDir, config, formats: selectFormats(null) });
  if (result.failed.length > 0) throw new Error(`corpus seeds failed: ${result.failed.join(', ')}`);
  return { outDir, slugs: result.built.map((b) => b.slug) };
}
