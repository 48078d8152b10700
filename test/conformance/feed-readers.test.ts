// feed.xml read by real parsers and readers: xmllint, Python's feedparser and ElementTree, newsboat.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { feedArticles, feedContentHtml } from '../../src/markup/feed.js';
import { exportRss } from '../../src/exporters/rss.js';
import type { CollectionContext } from '../../src/model/output.js';
import type { Article } from '../../src/model/article.js';
import { escapeXml } from '../../src/markup/xml.js';
import { articleId, context, goldenArticles, goldenContext, manyArticles, nastyArticle, seedArticles, seedConfig } from '../fixtures/feed/articles.js';
import { describeWithTools, run } from '../support/tools.js';

const PYTHON = '/usr/bin/python3';


/** `count` articles, one a day from 2024-01-01, given oldest first so ordering is the exporter's doing. */

// Characters XML 1.0 cannot carry at all (U+0001, U+FFFE) and a C1 control, in every kind of text.


// Reads both feed.xml's XML tree (ElementTree, no HTML sanitizing) and feedparser's view of it, as JSON.
const INSPECT = String.raw`
import json, sys, time, xml.etree.ElementTree as ET
import feedparser
path = sys.argv[1]
ns = {'dc': 'http://purl.org/dc/elements/1.1/', 'content': 'http://purl.org/rss/1.0/modules/content/', 'atom': 'http://www.w3.org/2005/Atom'}
channel = ET.parse(path).getroot().find('channel')
def text(el, tag):
    found = el.find(tag, ns)
    return None if found is None else (found.text or '')
items = []
for it in channel.findall('item'):
    guid = it.find('guid')
    enclosure = it.find('enclosure')
    items.append({
        'title': text(it, 'title'), 'link': text(it, 'link'), 'description': text(it, 'description'),
        'guid': guid.text, 'isPermaLink': guid.get('isPermaLink'), 'pubDate': text(it, 'pubDate'),
        'categories': [c.text for c in it.findall('category')],
        'creators': [c.text for c in it.findall('dc:creator', ns)], 'authors': len(it.findall('author')),
        'content': text(it, 'content:encoded'),
        'enclosure': None if enclosure is None else dict(enclosure.attrib),
    })
atom = channel.find('atom:link', ns)
parsed = feedparser.parse(path)
print(json.dumps({
    'channel': {'title': text(channel, 'title'), 'link': text(channel, 'link'), 'lastBuildDate': text(channel, 'lastBuildDate'),
                'language': text(channel, 'language'),
                'atomLink': None if atom is None else dict(atom.attrib)},
    'items': items,
    'feedparser': {
        'bozo': int(parsed.bozo), 'bozoException': str(parsed.get('bozo_exception', '')), 'version': parsed.get('version'),
        'entries': [{
            'title': e.get('title'), 'id': e.get('id'), 'link': e.get('link'),
            'published': time.strftime('%Y-%m-%dT%H:%M:%SZ', e.published_parsed) if e.get('published_parsed') else None,
            'content': [c.value for c in e.get('content', [])], 'summary': e.get('summary'),
        } for e in parsed.entries],
    },
}))
`;

interface Inspection {
  channel: { title: string; link: string | null; lastBuildDate: string | null; language: string | null; atomLink: Record<string, string> | null };
  items: {
    title: string; link: string | null; description: string; guid: string; isPermaLink: string; pubDate: string;
    categories: string[]; creators: string[]; authors: number; content: string; enclosure: Record<string, string> | null;
  }[];
  feedparser: {
    bozo: number; bozoException: string; version: string;
    entries: { title: string; id: string; link?: string; published: string | null; content: string[]; summary: string }[];
  };
}

describeWithTools(['xmllint', PYTHON, 'newsboat'], 'feed.xml in real parsers and readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-feed-'));
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
  let counter = 0;

  async function write(articles: readonly Article[], ctx: CollectionContext): Promise<string> {
    const path = join(dir, `feed-${counter++}.xml`);
    writeFileSync(path, (await exportRss(articles, ctx)).bytes);
    return path;
  }

  function inspect(path: string): Inspection {
    return JSON.parse(run(PYTHON, ['-c', INSPECT, path])) as Inspection;
  }

  /** Subscribe newsboat to the file offline, reload once, and read back what it stored: its own list of items. */
  function newsboatItems(path: string): { guid: string; title: string }[] {
    const home = mkdtempSync(join(dir, 'newsboat-'));
    writeFileSync(join(home, 'urls'), `file://${path}\n`);
    writeFileSync(join(home, 'config'), '');
    const cache = join(home, 'cache.db');
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share') };
    const out = execFileSync('newsboat', ['-u', join(home, 'urls'), '-c', cache, '-C', join(home, 'config'), '-x', 'reload', 'print-unread'],
      { env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const rows = JSON.parse(run(PYTHON, ['-c',
      'import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(json.dumps([{"guid": g, "title": t} for g, t in c.execute("select guid, title from rss_item order by id")]))',
      cache])) as { guid: string; title: string }[];
    expect(out.trim()).toBe(`${rows.length} unread articles`);
    return rows;
  }

  const cases: [string, () => Promise<string>][] = [
    ['with a site URL', () => write(goldenArticles, goldenContext)],
    ['without a site URL', () => write(goldenArticles.map((a) => ({ ...a, url: null })), { ...goldenContext, config: { ...goldenContext.config, url: null } })],
    ['with no articles', () => write([], goldenContext)],
    ['with XML-invalid characters, ]]>, & and <script>', () => write([nastyArticle], context())],
    ['of 60 articles at the default limit', () => write(manyArticles(60), context({ url: 'https://example.org' }))],
    ['of the seeds through the normalizer', () => write(seedArticles(), { config: seedConfig, sizes: new Map() })],
  ];

  test.each(cases)('xmllint --noout passes: feed %s', async (_, make) => {
    const path = await make();
    expect(() => run('xmllint', ['--noout', path])).not.toThrow();
  });

  test.each(cases)('feedparser: bozo 0, rss20, every entry with title, id, published and content: feed %s', async (_, make) => {
    const path = await make();
    const { feedparser, items } = inspect(path);
    expect(feedparser.bozoException).toBe('');
    expect(feedparser.bozo).toBe(0);
    expect(feedparser.version).toBe('rss20');
    expect(feedparser.entries).toHaveLength(items.length);
    for (const entry of feedparser.entries) {
      expect(entry.title).toBeTruthy();
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(entry.published).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(entry.content.length).toBe(1);
      expect(entry.content[0]).toBeTruthy();
    }
  });

  test('feedparser reads the golden articles newest first, with their dates and links', async () => {
    const { feedparser } = inspect(await write(goldenArticles, goldenContext));
    expect(feedparser.entries.map((e) => [e.id, e.published, e.link])).toEqual([
      [articleId(3), '2024-06-19T00:00:00Z', 'https://example.org/news/articles/alpha-same-day/'],
      [articleId(1), '2024-06-19T00:00:00Z', 'https://example.org/news/articles/sample-article/'],
      [articleId(2), '2024-05-02T12:00:00Z', 'https://example.org/news/articles/older-briefing/'],
    ]);
  });

  test('parsed back, every text is exactly the model text: ]]>, & and <script> stay text', async () => {
    const articles = [nastyArticle, ...goldenArticles];
    const ctx = goldenContext;
    const { items, channel, feedparser } = inspect(await write(articles, ctx));
    const ordered = feedArticles(articles, 50);
    const strip = (s: string) => s.replace(/[\u0001\uFFFE\u0085]/g, '');
    expect(channel.title).toBe('Galley Desk & <Friends>');
    expect(channel.atomLink).toEqual({ href: 'https://example.org/news/feed.xml', rel: 'self', type: 'application/rss+xml' });
    expect(items).toHaveLength(ordered.length);
    items.forEach((item, i) => {
      const article = ordered[i]!;
      expect(item.title).toBe(strip(article.title));
      expect(item.description).toBe(escapeXml(article.summary));
      expect(item.content).toBe(feedContentHtml(article));
      expect(item.creators).toEqual(article.authors.map(strip));
      expect(item.categories).toEqual(article.tags.map(strip));
      expect(item.guid).toBe(article.id);
      expect(item.isPermaLink).toBe('false');
      expect(item.authors).toBe(0);
    });
    // The nasty article's body, as a reader gets it: the script is escaped text, not an element.
    const nasty = items.findIndex((i) => i.title.startsWith('Bad'));
    expect(items[nasty]!.content).toBe('<div lang="en" dir="ltr">\n<section id="s-lead">\n<p>Body ]]&gt; &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]]]&gt;</p>\n</section>\n</div>');
    expect(feedparser.entries[nasty]!.title).toBe('Bad title ]]> & <script>x</script>');
    expect(feedparser.entries[nasty]!.content[0]).toContain('&lt;script&gt;alert(');
    expect(feedparser.entries[nasty]!.content[0]).not.toContain('<script');
  });

  test('feedparser keeps the language and direction of an Arabic seed\'s item through its HTML sanitizer', async () => {
    const { feedparser, channel } = inspect(await write(seedArticles(), { config: seedConfig, sizes: new Map() }));
    expect(channel.language).toBe('en');
    const arabic = feedparser.entries.find((e) => e.title.startsWith('قمة المناخ'))!;
    expect(arabic.content[0]).toMatch(/^<div dir="rtl" lang="ar">|^<div lang="ar" dir="rtl">/);
  });

  test('without a site URL the items have guids but no link or enclosure, and the channel no self link', async () => {
    const articles = goldenArticles.map((a) => ({ ...a, url: null }));
    const { items, channel } = inspect(await write(articles, { ...goldenContext, config: { ...goldenContext.config, url: null } }));
    expect(channel.link).toBeNull();
    expect(channel.atomLink).toBeNull();
    expect(items.map((i) => [i.link, i.enclosure, i.guid])).toEqual(feedArticles(articles, 50).map((a) => [null, null, a.id]));
  });

  test('with a site URL the enclosure length is the PDF size given', async () => {
    const { items } = inspect(await write(goldenArticles, goldenContext));
    expect(items.map((i) => i.enclosure)).toEqual([
      { url: 'https://example.org/news/alpha-same-day.pdf', length: '30777', type: 'application/pdf' },
      { url: 'https://example.org/news/sample-article.pdf', length: '48213', type: 'application/pdf' },
      null,
    ]);
  });

  test.each(cases)('newsboat reads the feed offline from a file:// URL and lists every item: feed %s', async (_, make) => {
    const path = await make();
    const { items } = inspect(path);
    const listed = newsboatItems(path);
    expect(listed.map((r) => r.guid).sort()).toEqual(items.map((i) => i.guid).sort());
    expect(listed.map((r) => r.title).sort()).toEqual(items.map((i) => i.title).sort());
  });
});
