// The web edition in a real browser (issue 12, item 7): Debian's chromium loads the home page, an English and
// an Arabic article from a local HTTP server, with no console error, no failed request and no horizontal
// scroll at phone width; axe-core finds no violation in the light and the dark theme; every link of out/ a page
// names answers 200; and the Nu HTML Checker finds no error in any page the build writes.
// GALLEY_SCREENSHOTS=docs/web also writes desktop and phone screenshots there (look at them before committing).
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM, nuErrors, visit, VIEWPORTS } from '../support/browser.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen } from '../../src/serve/serve.js';
import { describeWithTools } from '../support/tools.js';
import { buildWebCorpus } from '../support/web-corpus.js';

describeWithTools([CHROMIUM, 'java'], 'the web edition in chromium, axe-core and the Nu HTML Checker', () => {
  let outDir: string;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  const pages: Record<string, string> = { index: '' };

  beforeAll(async () => {
    const corpus = await buildWebCorpus();
    outDir = corpus.outDir;
    const english = corpus.slugs.find((slug) => slug.startsWith('putin-'));
    if (english === undefined) throw new Error(`no page of the project's seed among ${corpus.slugs.length} articles`);
    pages['article-en'] = `articles/${english}/`;
    pages['article-ar'] = 'articles/ar-floods/';
    pages.editions = 'editions/';
    // The newest week's edition, which holds the article with pictures.
    pages.edition = `editions/${readdirSync(join(outDir, 'editions')).filter((d) => /^\d{4}-W\d{2}$/.test(d)).sort().at(-1)!}/`;
    // galley serve's own server, a static host like any other: the test builds once and watches nothing.
    server = await listen(outDir, 0);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const name of ['index', 'article-en', 'article-ar', 'editions', 'edition']) {
    it(`${name}: loads with no error, fits a phone, and axe finds no violation in either theme`, async () => {
      const shots = process.env.GALLEY_SCREENSHOTS;
      if (shots !== undefined) mkdirSync(shots, { recursive: true });
      const links = new Set<string>();
      for (const viewport of VIEWPORTS) {
        // An article whole, downloads and footer included; the first screen of the index, which goes on for 20 articles.
        const shot = shots !== undefined && viewport.colorScheme === 'light' ? { path: join(shots, `${name}-${viewport.name}.png`), fullPage: name !== 'index' } : null;
        const seen = await visit(browser, server.url + pages[name]!, viewport, shot);
        expect(seen.problems, viewport.name).toEqual([]);
        expect(seen.violations, viewport.name).toEqual([]);
        expect(seen.overflow, `${viewport.name}: horizontal scroll`).toBeLessThanOrEqual(0);
        seen.links.forEach((link) => links.add(link));
      }
      // Every file of out/ the page names, the PDF and EPUB downloads among them, is there to fetch.
      const local = [...links].filter((link) => link.startsWith(server.url)).map((link) => link.replace(/#.*/, ''));
      if (name !== 'index' && name !== 'editions') expect(local.filter((link) => /\.(pdf|epub)$/.test(link))).toHaveLength(2);
      for (const link of new Set(local)) {
        const response = await fetch(link);
        expect(response.status, link).toBe(200);
        await response.arrayBuffer();
      }
    }, 120_000);
  }

  it('the checks see a broken page: a missing file, an image with no text, an unknown element', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-broken-page-'));
    writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html><head><title>x</title></head><body><img src="none.png"><blink>x</blink></body></html>');
    const broken = await listen(dir, 0);
    try {
      const seen = await visit(browser, broken.url, VIEWPORTS[0]);
      expect(seen.problems.join('\n')).toContain('404');
      expect(seen.violations.join('\n')).toMatch(/html-has-lang[\s\S]*image-alt/);
    } finally {
      await broken.close();
    }
    expect(await nuErrors([join(dir, 'index.html')])).not.toEqual([]);
  }, 60_000);

  it('the Nu HTML Checker finds no error in any page or in the icon', async () => {
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html') || file.endsWith('.svg'))
      .map((file) => join(outDir, file));
    expect(files.length).toBeGreaterThan(62);
    expect(await nuErrors(files)).toEqual([]);
  }, 120_000);
});
