// An EPUB rendered in another process, under another time zone and locale, is byte-identical to one rendered here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEpub } from '../../src/exporters/epub.js';
import type { Article } from '../../src/model/article.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../src/model/config.js';
import { sampleArticle } from '../support/article.js';

async function render(article: Article, config: SiteConfig = DEFAULT_CONFIG) {
  return exportEpub(article, { config });
}

describe('EPUB reproducibility in another process, time zone and locale', () => {
  let dir: string;
  beforeAll(() => {
    // Node 20 cannot run TypeScript: compile the project to a scratch folder and run the exporter from there.
    dir = mkdtempSync(join(tmpdir(), 'galley-epub-tz-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    try {
      execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', join(dir, 'build'), '--rootDir', '.'], { stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; a missing output fails the test below.
    }
    mkdirSync(join(dir, 'out'), { recursive: true });
    writeFileSync(join(dir, 'render.mjs'), [
      "import { writeFileSync } from 'node:fs';",
      "import { exportEpub } from './build/src/exporters/epub.js';",
      "import { sampleArticle } from './build/test/support/article.js';",
      "import { DEFAULT_CONFIG } from './build/src/model/config.js';",
      'const article = sampleArticle(JSON.parse(process.argv[3]));',
      'const { bytes } = await exportEpub(article, { config: DEFAULT_CONFIG });',
      'writeFileSync(process.argv[2], bytes);',
    ].join('\n'));
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // "tlh" is a valid tag ICU has no data for: Intl would fall back to the process locale.
  it.each([['the sample', {}], ['an article in a language ICU lacks', { language: 'tlh' }]])(
    'gives the same bytes for %s under TZ=Pacific/Kiritimati and a German locale',
    async (_, overrides: Partial<Article>) => {
      const out = join(dir, 'out', `${createHash('sha256').update(JSON.stringify(overrides)).digest('hex')}.epub`);
      execFileSync(process.execPath, [join(dir, 'render.mjs'), out, JSON.stringify(overrides)], {
        env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
        stdio: 'pipe',
      });
      const here = (await render(sampleArticle(overrides))).bytes;
      expect(Buffer.from(readFileSync(out)).equals(Buffer.from(here))).toBe(true);
    },
    60_000,
  );
});
