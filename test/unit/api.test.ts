// The package root as a consumer uses it: seed to bytes in-process, no files, no CLI.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleSchema, ConfigError, normalize, render, renderCollection, SeedError } from '../../src/index.js';
import type { Article, Diagnostic } from '../../src/index.js';

const SEED = readFileSync(new URL('../../seeds/putin-north-korea.txt', import.meta.url));
const DATE = new Date('2024-06-18T09:00:00Z');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('normalize', () => {
  it('reads a seed given as bytes or as a string, to the same model', () => {
    const fromBytes = normalize(SEED, { fileName: 'putin-north-korea.txt', fallbackDate: DATE });
    const fromString = normalize(text(SEED), { fileName: 'putin-north-korea.txt', fallbackDate: DATE });
    expect(fromString.article).toEqual(fromBytes.article);
    expect(articleSchema.parse(fromBytes.article)).toEqual(fromBytes.article);
    expect(fromBytes.article.published).toBe(DATE.toISOString());
    expect(fromBytes.diagnostics.map((d) => d.rule)).toContain('date/fallback');
  });

  it('applies a partial config: the site URL makes the article URL', () => {
    const { article } = normalize(SEED, { fallbackDate: DATE, config: { url: 'https://News.Example/' } });
    expect(article.url).toBe(`https://news.example/articles/${article.slug}/`);
  });

  it('throws a SeedError carrying a positioned diagnostic for a bad seed', () => {
    let caught: unknown;
    try {
      normalize(`${'word '.repeat(100)}\nA paragraph.\n`, { fileName: 'long.txt', fallbackDate: DATE });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SeedError);
    const d: Diagnostic = (caught as SeedError).diagnostic;
    expect(d).toMatchObject({ severity: 'error', file: 'long.txt', line: 1, column: 1, rule: 'headline/too-long' });
  });

  it('throws a SeedError for a seed with no date when no fallbackDate is given', () => {
    expect(() => normalize('Headline\nText.\n')).toThrow(SeedError);
  });

  it('rejects an unknown config key by name', () => {
    expect(() => normalize(SEED, { fallbackDate: DATE, config: { colour: 'red' } as never })).toThrow(ConfigError);
    expect(() => normalize(SEED, { fallbackDate: DATE, config: { colour: 'red' } as never })).toThrow(/"colour": unknown key/);
    expect(() => normalize(SEED, { fallbackDate: DATE, config: { pageSize: 'A3' } as never })).toThrow(/"pageSize"/);
  });
});

describe('render', () => {
  const { article } = normalize(SEED, { fileName: 'putin-north-korea.txt', fallbackDate: DATE });

  it('renders each article format in-process', async () => {
    const pdf = await render(article, 'pdf');
    expect(text(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    const epub = await render(article, 'epub');
    expect(text(epub.bytes.subarray(0, 2))).toBe('PK');
    const json = await render(article, 'json');
    expect(articleSchema.parse(JSON.parse(text(json.bytes)))).toEqual(article);
    const html = await render(article, 'html', { config: { title: 'The Daily' } });
    expect(text(html.bytes)).toMatch(/^<!DOCTYPE html>/i);
    expect(text(html.bytes)).toContain('The Daily');
    for (const out of [pdf, epub, json, html]) expect(out.diagnostics).toEqual([]);
  });

  it('gives the same bytes as a second render (nothing cached changes the output)', async () => {
    const a = await render(article, 'pdf');
    const b = await render(article, 'pdf');
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
  });

  it('rejects an article that is not one, a collection format, and a bad config key', async () => {
    await expect(render({ ...article, slug: 'Not A Slug' }, 'pdf')).rejects.toThrow(/slug/);
    await expect(render(article, 'rss' as never)).rejects.toThrow(/unknown article format "rss"/);
    await expect(render(article, 'pdf', { config: { pagesize: 'A4' } as never })).rejects.toThrow(ConfigError);
  });
});

describe('renderCollection', () => {
  const articles: Article[] = ['first', 'second'].map((name, i) => normalize(`Headline ${name}\nText of ${name}.\n`,
    { fileName: `${name}.txt`, fallbackDate: new Date(DATE.getTime() + i * 3600_000) }).article);
  const config = { url: 'https://news.example', title: 'The Daily' };

  it('renders the RSS feed, newest first', async () => {
    const { files, diagnostics } = await renderCollection(articles, 'rss', { config });
    expect(files.map((f) => f.name)).toEqual(['feed.xml']);
    const xml = text(files[0]!.bytes);
    expect(xml.indexOf('Headline second')).toBeLessThan(xml.indexOf('Headline first'));
    expect(diagnostics).toEqual([]);
  });

  it('renders the JSON Feed', async () => {
    const { files } = await renderCollection(articles, 'jsonfeed', { config });
    expect(files.map((f) => f.name)).toEqual(['feeds/feed.json']);
    const feed = JSON.parse(text(files[0]!.bytes)) as { version: string; items: unknown[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items).toHaveLength(2);
  });

  it('links an article file in the catalog and the feed only when `sizes` gives its length', async () => {
    const latest = (r: Awaited<ReturnType<typeof renderCollection>>) => text(r.files.find((f) => f.name === 'opds/latest.xml')!.bytes);
    const bare = latest(await renderCollection(articles, 'opds', { config }));
    expect(bare).not.toContain('opds-spec.org/acquisition');
    const sizes = new Map([[articles[0]!.slug, { pdf: 1234, epub: 5678 }]]);
    const sized = latest(await renderCollection(articles, 'opds', { config, sizes }));
    expect(sized).toContain(`href="../${articles[0]!.slug}.epub" type="application/epub+zip" length="5678"`);
    expect(sized).toContain(`href="../${articles[0]!.slug}.pdf" type="application/pdf" length="1234"`);
    expect(sized).not.toContain(`${articles[1]!.slug}.pdf`);
    const rss = text((await renderCollection(articles, 'rss', { config, sizes })).files[0]!.bytes);
    expect(rss).toContain(`<enclosure url="https://news.example/${articles[0]!.slug}.pdf" length="1234" type="application/pdf"/>`);
    expect(rss.match(/<enclosure /g)).toHaveLength(1);
  });

  it('gives a format of several files main file first', async () => {
    const { files } = await renderCollection(articles, 'site', { config, formats: ['html', 'pdf', 'site'] });
    expect(files[0]!.name).toBe('sitemap.xml');
    expect(files.map((f) => f.name)).toContain('index.html');
  });
});
