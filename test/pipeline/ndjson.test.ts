// out/articles.ndjson (issue 23): every article's model, one per line, newest first, streamed from the build
// state; rewritten when an article changes, left alone by a no-op rebuild.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { build } from '../../src/pipeline/build.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';

describe('out/articles.ndjson', () => {
  it('holds every article\'s model once, newest first, as its JSON file holds it; a no-op build leaves it, an edit rewrites it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-ndjson-'));
    const seedsDir = join(root, 'seeds');
    mkdirSync(seedsDir);
    // 2,100 articles: more than the thousand lines written at a time, and not a multiple of it.
    for (let i = 0; i < 2_100; i++) writeFileSync(join(seedsDir, `s-${String(i).padStart(5, '0')}.txt`), synthSeed(i));
    const outDir = join(root, 'out');
    const config = SiteConfig.parse({ url: 'https://example.org' });
    const formats = selectFormats(['json', 'ndjson']);
    const first = await build({ seedsDir, outDir, config, formats });
    expect(first.failed).toEqual([]);
    expect(first.built).toHaveLength(2_100);
    expect(first.diagnostics.filter((d) => d.severity === 'error' || d.rule.startsWith('cache'))).toEqual([]);
    const file = join(outDir, 'articles.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2_100);
    const models = lines.map((l) => JSON.parse(l) as { slug: string; published: string });
    expect(new Set(models.map((m) => m.slug)).size).toBe(2_100);
    for (let i = 1; i < models.length; i++) {
      const [a, b] = [models[i - 1]!, models[i]!];
      expect(a.published > b.published || (a.published === b.published && a.slug < b.slug), `${a.slug} before ${b.slug}`).toBe(true);
    }
    for (const m of models.slice(0, 50)) {
      expect(JSON.stringify(JSON.parse(readFileSync(join(outDir, `${m.slug}.json`), 'utf8')))).toBe(JSON.stringify(m));
    }
    expect(readdirSync(outDir).filter((f) => f.startsWith('.articles.ndjson'))).toEqual([]);

    const written = statSync(file).mtimeMs;
    const noop = await build({ seedsDir, outDir, config, formats });
    expect(noop.rendered).toBe(0);
    expect(statSync(file).mtimeMs).toBe(written);

    writeFileSync(join(seedsDir, 's-00007.txt'), `${synthSeed(7)}\nThis article was corrected after publication.\n`);
    await build({ seedsDir, outDir, config, formats });
    const edited = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    expect(edited).toHaveLength(2_100);
    expect(edited.filter((l) => l.includes('corrected after publication'))).toHaveLength(1);
  }, 240_000);
});
