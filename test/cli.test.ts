// The real galley command in a temp folder: exit codes, messages, files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');

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
      'seeds/bad.txt:3:1: error: unknown front matter key "colour"; known keys: author, authors, date, updated, url, language, tags, summary, slug [front-matter/unknown-key]');
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
    [['build', '--formats', 'json,docx'], 'galley: unknown format "docx"; known: json, pdf, epub, rss, jsonfeed'],
    [['publish'], 'galley: unknown command "publish"'],
    [['build', 'nowhere'], 'galley: nowhere: no such seeds folder'],
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
      + 'unknown front matter key "colour"; known keys: author, authors, date, updated, url, language, tags, summary, slug [front-matter/unknown-key]');
    expect(r.stderr).not.toMatch(/^fake\.txt/m);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('shows help and version', () => {
    expect(galley(tmpdir(), '--help').stdout).toMatch(/^Usage: galley build \[SEEDS_DIR\]/);
    expect(galley(tmpdir(), '--version').stdout).toMatch(/^galley \d+\.\d+\.\d+\n$/);
  });
});
