// The OPDS catalog of a 63-article site (one with pictures, weekly editions) read back: xmllint, feedparser, and the
// OPDS 1.2 RELAX NG schema: the navigation feed at its root, the latest articles' and the editions' acquisition feeds.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithTools, run } from '../support/tools.js';
import { buildWebCorpus } from '../support/web-corpus.js';
import type { WebCorpus } from '../support/web-corpus.js';

let corpus: WebCorpus;
const catalogFiles = (feed = '') => readdirSync(join(corpus.outDir, 'opds')).filter((f) => f.startsWith(feed)).sort().map((f) => join(corpus.outDir, 'opds', f));

describeWithTools(['xmllint', 'trang'], 'the catalog of 63 articles', () => {
  beforeAll(async () => {
    corpus = await buildWebCorpus();
  }, 120_000);

  it('lists every EPUB in out/ with an acquisition link, across its pages', () => {
    const epubs = readdirSync(corpus.outDir).filter((f) => f.endsWith('.epub')).sort();
    expect(epubs).toHaveLength(63);
    const listed = catalogFiles('latest').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/rel="http:\/\/opds-spec\.org\/acquisition" href="\.\.\/([^"]+\.epub)"/g)].map((m) => m[1]!));
    expect(listed.sort()).toEqual(epubs);
    run('xmllint', ['--noout', ...catalogFiles()]);
  });

  it('leads from its root, a navigation feed, to the latest articles and the editions; every edition\'s EPUB and PDF listed', () => {
    const script = [
      'import json, sys, feedparser',
      'd = feedparser.parse(sys.argv[1])',
      'print(json.dumps({"bozo": bool(d.bozo), "self": [l.type for l in d.feed.links if l.rel == "self"],',
      '  "entries": [[e.title, [(l.rel, l.href, l.type) for l in e.links]] for e in d.entries]}))',
    ].join('\n');
    const root = JSON.parse(run('/usr/bin/python3', ['-c', script, join(corpus.outDir, 'opds/catalog.xml')])) as { bozo: boolean; self: string[]; entries: [string, [string, string, string][]][] };
    expect(root.bozo).toBe(false);
    expect(root.self).toEqual(['application/atom+xml;profile=opds-catalog;kind=navigation']);
    expect(root.entries.map(([title, links]) => [title, links.map(([rel, href]) => [rel, href])])).toEqual([
      ['Latest articles', [['http://opds-spec.org/sort/new', '../opds/latest.xml']]],
      ['Editions', [['subsection', '../opds/editions.xml']]],
    ]);
    const editions = readdirSync(join(corpus.outDir, 'editions')).filter((d) => /^\d{4}-W\d{2}$/.test(d)).sort();
    expect(editions.length).toBeGreaterThan(5);
    const listed = catalogFiles('editions').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/rel="http:\/\/opds-spec\.org\/acquisition" href="\.\.\/editions\/([^/]+)\/\1\.(epub|pdf)"/g)].map((m) => `${m[1]}.${m[2]}`));
    expect(listed.sort()).toEqual(editions.flatMap((e) => [`${e}.epub`, `${e}.pdf`]).sort());
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
    const pages = JSON.parse(run('/usr/bin/python3', ['-c', script, ...catalogFiles('latest')])) as { bozo: boolean; version: string; entries: string[][]; next: string[] }[];
    expect(pages.map((p) => [p.bozo, p.version])).toEqual(Array(4).fill([false, 'atom10']));
    expect(pages.flatMap((p) => p.entries)).toHaveLength(63);
    // The article with a lead picture gives reader apps its cover and thumbnail.
    const withImage = pages.flatMap((p) => p.entries).filter((links) => links.includes('http://opds-spec.org/image'));
    expect(withImage).toHaveLength(1);
    expect(withImage[0]).toContain('http://opds-spec.org/image/thumbnail');
    for (const links of pages.flatMap((p) => p.entries)) {
      expect(links.filter((r) => r === 'http://opds-spec.org/acquisition')).toHaveLength(2);
    }
  });

  // The OPDS 1.2 grammar and Atom's, as ../shared/schemas/opds-1.2/README.md says where they come from.
  const schemaDir = resolve('../shared/schemas/opds-1.2');
  let schema: string;
  beforeAll(() => {
    if (!existsSync(join(schemaDir, 'opds.rnc'))) throw new Error(`no OPDS 1.2 schema at ${schemaDir}/opds.rnc`);
    const dir = mkdtempSync(join(tmpdir(), 'galley-opds-rng-'));
    schema = join(dir, 'opds.rng');
    run('trang', [join(schemaDir, 'opds.rnc'), schema]);
  });

  it('passes the OPDS 1.2 RELAX NG schema, every page: the root, the latest articles\' and the editions\'', () => {
    const files = catalogFiles();
    expect(files.map((f) => f.replace(/^.*\/opds\//, '').replace(/-\d+/, '-N'))).toEqual(expect.arrayContaining(['catalog.xml', 'latest.xml', 'latest-N.xml', 'editions.xml']));
    for (const file of files) run('xmllint', ['--noout', '--relaxng', schema, file]);
  });

  it.each([
    ['an entry without its id', 'latest', (xml: string) => xml.replace(/(<entry>[\s\S]*?)<id>[^<]*<\/id>/, '$1')],
    ['a link whose href holds a space', 'latest', (xml: string) => xml.replace(/(rel="http:\/\/opds-spec\.org\/acquisition" href=")[^"]*"/, '$1a b.epub"')],
    ['a buy link without a price', 'latest', (xml: string) => xml.replace('</entry>',
      '<link rel="http://opds-spec.org/acquisition/buy" href="b.epub" type="application/epub+zip"/></entry>')],
    ['a navigation feed without its id', 'catalog', (xml: string) => xml.replace(/<id>[^<]*<\/id>/, '')],
    ['an edition without its title', 'editions', (xml: string) => xml.replace(/(<entry>\n)<title>[^<]*<\/title>\n/, '$1')],
  ])('fails the schema with %s (the check can fail)', (_, feed, spoil) => {
    const page = readFileSync(catalogFiles(feed)[0]!, 'utf8');
    const broken = spoil(page);
    expect(broken).not.toBe(page);
    const file = join(mkdtempSync(join(tmpdir(), 'galley-opds-bad-')), 'catalog.xml');
    writeFileSync(file, broken);
    expect(() => run('xmllint', ['--noout', '--relaxng', schema, file])).toThrow();
  });
});
