// The archive pages and the catalog of a large site are rendered page by page as they change: a page is kept
// when it would be rendered from what it was rendered from last time, and a list that got shorter loses the
// pages past its end. Whatever the build keeps, out/ equals a build from scratch.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { build } from '../../src/pipeline/build.js';
import { writeCollections } from '../../src/pipeline/collections.js';
import { outputWriter } from '../../src/pipeline/outputs.js';
import { openState } from '../../src/pipeline/state/open.js';
import { pageFile, sitePages } from '../../src/markup/listing.js';
import { isLaterPage } from '../../src/model/layout.js';
import type { CollectionFormat } from '../../src/exporters/registry.js';
import { exportOpds } from '../../src/exporters/opds.js';
import { exportSite, Sitemap } from '../../src/exporters/site.js';
import { selectFormats } from '../../src/exporters/registry.js';
import type { ArticlePages, CollectionContext, CollectionExporter } from '../../src/model/output.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import type { Article } from '../../src/model/article.js';
import { normalize } from '../../src/normalize/index.js';
import { snapshot } from '../support/cli.js';

const config = { ...DEFAULT_CONFIG, url: 'https://example.org/news' };
let freshBuilds = 0;
const formats = selectFormats(['json', 'site', 'opds', 'rss']);

describe('a site kept up to date page by page', () => {
  it('equals a site built from scratch after edits, removals and additions, and loses the pages past its end', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-pages-'));
    const seedsDir = join(root, 'seeds');
    mkdirSync(seedsDir);
    const put = (i: number, text = synthSeed(i)) => writeFileSync(join(seedsDir, `s${String(i).padStart(3, '0')}.txt`), text);
    for (let i = 0; i < 70; i++) put(i);
    const outDir = join(root, 'out');
    const run = async () => expect((await build({ seedsDir, outDir, config, formats })).failed).toEqual([]);
    const fromScratch = async () => {
      const fresh = join(root, `fresh-${++freshBuilds}`);
      cpSync(seedsDir, join(fresh, 'seeds'), { recursive: true });
      // The model names its seed by folder: the same folder name as the kept site's.
      await build({ seedsDir: join(fresh, 'seeds'), outDir: join(fresh, 'out'), config, formats });
      return snapshot(join(fresh, 'out'));
    };
    await run();
    expect(existsSync(join(outDir, 'page/4/index.html'))).toBe(true);

    put(33, synthSeed(33).replace(/^(---\n[\s\S]*?\n---\n)[^\n]+/, '$1A headline edited on page two'));
    await run();
    const archive = [...snapshot(outDir)].filter(([name]) => name === 'index.html' || name.startsWith('page/'));
    expect(archive.filter(([, bytes]) => bytes.includes('A headline edited on page two'))).toHaveLength(1);
    expect(snapshot(outDir)).toEqual(await fromScratch());

    for (let i = 0; i < 45; i++) rmSync(join(seedsDir, `s${String(i).padStart(3, '0')}.txt`));
    await run();
    expect(['page/2/index.html', 'page/3/index.html', 'page/4/index.html', 'opds/latest-2.xml', 'opds/latest-4.xml']
      .map((page) => existsSync(join(outDir, page)))).toEqual([true, false, false, true, false]);
    expect(existsSync(join(outDir, 'page/3'))).toBe(false);
    expect(snapshot(outDir)).toEqual(await fromScratch());

    for (let i = 100; i < 110; i++) put(i);
    await run();
    expect(snapshot(outDir)).toEqual(await fromScratch());
  }, 60_000);
});

describe('pages keyed by what they are rendered from', () => {
  const articles: Article[] = Array.from({ length: 45 }, (_, i) =>
    normalize(synthSeed(i), `s${i}.txt`, { config, fallbackDate: null }).article);
  const sizes = new Map(articles.map((a) => [a.slug, { pdf: 1000, epub: 2000 }]));

  it.each([['site', exportSite, 'page/2/index.html'], ['opds', exportOpds, 'opds/latest-2.xml']] as const)(
    '%s leaves out the pages the memo holds, and keys the others by their own articles only', async (_, render, second) => {
      const keys = async (list: readonly Article[], written: CollectionContext['written'] = () => false) => {
        const out = await render(list, { config, sizes, formats: ['json', 'site', 'opds'], written });
        return new Map((out.more ?? []).filter((f) => f.key !== undefined).map((f) => [f.name, f.key!]));
      };
      const before = await keys(articles);
      expect(before.size).toBeGreaterThanOrEqual(2);
      expect(before.has(second)).toBe(true);
      // Without a memo, nothing is keyed: a library caller gets every page.
      const plain = await render(articles, { config, sizes });
      expect(plain.more?.every((f) => f.key === undefined)).toBe(true);
      // The memo holds page 2: it is left out, the others are rendered.
      const held = await keys(articles, (name, key) => name === second && key === before.get(second));
      expect([...held.keys()]).toEqual([...before.keys()].filter((n) => n !== second));
      // An article of the last page changed: the last page's key moves, page 2's does not.
      const newestFirst = [...articles].sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.slug < b.slug ? -1 : 1));
      const last = newestFirst.at(-1)!;
      const after = await keys(articles.map((a) => (a === last ? { ...a, title: 'Changed' } : a)));
      const lastPage = [...before.keys()].at(-1)!;
      expect(after.get(second)).toBe(before.get(second));
      expect(after.get(lastPage)).not.toBe(before.get(lastPage));
    });
});

describe('articles given a page at a time', () => {
  it.each(['site', 'opds', 'rss', 'jsonfeed'] as const)('%s writes the same files from pages as from the whole list', async (name) => {
    const articles: Article[] = Array.from({ length: 47 }, (_, i) =>
      normalize(synthSeed(i), `s${i}.txt`, { config, fallbackDate: null }).article);
    const sizes = new Map(articles.map((a) => [a.slug, { pdf: 1000 + a.slug.length, epub: 2000 }]));
    const sorted = [...articles].sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    const pages: ArticlePages = {
      count: sorted.length,
      *pages(size) {
        for (let i = 0; i < sorted.length; i += size) yield sorted.slice(i, i + size);
      },
    };
    const render = await selectFormats([name])[0]!.load() as CollectionExporter;
    const ctx = { config, sizes, formats: ['json', 'pdf', 'epub', 'html', 'site', 'opds'] };
    const whole = await render(articles, ctx);
    const paged = await render(pages, ctx);
    expect(Buffer.from(paged.bytes).toString()).toBe(Buffer.from(whole.bytes).toString());
    expect((paged.more ?? []).map((f) => [f.name, Buffer.from(f.bytes).toString()])).toEqual((whole.more ?? []).map((f) => [f.name, Buffer.from(f.bytes).toString()]));
    if (name === 'site' || name === 'opds') expect(whole.more!.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the sitemap of a large site', () => {
  it('is an index of sitemaps within the protocol\'s limit, listing the same URLs in the same order', () => {
    const articles: Article[] = Array.from({ length: 23 }, (_, i) => normalize(synthSeed(i), `s${i}.txt`, { config, fallbackDate: null }).article);
    const fill = (map: Sitemap) => {
      for (let n = 1; n <= 2; n++) map.add(n, articles.slice((n - 1) * 20, n * 20));
      return map.files();
    };
    const whole = fill(new Sitemap(config, true));
    const split = fill(new Sitemap(config, true, 10));
    expect(whole.parts).toEqual([]);
    expect(split.parts.map((p) => p.name)).toEqual(['sitemaps/sitemap-1.xml', 'sitemaps/sitemap-2.xml', 'sitemaps/sitemap-3.xml']);
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs(split.main)).toEqual(split.parts.map((p) => `https://example.org/news/${p.name}`));
    expect(split.main).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    expect(split.parts.map((p) => locs(p.xml).length)).toEqual([10, 10, 5]);
    expect(split.parts.flatMap((p) => locs(p.xml))).toEqual(locs(whole.main));
    expect(['sitemaps/sitemap-3.xml', 'page/2/index.html', 'opds/latest-9.xml', 'sitemap.xml', 'index.html', '../sitemaps/sitemap-1.xml']
      .map(isLaterPage)).toEqual([true, true, true, false, false, false]);
  });
});

describe('the build\'s memo of pages', () => {
  it('keeps a page only within one context: another (Galley\'s code, config, formats) renders every page again', async () => {
    let template = 'old';
    // A paged format whose pages show the template: a stand-in for a change to an exporter's code.
    const stub: CollectionFormat = {
      kind: 'collection', name: 'stub', fileName: 'stub/1.txt', load: async () => (articles, ctx) => {
        const list = [...sitePages(articles).pages].flat();
        const more = [2, 3].map((n) => pageFile(`stub/${n}.txt`, list.slice(n - 1, n), n, 3, ctx, () => `${template} ${n}`));
        return { bytes: new TextEncoder().encode(template), diagnostics: [], more: more.filter((f) => f !== null) };
      },
    };
    const root = mkdtempSync(join(tmpdir(), 'galley-memo-'));
    mkdirSync(join(root, 'seeds'));
    for (let i = 0; i < 3; i++) writeFileSync(join(root, 'seeds', `s${i}.txt`), synthSeed(i));
    const outDir = join(root, 'out');
    await build({ seedsDir: join(root, 'seeds'), outDir, config, formats: selectFormats(['json']) });
    const write = async (context: string, built: string) => {
      const state = openState(outDir);
      try {
        await writeCollections(state, { outDir, config, formats: [stub] }, outputWriter(outDir, undefined), context, built, []);
      } finally {
        state.close();
      }
    };
    const page2 = () => readFileSync(join(outDir, 'stub/2.txt'), 'utf8');
    await write('context one', 'a');
    template = 'new';
    await write('context one', 'b'); // the same inputs in the same context: the page is kept
    expect([page2(), readFileSync(join(outDir, 'stub/1.txt'), 'utf8')]).toEqual(['old 2', 'new']);
    await write('context two', 'b');
    expect(page2()).toBe('new 2');
  });
});
