// An incremental build after the config or the site URL changed equals a fresh build (issue 24, D1): what the
// model takes from the config must be part of what decides that a seed is current.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { FORMAT_NAMES, selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';

const formats = selectFormats(FORMAT_NAMES);

const SEEDS: Record<string, string> = {
  'a.txt': '---\ndate: 2024-01-01\n---\nHello world\nA paragraph.\n',
  'b.txt': '---\ndate: 2024-01-02\nauthor: Named Writer\n---\nSecond story\nAnother paragraph.\n',
  // No date: it falls back on the file's time, which the fresh build reads the same.
  'c.txt': 'Third story\nA paragraph with no date.\n',
};

function seedsDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'galley-config-')), 'seeds');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(SEEDS)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every file of out/ but the build state, by its path. */
function files(dir: string, root = dir, into = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.galley') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) files(path, root, into);
    else into.set(relative(root, path), readFileSync(path));
  }
  return into;
}

function expectSameFiles(incremental: string, fresh: string): void {
  const got = files(incremental);
  const want = files(fresh);
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [name, bytes] of want) expect(got.get(name)!.equals(bytes), `${name} differs from a fresh build's`).toBe(true);
}

const config = fc.record({
  url: fc.constantFrom(undefined, 'https://a.example', 'https://b.example/news'),
  author: fc.constantFrom(undefined, 'Alice', 'Bob'),
  title: fc.constantFrom(undefined, 'The Daily'),
  language: fc.constantFrom(undefined, 'de'),
  pageSize: fc.constantFrom(undefined, 'Letter'),
  feedLimit: fc.constantFrom(undefined, 1),
}, { requiredKeys: [] }).map((c) => SiteConfig.parse(JSON.parse(JSON.stringify(c))));

describe('a changed config or site URL', () => {
  it('reaches the articles whose seeds did not change: links, ids and the default author', async () => {
    const dir = seedsDir();
    const out = join(dir, '..', 'out');
    await build({ seedsDir: dir, outDir: out, config: SiteConfig.parse({ author: 'Alice', url: 'https://a.example' }), formats });
    const result = await build({ seedsDir: dir, outDir: out, config: SiteConfig.parse({ author: 'Bob', url: 'https://b.example' }), formats });
    expect(result.rendered).toBe(3);
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).not.toContain('a.example');
    expect(feed).toContain('<link>https://b.example/articles/hello-world/</link>');
    expect(feed).toContain('<dc:creator>Bob</dc:creator>');
    const model = JSON.parse(readFileSync(join(out, 'hello-world.json'), 'utf8'));
    expect([model.authors, model.url]).toEqual([['Bob'], 'https://b.example/articles/hello-world/']);
  });

  it('and a renamed seeds folder reach the model, which names its source by that folder', async () => {
    const dir = seedsDir();
    const out = join(dir, '..', 'out');
    await build({ seedsDir: dir, outDir: out, config: SiteConfig.parse({}), formats: selectFormats(['json']) });
    const moved = join(dir, '..', 'renamed');
    renameSync(dir, moved);
    await build({ seedsDir: moved, outDir: out, config: SiteConfig.parse({}), formats: selectFormats(['json']) });
    expect(JSON.parse(readFileSync(join(out, 'hello-world.json'), 'utf8')).source.path).toBe('renamed/a.txt');
  });

  it('after any sequence of configs, an incremental build equals a fresh one byte for byte', async () => {
    await fc.assert(fc.asyncProperty(fc.array(config, { minLength: 2, maxLength: 4 }), async (configs) => {
      const dir = seedsDir();
      const out = join(dir, '..', 'out');
      for (const c of configs) await build({ seedsDir: dir, outDir: out, config: c, formats });
      const fresh = join(dir, '..', 'fresh');
      await build({ seedsDir: dir, outDir: fresh, config: configs.at(-1)!, formats });
      expectSameFiles(out, fresh);
    }), { numRuns: 20 });
  }, 240_000);
});
