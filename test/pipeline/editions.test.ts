// Editions through the build (issue 22): articles grouped by the day (or week) of the configured time zone,
// in the configured sections; each edition written again only when its articles change; the lists of editions.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';

const seed = (date: string, title: string, tags: string[]) =>
  ['---', `date: ${date}`, ...(tags.length > 0 ? [`tags: ${tags.join(', ')}`] : []), '---', title, `${title}: the first paragraph of the story.`, ''].join('\n');

const SEEDS: Record<string, string> = {
  // 23:30 UTC on the 10th is past midnight in Berlin: the 11th's edition.
  'a.txt': seed('2024-03-10T23:30:00Z', 'Late night vote passes', ['World']),
  'b.txt': seed('2024-03-11T08:00:00Z', 'Cup final goes to extra time', ['Sport']),
  'c.txt': seed('2024-03-11T09:00:00Z', 'Summit opens in Brussels', ['Politics', 'world']),
  'd.txt': seed('2024-03-12T10:00:00Z', 'Museum reopens its doors', ['Culture']),
  'e.txt': seed('2024-03-12T11:00:00Z', 'Weather turns mild', []),
};

const EDITIONS = { period: 'day', timeZone: 'Europe/Berlin', sections: [{ name: 'World news', tags: ['world'] }, { name: 'Sport', tags: ['sport'] }] };

function site(editions: unknown = EDITIONS) {
  const root = mkdtempSync(join(tmpdir(), 'galley-editions-'));
  const seedsDir = join(root, 'seeds');
  mkdirSync(seedsDir);
  for (const [name, text] of Object.entries(SEEDS)) writeFileSync(join(seedsDir, name), text);
  const outDir = join(root, 'out');
  const options = (e: unknown = editions) => ({
    seedsDir, outDir, config: SiteConfig.parse({ title: 'The Daily Galley', url: 'https://news.example', editions: e }),
    formats: selectFormats(['json', 'html', 'rss', 'site', 'opds']),
  });
  return { seedsDir, outDir, options };
}

/** The sections of an edition's page and their articles' headlines, as the page lists them. */
function sectionsOf(html: string): [string, string[]][] {
  return [...html.matchAll(/<section><h2>([^<]+)<\/h2>([\s\S]*?)<\/section>/g)].map((m) =>
    [m[1]!, [...m[2]!.matchAll(/<h3><a [^>]*>([^<]+)<\/a><\/h3>/g)].map((h) => h[1]!)]);
}

const mtimes = (dir: string) => Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile()).map((d) => [join(d.parentPath, d.name), statSync(join(d.parentPath, d.name)).mtimeMs]));

describe('editions', () => {
  it('groups articles by the day in the editions\' time zone, into the configured sections in their order, "More news" last', async () => {
    const { outDir, options } = site();
    const result = await build(options());
    expect(result.failed).toEqual([]);
    expect(readdirSync(join(outDir, 'editions')).sort()).toEqual(['2024-03-11', '2024-03-12', 'index.html']);
    const eleventh = readFileSync(join(outDir, 'editions/2024-03-11/index.html'), 'utf8');
    expect(sectionsOf(eleventh)).toEqual([['World news', ['Summit opens in Brussels', 'Late night vote passes']], ['Sport', ['Cup final goes to extra time']]]);
    expect(eleventh).toContain('<h1>Monday, March 11, 2024</h1>');
    expect(eleventh).toContain('No. 1 · 3 articles · 2 sections');
    const twelfth = readFileSync(join(outDir, 'editions/2024-03-12/index.html'), 'utf8');
    expect(sectionsOf(twelfth)).toEqual([['More news', ['Weather turns mild', 'Museum reopens its doors']]]);
    expect(twelfth).toContain('No. 2 · 2 articles · 1 section');
    // The list: newest first, each edition's top headlines.
    const index = readFileSync(join(outDir, 'editions/index.html'), 'utf8');
    expect([...index.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1])).toEqual(['../editions/2024-03-12/', '../editions/2024-03-11/']);
    expect(index).toContain('<li>Summit opens in Brussels</li>');
    // Every site page links the editions.
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('<a href="editions/">Editions</a>');
  });

  it('groups by ISO week, Monday to Sunday, in UTC when no time zone is given', async () => {
    const { outDir, options } = site({ period: 'week' });
    await build(options());
    expect(readdirSync(join(outDir, 'editions')).sort()).toEqual(['2024-W10', '2024-W11', 'index.html']);
    const week = readFileSync(join(outDir, 'editions/2024-W11/index.html'), 'utf8');
    expect(week).toContain('<h1>Week 11 of 2024</h1>');
    // By first tag without configured sections: the newest article's section first.
    expect(sectionsOf(week).map(([name]) => name)).toEqual(['More news', 'Culture', 'Politics', 'Sport']);
  });

  it('writes an edition again only when its articles change; its files go with its last article; off, every edition goes', async () => {
    const { seedsDir, outDir, options } = site();
    await build(options());
    const before = mtimes(join(outDir, 'editions'));
    const noop = await build(options());
    expect(noop.rendered).toBe(0);
    expect(mtimes(join(outDir, 'editions'))).toEqual(before);

    writeFileSync(join(seedsDir, 'd.txt'), SEEDS['d.txt']!.replace('the first paragraph', 'the corrected first paragraph'));
    await build(options());
    const after = mtimes(join(outDir, 'editions'));
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]).map((f) => f.slice(outDir.length + 1)).sort();
    // The list shows headlines and counts only: an edit of a paragraph leaves it.
    expect(changed).toEqual(['editions/2024-03-12/index.html']);

    writeFileSync(join(seedsDir, 'f.txt'), seed('2024-03-13T07:00:00Z', 'Markets open higher', ['Business']));
    await build(options());
    expect(readFileSync(join(outDir, 'editions/2024-03-13/index.html'), 'utf8')).toContain('No. 3 · 1 article');
    // An edition added after the others numbers none of them anew.
    expect(statSync(join(outDir, 'editions/2024-03-11/index.html')).mtimeMs).toBe(after[join(outDir, 'editions/2024-03-11/index.html')]);

    rmSync(join(seedsDir, 'd.txt'));
    rmSync(join(seedsDir, 'e.txt'));
    await build(options());
    expect(existsSync(join(outDir, 'editions/2024-03-12'))).toBe(false);
    expect(readFileSync(join(outDir, 'editions/2024-03-13/index.html'), 'utf8')).toContain('No. 2 · 1 article');

    await build(options(null));
    expect(existsSync(join(outDir, 'editions'))).toBe(false);
    expect(existsSync(join(outDir, 'feeds/editions.xml'))).toBe(false);
    expect(readFileSync(join(outDir, 'opds/catalog.xml'), 'utf8')).not.toContain('editions.xml');
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).not.toContain('editions/');
  });

  it('keeps the newest `max` articles of a period', async () => {
    const { outDir, options } = site({ ...EDITIONS, max: 2 });
    await build(options());
    const eleventh = readFileSync(join(outDir, 'editions/2024-03-11/index.html'), 'utf8');
    expect(sectionsOf(eleventh)).toEqual([['World news', ['Summit opens in Brussels']], ['Sport', ['Cup final goes to extra time']]]);
  });

  it('writes each edition\'s EPUB and PDF beside its page, the lead picture of the cover article inside both', async () => {
    const { seedsDir, outDir, options } = site();
    mkdirSync(join(seedsDir, 'img'));
    copyFileSync('test/fixtures/pictures/img/launch.jpg', join(seedsDir, 'img', 'launch.jpg'));
    writeFileSync(join(seedsDir, 'launch.txt'), readFileSync('test/fixtures/pictures/launch.txt', 'utf8').replace('date: 2026-03-20', 'date: 2024-03-12T12:00:00Z'));
    const result = await build({ ...options(), formats: selectFormats(['json', 'pdf', 'epub', 'html', 'site', 'rss', 'opds']) });
    expect(result.failed).toEqual([]);
    expect(readdirSync(join(outDir, 'editions/2024-03-12')).sort()).toEqual(['2024-03-12.epub', '2024-03-12.pdf', 'index.html']);
    const page = readFileSync(join(outDir, 'editions/2024-03-12/index.html'), 'utf8');
    for (const file of ['2024-03-12.epub', '2024-03-12.pdf']) {
      const size = statSync(join(outDir, 'editions/2024-03-12', file)).size;
      expect(page).toContain(`href="../../editions/2024-03-12/${file}"`);
      expect(size).toBeGreaterThan(10_000);
    }
    const zip = execFileSync('unzip', ['-l', join(outDir, 'editions/2024-03-12/2024-03-12.epub')]).toString();
    expect(zip).toMatch(/OEBPS\/images\/[0-9a-f]{20}-\d+\.jpg/);
    const images = execFileSync('pdfimages', ['-list', join(outDir, 'editions/2024-03-12/2024-03-12.pdf')]).toString().trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThan(0);
    // The catalog's and the feed's entries give the files' true sizes.
    const epubSize = statSync(join(outDir, 'editions/2024-03-12/2024-03-12.epub')).size;
    expect(readFileSync(join(outDir, 'opds/editions.xml'), 'utf8')).toContain(`href="../editions/2024-03-12/2024-03-12.epub" type="application/epub+zip" length="${epubSize}"`);
    expect(readFileSync(join(outDir, 'feeds/editions.xml'), 'utf8')).toContain(`<enclosure url="https://news.example/editions/2024-03-12/2024-03-12.epub" length="${epubSize}" type="application/epub+zip"/>`);
  }, 120_000);
});
