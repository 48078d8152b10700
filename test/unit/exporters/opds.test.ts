// The OPDS 1.2 catalog (issue 12): an acquisition feed of every EPUB and PDF, paginated like the archive.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOpds } from '../../../src/exporters/opds.js';
import type { CollectionContext } from '../../../src/model/output.js';
import type { Article } from '../../../src/model/article.js';
import { articleId, goldenArticles, goldenConfig, goldenSizes } from '../../fixtures/feed/articles.js';
import { sampleArticle } from '../../support/article.js';
import { expectGolden } from '../../support/golden.js';
import { describeWithTools, haveTool, run } from '../../support/tools.js';
import { buildWebCorpus } from '../../support/web-corpus.js';
import type { WebCorpus } from '../../support/web-corpus.js';

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
  it('matches test/golden/opds/catalog.xml', async () => {
    expectGolden('opds/catalog.xml', (await catalog(goldenArticles)).get('opds/catalog.xml')!);
  });

  it('gives each article an acquisition link per file the build writes, with its length', async () => {
    const xml = (await catalog(goldenArticles)).get('opds/catalog.xml')!;
    expect(xml).toContain('<link rel="http://opds-spec.org/acquisition" href="../sample-article.epub" type="application/epub+zip" length="20111"/>');
    expect(xml).toContain('<link rel="http://opds-spec.org/acquisition" href="../sample-article.pdf" type="application/pdf" length="48213"/>');
    expect(xml).toContain('<link rel="alternate" href="../articles/sample-article/" type="text/html"/>');
    expect(xml.match(/<entry>/g)).toHaveLength(3);
  });

  it('pages like the archive, with first, last, previous and next', async () => {
    const files = await catalog(many(45), { sizes: new Map() });
    expect([...files.keys()]).toEqual(['opds/catalog.xml', 'opds/catalog-2.xml', 'opds/catalog-3.xml']);
    const two = files.get('opds/catalog-2.xml')!;
    expect(two).toContain('<link rel="previous" href="../opds/catalog.xml"');
    expect(two).toContain('<link rel="next" href="../opds/catalog-3.xml"');
    expect(two).toContain('<link rel="last" href="../opds/catalog-3.xml"');
    expect([...files.values()].map((x) => x.match(/<entry>/g)!.length)).toEqual([20, 20, 5]);
  });

  it('is the same bytes on every render, whatever order the articles come in', async () => {
    const a = await catalog(goldenArticles);
    const b = await catalog([...goldenArticles].reverse());
    expect(b).toEqual(a);
  });
});

let corpus: WebCorpus;
const catalogFiles = () => readdirSync(join(corpus.outDir, 'opds')).sort().map((f) => join(corpus.outDir, 'opds', f));

describeWithTools(['xmllint'], 'the catalog of 62 articles', () => {
  beforeAll(async () => {
    corpus = await buildWebCorpus();
  }, 120_000);

  it('lists every EPUB in out/ with an acquisition link, across its pages', () => {
    const epubs = readdirSync(corpus.outDir).filter((f) => f.endsWith('.epub')).sort();
    expect(epubs).toHaveLength(62);
    const listed = catalogFiles().flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/rel="http:\/\/opds-spec\.org\/acquisition" href="\.\.\/([^"]+\.epub)"/g)].map((m) => m[1]!));
    expect(listed.sort()).toEqual(epubs);
    run('xmllint', ['--noout', ...catalogFiles()]);
  });

  it('is read by feedparser as Atom: every entry with its acquisition links', () => {
    const script = [
      'import json, sys, feedparser',
      'out = []',
      'for path in sys.argv[1:]:',
      '    d = feedparser.parse(path)',
      '    out.append({"bozo": bool(d.bozo), "version": d.version, "entries": [[l.get("rel") for l in e.links] for e in d.entries],',
      '                "next": [l.href for l in d.feed.links if l.rel == "next"]})',
      'print(json.dumps(out))',
    ].join('\n');
    const pages = JSON.parse(run('/usr/bin/python3', ['-c', script, ...catalogFiles()])) as { bozo: boolean; version: string; entries: string[][]; next: string[] }[];
    expect(pages.map((p) => [p.bozo, p.version])).toEqual(Array(4).fill([false, 'atom10']));
    expect(pages.flatMap((p) => p.entries)).toHaveLength(62);
    for (const links of pages.flatMap((p) => p.entries)) {
      expect(links.filter((r) => r === 'http://opds-spec.org/acquisition')).toHaveLength(2);
    }
  });

  // The OPDS 1.2 RELAX NG schema is published with the spec (opds-spec, schema/1.2/); CI cannot download it,
  // so it is read from the shared folder when someone has put it there.
  const schemaDir = resolve('../shared/schemas/opds-1.2');
  const rng = join(schemaDir, 'opds.rng');
  const rnc = join(schemaDir, 'opds.rnc');
  const schemaPresent = existsSync(rng) || (existsSync(rnc) && haveTool('trang'));
  if (!schemaPresent) {
    process.stderr.write(`\n!!! OPDS 1.2 RELAX NG validation SKIPPED: put opds.rnc (with trang installed) or opds.rng in ${schemaDir}\n`);
  }
  it.skipIf(!schemaPresent)('passes the OPDS 1.2 RELAX NG schema', () => {
    let schema = rng;
    if (!existsSync(rng)) {
      const dir = mkdtempSync(join(tmpdir(), 'galley-opds-rng-'));
      schema = join(dir, 'opds.rng');
      run('trang', [rnc, schema]);
    }
    for (const file of catalogFiles()) run('xmllint', ['--noout', '--relaxng', schema, file]);
  });
});

