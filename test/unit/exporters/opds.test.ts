// The OPDS 1.2 catalog (issues 12, 22): a navigation feed at its root, leading to the acquisition feed of every EPUB
// and PDF, paginated like the archive (and to the editions').
import { describe, expect, it } from 'vitest';
import { exportOpds } from '../../../src/exporters/opds.js';
import type { CollectionContext } from '../../../src/model/output.js';
import type { Article } from '../../../src/model/article.js';
import { articleId, goldenArticles, goldenConfig, goldenSizes } from '../../fixtures/feed/articles.js';
import { sampleArticle } from '../../support/article.js';
import { expectGolden } from '../../support/golden.js';

const ALL = ['json', 'pdf', 'epub', 'html', 'rss', 'jsonfeed', 'site', 'opds'];

async function catalog(articles: readonly Article[], ctx: Partial<CollectionContext> = {}): Promise<Map<string, string>> {
  const out = await exportOpds(articles, { config: goldenConfig, sizes: goldenSizes, formats: ALL, ...ctx });
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return new Map([['opds/catalog.xml', decode(out.bytes)], ...(out.more ?? []).map((f) => [f.name, decode(f.bytes)] as [string, string])]);
}

const many = (count: number) => Array.from({ length: count }, (_, i) => sampleArticle({
  id: articleId(1000 + i), slug: `article-${i}`, title: `Article ${i}`, published: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
}));

describe('the catalog', () => {
  it('matches test/golden/opds/catalog.xml and latest.xml', async () => {
    const files = await catalog(goldenArticles);
    expectGolden('opds/catalog.xml', files.get('opds/catalog.xml')!);
    expectGolden('opds/latest.xml', files.get('opds/latest.xml')!);
  });

  it('is a navigation feed at its root: the latest articles, and the editions where the site has them', async () => {
    const root = (await catalog(goldenArticles)).get('opds/catalog.xml')!;
    expect(root).toContain('<link rel="self" href="../opds/catalog.xml" type="application/atom+xml;profile=opds-catalog;kind=navigation"/>');
    expect(root).toContain('<link rel="http://opds-spec.org/sort/new" href="../opds/latest.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>');
    expect(root).not.toContain('editions.xml');
    const withEditions = (await catalog(goldenArticles, { config: { ...goldenConfig, editions: { period: 'day', timeZone: 'UTC', sections: null, max: 50 } } })).get('opds/catalog.xml')!;
    expect(withEditions).toContain('<link rel="subsection" href="../opds/editions.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>');
    expect(root.match(/<entry>/g)).toHaveLength(1);
  });

  it('gives each article an acquisition link per file the build writes, with its length', async () => {
    const xml = (await catalog(goldenArticles)).get('opds/latest.xml')!;
    expect(xml).toContain('<link rel="http://opds-spec.org/acquisition" href="../sample-article.epub" type="application/epub+zip" length="20111"/>');
    expect(xml).toContain('<link rel="http://opds-spec.org/acquisition" href="../sample-article.pdf" type="application/pdf" length="48213"/>');
    expect(xml).toContain('<link rel="alternate" href="../articles/sample-article/" type="text/html"/>');
    expect(xml.match(/<entry>/g)).toHaveLength(3);
  });

  it('pages like the archive, with first, last, previous and next', async () => {
    const files = await catalog(many(45), { sizes: new Map() });
    expect([...files.keys()]).toEqual(['opds/catalog.xml', 'opds/latest.xml', 'opds/latest-2.xml', 'opds/latest-3.xml']);
    const two = files.get('opds/latest-2.xml')!;
    expect(two).toContain('<link rel="previous" href="../opds/latest.xml"');
    expect(two).toContain('<link rel="next" href="../opds/latest-3.xml"');
    expect(two).toContain('<link rel="last" href="../opds/latest-3.xml"');
    expect(two).toContain('<link rel="start" href="../opds/catalog.xml" type="application/atom+xml;profile=opds-catalog;kind=navigation"/>');
    expect([...files.values()].slice(1).map((x) => x.match(/<entry>/g)!.length)).toEqual([20, 20, 5]);
  });

  it('is the same bytes on every render, whatever order the articles come in', async () => {
    const a = await catalog(goldenArticles);
    const b = await catalog([...goldenArticles].reverse());
    expect(b).toEqual(a);
  });
});
