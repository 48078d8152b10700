// A site in Arabic (issue 22): its pages, the editions' included, speak Arabic around the articles (Galley's
// words from the Arabic catalog, none marked English), read right to left, and pass the Nu HTML Checker and
// axe in chromium, an English article among them marked as such.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { selectFormats } from '../../src/exporters/registry.js';
import { CATALOGS } from '../../src/messages/catalogs/index.js';
import { SiteConfig } from '../../src/model/config.js';
import { build } from '../../src/pipeline/build.js';
import { listen } from '../../src/serve/serve.js';
import { CHROMIUM, nuErrors, visit, VIEWPORTS } from '../support/browser.js';
import { describeWithTools } from '../support/tools.js';

const AR = CATALOGS.ar!;

describeWithTools([CHROMIUM, 'java'], 'an Arabic site in chromium, axe-core and the Nu HTML Checker', () => {
  let outDir: string;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-arabic-site-'));
    const seedsDir = join(root, 'seeds');
    mkdirSync(seedsDir);
    for (const seed of ['ar-floods', 'fa-book-fair', 'ur-smog', 'he-cycling']) copyFileSync(`test/fixtures/scripts/${seed}.txt`, join(seedsDir, `${seed}.txt`));
    // An English article in the Arabic site (a seed without a language would take the site's).
    writeFileSync(join(seedsDir, 'putin-north-korea.txt'), `---\nlanguage: en\ndate: 2024-11-19\n---\n${readFileSync('seeds/putin-north-korea.txt', 'utf8')}`);
    outDir = join(root, 'out');
    const config = SiteConfig.parse({ title: 'أخبار جالي', url: 'https://news.example/ar', language: 'ar', editions: { period: 'week' } });
    const result = await build({ seedsDir, outDir, config, formats: selectFormats(null) });
    if (result.failed.length > 0) throw new Error(`seeds failed: ${result.failed.join(', ')}`);
    server = await listen(outDir, 0);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says Galley\'s words in Arabic on its own pages, right to left, none marked English', () => {
    // What the English article brings of its own (its listing, its headline) is English, and says so.
    const galleys = (html: string) => html.replace(/<article lang="en"[\s\S]*?<\/article>/g, '').replace(/<li lang="en"[^>]*>[^<]*<\/li>/g, '');
    const home = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(home).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(home).toContain(AR['site.search']!);
    expect(home).toContain(AR['site.editions']!);
    expect(galleys(home)).not.toContain('lang="en"');
    const editions = readFileSync(join(outDir, 'editions/index.html'), 'utf8');
    expect(editions).toContain(`>${AR['edition.list']}</h1>`);
    expect(galleys(editions)).not.toContain('lang="en"');
    // The English article's page speaks English around it; on the Arabic pages it is marked English.
    expect(readFileSync(join(outDir, 'articles/putin-seeks-to-court-north-korea-prior-to-scheduled-visit/index.html'), 'utf8')).toContain('<h2>Download</h2>');
    expect(home).toMatch(/<article lang="en" dir="ltr">\n(?:<img [^>]*>\n)?<h2><a href="articles\/putin-/);
  });

  for (const page of ['', 'articles/ar-floods/', 'editions/', 'editions/2024-W47/']) {
    it(`${page || 'the home page'}: loads with no error, fits a phone, and axe finds no violation`, async () => {
      for (const viewport of VIEWPORTS) {
        const seen = await visit(browser, server.url + page, viewport);
        expect(seen.problems, viewport.name).toEqual([]);
        expect(seen.violations, viewport.name).toEqual([]);
        expect(seen.overflow, `${viewport.name}: horizontal scroll`).toBeLessThanOrEqual(0);
      }
    }, 120_000);
  }

  it('the Nu HTML Checker finds no error in any of its pages', async () => {
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => join(outDir, f));
    expect(files.filter((f) => f.includes('/editions/')).length).toBeGreaterThan(2);
    expect(await nuErrors(files)).toEqual([]);
  }, 120_000);
});
