// The OPDS catalog of a 63-article site (one with pictures) read back: xmllint, feedparser, and the OPDS 1.2 RELAX NG schema.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithTools, run } from '../support/tools.js';
import { buildWebCorpus } from '../support/web-corpus.js';
import type { WebCorpus } from '../support/web-corpus.js';

let corpus: WebCorpus;
const catalogFiles = () => readdirSync(join(corpus.outDir, 'opds')).sort().map((f) => join(corpus.outDir, 'opds', f));

describeWithTools(['xmllint', 'trang'], 'the catalog of 63 articles', () => {
  beforeAll(async () => {
    corpus = await buildWebCorpus();
  }, 120_000);

  it('lists every EPUB in out/ with an acquisition link, across its pages', () => {
    const epubs = readdirSync(corpus.outDir).filter((f) => f.endsWith('.epub')).sort();
    expect(epubs).toHaveLength(63);
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

  it('passes the OPDS 1.2 RELAX NG schema, every page', () => {
    for (const file of catalogFiles()) run('xmllint', ['--noout', '--relaxng', schema, file]);
  });

  it.each([
    ['an entry without its id', (xml: string) => xml.replace(/(<entry>[\s\S]*?)<id>[^<]*<\/id>/, '$1')],
    ['a link whose href holds a space', (xml: string) => xml.replace(/(rel="http:\/\/opds-spec\.org\/acquisition" href=")[^"]*"/, '$1a b.epub"')],
    ['a buy link without a price', (xml: string) => xml.replace('</entry>',
      '<link rel="http://opds-spec.org/acquisition/buy" href="b.epub" type="application/epub+zip"/></entry>')],
  ])('fails the schema with %s (the check can fail)', (_, spoil) => {
    const page = readFileSync(catalogFiles()[0]!, 'utf8');
    const broken = spoil(page);
    expect(broken).not.toBe(page);
    const file = join(mkdtempSync(join(tmpdir(), 'galley-opds-bad-')), 'catalog.xml');
    writeFileSync(file, broken);
    expect(() => run('xmllint', ['--noout', '--relaxng', schema, file])).toThrow();
  });
});
