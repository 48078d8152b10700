// Every bad seed at the real CLI, all in one run with good ones: exit 1, a message that starts with the
// file (and line, where there is one), no file for the bad article, and every good article still built.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { galleySync, snapshot } from '../support/cli.js';

const BAD = 'test/fixtures/bad';
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, { rule: string; line: number | null }>;

it('reports each bad seed with file and line, writes nothing for it, and builds the good ones', () => {
  const root = mkdtempSync(join(tmpdir(), 'galley-bad-'));
  const seeds = join(root, 'seeds');
  mkdirSync(seeds);
  for (const name of Object.keys(expected)) {
    if (name === 'too-large.txt') writeFileSync(join(seeds, name), `Headline\n${'x'.repeat(1024 * 1024)}\n`);
    else copyFileSync(join(BAD, name), join(seeds, name));
  }
  writeFileSync(join(seeds, 'good-one.txt'), '---\ndate: 2024-06-19\n---\nThe first good article\nBody.\n');
  writeFileSync(join(seeds, 'zz-good-two.txt'), '---\ndate: 2024-06-20\n---\nThe second good article\nBody.\n');

  const r = galleySync(['build', 'seeds', '--out', 'out', '--quiet'], root);
  expect(r.code).toBe(1);
  const errors = r.stderr.trim().split('\n');
  expect(errors).toHaveLength(Object.keys(expected).length);
  for (const [name, { rule, line }] of Object.entries(expected)) {
    const message = errors.find((e) => e.startsWith(`seeds/${name}:`));
    expect(message, `no error for ${name} in:\n${r.stderr}`).toBeDefined();
    expect(message!.startsWith(line === null ? `seeds/${name}: error: ` : `seeds/${name}:${line}:`), message).toBe(true);
    expect(message!.endsWith(`[${rule}]`), message).toBe(true);
  }
  const files = [...snapshot(join(root, 'out')).keys()];
  expect(files.filter((f) => f.includes('good-article'))).toEqual([
    'articles/the-first-good-article/index.html', 'articles/the-second-good-article/index.html',
    'ninjs/the-first-good-article.json', 'ninjs/the-second-good-article.json',
    'the-first-good-article.epub', 'the-first-good-article.json', 'the-first-good-article.pdf',
    'the-second-good-article.epub', 'the-second-good-article.json', 'the-second-good-article.pdf',
  ]);
  // The search index of the good articles' pages (its fragments' names are hashes of their contents).
  expect(files).toContain('pagefind/pagefind-entry.json');
  expect(files.filter((f) => !f.includes('good-article') && !f.startsWith('pagefind/')).sort()).toEqual([
    'article.schema.json', 'articles.ndjson', 'favicon.svg', 'feed.xml', 'feeds/feed.json', 'index.html', 'opds/catalog.xml', 'opds/latest.xml', 'sitemap.xml',
  ]);
}, 120_000);
