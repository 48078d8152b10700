// The site config's `url` (issue 15): a query or fragment is refused, and the form it is kept in makes article
// URLs and the feeds' links agree.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/pipeline/config-file.js';
import { exportJsonFeed } from '../../../src/exporters/jsonfeed.js';
import { exportRss } from '../../../src/exporters/rss.js';
import { SiteConfig } from '../../../src/model/config.js';
import { normalize } from '../../../src/normalize/index.js';

const HINT = 'articles are published at <url>/articles/<slug>/ and the feed at <url>/feed.xml; give the folder alone';

function configError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

function configFile(json: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-config-'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(json));
  return join(dir, 'site.json');
}

describe('site url: a query or fragment is refused', () => {
  test.each([
    ['https://example.org/news?page=1#top', '?page=1#top', 'https://example.org/news'],
    ['https://example.org/news#top', '#top', 'https://example.org/news'],
    ['https://example.org/?', '?', 'https://example.org/'],
    ['https://example.org#', '#', 'https://example.org'],
  ])('%s', (url, tail, folder) => {
    const message = `a site URL cannot have a query or fragment ("${tail}"): ${HINT}, like "${folder}"`;
    expect(configError(() => loadConfig(null, { url }))).toBe(`--site-url: ${message}`);
    const file = configFile({ url });
    expect(configError(() => loadConfig(file))).toBe(`${file}: key "url": ${message}`);
  });

  test('a query in an article\'s own front matter `url` is still fine: it is that page\'s address', () => {
    const config = SiteConfig.parse({ url: 'https://example.org' });
    const seed = '---\ndate: 2024-06-19\nurl: https://example.org/a?id=1#top\n---\nHeadline';
    expect(normalize(seed, 'a.txt', { config, fallbackDate: null }).article.url).toBe('https://example.org/a?id=1#top');
  });
});

describe('site url: a user name or password is refused (issue 24, D7)', () => {
  const message = 'a site URL cannot hold a user name or password: it is published in every page, feed and model';
  test.each(['https://user:pw@news.example', 'https://user@news.example/news', 'https://:pw@news.example'])('%s', (url) => {
    expect(configError(() => loadConfig(null, { url }))).toBe(`--site-url: ${message}`);
    const file = configFile({ url });
    expect(configError(() => loadConfig(file))).toBe(`${file}: key "url": ${message}`);
  });
});

describe('the config file', () => {
  test('may start with a UTF-8 byte order mark, as a seed may (issue 24)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-config-'));
    writeFileSync(join(dir, 'site.json'), '\uFEFF{"author":"Alice"}');
    expect(loadConfig(join(dir, 'site.json')).author).toBe('Alice');
  });
});

describe('site url: kept in the form the feeds give it', () => {
  test.each([
    ['https://example.org', 'https://example.org'],
    ['https://example.org/', 'https://example.org'],
    ['https://example.org/news//', 'https://example.org/news'],
    ['https://Example.ORG:443/a/../news/', 'https://example.org/news'],
    ['http://example.org:8080/café', 'http://example.org:8080/caf%C3%A9'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
  ])('%s -> %s', (url, canonical) => {
    expect(SiteConfig.parse({ url }).url).toBe(canonical);
    expect(SiteConfig.parse(SiteConfig.parse({ url })).url).toBe(canonical);
  });

  test('article URLs and the feeds\' links agree', async () => {
    const config = SiteConfig.parse({ url: 'https://Example.ORG:443/a/../news//' });
    const { article } = normalize('---\ndate: 2024-06-19\n---\nHeadline', 'a.txt', { config, fallbackDate: null });
    expect(article.url).toBe('https://example.org/news/articles/headline/');
    const ctx = { config, sizes: new Map([[article.slug, { pdf: 1000 }]]) };
    const rss = new TextDecoder().decode((await exportRss([article], ctx)).bytes);
    expect(rss).toContain('<link>https://example.org/news/</link>');
    expect(rss).toContain('<link>https://example.org/news/articles/headline/</link>');
    expect(rss).toContain('url="https://example.org/news/headline.pdf"');
    const feed = JSON.parse(new TextDecoder().decode((await exportJsonFeed([article], ctx)).bytes));
    expect(feed).toMatchObject({ home_page_url: 'https://example.org/news/', feed_url: 'https://example.org/news/feeds/feed.json' });
    expect(feed.items[0].url).toBe('https://example.org/news/articles/headline/');
  });

  test('the id of a site URL written in its canonical form is what it was', () => {
    // UUID v5 of "https://example.org/news/a", as before the URL was kept canonical: ids survive the upgrade.
    const config = SiteConfig.parse({ url: 'https://example.org/news/' });
    const { article } = normalize('---\ndate: 2024-06-19\n---\nHeadline', 'seeds/a.txt', { config, fallbackDate: null });
    expect(article.id).toBe('urn:uuid:0d2291fa-6455-5c7c-8edf-e2fcdc94e832');
  });
});
