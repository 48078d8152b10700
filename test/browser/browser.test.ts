// The web edition in a real browser (issue 12, item 7): Debian's chromium loads the home page, an English and
// an Arabic article from a local HTTP server, with no console error, no failed request and no horizontal
// scroll at phone width; axe-core finds no violation in the light and the dark theme; every link of out/ a page
// names answers 200; and the Nu HTML Checker finds no error in any page the build writes.
// GALLEY_SCREENSHOTS=docs/web also writes desktop and phone screenshots there (look at them before committing).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen } from '../../src/serve/serve.js';
import { describeWithTools } from '../support/tools.js';
import { buildWebCorpus } from '../support/web-corpus.js';

// Never a browser Playwright downloads: the one Debian ships and CI installs with apt.
const CHROMIUM = '/usr/bin/chromium';
const VNU = 'node_modules/vnu-jar/build/dist/vnu.jar';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, colorScheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, colorScheme: 'dark' },
  { name: 'phone', width: 390, height: 844, colorScheme: 'light' },
] as const;

interface Visit {
  problems: string[];
  violations: string[];
  overflow: number;
  links: string[];
}

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
    // galley serve's own server, a static host like any other: the test builds once and watches nothing.
    server = await listen(outDir, 0);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(url: string, viewport: (typeof VIEWPORTS)[number], screenshot: { path: string; fullPage: boolean } | null = null): Promise<Visit> {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: viewport.colorScheme });
    const page: Page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
    try {
      await page.goto(url, { waitUntil: 'load' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (screenshot !== null) await page.screenshot(screenshot);
      const links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href]')].map((e) => (e as HTMLAnchorElement).href));
      // axe goes in after the screenshot: the page is drawn as Galley wrote it.
      await page.addScriptTag({ content: axe.source });
      const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
      const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      return { problems, violations, overflow, links };
    } finally {
      await context.close();
    }
  }

  for (const name of ['index', 'article-en', 'article-ar']) {
    it(`${name}: loads with no error, fits a phone, and axe finds no violation in either theme`, async () => {
      const shots = process.env.GALLEY_SCREENSHOTS;
      if (shots !== undefined) mkdirSync(shots, { recursive: true });
      const links = new Set<string>();
      for (const viewport of VIEWPORTS) {
        // An article whole, downloads and footer included; the first screen of the index, which goes on for 20 articles.
        const shot = shots !== undefined && viewport.colorScheme === 'light' ? { path: join(shots, `${name}-${viewport.name}.png`), fullPage: name !== 'index' } : null;
        const seen = await visit(server.url + pages[name]!, viewport, shot);
        expect(seen.problems, viewport.name).toEqual([]);
        expect(seen.violations, viewport.name).toEqual([]);
        expect(seen.overflow, `${viewport.name}: horizontal scroll`).toBeLessThanOrEqual(0);
        seen.links.forEach((link) => links.add(link));
      }
      // Every file of out/ the page names, the PDF and EPUB downloads among them, is there to fetch.
      const local = [...links].filter((link) => link.startsWith(server.url)).map((link) => link.replace(/#.*/, ''));
      if (name !== 'index') expect(local.filter((link) => /\.(pdf|epub)$/.test(link))).toHaveLength(2);
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
      const seen = await visit(broken.url, VIEWPORTS[0]);
      expect(seen.problems.join('\n')).toContain('404');
      expect(seen.violations.join('\n')).toMatch(/html-has-lang[\s\S]*image-alt/);
    } finally {
      await broken.close();
    }
    expect(await nuErrors([join(dir, 'index.html')])).not.toEqual([]);
  }, 60_000);

  async function nuErrors(files: readonly string[]): Promise<string[]> {
    let report: string;
    try {
      const { stderr } = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--also-check-svg', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 });
      report = stderr;
    } catch (error) {
      // vnu exits 1 when it finds an error; the report is on stderr either way.
      report = (error as { stderr?: string }).stderr ?? String(error);
    }
    const messages = (JSON.parse(report) as { messages: { type: string; url: string; message: string; lastLine?: number }[] }).messages;
    return messages.map((m) => `${m.url.replace(/^.*\/out\//, '')}:${m.lastLine ?? 0}: ${m.type}: ${m.message}`);
  }

  it('the Nu HTML Checker finds no error in any page or in the icon', async () => {
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html') || file.endsWith('.svg'))
      .map((file) => join(outDir, file));
    expect(files.length).toBeGreaterThan(62);
    expect(await nuErrors(files)).toEqual([]);
  }, 120_000);
});
