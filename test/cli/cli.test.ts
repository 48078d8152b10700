// The real galley command in a temp folder: exit codes, messages, files.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FS_FAULT, galleySync } from '../support/cli.js';

const CLI = resolve('dist/cli/cli.js');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function galley(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = '---\ndate: 2024-06-19\n---\nGood news\nA paragraph.\n';

describe('galley build', () => {
  it('exits 0 and builds seeds/ into out/ by default', () => {
    const dir = project({ 'seeds/good.txt': GOOD });
    const r = galley(dir, 'build', '--formats', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('galley: built 1 of 1 articles into out\n');
    expect(readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.')).sort()).toEqual(['article.schema.json', 'good-news.json']);
  });

  it('exits 1 for a bad seed, names its file and line first, and still builds the good one', () => {
    const dir = project({ 'seeds/good.txt': GOOD, 'seeds/bad.txt': '---\ndate: 2024-06-19\ncolour: red\n---\nBad\n' });
    const r = galley(dir, 'build', 'seeds', '--out', 'out', '--formats', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      'seeds/bad.txt:3:1: error: unknown front matter key "colour"; known keys: author, authors, date, updated, url, language, tags, summary, slug, image, image_alt, image_caption, image_credit [front-matter/unknown-key]');
    expect(r.stderr).toContain('built 1 of 2 articles into out, 1 failed');
    expect(readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.')).sort()).toEqual(['article.schema.json', 'good-news.json']);
  });

  it('prints nothing but errors with --quiet', () => {
    const dir = project({ 'seeds/a.txt': 'Undated\nText.\n' });
    const r = galley(dir, 'build', '--quiet', '--formats', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['build', '--bogus'], "galley: Unknown option '--bogus'"],
    [['build', '--formats', 'json,docx'], 'galley: unknown format "docx"; known: json, pdf, epub, html, ninjs, rss, jsonfeed, site, ndjson, opds'],
    [['publish'], 'galley: unknown command "publish"'],
    [['build', '--site-url', 'ftp://example.org'], 'galley: --site-url: Invalid URL'],
  ])('exits 2 for a usage error: %j', (args, message) => {
    const dir = project({ 'seeds/good.txt': GOOD });
    const r = galley(dir, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(message);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 for an invalid config and names the key', () => {
    const dir = project({ 'seeds/good.txt': GOOD, 'galley.config.json': '{"title": "Site", "pageSize": "A5"}' });
    const r = galley(dir, 'build');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^galley: galley\.config\.json: key "pageSize": /);
  });

  it('exits 2 for an unknown config key', () => {
    const dir = project({ 'seeds/good.txt': GOOD, 'site.json': '{"titel": "Site"}' });
    const r = galley(dir, 'build', '--config', 'site.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('galley: site.json: key "titel": unknown key\n');
  });

  it('escapes control characters in file names, so a seed name cannot forge a line or drive the terminal', () => {
    const name = 'x\nfake.txt:9:9: error: spoofed message [spoof-rule]\n\u001b[31mred.txt';
    const dir = project({ [`seeds/${name}`]: '---\ndate: 2024-06-19\ncolour: red\n---\nTitle\n' });
    const r = galley(dir, 'build', '--formats', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('seeds/x\\nfake.txt:9:9: error: spoofed message [spoof-rule]\\n\\x1b[31mred.txt:3:1: error: '
      + 'unknown front matter key "colour"; known keys: author, authors, date, updated, url, language, tags, summary, slug, image, image_alt, image_caption, image_credit [front-matter/unknown-key]');
    expect(r.stderr).not.toMatch(/^fake\.txt/m);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('shows help and version', () => {
    expect(galley(tmpdir(), '--help').stdout).toMatch(/^Usage: galley build \[SEEDS_DIR\]/);
    expect(galley(tmpdir(), '--version').stdout).toMatch(/^galley \d+\.\d+\.\d+\n$/);
  });
});

/** Every file in out/, hidden ones included, with no temp file left behind. */
function noTempFiles(out: string): void {
  expect(readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

describe('file-system faults: one line that names the path and what to do, exit 2, never a stack trace', () => {
  const seeds = { 'seeds/good.txt': GOOD };
  it.each([
    ['--out is a file', { out: 'a file' }, ['build', 'seeds', '--out', 'out'],
      'galley: out: is a file, not a folder; move it away, or give another --out'],
    ['a folder of --out is a file', { out: 'a file' }, ['build', 'seeds', '--out', 'out/site'],
      'galley: out: is a file, not a folder; move it away, or give another --out'],
    ['out/feeds is a file', { 'out/feeds': 'a file' }, ['build'],
      'galley: out/feeds: is a file, not a folder; move it away, or give another --out'],
    ["an article's file is a folder", { 'out/good-news.json/x': '' }, ['build'],
      'galley: out/good-news.json: is a folder, where Galley writes a file; move it away, or give another --out'],
    ['the seeds folder is missing', {}, ['build', 'nowhere'],
      'galley: nowhere: no such seeds folder; give the folder that holds the *.txt seeds'],
    ['the seeds folder is a file', {}, ['build', 'seeds/good.txt'],
      'galley: seeds/good.txt: is a file, not a folder; give the folder that holds the *.txt seeds'],
    ['out/ is inside the seeds folder', {}, ['build', 'seeds', '--out', 'seeds/out'],
      'galley: seeds/out: is inside the seeds folder seeds; give an --out outside it'],
    ['out/ is the seeds folder', {}, ['build', 'seeds', '--out', './seeds/'],
      'galley: seeds: is the seeds folder too; give an --out outside the seeds folder'],
  ])('%s', (_, files: Record<string, string>, args, message) => {
    const dir = project({ ...seeds, ...files });
    const r = galley(dir, ...args, '--formats', 'json,rss,jsonfeed');
    expect([r.code, r.stderr]).toEqual([2, `${message}\n`]);
    expect(readdirSync(join(dir, 'seeds'))).toEqual(['good.txt']);
  });

  it('out/ not writable (EACCES on its temp file, injected: root may write anywhere): nothing is written', () => {
    const dir = project(seeds);
    const r = galleySync(['build', '--formats', 'json'], dir, { ...process.env, GALLEY_FAULT: 'EACCES:*' }, FS_FAULT);
    expect([r.code, r.stderr]).toEqual([2, 'galley: out: cannot write: permission denied (EACCES); make it writable for this user, or give another --out\n']);
    // The injected fault reaches Node's writes, not SQLite's: the hidden build state was made before the first output.
    expect(readdirSync(join(dir, 'out')).filter((f) => f !== '.galley')).toEqual([]);
  });

  it('a full disk (ENOSPC part-way through a file, injected) names the file, and leaves only whole files', () => {
    const dir = project({
      'seeds/a.txt': '---\ndate: 2024-06-19\n---\nFirst\nA paragraph.\n',
      'seeds/b.txt': '---\ndate: 2024-06-19\n---\nSecond\nA paragraph.\n',
      'seeds/c.txt': '---\ndate: 2024-06-19\n---\nThird\nA paragraph.\n',
    });
    // On the pool: the fault stops the lanes of the other articles too.
    const env = { ...process.env, GALLEY_FAULT: 'ENOSPC:second.pdf', GALLEY_POOL_MIN: '1' };
    const r = galleySync(['build', '--formats', 'json,pdf', '--quiet'], dir, env, FS_FAULT);
    expect([r.code, r.stderr]).toEqual([2, 'galley: out/second.pdf: cannot write: no space left on device (ENOSPC); free some space, then build again\n']);
    const out = join(dir, 'out');
    noTempFiles(out);
    expect(existsSync(join(out, 'second.pdf'))).toBe(false);
    for (const f of readdirSync(out).filter((x) => x.endsWith('.json'))) expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
    for (const f of readdirSync(out).filter((x) => x.endsWith('.pdf'))) expect(readFileSync(join(out, f), 'latin1')).toMatch(/^%PDF-[\s\S]*%%EOF\n?$/);
    // Space freed: the next build completes.
    expect(galley(dir, 'build', '--formats', 'json,pdf', '--quiet')).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(
      ['article.schema.json', 'first.json', 'first.pdf', 'second.json', 'second.pdf', 'third.json', 'third.pdf']);
  }, 60_000);
});

describe('a read-only build state (issue 24)', () => {
  // Root may write any file: where the tests run as root (CI), the build runs as root without capabilities,
  // which the file's mode then binds as it binds any user (and which still reads the checkout, wherever it is).
  const asUser = (args: string[]) => (process.getuid?.() === 0
    ? ['setpriv', ['--bounding-set=-all', '--inh-caps=-all', '--', process.execPath, CLI, ...args]] as const
    : [process.execPath, [CLI, ...args]] as const);

  it('is reported as a permission fault naming the state file, not as an I/O error', () => {
    const dir = project({ 'seeds/good.txt': GOOD });
    expect(galley(dir, 'build', '--formats', 'json', '--quiet').code).toBe(0);
    const state = join(dir, 'out', '.galley', 'state.db');
    chmodSync(state, 0o444);
    const [command, args] = asUser(['build', 'seeds', '--formats', 'json']);
    const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([2, 'galley: out/.galley/state.db: cannot write: EACCES; make it writable for this user, or give another --out\n']);
  });
});

