// Property: over generated seeds, normalize() returns an Article the schema accepts or throws SeedError, and
// no word of any body line is lost. GALLEY_FUZZ_RUNS raises the count (default 2000); GALLEY_FUZZ_RULES=1 prints
// how many runs ended in each SeedError rule.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Article } from '../../../src/model/article.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../../src/model/config.js';
import { SeedError } from '../../../src/model/diagnostic.js';
import { RELATED_TITLES } from '../../../src/normalize/blocks.js';
import { normalize } from '../../../src/normalize/index.js';
import { modelTexts } from './helpers.js';

const RUNS = Number(process.env.GALLEY_FUZZ_RUNS ?? 2000);
const config = SiteConfig.parse({ ...DEFAULT_CONFIG, url: 'https://news.example/', relatedTitles: ['Lesen Sie auch'] });
const RELATED = new Set([...RELATED_TITLES, 'Lesen Sie auch'].map((t) => t.toLowerCase()));

// Pieces a seed is made of: the format's own marks, markup, controls, odd spaces and any Unicode.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('- ', '* ', '• ', ': ', ':', '---', '--', '...', '"', "'", '’', '.', '?', '&', '<script>', ']]>', '<b>', '&amp;',
    '\t', '\u000B', '\u000C', '\u0000', '\u0001', '\u007F', '\u0085', '\u009F', '\uFFFE', '\uFFFF', '\u00A0', '\u202F', '\u2028',
    '\u200B', '\uFEFF', '\u0301', '😀', '👩‍👩‍👧', 'Ω', 'Ж', 'Ä', 'ß', '한', 'https://example.org/a', 'http://x', ' ', '  '),
  fc.constantFrom('News', 'Key Facts', 'Новости', 'Ειδήσεις', 'Read also', 'RELATED', 'Lesen Sie auch', 'Update', 'word', 'Putin wrote'),
);
const freeLine = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
const line = fc.oneof(
  { weight: 5, arbitrary: freeLine },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('News', 'Big Day', 'Новости Дня', 'A B C D', 'x'), freeLine).map(([k, h]) => `${k}: ${h}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '• ', '-', '- \u00A0'), freeLine).map(([m, t]) => m + t) },
  { weight: 1, arbitrary: fc.constantFrom('Read also:', 'see ALSO:', 'Further reading :', 'Key facts:', 'Lesen Sie auch:', ':') },
  { weight: 1, arbitrary: fc.constantFrom('', '', ' ', '---', '--- ', '#', '# comment', 'date: 2024-06-19', 'title: x') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'word ', '😀', 'Ж '), fc.integer({ min: 40, max: 700 })).map(([s, n]) => s.repeat(n)) },
);
// Front matter lines: mostly good keys and values, a few bad ones (each an error), comments and blanks.
const fmLine = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('date: 2024-06-19', 'updated: 2024-06-20T08:00', 'author: Jane "J" Doe', 'authors: [A, "B, C"]',
    'tags: x, y', 'url: https://a.example/x', 'language: ko', 'slug: a-b', 'Summary: "quoted"', '', '# comment: x') },
  { weight: 1, arbitrary: fc.constantFrom('title: x', 'date: 2024-02-30', 'url: javascript:alert(1)', 'language: en_US', 'no colon', 'slug: A B') },
  { weight: 2, arbitrary: freeLine.map((v) => `summary: ${v}`) },
);
// fc.option's freq is the odds against null: an explicit weighted choice reads better.
const sometimes = <T>(arb: fc.Arbitrary<T>, weight: number) =>
  fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(null) }, { weight, arbitrary: arb });
const seed = fc.record({
  bom: fc.boolean(),
  frontMatter: sometimes(fc.uniqueArray(fmLine, { maxLength: 4, selector: (l) => l.split(':')[0]!.toLowerCase() }), 4),
  lines: fc.array(line, { minLength: 0, maxLength: 25 }),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bytes: fc.boolean(),
  junk: sometimes(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 })), 1),
}).map(({ bom, frontMatter, lines, eol, bytes, junk }) => {
  const text = (bom ? '\uFEFF' : '') + (frontMatter ? ['---', ...frontMatter, '---', ...lines] : lines).join(eol);
  if (!bytes) return text;
  const b = Buffer.from(text, 'utf8');
  if (junk === null) return new Uint8Array(b);
  const at = b.length === 0 ? 0 : junk[0] % b.length;
  return new Uint8Array(Buffer.concat([b.subarray(0, at), Buffer.from(junk[1]), b.subarray(at)]));
});

/** The body lines as the format defines them, computed here apart from the code under test. */
function bodyLines(input: string | Uint8Array): string[] {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/gu, '').normalize('NFC'));
  if (lines[0]?.trimEnd() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
    return lines.slice(end + 1);
  }
  return lines;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** A related-list title is a marker the exporters label in the article's language; its words are not text. */
function isRelatedTitle(line: string): boolean {
  const t = line.replace(/\s+/gu, ' ').trim();
  return t.endsWith(':') && RELATED.has(t.slice(0, -1).trim().toLowerCase());
}

describe('normalize, property', () => {
  test(`Article or SeedError, nothing lost (${RUNS} runs)`, () => {
    let articles = 0;
    let errors = 0;
    const rulesSeen = new Map<string, number>();
    fc.assert(fc.property(seed, (input) => {
      let article: Article;
      try {
        article = normalize(input, 'seeds/fuzz.txt', { config, fallbackDate: { iso: '2024-01-01T00:00:00.000Z', source: 'mtime' } }).article;
      } catch (e) {
        if (!(e instanceof SeedError)) throw e;
        const { rule, file } = e.diagnostic;
        if (process.env.GALLEY_FUZZ_RULES) rulesSeen.set(rule, (rulesSeen.get(rule) ?? 0) + 1);
        expect(file).toBe('seeds/fuzz.txt');
        expect(rule).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
        expect(e.message.length).toBeGreaterThan(0);
        errors++;
        return;
      }
      articles++;
      expect(Article.safeParse(article).success).toBe(true);
      const have = new Set(modelTexts(article).flatMap(words));
      for (const l of bodyLines(input)) {
        if (isRelatedTitle(l)) continue;
        for (const w of words(l)) {
          if (!have.has(w)) throw new Error(`word ${JSON.stringify(w)} of line ${JSON.stringify(l)} is not in the model`);
        }
      }
    }), { numRuns: RUNS });
    // The generator must reach both outcomes, or the property says little (typically ~65% articles, ~35% errors).
    if (process.env.GALLEY_FUZZ_RULES) console.log(`${articles} articles, ${errors} SeedErrors`, rulesSeen);
    expect(articles).toBeGreaterThan(RUNS / 3);
    expect(errors).toBeGreaterThan(RUNS / 10);
  }, Math.max(120_000, RUNS * 10));
});
