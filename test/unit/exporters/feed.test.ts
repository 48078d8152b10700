// The feeds (issue 5): RSS 2.0 and JSON Feed 1.1, checked by string, by golden, and by real parsers and readers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { exportJsonFeed } from '../../../src/exporters/jsonfeed.js';
import { DROPPED_CHARACTER_RULE, feedArticles, feedContentHtml } from '../../../src/markup/feed.js';
import { FORMATS } from '../../../src/exporters/registry.js';
import { exportRss } from '../../../src/exporters/rss.js';
import { exportSite } from '../../../src/exporters/site.js';
import type { CollectionContext, CollectionExporter } from '../../../src/model/output.js';
import type { Article } from '../../../src/model/article.js';
import { articleId, context, goldenArticles, goldenContext, manyArticles, nastyArticle, seedArticles, seedConfig } from '../../fixtures/feed/articles.js';
import { sampleArticle } from '../../support/article.js';
import { JsonFeed } from '../../support/jsonfeed-schema.js';


async function text(render: CollectionExporter, articles: readonly Article[], ctx: CollectionContext): Promise<string> {
  return new TextDecoder().decode((await render(articles, ctx)).bytes);
}

async function jsonFeed(articles: readonly Article[], ctx: CollectionContext): Promise<JsonFeed> {
  return JsonFeed.parse(JSON.parse(await text(exportJsonFeed, articles, ctx)));
}

/** `count` articles, one a day from 2024-01-01, given oldest first so ordering is the exporter's doing. */

function all(haystack: string, pattern: RegExp): string[] {
  return [...haystack.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m[1] ?? m[0]);
}

// Characters XML 1.0 cannot carry at all (U+0001, U+FFFE) and a C1 control, in every kind of text.

/** Arabic with Latin runs (a name, "COP29"), for the direction wrapper. */
const arabicArticle = sampleArticle({
  id: articleId(2),
  slug: 'arabic',
  language: 'ar',
  title: 'قمة المناخ COP29 تختتم أعمالها',
  authors: ['John Smith'],
  summary: 'اختتمت القمة أعمالها يوم الأحد.',
  sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'قال John Smith إن الاتفاق COP29 “أساس”.' }] }],
  related: [],
});


describe('feed order and limit', () => {
  test('newest published first; a tie on the date goes to the slug, in code-unit order', () => {
    const a = sampleArticle({ slug: 'b-tie', published: '2024-06-19T00:00:00.000Z' });
    const b = sampleArticle({ slug: 'a-tie', published: '2024-06-19T00:00:00Z' });
    const c = sampleArticle({ slug: 'newest', published: '2024-06-19T00:00:00.001Z' });
    const d = sampleArticle({ slug: 'oldest', published: '2023-01-01T00:00:00.000Z', updated: '2025-01-01T00:00:00.000Z' });
    expect(feedArticles([d, a, c, b], 50).map((x) => x.slug)).toEqual(['newest', 'a-tie', 'b-tie', 'oldest']);
  });

  test('both feeds list the same items in the same order', async () => {
    const rss = await text(exportRss, goldenArticles, goldenContext);
    const json = await jsonFeed(goldenArticles, goldenContext);
    expect(all(rss, /<guid isPermaLink="false">([^<]*)<\/guid>/)).toEqual(json.items.map((i) => i.id));
    expect(json.items.map((i) => i.title)).toEqual(['Same day, earlier slug', 'Sample “article” & <friends>', 'An older briefing']);
  });

  test('the default limit keeps the 50 newest', async () => {
    const articles = manyArticles(60);
    const rss = await text(exportRss, articles, context());
    const titles = all(rss, /<title><!\[CDATA\[(Article \d+)\]\]><\/title>/);
    expect(titles).toHaveLength(50);
    expect(titles[0]).toBe('Article 59');
    expect(titles[49]).toBe('Article 10');
    expect((await jsonFeed(articles, context())).items).toHaveLength(50);
  });

  test('config.feedLimit sets the limit', async () => {
    const articles = manyArticles(10);
    const rss = await text(exportRss, articles, context({ feedLimit: 3 }));
    expect(all(rss, /<title><!\[CDATA\[(Article \d+)\]\]><\/title>/)).toEqual(['Article 9', 'Article 8', 'Article 7']);
    expect((await jsonFeed(articles, context({ feedLimit: 3 }))).items.map((i) => i.title)).toEqual(['Article 9', 'Article 8', 'Article 7']);
  });
});

describe('RSS channel', () => {
  afterEach(() => { vi.useRealTimers(); });

  test('lastBuildDate is the newest item date (updated over published), never the clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T05:06:07Z'));
    const first = await text(exportRss, goldenArticles, goldenContext);
    vi.setSystemTime(new Date('2039-12-31T23:59:59Z'));
    const second = await text(exportRss, goldenArticles, goldenContext);
    expect(all(first, /<lastBuildDate>([^<]*)<\/lastBuildDate>/)).toEqual(['Thu, 20 Jun 2024 08:30:00 GMT']);
    expect(second).toBe(first);
    expect(first).not.toMatch(/203[19]/);
  });

  test('title, link, description, language, atom:link rel=self, generator and ttl from the config', async () => {
    const rss = await text(exportRss, goldenArticles, goldenContext);
    const channel = rss.slice(0, rss.indexOf('<item>'));
    expect(channel).toContain('<title><![CDATA[Galley Desk & <Friends>]]></title>');
    expect(channel).toContain('<link>https://example.org/news/</link>');
    expect(channel).toContain('<description><![CDATA[Test articles for the feed goldens]]></description>');
    expect(channel).toContain('<language><![CDATA[en]]></language>');
    expect(channel).toContain('<atom:link href="https://example.org/news/feed.xml" rel="self" type="application/rss+xml"/>');
    expect(channel).toContain('<generator>Galley</generator>');
    expect(channel).toContain('<ttl>60</ttl>');
    expect(rss.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss ')).toBe(true);
    expect(rss.endsWith('</rss>\n')).toBe(true);
  });

  test('an empty article list gives a channel without items or lastBuildDate', async () => {
    const rss = await text(exportRss, [], goldenContext);
    expect(rss).toContain('<channel>');
    expect(rss).not.toContain('<item>');
    expect(rss).not.toContain('lastBuildDate');
    const json = await jsonFeed([], goldenContext);
    expect(json.items).toEqual([]);
  });

  test('a re-render is byte-identical', async () => {
    const a = (await exportRss(goldenArticles, goldenContext)).bytes;
    const b = (await exportRss([...goldenArticles].reverse(), goldenContext)).bytes;
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    const c = (await exportJsonFeed(goldenArticles, goldenContext)).bytes;
    const d = (await exportJsonFeed([...goldenArticles].reverse(), goldenContext)).bytes;
    expect(Buffer.from(d).equals(Buffer.from(c))).toBe(true);
  });
});

describe('RSS items', () => {
  test('guid is the article id, not a permalink, and stays when the headline and text change', async () => {
    const before = sampleArticle({ title: 'First headline', url: 'https://example.org/articles/first-headline/' });
    const after = sampleArticle({ title: 'Corrected headline', slug: 'corrected-headline', summary: 'New summary.' });
    const guid = (rss: string) => all(rss, /<guid([^<]*<)\/guid>/);
    const a = await text(exportRss, [before], context());
    const b = await text(exportRss, [after], context());
    expect(guid(a)).toEqual([' isPermaLink="false">urn:uuid:0f4e7a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a<']);
    expect(guid(b)).toEqual(guid(a));
  });

  test('pubDate is RFC 822 in GMT and stays the publication date after an update', async () => {
    const rss = await text(exportRss, [sampleArticle({ published: '2024-06-19T14:05:09.000Z', updated: '2024-07-01T00:00:00.000Z' })], context());
    expect(all(rss, /<pubDate>([^<]*)<\/pubDate>/)).toEqual(['Wed, 19 Jun 2024 14:05:09 GMT']);
  });

  test('one dc:creator per author and no <author>; one category per tag', async () => {
    const rss = await text(exportRss, [sampleArticle({ authors: ['Jane Doe', 'John & Roe'], tags: ['Korea', 'A&B'] })], context());
    expect(all(rss, /<dc:creator>([^<]*)<\/dc:creator>/)).toEqual(['Jane Doe', 'John &amp; Roe']);
    expect(rss).not.toContain('<author');
    expect(all(rss, /<category><!\[CDATA\[(.*?)\]\]><\/category>/)).toEqual(['Korea', 'A&B']);
  });

  test('content:encoded is the shared XHTML body; description is the summary escaped as HTML', async () => {
    const article = sampleArticle();
    const rss = await text(exportRss, [article], context());
    expect(rss).toContain(`<content:encoded><![CDATA[${feedContentHtml(article)}]]></content:encoded>`);
    expect(rss).toContain('<description><![CDATA[A summary with ]]&gt; and &lt;script&gt;alert(1)&lt;/script&gt; in it…]]></description>');
  });

  test('content:encoded and content_html are wrapped in one element with the article\'s language and direction', async () => {
    const english = sampleArticle({ slug: 'b-english', id: articleId(1) });
    const bare = sampleArticle({ slug: 'c-bare', id: articleId(3), language: 'he', summary: 'תקציר בלבד.', sections: [], related: [] });
    const ctx = context({ language: 'en' });
    const rss = await text(exportRss, [arabicArticle, english, bare], ctx);
    const contents = all(rss, /<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/);
    expect(contents.map((c) => c.slice(0, c.indexOf('\n')))).toEqual(['<div lang="ar" dir="rtl">', '<div lang="en" dir="ltr">', '<div lang="he" dir="rtl">']);
    for (const content of contents) {
      expect(content.endsWith('\n</div>')).toBe(true);
      // One wrapper, and no element inside it restates the direction: the base direction is the language's.
      expect(content.match(/<div|\sdir="/g)).toEqual(['<div', ' dir="']);
    }
    expect(contents[2]).toBe('<div lang="he" dir="rtl">\n<p>תקציר בלבד.</p>\n</div>');
    // The channel states the site's language, whatever languages its items are in.
    expect(all(rss, /<language>(.*?)<\/language>/)).toEqual(['<![CDATA[en]]>']);

    const json = await jsonFeed([arabicArticle, english, bare], ctx);
    expect(json.language).toBe('en');
    expect(json.items.map((i) => i.language)).toEqual(['ar', 'en', 'he']);
    expect(json.items.map((i) => i.content_html)).toEqual(contents);
  });

  test('a site in a right-to-left language announces it, and its English items stay left to right', async () => {
    const ctx = context({ language: 'ar' });
    const rss = await text(exportRss, [sampleArticle()], ctx);
    expect(rss).toContain('<language><![CDATA[ar]]></language>');
    expect(rss).toContain('<content:encoded><![CDATA[<div lang="en" dir="ltr">\n');
    const json = await jsonFeed([sampleArticle()], ctx);
    expect([json.language, json.items[0]?.language]).toEqual(['ar', 'en']);
  });

  test('without a site URL: no link, enclosure or atom:link anywhere, and no stand-in URL', async () => {
    const articles = [sampleArticle({ url: null })];
    const rss = await text(exportRss, articles, context({ url: null }, new Map([['sample-article', { pdf: 1234 }]])));
    expect(rss).not.toMatch(/<link>|<enclosure|atom:link|github|\uFFFF/);
    expect(rss).toContain('<guid isPermaLink="false">');
    const json = await jsonFeed(articles, context({ url: null }, new Map([['sample-article', { pdf: 1234 }]])));
    expect(json.home_page_url).toBeUndefined();
    expect(json.feed_url).toBeUndefined();
    expect(json.items[0]?.url).toBeUndefined();
    expect(json.items[0]?.attachments).toBeUndefined();
  });

  test('with a site URL: the PDF enclosure has the real length, and none when the size is unknown', async () => {
    const sized = sampleArticle({ slug: 'sized', id: articleId(1), url: 'https://example.org/articles/sized/' });
    const unsized = sampleArticle({ slug: 'unsized', id: articleId(2), url: 'https://example.org/articles/unsized/', published: '2020-01-01T00:00:00.000Z' });
    const ctx = context({ url: 'https://example.org' }, new Map<string, Record<string, number>>([['sized', { pdf: 987654, epub: 1 }], ['unsized', { epub: 2 }]]));
    const rss = await text(exportRss, [sized, unsized], ctx);
    expect(all(rss, /(<enclosure [^>]*>)/)).toEqual(['<enclosure url="https://example.org/sized.pdf" length="987654" type="application/pdf"/>']);
    expect(all(rss, /<link>([^<]*)<\/link>/)).toEqual(['https://example.org/', 'https://example.org/articles/sized/', 'https://example.org/articles/unsized/']);
    const json = await jsonFeed([sized, unsized], ctx);
    expect(json.items.map((i) => i.attachments)).toEqual([
      [{ url: 'https://example.org/sized.pdf', mime_type: 'application/pdf', size_in_bytes: 987654 }],
      undefined,
    ]);
  });

  test('characters XML cannot hold never reach either feed, and each dropped text is reported', async () => {
    const rssOut = await exportRss([nastyArticle], context());
    const jsonOut = await exportJsonFeed([nastyArticle], context());
    for (const bytes of [rssOut.bytes, jsonOut.bytes]) {
      const out = new TextDecoder().decode(bytes);
      expect(out).not.toMatch(/[\u0001\uFFFE\u0085]|\\u0001|\\ufffe|\\u0085/i);
    }
    expect(rssOut.diagnostics.map((d) => d.rule)).toEqual(Array(5).fill(DROPPED_CHARACTER_RULE));
    expect(rssOut.diagnostics[0]).toEqual({
      severity: 'warning', file: 'seeds/sample.txt', line: null, column: null, rule: DROPPED_CHARACTER_RULE,
      message: '3 characters XML cannot hold dropped from feed.xml', excerpt: 'Bad title ]]> & <script>x</script>',
    });
    expect(jsonOut.diagnostics[0]?.message).toBe('3 characters XML cannot hold dropped from feeds/feed.json');
  });
});

describe('self and home links name files the build writes', () => {
  // The JSON Feed said <url>/feed.json while the registry wrote feeds/feed.json (issue 12).
  const written = (name: string) => FORMATS.find((f) => f.name === name && f.kind === 'collection') as { fileName: string };

  test('feed_url and atom:link rel=self are the URL of the file the registry writes', async () => {
    const json = await jsonFeed(goldenArticles, goldenContext);
    expect(json.feed_url).toBe(`https://example.org/news/${written('jsonfeed').fileName}`);
    const rss = await text(exportRss, goldenArticles, goldenContext);
    expect(rss).toContain(`<atom:link href="https://example.org/news/${written('rss').fileName}" rel="self"`);
  });

  test('home_page_url and the channel link are the site root, where the site format writes index.html', async () => {
    // The site format writes the home page at out/'s root, the folder both links name.
    const site = await exportSite(goldenArticles, goldenContext);
    expect(site.more?.map((f) => f.name)).toContain('index.html');
    expect((await jsonFeed(goldenArticles, goldenContext)).home_page_url).toBe('https://example.org/news/');
    expect(await text(exportRss, goldenArticles, goldenContext)).toContain('<link>https://example.org/news/</link>');
  });
});

describe('JSON Feed 1.1', () => {
  test('passes the JSON Feed schema with every field the model has', async () => {
    const json = await jsonFeed(goldenArticles, goldenContext);
    expect(json).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Galley Desk & <Friends>',
      home_page_url: 'https://example.org/news/',
      feed_url: 'https://example.org/news/feeds/feed.json',
      description: 'Test articles for the feed goldens',
      language: 'en',
    });
    const item = json.items[1]!;
    const article = goldenArticles[1]!;
    expect(item).toEqual({
      id: article.id,
      url: article.url,
      title: article.title,
      content_html: feedContentHtml(article),
      summary: article.summary,
      date_published: article.published,
      date_modified: article.updated,
      authors: [{ name: 'Jane Doe' }, { name: 'John Roe' }],
      tags: ['Korea', 'Russia'],
      language: 'en',
      attachments: [{ url: 'https://example.org/news/sample-article.pdf', mime_type: 'application/pdf', size_in_bytes: 48213 }],
    });
  });

  test('seeds through the normalizer give a schema-valid JSON Feed with the same texts', async () => {
    const articles = seedArticles();
    const json = await jsonFeed(articles, { config: seedConfig, sizes: new Map() });
    expect(json.items.map((i) => i.id)).toEqual(feedArticles(articles, 50).map((a) => a.id));
    const markup = json.items.find((i) => i.title?.includes('<script>'))!;
    expect(markup.title).toBe('When “<script>” & ]]> are just words');
    expect(markup.content_html).toContain('&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; ]]&gt;');
    expect(JSON.stringify(json)).not.toMatch(/\\u0001|\uFFFE|\\ufffe/i);
  });

  test('the schema refuses what JSON Feed forbids', () => {
    const ok = { version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', content_text: 'x' }] };
    expect(JsonFeed.safeParse(ok).success).toBe(true);
    expect(JsonFeed.safeParse({ ...ok, version: 'https://jsonfeed.org/version/1' }).success).toBe(false);
    expect(JsonFeed.safeParse({ ...ok, items: [{ id: '1' }] }).success).toBe(false);
    expect(JsonFeed.safeParse({ ...ok, items: [{ id: 1, content_text: 'x' }] }).success).toBe(false);
    expect(JsonFeed.safeParse({ ...ok, items: [{ id: '1', content_text: 'x', attachments: [{ url: 'https://x.org/a' }] }] }).success).toBe(false);
    expect(JsonFeed.safeParse({ ...ok, items: [{ id: '1', content_text: 'x', authors: [{}] }] }).success).toBe(false);
    expect(JsonFeed.safeParse({ ...ok, bogus: 1 }).success).toBe(false);
    expect(JsonFeed.safeParse({ ...ok, _galley: { about: 'x' } }).success).toBe(true);
    expect(JsonFeed.safeParse({ ...ok, items: [ok.items[0], ok.items[0]] }).success).toBe(false);
  });
});

// Goldens are rewritten only on request (GALLEY_UPDATE_GOLDEN=1), and each diff is read before it is committed.
describe('goldens', () => {
  function expectGolden(name: string, actual: string): void {
    const path = new URL(`../../golden/${name}`, import.meta.url);
    if (process.env.GALLEY_UPDATE_GOLDEN === '1') {
      writeFileSync(path, actual);
      return;
    }
    if (!existsSync(path)) throw new Error(`test/golden/${name} is missing: run with GALLEY_UPDATE_GOLDEN=1 and read the diff`);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  }

  test('feed.xml', async () => { expectGolden('feed.xml', await text(exportRss, goldenArticles, goldenContext)); });
  test('feed.json', async () => { expectGolden('feed.json', await text(exportJsonFeed, goldenArticles, goldenContext)); });
});

// How fast the feeds are is the bench's question (npm run bench: ms per feed of 1,000 items), not a test's.
describe('a large feed', () => {
  test('a feed limit of 1,000 gives 1,000 items in both feeds, each with its full text', async () => {
    const articles = manyArticles(1000);
    const ctx = context({ url: 'https://example.org', feedLimit: 1000 }, new Map(articles.map((a) => [a.slug, { pdf: 40_000 }])));
    const rss = await text(exportRss, articles, ctx);
    expect(all(rss, /<item>/)).toHaveLength(1000);
    expect(all(rss, /<content:encoded>/)).toHaveLength(1000);
    expect((await jsonFeed(articles, ctx)).items).toHaveLength(1000);
  });
});
