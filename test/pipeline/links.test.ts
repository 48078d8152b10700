// No dead link in any output (issue 12): every URL under the site URL that a page, feed, sitemap, model or
// EPUB names is a file in out/.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/check-links.mjs';
import { buildWebCorpus, SITE_URL } from '../support/web-corpus.js';
import type { WebCorpus } from '../support/web-corpus.js';

let corpus: WebCorpus;
beforeAll(async () => {
  corpus = await buildWebCorpus();
}, 120_000);

describe('a site of 63 articles (one with pictures) under https://example.org/news', () => {
  it('names no dead site URL in any output', () => {
    const { named, dead } = checkLinks(corpus.outDir, SITE_URL);
    expect(dead).toEqual([]);
    // Each article's page, PDF and EPUB at least, the home page and archive pages, the feeds.
    expect(named.size).toBeGreaterThan(3 * 63);
    // The pictures' absolute URLs (Open Graph, JSON-LD, Media RSS, JSON Feed, feed content) are named and live too.
    expect([...named.keys()].filter((url) => url.includes('/images/')).length).toBeGreaterThan(1);
    const from = new Set([...named.values()].flatMap((s) => [...s]).map((f) => f.replace(/^articles\/[^/]+\//, 'articles/*/').replace(/^[a-z0-9-]+\.(json|epub)/, '*.$1')));
    for (const kind of ['index.html', 'page/2/index.html', 'articles/*/index.html', 'sitemap.xml', 'feed.xml', 'feeds/feed.json', 'opds/latest.xml', 'opds/latest-2.xml', '*.json', '*.epub!OEBPS/content.opf']) {
      expect(from, kind).toContain(kind);
    }
  });

  it('writes a page per article, the home page and its archive', () => {
    expect(corpus.slugs).toHaveLength(63);
    for (const slug of corpus.slugs) expect(existsSync(join(corpus.outDir, 'articles', slug, 'index.html')), slug).toBe(true);
    for (const page of ['index.html', 'page/2/index.html', 'page/4/index.html', 'sitemap.xml', 'favicon.svg']) {
      expect(existsSync(join(corpus.outDir, page)), page).toBe(true);
    }
    expect(existsSync(join(corpus.outDir, 'page/5/index.html'))).toBe(false);
    expect(readFileSync(join(corpus.outDir, 'articles/ar-floods/index.html'), 'utf8')).toContain('<html lang="ar" dir="rtl">');
  });

  it('reports a page that is gone, with every output that names it', () => {
    // On a copy: the other tests read the corpus, in any order.
    const copy = join(mkdtempSync(join(tmpdir(), 'galley-links-')), 'out');
    cpSync(corpus.outDir, copy, { recursive: true });
    rmSync(join(copy, 'articles/ar-floods/index.html'));
    const { dead } = checkLinks(copy, SITE_URL);
    expect(dead.map((d) => d.url)).toEqual(['https://example.org/news/articles/ar-floods/']);
    expect(dead[0]!.from).toEqual(expect.arrayContaining(['feed.xml', 'feeds/feed.json', 'sitemap.xml', 'ar-floods.json', 'ar-floods.epub!OEBPS/content.opf']));
  });
});
