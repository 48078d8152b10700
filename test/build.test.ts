// build(): what reaches out/ for good, duplicate, hostile and bad seeds.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { selectFormats } from '../src/exporters/registry.js';
import { DEFAULT_CONFIG } from '../src/model/config.js';

const DATED = (title: string, body = 'A paragraph.') => `---\ndate: 2024-06-19\n---\n${title}\n${body}\n`;

function seeds(files: Record<string, string | Uint8Array>): { seedsDir: string; outDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'galley-build-'));
  const seedsDir = join(root, 'seeds');
  mkdirSync(seedsDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(seedsDir, name), text);
  return { seedsDir, outDir: join(root, 'out') };
}

const json = selectFormats(['json']);

/** out/ as a user lists it: the hidden cache manifest aside. */
function visible(dir: string): string[] {
  return readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
}

describe('build', () => {
  it('writes one JSON per seed plus the schema, and nothing else', async () => {
    const dirs = seeds({ 'a.txt': DATED('First'), 'b.txt': DATED('Second'), 'notes.md': 'ignored' });
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(result.built.map((b) => b.slug)).toEqual(['first', 'second']);
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'first.json', 'second.json']);
  });

  it('gives later duplicate slugs -2, -3 in sorted file order, with a warning', async () => {
    const dirs = seeds({ 'c.txt': DATED('Same'), 'a.txt': DATED('Same'), 'b.txt': DATED('Same') });
    const result = await build({ ...dirs, config: { ...DEFAULT_CONFIG, url: 'https://example.org' }, formats: json });
    expect(result.built).toEqual([{ seed: 'a.txt', slug: 'same' }, { seed: 'b.txt', slug: 'same-2' }, { seed: 'c.txt', slug: 'same-3' }]);
    const third = JSON.parse(readFileSync(join(dirs.outDir, 'same-3.json'), 'utf8'));
    expect(third.url).toBe('https://example.org/articles/same-3/');
    expect(result.diagnostics.filter((d) => d.rule === 'slug/duplicate')).toHaveLength(2);
  });

  it('keeps a hostile headline inside out/', async () => {
    const dirs = seeds({ 'evil.txt': DATED('../../etc/passwd'), 'evil2.txt': '---\ndate: 2024-01-01\n---\n..\n' });
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(result.failed).toEqual([]);
    // `..` leaves nothing of the headline: the article takes its file's name.
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'etc-passwd.json', 'evil2.json']);
  });

  it('makes a slug from a file name unique like any other: an Arabic news.txt and a later "News"', async () => {
    const dirs = seeds({ 'news.txt': DATED('أخبار اليوم'), 'z.txt': DATED('News') });
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(result.built).toEqual([{ seed: 'news.txt', slug: 'news' }, { seed: 'z.txt', slug: 'news-2' }]);
    expect(result.diagnostics.filter((d) => d.rule === 'slug/duplicate')).toHaveLength(1);
  });

  it('keeps the JSON Feed apart from the article models, so an article headlined "Feed" is feed.json', async () => {
    const dirs = seeds({ 'a.txt': DATED('Feed') });
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: selectFormats(['json', 'jsonfeed']) });
    expect(result.built).toEqual([{ seed: 'a.txt', slug: 'feed' }]);
    expect(JSON.parse(readFileSync(join(dirs.outDir, 'feed.json'), 'utf8')).title).toBe('Feed');
    expect(JSON.parse(readFileSync(join(dirs.outDir, 'feeds', 'feed.json'), 'utf8')).version).toBe('https://jsonfeed.org/version/1.1');
  });

  it('builds the good seeds, reports the bad one with file and line, and writes nothing for it', async () => {
    const dirs = seeds({ 'bad.txt': '---\ndate: yesterday\n---\nTitle\n', 'good.txt': DATED('Fine') });
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(result.failed).toEqual(['bad.txt']);
    expect(result.built.map((b) => b.seed)).toEqual(['good.txt']);
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error).toMatchObject({ line: 2, rule: 'front-matter/bad-date' });
    expect(error.file.endsWith('seeds/bad.txt')).toBe(true);
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'fine.json']);
  });

  it('leaves no temp file behind', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(readdirSync(dirs.outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('records the seed path relative to the build, never an absolute path of this machine', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    const text = readFileSync(join(dirs.outDir, 'one.json'), 'utf8');
    expect(JSON.parse(text).source.path).toBe('seeds/a.txt');
    expect(text).not.toContain(tmpdir());
  });

  it('takes the date from the file when the front matter has none, and says so on every build, cached or not', async () => {
    const dirs = seeds({ 'a.txt': 'Undated\nText.\n' });
    const first = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(first.diagnostics).toContainEqual(expect.objectContaining({ rule: 'date/fallback', severity: 'warning' }));
    const again = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(again.rendered).toBe(0);
    expect(again.diagnostics).toEqual(first.diagnostics);
  });

  it('renders again only what changed, and everything with force', async () => {
    const dirs = seeds({ 'a.txt': DATED('One'), 'b.txt': DATED('Two') });
    const config = DEFAULT_CONFIG;
    expect((await build({ ...dirs, config, formats: json })).rendered).toBe(2);
    expect((await build({ ...dirs, config, formats: json })).rendered).toBe(0);
    writeFileSync(join(dirs.seedsDir, 'b.txt'), DATED('Two', 'A corrected paragraph.'));
    const third = await build({ ...dirs, config, formats: json });
    expect(third.rendered).toBe(1);
    expect(JSON.parse(readFileSync(join(dirs.outDir, 'two.json'), 'utf8')).sections[0].blocks[0].text).toBe('A corrected paragraph.');
    expect((await build({ ...dirs, config: { ...config, author: 'Desk' }, formats: json })).rendered).toBe(2);
    expect((await build({ ...dirs, config: { ...config, author: 'Desk' }, formats: json, force: true })).rendered).toBe(2);
  });

  it('renders again an output that was changed or deleted behind its back', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    writeFileSync(join(dirs.outDir, 'one.json'), '{}');
    expect((await build({ ...dirs, config: DEFAULT_CONFIG, formats: json })).rendered).toBe(1);
    expect(JSON.parse(readFileSync(join(dirs.outDir, 'one.json'), 'utf8')).title).toBe('One');
    rmSync(join(dirs.outDir, 'one.json'));
    expect((await build({ ...dirs, config: DEFAULT_CONFIG, formats: json })).rendered).toBe(1);
  });

  it('removes the files of an article whose slug moved, and nothing it did not write', async () => {
    const dirs = seeds({ 'a.txt': DATED('Talks resume'), 'b.txt': DATED('Other news') });
    const both = selectFormats(['json', 'rss']);
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: both });
    writeFileSync(join(dirs.outDir, 'mine.json'), '{"kept": true}');
    writeFileSync(join(dirs.seedsDir, 'a.txt'), DATED('Talks resumed on Monday'));
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: both });
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'feed.xml', 'mine.json', 'other-news.json', 'talks-resumed-on-monday.json']);
  });

  it('keeps the last good files of a seed that fails, and the formats a build did not select', async () => {
    const dirs = seeds({ 'a.txt': DATED('Talks resume') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: selectFormats(['json', 'rss']) });
    writeFileSync(join(dirs.seedsDir, 'a.txt'), '---\ndate: soon\n---\nTalks resume\n');
    const failed = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(failed.failed).toEqual(['a.txt']);
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'feed.xml', 'talks-resume.json']);
    writeFileSync(join(dirs.seedsDir, 'a.txt'), DATED('Talks resumed'));
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: selectFormats(['rss']) });
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'feed.xml', 'talks-resume.json']);
  });
});
