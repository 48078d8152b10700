// The web edition (issue 12): article pages, the home page and its archive, the sitemap and the icon.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/pipeline/build.js';
import { isArticleFileName } from '../../../src/pipeline/state/rows.js';
import { exportHtml } from '../../../src/exporters/html.js';
import { exportSite } from '../../../src/exporters/site.js';
import { articlePath, FORMATS, parseArticlePath, selectFormats } from '../../../src/exporters/registry.js';
import type { ArticleContext, CollectionContext } from '../../../src/model/output.js';
import type { Article } from '../../../src/model/article.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { PAGE_SIZE } from '../../../src/markup/listing.js';
import { relativeLink } from '../../../src/model/layout.js';
import { articleId, goldenArticles, goldenConfig, goldenSizes } from '../../fixtures/feed/articles.js';
import { sampleArticle } from '../../support/article.js';
import { expectGolden } from '../../support/golden.js';
import { CATALOGS } from '../../../src/messages/catalogs/index.js';

// Every format, the site's included, as a full build passes them.
const ALL = ['json', 'pdf', 'epub', 'html', 'rss', 'jsonfeed', 'site'];

async function page(article: Article, ctx: Partial<ArticleContext> = {}): Promise<string> {
  const out = await exportHtml(article, { config: goldenConfig, formats: ALL, sizes: { pdf: 48213, epub: 20111 }, ...ctx });
  return new TextDecoder().decode(out.bytes);
}

const arabic = sampleArticle({
  id: articleId(7), slug: 'arabic', language: 'ar', title: 'قمة المناخ COP29 تختتم أعمالها', authors: ['John Smith'],
  summary: 'اختتمت القمة أعمالها يوم الأحد.', url: 'https://example.org/news/articles/arabic/', related: [],
  sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'قال John Smith إن الاتفاق COP29 “أساس”.' }] }],
});

describe('the registry places each article file', () => {
  it('at out/<slug>.<extension>, and the web page at the folder URL the feeds name', () => {
    const paths = FORMATS.flatMap((f) => (f.kind === 'article' ? [articlePath(f, 'a-b')] : []));
    expect(paths).toEqual(['a-b.json', 'a-b.pdf', 'a-b.epub', 'articles/a-b/index.html', 'ninjs/a-b.json']);
    // The ninjs document, not the model of a slug "ninjs/a-b" (which no slug can be).
    expect(parseArticlePath('ninjs/a-b.json')).toMatchObject({ format: { name: 'ninjs' }, slug: 'a-b' });
    expect(parseArticlePath('a-b.json')).toMatchObject({ format: { name: 'json' }, slug: 'a-b' });
    expect(parseArticlePath('articles/a-b/index.html')).toMatchObject({ format: { name: 'html' }, slug: 'a-b' });
    expect(parseArticlePath('a-b.pdf')).toMatchObject({ format: { name: 'pdf' }, slug: 'a-b' });
    expect(parseArticlePath('feed.xml')).toBeNull();
  });

  it('takes from an untrusted build state only names it gives', () => {
    expect(isArticleFileName('articles/a-b/index.html')).toBe(true);
    for (const name of ['articles/../x/index.html', 'articles/a/b/index.html', 'articles//index.html', '../a.pdf', 'articles/a/other.html']) {
      expect(isArticleFileName(name), name).toBe(false);
    }
  });

  it('links a page to another file of out/ relatively', () => {
    expect(relativeLink('articles/a/index.html', 'a.pdf')).toBe('../../a.pdf');
    expect(relativeLink('articles/a/index.html', '')).toBe('../../');
    expect(relativeLink('index.html', '')).toBe('./');
    expect(relativeLink('page/2/index.html', 'page/3/')).toBe('../../page/3/');
  });
});

describe('an article page', () => {
  it('matches test/golden/article.html', async () => {
    expectGolden('article.html', await page(goldenArticles[1]!));
  });

  it('is the shared XHTML body inside <article>, in an <html> stating language and direction', async () => {
    const html = await page(goldenArticles[1]!);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<p class="byline">Jane Doe and John Roe · <time datetime="2024-06-19T00:00:00Z">June 19, 2024</time></p>');
    expect(html).toContain('<h2><span class="kicker">News</span> North Korean Soldiers Injured</h2>');
    expect(html).toContain('<aside class="related" id="related">');
    // Scripts: the JSON-LD, and the search box's own (Pagefind's interface from out/pagefind/, and its start).
    expect(html.match(/<script[^>]*>/g)).toEqual([
      '<script type="application/ld+json">', '<script src="../../pagefind/pagefind-ui.js" defer>', '<script>',
    ]);
    expect(html).toContain('<script>addEventListener("DOMContentLoaded",function(){if(!window.PagefindUI)return;var base=new URL("../../pagefind/",location.href).href;');
    expect(html).not.toMatch(/https?:\/\/(?!example\.org\/|schema\.org|www\.w3\.org)/);
    const ar = await page(arabic);
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    // Galley's own words are the article's language's: in Arabic, none tagged English.
    expect(ar).toContain(`<aside class="downloads">\n<h2>${CATALOGS.ar!['article.download']}</h2>`);
    expect(ar).toContain(`${new Intl.NumberFormat('ar', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(48)}</span>`);
    expect(ar.replace('<a href="../../" lang="en" dir="ltr">', '')).not.toContain('lang="en"');
    // The English site name is marked inline, so the header still starts on the right of an Arabic page.
    expect(ar).toContain('<p class="site-name"><a href="../../" lang="en" dir="ltr">');
  });

  it('links the PDF and EPUB with their sizes, only those the build writes', async () => {
    const html = await page(goldenArticles[1]!);
    expect(html).toContain('<a href="../../sample-article.pdf" type="application/pdf" download>PDF</a> <span class="size">48 kB</span> · '
      + '<a href="../../sample-article.epub" type="application/epub+zip" download>EPUB</a> <span class="size">20 kB</span>');
    const pdfOnly = await page(goldenArticles[1]!, { sizes: { pdf: 1_234_567 } });
    expect(pdfOnly).toContain('PDF</a> <span class="size">1.2 MB</span></p>');
    expect(pdfOnly).not.toContain('.epub');
    expect(await page(goldenArticles[1]!, { sizes: {} })).not.toContain('class="downloads"');
  });

  it('names its canonical URL, Open Graph, Twitter card and JSON-LD NewsArticle', async () => {
    const html = await page(goldenArticles[1]!);
    expect(html).toContain('<link rel="canonical" href="https://example.org/news/articles/sample-article/">');
    expect(html).toContain('<meta property="og:url" content="https://example.org/news/articles/sample-article/">');
    expect(html).toContain('<meta property="og:title" content="Sample “article” &amp; &lt;friends&gt;">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Sample “article” & <friends>', inLanguage: 'en',
      datePublished: '2024-06-19T00:00:00Z', dateModified: '2024-06-20T08:30:00Z',
      author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'John Roe' }],
      url: 'https://example.org/news/articles/sample-article/',
    });
    const noUrl = await page(sampleArticle({ url: null }));
    expect(noUrl).not.toMatch(/canonical|og:url|"url"/);
  });

  it('keeps a headline with </script> inside the JSON-LD as text', async () => {
    const html = await page(sampleArticle({ title: 'Evil </script><script>alert(1)</script>' }));
    expect(html.match(/<script/g)).toHaveLength(3); // the JSON-LD and the search box's two
    expect(html).toContain('Evil \\u003c/script\\u003e');
  });

  it('announces the feeds and links the home page and icon only where the build writes them', async () => {
    const html = await page(goldenArticles[1]!);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Galley Desk &amp; &lt;Friends&gt;" href="../../feed.xml">');
    expect(html).toContain('<link rel="alternate" type="application/feed+json" title="Galley Desk &amp; &lt;Friends&gt;" href="../../feeds/feed.json">');
    expect(html).toContain('<a href="../../">Galley Desk &amp; &lt;Friends&gt;</a>');
    const alone = await page(goldenArticles[1]!, { formats: ['html'] });
    expect(alone).not.toMatch(/feed\.xml|feed\.json|favicon|href="\.\.\/\.\.\/"/);
  });

  it('is the same bytes on every render', async () => {
    expect(await page(arabic)).toBe(await page(arabic));
  });
});

describe('a build with the web page', () => {
  const DATED = (title: string) => `---\ndate: 2024-06-19\n---\n${title}\nA paragraph.\n`;

  it('writes out/articles/<slug>/index.html with the sizes of the files beside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-web-'));
    mkdirSync(join(root, 'seeds'));
    writeFileSync(join(root, 'seeds', 'a.txt'), DATED('Talks resume'));
    const dirs = { seedsDir: join(root, 'seeds'), outDir: join(root, 'out') };
    const config = { ...DEFAULT_CONFIG, url: 'https://example.org/news' };
    await build({ ...dirs, config, formats: selectFormats(['json', 'pdf', 'html']) });
    const html = readFileSync(join(dirs.outDir, 'articles', 'talks-resume', 'index.html'), 'utf8');
    const pdf = readFileSync(join(dirs.outDir, 'talks-resume.pdf'));
    expect(html).toContain(`<span class="size">${Math.round(pdf.length / 1000)} kB</span>`);
    expect(html).toContain('<link rel="canonical" href="https://example.org/news/articles/talks-resume/">');

    // A corrected headline moves the page: the old one and its folder go.
    writeFileSync(join(root, 'seeds', 'a.txt'), DATED('Talks resumed'));
    await build({ ...dirs, config, formats: selectFormats(['json', 'pdf', 'html']) });
    expect(readdirSync(join(dirs.outDir, 'articles'))).toEqual(['talks-resumed']);
  });
});

async function site(articles: readonly Article[], ctx: Partial<CollectionContext> = {}): Promise<Map<string, string>> {
  const out = await exportSite(articles, { config: goldenConfig, sizes: goldenSizes, formats: ALL, ...ctx });
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return new Map([['sitemap.xml', decode(out.bytes)], ...(out.more ?? []).map((f) => [f.name, decode(f.bytes)] as [string, string])]);
}

/** `count` articles, one a day from 2024-01-01, oldest first. */
function manyArticles(count: number): Article[] {
  return Array.from({ length: count }, (_, i) => sampleArticle({
    id: articleId(1000 + i), slug: `article-${String(i).padStart(4, '0')}`, title: `Article ${i}`,
    published: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
    url: `https://example.org/news/articles/article-${String(i).padStart(4, '0')}/`,
  }));
}

describe('the home page', () => {
  it('matches test/golden/index.html and test/golden/sitemap.xml', async () => {
    const files = await site(goldenArticles);
    expect([...files.keys()]).toEqual(['sitemap.xml', 'index.html', 'favicon.svg']);
    expectGolden('index.html', files.get('index.html')!);
    expectGolden('sitemap.xml', files.get('sitemap.xml')!);
  });

  it('lists newest first with title, date, summary and downloads, linking each page relatively', async () => {
    const html = (await site(goldenArticles)).get('index.html')!;
    const titles = [...html.matchAll(/<h2><a href="([^"]*)">([^<]*)<\/a><\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(titles).toEqual([
      ['articles/alpha-same-day/', 'Same day, earlier slug'],
      ['articles/sample-article/', 'Sample “article” &amp; &lt;friends&gt;'],
      ['articles/older-briefing/', 'An older briefing'],
    ]);
    expect(html).toContain('<p class="meta"><time datetime="2024-06-19T00:00:00Z">June 19, 2024</time></p>');
    expect(html).toContain('<a href="sample-article.pdf" type="application/pdf" download>PDF</a> <span class="size">48 kB</span>');
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Galley Desk &amp; &lt;Friends&gt;" href="feed.xml">');
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="favicon.svg">');
    expect(html).toContain('<link rel="canonical" href="https://example.org/news/">');
  });

  it(`pages the archive ${PAGE_SIZE} to a page: page/2/, page/3/, with newer and older links`, async () => {
    const files = await site(manyArticles(45), { sizes: new Map() });
    expect([...files.keys()]).toEqual(['sitemap.xml', 'index.html', 'page/2/index.html', 'page/3/index.html', 'favicon.svg']);
    const count = (html: string) => html.match(/<li><article/g)?.length ?? 0;
    expect([...files.values()].slice(1, 4).map(count)).toEqual([20, 20, 5]);
    const two = files.get('page/2/index.html')!;
    expect(two).toContain('<a rel="prev" href="../../">Newer articles</a>');
    expect(two).toContain('<a rel="next" href="../../page/3/">Older articles</a>');
    expect(two).toContain('<a href="../../articles/article-0024/">Article 24</a>');
    expect(two).toContain('<link rel="canonical" href="https://example.org/news/page/2/">');
    expect(files.get('index.html')).toContain('<a rel="next" href="page/2/">Older articles</a>');
    expect(files.get('index.html')).not.toContain('rel="prev"');
    expect(files.get('page/3/index.html')).not.toContain('rel="next"');
    const sitemap = files.get('sitemap.xml')!;
    expect(sitemap.match(/<loc>/g)).toHaveLength(3 + 45);
    expect(sitemap).toContain('<url><loc>https://example.org/news/page/3/</loc><lastmod>2024-01-05T00:00:00Z</lastmod></url>');
  });

  it('says so when there is no article; a sitemap without a site URL lists nothing', async () => {
    const files = await site([], { config: { ...DEFAULT_CONFIG } });
    expect(files.get('index.html')).toContain('<p>No articles yet.</p>');
    expect(files.get('sitemap.xml')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n');
  });

  it('tags an article in another language than the site\'s, and Galley\'s words in an Arabic site', async () => {
    const html = (await site([arabic], { sizes: new Map([['arabic', { pdf: 9000 }]]) })).get('index.html')!;
    expect(html).toContain('<li><article lang="ar" dir="rtl">');
    // The article's download size in its own language, inside its element that says so.
    expect(html).toMatch(new RegExp(`<p class="meta"><a href="arabic.pdf" type="application/pdf" download>PDF</a> <span class="size">${new Intl.NumberFormat('ar', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(9)}</span></p>`));
  });

  it('writes an SVG icon of its own', async () => {
    const svg = (await site([])).get('favicon.svg')!;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">')).toBe(true);
    expect(svg).not.toMatch(/href|<text/);
  });
});
