// A site URL the command refuses (issues 15 and 24): exit 2, the reason in one line, and nothing written.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { galleySync } from '../support/cli.js';

const HINT = 'articles are published at <url>/articles/<slug>/ and the feed at <url>/feed.xml; give the folder alone';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-config-cli-'));
  mkdirSync(join(dir, 'seeds'));
  writeFileSync(join(dir, 'seeds', 'a.txt'), '---\ndate: 2024-06-19\n---\nHeadline\nBody.\n');
  return dir;
}

describe('galley build --site-url', () => {
  it('exits 2 for a query or fragment, before anything is written', () => {
    const dir = project();
    const r = galleySync(['build', 'seeds', '--out', 'out', '--site-url', 'https://example.org/news?page=1#top'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`galley: --site-url: a site URL cannot have a query or fragment ("?page=1#top"): ${HINT}, like "https://example.org/news"\n`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 for a user name or password, and writes nothing', () => {
    const dir = project();
    const r = galleySync(['build', 'seeds', '--out', 'out', '--site-url', 'https://user:pw@news.example'], dir);
    expect([r.code, r.stderr]).toEqual([2, 'galley: --site-url: a site URL cannot hold a user name or password: it is published in every page, feed and model\n']);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
