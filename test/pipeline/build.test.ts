// build(): what reaches out/ for good, duplicate, hostile and bad seeds.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { FORMAT_NAMES, selectFormats } from '../../src/exporters/registry.js';
import { checkLinks } from '../../scripts/check-links.mjs';
import { DEFAULT_CONFIG } from '../../src/model/config.js';

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

describe('a build with some of the formats (issue 24, D8)', () => {
  it('leaves no dead link: a deleted article\'s files stay while a list it did not rewrite names them', async () => {
    const dirs = seeds({ 'a.txt': DATED('First'), 'b.txt': DATED('Second'), 'c.txt': DATED('Third') });
    const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };
    await build({ ...dirs, config, formats: selectFormats(FORMAT_NAMES) });
    rmSync(join(dirs.seedsDir, 'b.txt'));

    await build({ ...dirs, config, formats: selectFormats(['json', 'html']) });
    expect(checkLinks(dirs.outDir, 'https://news.example').dead).toEqual([]);
    expect(readFileSync(join(dirs.outDir, 'feed.xml'), 'utf8')).toContain('https://news.example/articles/second/');

    // The next build that writes every list deletes them, and the lists no longer name them.
    await build({ ...dirs, config, formats: selectFormats(FORMAT_NAMES) });
    expect(checkLinks(dirs.outDir, 'https://news.example').dead).toEqual([]);
    expect(existsSync(join(dirs.outDir, 'articles/second/index.html'))).toBe(false);
    expect(visible(dirs.outDir).filter((f) => f.startsWith('second'))).toEqual([]);
  });
});

describe('seeds that are not plain files', () => {
  it('follows a symlink to a regular file inside the seeds folder, and skips any other *.txt with a warning naming it', async () => {
    const dirs = seeds({ 'a.txt': DATED('Original') });
    const { seedsDir } = dirs;
    mkdirSync(join(seedsDir, 'drafts'));
    writeFileSync(join(seedsDir, 'drafts', 'kept.md'), DATED('Kept in drafts'));
    symlinkSync('a.txt', join(seedsDir, 'b-link.txt'));
    symlinkSync('drafts/kept.md', join(seedsDir, 'c-link.txt'));
    symlinkSync('/etc/passwd', join(seedsDir, 'd-passwd.txt'));
    symlinkSync('gone.txt', join(seedsDir, 'e-dangling.txt'));
    symlinkSync('drafts', join(seedsDir, 'f-folder-link.txt'));
    mkdirSync(join(seedsDir, 'g-folder.txt'));
    expect(spawnSync('mkfifo', [join(seedsDir, 'h-fifo.txt')]).status).toBe(0);
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(result.seeds).toEqual(['a.txt', 'b-link.txt', 'c-link.txt']);
    expect(result.built.map((b) => b.slug)).toEqual(['original', 'original-2', 'kept-in-drafts']);
    const skipped = result.diagnostics.filter((d) => d.rule === 'seed/skipped');
    expect(skipped.map((d) => [d.severity, d.file.split('/').slice(-2).join('/'), d.message])).toEqual([
      ['warning', 'seeds/d-passwd.txt', 'skipped: a symbolic link to /etc/passwd, outside the seeds folder'],
      ['warning', 'seeds/e-dangling.txt', 'skipped: a symbolic link to nothing'],
      ['warning', 'seeds/f-folder-link.txt', 'skipped: a symbolic link to a folder'],
      ['warning', 'seeds/g-folder.txt', 'skipped: a folder, not a file'],
      ['warning', 'seeds/h-fifo.txt', 'skipped: a FIFO, not a file'],
    ]);
  });
});

describe('outputs replaced behind the build\'s back', () => {
  it('replaces, never follows, a symlink put in place of an output', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    // An outside file as large and as old as the output it stands in for: a stat that follows links takes it as current.
    const outside = join(dirname(dirs.outDir), 'outside.json');
    const output = join(dirs.outDir, 'one.json');
    writeFileSync(outside, readFileSync(output, 'utf8').replace('"One"', '"Uno"'));
    const { mtimeNs } = statSync(output, { bigint: true });
    expect(spawnSync('touch', ['-m', '-d', `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`, outside]).status).toBe(0);
    expect(statSync(outside).mtimeMs).toBe(statSync(output).mtimeMs);
    rmSync(output);
    symlinkSync(outside, output);

    expect((await build({ ...dirs, config: DEFAULT_CONFIG, formats: json })).rendered).toBe(1);
    expect(lstatSync(output).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(output, 'utf8')).title).toBe('One');
    expect(JSON.parse(readFileSync(outside, 'utf8')).title).toBe('Uno');
  });
});

describe('a stopped build', () => {
  it('writes nothing after the stop, records what it finished, and the next build renders only the rest', async () => {
    const dirs = seeds({ 'a.txt': DATED('One'), 'b.txt': DATED('Two'), 'c.txt': DATED('Three') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    writeFileSync(join(dirs.seedsDir, 'a.txt'), DATED('One moved'));
    writeFileSync(join(dirs.seedsDir, 'b.txt'), DATED('Two moved'));
    const stop = new AbortController();
    const reason = new Error('stopped by SIGTERM');
    // Stopped as the first article is done: the second is never written.
    const stopped = build({ ...dirs, config: DEFAULT_CONFIG, formats: json, signal: stop.signal, onArticle: () => stop.abort(reason) });
    await expect(stopped).rejects.toBe(reason);
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'one-moved.json', 'one.json', 'three.json', 'two.json']);

    const next = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect([next.rendered, next.built.length]).toEqual([1, 3]);
    // The old slug's file, recorded when the stop left it, is gone once the build finishes.
    expect(visible(dirs.outDir)).toEqual(['article.schema.json', 'one-moved.json', 'three.json', 'two-moved.json']);
  });
});
