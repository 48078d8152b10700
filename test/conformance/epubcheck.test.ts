// EPUBCheck over the EPUB exporter's output: no error and no warning (the fixture corpus: corpus.test.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportEpub } from '../../src/exporters/epub.js';
import { zipEntries } from '../../src/exporters/epub/zip.js';
import type { Article } from '../../src/model/article.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../src/model/config.js';
import { ENTRY_ORDER, variants } from '../support/epub-articles.js';
import { sampleArticle } from '../support/article.js';
import { describeWithTools } from '../support/tools.js';

const SEED = 'seeds/putin-north-korea.txt';
const ARABIC_SEED = 'test/fixtures/feed/seeds/arabic-rtl.txt';

async function render(article: Article, config: SiteConfig = DEFAULT_CONFIG) {
  return exportEpub(article, { config });
}

// The fixture corpus is EPUBChecked once, with every other validator, by test/conformance/corpus.test.ts.

describeWithTools(['java', 'epubcheck'], 'EPUBCheck', () => {
  const run = promisify(execFile);
  let dir: string;
  const verdicts = new Map<string, string>();

  async function check(path: string): Promise<string> {
    try {
      // C1 only and the serial GC: a third of the CPU time for a short-lived JVM, same verdicts.
      const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
      const { stdout, stderr } = await run('java', [...jvm, '-jar', '/usr/bin/epubcheck', path], { maxBuffer: 16 * 1024 * 1024 });
      return `${stdout}\n${stderr}`;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-epubcheck-'));
    const books: Record<string, Uint8Array> = {};
    const failed = (error: unknown) => new TextEncoder().encode(`not rendered: ${String(error)}`);
    for (const [name, article] of Object.entries(variants())) books[name] = (await render(article)).bytes;
    books['site-title-markup'] = (await render(sampleArticle(), { ...DEFAULT_CONFIG, title: 'Tom & Jerry’s <Daily>' })).bytes;
    for (const [name, path] of [['seed', SEED], ['arabic-seed', ARABIC_SEED]] as const) {
      try {
        const { normalize } = await import('../../src/normalize/index.js');
        const { article } = normalize(readFileSync(path), path, { config: DEFAULT_CONFIG, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' } });
        books[name] = (await render(article)).bytes;
      } catch (error) {
        books[name] ??= failed(error);
      }
    }
    // A negative control: an NCX whose uid differs from the package identifier must fail (NCX-001).
    const files = unzipSync(books.sample!);
    files['OEBPS/toc.ncx'] = new TextEncoder().encode(strFromU8(files['OEBPS/toc.ncx']!).replace('0f4e7a52', '0f4e7a53'));
    books['broken-ncx'] = zipEntries(ENTRY_ORDER.map((name) => ({ name, data: files[name]!, deflate: name !== 'mimetype' })), new Date('2024-06-19T00:00:00Z'));

    // One JVM per file takes seconds to start: check them side by side, a few at a time so memory stays bounded.
    const names = Object.keys(books);
    names.forEach((name, i) => writeFileSync(join(dir, `${i}.epub`), books[name]!));
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < names.length; i = next++) verdicts.set(names[i]!, await check(join(dir, `${i}.epub`)));
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  }, 900_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const clean = /Messages: 0 fatals \/ 0 errors \/ 0 warnings \/ 0 infos/;
  const cases = ['sample', 'german', 'russian', 'minimal', 'arabic', 'hebrew', 'site-title-markup', 'seed', 'arabic-seed'];
  it.each(cases)('reports 0 errors and 0 warnings for the %s EPUB', (name) => {
    const verdict = verdicts.get(name) ?? '';
    expect(verdict, verdict).toMatch(clean);
    expect(verdict).toContain('No errors or warnings detected.');
  });

  it('reports an error for a broken EPUB (the check can fail)', () => {
    const verdict = verdicts.get('broken-ncx') ?? '';
    expect(verdict).toMatch(/NCX-001/);
    expect(verdict).not.toMatch(clean);
  });
});
