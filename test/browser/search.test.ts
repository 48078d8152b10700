// Search in the web edition (issue 23) as a reader meets it: out/ served as a static host serves it, chromium
// typing a word of an English, an Arabic and a Japanese article into the box on the home page and on an
// Arabic page, that article listed first; axe with the results open; with JavaScript off the box says why.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';
import { staticFiles } from '../../src/serve/serve.js';
import { describeWithTools } from '../support/tools.js';

const CHROMIUM = '/usr/bin/chromium';
// A word of each article, and the article it must find first.
const WORDS = [
  ['rocket', 'launch-goes-ahead-after-two-days-of-delays'],
  ['جارفة', 'ar-floods'],
  ['桜', 'ja-sakura'],
] as const;

describeWithTools([CHROMIUM], 'search in the web edition', () => {
  let outDir: string;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-search-'));
    const seedsDir = join(root, 'seeds');
    mkdirSync(seedsDir);
    cpSync('seeds/putin-north-korea.txt', join(seedsDir, 'putin-north-korea.txt'));
    for (const f of ['ar-floods.txt', 'ja-sakura.txt', 'he-cycling.txt']) cpSync(join('test/fixtures/scripts', f), join(seedsDir, f));
    cpSync('test/fixtures/pictures', seedsDir, { recursive: true });
    outDir = join(root, 'out');
    const result = await build({ seedsDir, outDir, config: SiteConfig.parse({ url: 'https://example.org' }), formats: selectFormats(null) });
    expect(result.diagnostics.filter((d) => d.rule === 'search/not-indexed')).toEqual([]);
    server = createServer(staticFiles(outDir)).listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function search(page: Page, word: string): Promise<string[]> {
    await page.fill('.pagefind-ui__search-input', word);
    await page.waitForFunction((w) => document.querySelector('.pagefind-ui__message')?.textContent?.includes(w) === true, word);
    // The count comes first; the results follow as their fragments load.
    await page.waitForSelector('.pagefind-ui__result-link');
    return page.$$eval('.pagefind-ui__result-link', (links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  for (const start of ['index.html', 'articles/ar-floods/index.html']) {
    it(`finds an English, an Arabic and a Japanese article by a word of each, from ${start}, with nothing from another host`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      const hosts = new Set<string>();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => hosts.add(new URL(r.url()).host));
      await page.goto(`${base}/${start}`);
      for (const [word, slug] of WORDS) {
        const found = await search(page, word);
        expect(found[0], `${word} from ${start}: ${found.join(', ')}`).toBe(`/articles/${slug}/`);
      }
      expect(errors).toEqual([]);
      expect([...hosts]).toEqual([new URL(base).host]);
      await page.close();
    }, 60_000);
  }

  it('has no axe violation with the results open', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/index.html`);
    await search(page, 'rocket');
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
    await page.close();
  }, 60_000);

  it('says search needs JavaScript where it is off, and the page is whole', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/index.html`);
    expect(await page.textContent('#search')).toContain('Search needs JavaScript');
    expect(await page.$$eval('.list > li', (items) => items.length)).toBe(5);
    await context.close();
  });

  it('indexes again only when an article changed: a no-op build leaves out/pagefind/ as it was', async () => {
    const index = join(outDir, 'pagefind');
    const before = readdirSync(index).map((f) => [f, statSync(join(index, f)).mtimeMs]);
    const seedsDir = join(outDir, '..', 'seeds');
    await build({ seedsDir, outDir, config: SiteConfig.parse({ url: 'https://example.org' }), formats: selectFormats(null) });
    expect(readdirSync(index).map((f) => [f, statSync(join(index, f)).mtimeMs])).toEqual(before);
  }, 60_000);
});
