// The whole archive through the feeds (issue 23): RFC 5005 archived RSS pages and JSON Feed's next_url, walked
// from the newest to the last by a real parser (feedparser) and by the next_url chain; every article found,
// each archive page holding its articles once; pages that never change once full; a no-op build writes none.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { build } from '../../src/pipeline/build.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { SiteConfig } from '../../src/model/config.js';
import { describeWithTools, run } from '../support/tools.js';

const SITE = 'https://example.org/news/';
const ARTICLES = 130;
const LIMIT = 20;

describeWithTools(['/usr/bin/python3'], 'feed archives of 130 articles, 20 a page', () => {
  let seedsDir: string;
  let outDir: string;
  const config = SiteConfig.parse({ url: 'https://example.org/news', feedLimit: LIMIT });
  const formats = selectFormats(['json', 'rss', 'jsonfeed']);
  const local = (url: string) => join(outDir, url.replace(SITE, ''));
  const ids = () => readdirSync(outDir).filter((f) => f.endsWith('.json') && f !== 'article.schema.json')
    .map((f) => (JSON.parse(readFileSync(join(outDir, f), 'utf8')) as { id: string }).id).sort();

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-archives-'));
    seedsDir = join(root, 'seeds');
    mkdirSync(seedsDir);
    for (let i = 0; i < ARTICLES; i++) writeFileSync(join(seedsDir, `s-${String(i).padStart(4, '0')}.txt`), synthSeed(i));
    outDir = join(root, 'out');
    expect((await build({ seedsDir, outDir, config, formats })).failed).toEqual([]);
  }, 120_000);

  it('walks RSS from the current feed through every prev-archive page with feedparser: every article, each page\'s once', () => {
    const script = [
      'import feedparser, json, sys',
      'root, site = sys.argv[1], sys.argv[2]',
      'path, pages = root + "/feed.xml", []',
      'while path:',
      '    d = feedparser.parse(path)',
      '    links = {l.rel: l.href for l in d.feed.get("links", [])}',
      '    pages.append({"bozo": bool(d.bozo), "ids": [e.id for e in d.entries], "archive": "fh_archive" in d.feed or path != root + "/feed.xml", "links": links})',
      '    prev = links.get("prev-archive")',
      '    path = root + "/" + prev[len(site):] if prev else None',
      'print(json.dumps(pages))',
    ].join('\n');
    const pages = JSON.parse(run('/usr/bin/python3', ['-c', script, outDir, SITE])) as { bozo: boolean; ids: string[]; links: Record<string, string> }[];
    expect(pages).toHaveLength(1 + Math.floor(ARTICLES / LIMIT));
    expect(pages.every((p) => !p.bozo)).toBe(true);
    expect(pages[0]!.ids).toHaveLength(LIMIT);
    const archived = pages.slice(1).flatMap((p) => p.ids);
    expect(archived).toHaveLength(Math.floor(ARTICLES / LIMIT) * LIMIT);
    expect(new Set(archived).size).toBe(archived.length);
    expect([...new Set([...pages[0]!.ids, ...archived])].sort()).toEqual(ids());
    // Each archive page says where the current feed is.
    for (const p of pages.slice(1)) expect(p.links.current).toBe(`${SITE}feed.xml`);
  });

  it('walks JSON Feed by next_url from the newest to the last page: every article, each page\'s once', () => {
    const pages: string[][] = [];
    for (let url: string | undefined = `${SITE}feeds/feed.json`; url !== undefined;) {
      const feed = JSON.parse(readFileSync(local(url), 'utf8')) as { items: { id: string }[]; next_url?: string };
      pages.push(feed.items.map((i) => i.id));
      url = feed.next_url;
    }
    expect(pages).toHaveLength(1 + Math.floor(ARTICLES / LIMIT));
    const archived = pages.slice(1).flat();
    expect(new Set(archived).size).toBe(archived.length);
    expect([...new Set(pages.flat())].sort()).toEqual(ids());
  });

  it('writes no page on a no-op build; a new article touches the current feeds only, an old one\'s edit its own page', async () => {
    const archive = join(outDir, 'feeds', 'archive');
    const times = () => new Map(readdirSync(archive).map((f) => [f, statSync(join(archive, f)).mtimeMs]));
    const before = times();
    expect((await build({ seedsDir, outDir, config, formats })).rendered).toBe(0);
    expect(times()).toEqual(before);

    // The 131st article (the newest, by its date) fills no new page: every archive page stays as it was.
    writeFileSync(join(seedsDir, 'z-new.txt'), '---\ndate: 2030-01-01\n---\nA new article\nIts text.\n');
    await build({ seedsDir, outDir, config, formats });
    expect(times()).toEqual(before);

    // The oldest article edited: the first page (RSS and JSON Feed) is written again, and no other.
    const oldest = readdirSync(seedsDir).map((f) => [f, readFileSync(join(seedsDir, f), 'utf8')] as const)
      .sort((a, b) => (/date: (\S+)/.exec(a[1])![1]! < /date: (\S+)/.exec(b[1])![1]! ? -1 : 1))[0]!;
    writeFileSync(join(seedsDir, oldest[0]), `${oldest[1]}\nA correction, added later.\n`);
    await build({ seedsDir, outDir, config, formats });
    const after = times();
    expect([...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f).sort()).toEqual(['1.json', '1.xml']);
  });
});
