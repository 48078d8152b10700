// Property fuzz through the whole pipeline: generated seeds through every exporter, each output read back
// by a real parser (xmllint for XML and every XHTML inside the EPUB zip, qpdf for the PDF, JSON.parse).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { FORMATS } from '../../src/exporters/registry.js';
import type { Article } from '../../src/model/article.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { SeedError } from '../../src/model/diagnostic.js';
import { normalize } from '../../src/normalize/index.js';
import { describeWithTools, run } from '../support/tools.js';

/** Seeds per run; GALLEY_FUZZ_RUNS=500 for a longer hunt. */
const RUNS = Number(process.env.GALLEY_FUZZ_RUNS ?? 25);

const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('&', '<script>alert(1)</script>', ']]>', '<b>', '"', "'", '--', '---', '...', '\u0001', '\u0085', '\uFFFE',
    '\u00AD', '\u200B', 'Привет', 'Ελλάδα', '김정은', '🙂', '👩‍👩‍👧', '\t', ' ', 'x'.repeat(300)),
);
const line = fc.oneof(
  fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('News', 'Анализ', 'Ελλάδα Σήμερα', 'What Next'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }))
    .map(([k, h]) => `${k}: ${h}`),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => `- ${s}`),
  fc.constantFrom('Read also:', 'Key facts:', ''),
);
const seed = fc.array(line, { minLength: 1, maxLength: 25 }).map((lines) => lines.join('\n'));

describeWithTools(['xmllint', 'qpdf'], 'every exporter on generated seeds', () => {
  it(`gives output its own parser accepts (${RUNS} seeds)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-fuzz-'));
    const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };
    const articles: Article[] = [];
    const xml: string[] = [];
    const pdfs: string[] = [];
    const texts = fc.sample(seed, { numRuns: RUNS, seed: 20241128 });
    for (const [n, text] of texts.entries()) {
      let article: Article;
      try {
        article = normalize(text, `fuzz-${n}.txt`, { config, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' } }).article;
      } catch (e) {
        expect(e).toBeInstanceOf(SeedError);
        continue;
      }
      articles.push(article);
      writeFileSync(join(dir, `fuzz-${n}.txt`), text);
      for (const f of FORMATS) {
        if (f.kind !== 'article') continue;
        const { bytes } = await (await f.load())(article, { config });
        const base = join(dir, `fuzz-${n}.${f.extension}`);
        writeFileSync(base, bytes);
        if (f.name === 'json') expect(JSON.parse(new TextDecoder().decode(bytes)).title).toBe(article.title);
        if (f.name === 'pdf') pdfs.push(base);
        if (f.name === 'epub') {
          const entries = unzipSync(bytes);
          expect(Object.keys(entries)[0]).toBe('mimetype');
          mkdirSync(`${base}.d`);
          for (const [name, data] of Object.entries(entries)) {
            if (!/\.(xhtml|opf|ncx|xml)$/.test(name)) continue;
            const path = join(`${base}.d`, name.replace(/\//g, '_'));
            writeFileSync(path, data);
            xml.push(path);
          }
        }
      }
    }
    expect(articles.length).toBeGreaterThan(RUNS / 2);
    for (const f of FORMATS) {
      if (f.kind !== 'collection') continue;
      const { bytes } = await (await f.load())(articles, { config, sizes: new Map(articles.map((a) => [a.slug, { pdf: 1000 }])) });
      const path = join(dir, f.fileName.replace(/\//g, '_'));
      writeFileSync(path, bytes);
      if (path.endsWith('.xml')) xml.push(path);
      else expect(JSON.parse(new TextDecoder().decode(bytes)).items.length).toBeGreaterThan(0);
    }
    // One xmllint for every XML file: a failure names the file, whose seed is beside it in `dir`.
    run('xmllint', ['--noout', ...xml]);
    for (const pdf of pdfs) run('qpdf', ['--check', pdf]);
  }, 300_000);
});
