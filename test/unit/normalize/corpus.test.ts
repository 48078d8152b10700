// The fixture corpus: every seed in test/fixtures/corpus normalizes (with the facts it exists to show), and every
// seed in test/fixtures/bad fails with the rule and line test/fixtures/bad/expected.json names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Article } from '../../../src/model/article.js';
import { SiteConfig } from '../../../src/model/config.js';
import { SeedError } from '../../../src/model/diagnostic.js';
import { MAX_SEED_BYTES } from '../../../src/normalize/decode.js';
import { normalize } from '../../../src/normalize/index.js';
import type { NormalizeResult } from '../../../src/normalize/index.js';
import { blocks, paragraphs } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const CORPUS = join(FIXTURES, 'corpus');
const BAD = join(FIXTURES, 'bad');
// The corpus's own site config (build it with `--config test/fixtures/corpus/galley.config.json`).
const config = SiteConfig.parse(JSON.parse(readFileSync(join(CORPUS, 'galley.config.json'), 'utf8')));
const fallbackDate = { iso: '2024-01-01T00:00:00.000Z', source: 'mtime' as const };

const seeds = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
const read = (name: string): NormalizeResult => normalize(readFileSync(join(CORPUS, `${name}.txt`)), `corpus/${name}.txt`, { config, fallbackDate });
const rules = (r: NormalizeResult) => r.diagnostics.map((d) => d.rule);

describe('corpus', () => {
  test('at least 15 seeds, with stable names', () => {
    expect(seeds).toEqual([
      'bom.txt', 'control-characters.txt', 'crlf.txt', 'duplicate-slug-a.txt', 'duplicate-slug-b.txt', 'emoji.txt',
      'front-matter-full.txt', 'german.txt', 'greek.txt', 'hangul.txt', 'lists-titled-untitled.txt', 'lone-cr.txt',
      'long-read.txt', 'many-sections.txt', 'markup-characters.txt', 'minimal.txt', 'path-headline.txt',
      'quotes-and-dashes.txt', 'related-variants.txt', 'russian.txt',
    ]);
  });

  test.each(seeds)('%s normalizes to a valid Article; only minimal.txt falls back on the file date', (file) => {
    const result = read(file.replace(/\.txt$/, ''));
    expect(Article.safeParse(result.article).success).toBe(true);
    expect(rules(result).includes('date/fallback')).toBe(file === 'minimal.txt');
    expect(rules(result).includes('encoding/control-character')).toBe(file === 'control-characters.txt');
  });

  test('front-matter-full: every key', () => {
    const a = read('front-matter-full').article;
    expect(a).toMatchObject({
      slug: 'putin-visit-front-matter', title: 'Putin seeks to court North Korea prior to scheduled visit', language: 'en-GB',
      authors: ['Jane Doe', 'Roe, John'], published: '2024-06-19T06:30:00.000Z', updated: '2024-06-20T10:00:00.000Z',
      url: 'https://news.example/world/putin-visit', tags: ['Korea', 'Russia', 'Diplomacy, Asia'],
      summary: 'Putin’s trip – his first in 24 years – ends in Vietnam…',
    });
  });

  test('crlf, bom, lone-cr: no CR or BOM anywhere in the model', () => {
    for (const name of ['crlf', 'bom', 'lone-cr']) {
      const json = JSON.stringify(read(name).article);
      expect(json).not.toMatch(/\\r|\uFEFF/);
    }
    expect(read('bom').article.title).toBe('A file that starts with a byte-order mark');
    expect(read('crlf').article.sections.map((s) => s.id)).toEqual(['lead', 'what-comes-next']);
    expect(read('lone-cr').article.sections.map((s) => s.heading)).toEqual([null, 'Archive Files Converted']);
  });

  test('many-sections: sections, unique ids, heading edge cases', () => {
    const a = read('many-sections').article;
    expect(a.sections.map((s) => [s.id, s.kicker])).toEqual([
      ['lead', null], ['parliament-passes-budget', 'News'], ['home-team-wins-final', 'Sport'],
      ['museum-reopens-after-repairs', 'Culture'], ['storms-expected', 'Weather Outlook'], ['budget-fight-not-over', 'Analysis'],
      ['same-heading-twice', 'Opinion'], ['same-heading-twice-2', 'Letters'],
    ]);
    expect(paragraphs(a)).toContain('Update: Talks resumed on Monday.');
    expect(paragraphs(a)).toContain('Putin wrote: we will continue …');
    expect(paragraphs(a)).toContain('Breaking News From Abroad: Four Words Is Too Many');
  });

  test('lists-titled-untitled: every list shape', () => {
    const lists = blocks(read('lists-titled-untitled').article).filter((b) => b.type === 'list');
    expect(lists).toEqual([
      { type: 'list', title: null, items: ['First untitled item', 'Second untitled item, star marker', 'Third untitled item, bullet marker'] },
      { type: 'list', title: 'Key facts', items: ['The title and the items may be separated by blank lines.', 'Items may be too.', 'The list ends at the next paragraph.'] },
      { type: 'list', title: null, items: ['so this item starts an untitled list'] },
      { type: 'list', title: 'News: Key Facts', items: ['A list title followed by items wins over the heading rule.'] },
    ]);
    expect(paragraphs(read('lists-titled-untitled').article)).toContain('Key numbers:');
  });

  test('related-variants: all six titles in any case are related; another title is not', () => {
    const a = read('related-variants').article;
    expect(a.related).toEqual([
      { text: 'Putin visits North Korea https://news.example/a', url: 'https://news.example/a' },
      { text: 'A story in capitals', url: null },
      { text: 'A story in lower case', url: null },
      { text: 'Another related story (https://news.example/b)', url: 'https://news.example/b' },
      { text: 'More on this story', url: null },
      { text: 'Further reading on this story', url: null },
    ]);
    expect(blocks(a).at(-1)).toEqual({ type: 'list', title: 'See also this', items: ['Not related: the title is not one of the six, so this is a list of the body.'] });
  });

  test('markup-characters: markup is text', () => {
    const a = read('markup-characters').article;
    expect(a.title).toBe('Fish & Chips <b>bold</b> ]]> <script>alert(“x”)</script>');
    expect(a.summary).toBe('Summary with <tags> & ]]> in it');
    expect(a.sections[1]).toMatchObject({ kicker: 'Code', heading: '<b>Not Bold</b>' });
  });

  test('quotes-and-dashes', () => {
    const a = read('quotes-and-dashes').article;
    expect(a.title).toBe('“Quotes” – and dashes — everywhere…');
    expect(paragraphs(a)).toEqual([
      'He said “it’s over” and left; she said ‘not yet’.',
      'Russia’s allies, the ’90s, rock ‘n’ roll and “nested ‘single’ quotes”.',
      'Ranges 1990–2000 and 10 – 20, an aside—like this—and one — like that.',
      'Wait… what? Wait … what?',
      'Already typographic: “quotes” – dashes — and an ellipsis… stay as they are.',
      'Its paragraph.',
    ]);
    expect(a.sections[1]).toMatchObject({ kicker: 'Quote', heading: '“A Heading In Quotes”' });
  });

  test('languages: de, ru, el, ko with transliterated slugs', () => {
    expect(read('german').article).toMatchObject({ language: 'de', slug: 'putin-umwirbt-nordkorea-vor-seinem-besuch', authors: ['Jürgen Müßig'] });
    expect(read('german').article.related).toHaveLength(2);
    expect(read('russian').article).toMatchObject({ language: 'ru', slug: 'putin-stremitsya-sblizitsya-s-severnoy-koreey-pered-vizitom' });
    expect(read('russian').article.sections[1]).toMatchObject({ kicker: 'Новости', heading: 'Северокорейские Солдаты Ранены' });
    expect(read('russian').article.related).toEqual([{ text: 'Путин и Ким Чен Ын подписали соглашение', url: null }]);
    expect(read('greek').article).toMatchObject({ language: 'el', slug: 'o-poytin-epidiokei-proseggisi-me-ti-voreia-korea' });
    expect(read('greek').article.sections[1]).toMatchObject({ kicker: 'Ειδήσεις' });
    const ko = read('hangul').article;
    expect(ko).toMatchObject({ language: 'ko', title: '푸틴, 방문 앞두고 북한에 구애', slug: 'putin-bangmun-apdugo-bughane-guae' });
    // Hangul has no letter case: a label word that starts with any Hangul letter counts as capitalized.
    expect(ko.sections.map((s) => [s.kicker, s.heading])).toEqual([[null, null], ['뉴스', '북한 군인 부상']]);
    expect(paragraphs(ko)).not.toContain('뉴스: 북한 군인 부상');
  });

  test('emoji survive', () => {
    const a = read('emoji').article;
    expect(a.title).toBe('Emoji in the news 🙂 🇰🇷 👩‍👩‍👧');
    expect(a.sections[1]).toMatchObject({ kicker: 'Reactions', heading: '🔥 Hot Takes' });
  });

  test('control-characters: dropped with a warning per line', () => {
    const r = read('control-characters');
    expect(r.article.title).toBe('Control characters are dropped');
    expect(paragraphs(r.article)).toEqual([
      'A bell , an escape [31m, a DEL and a C1 control.',
      'Tabs and vertical tabs and form feeds are white space.',
      'The noncharacters and go too.',
      'A line with no control characters gives no warning.',
    ]);
    expect(r.diagnostics.map((d) => [d.line, d.column])).toEqual([[4, 8], [5, 8], [7, 19]]);
  });

  test('long-read: about 6,000 words, ten sections, lists and related reading', () => {
    const a = read('long-read').article;
    expect(a.stats.words).toBeGreaterThanOrEqual(5900);
    expect(a.stats.words).toBeLessThanOrEqual(6300);
    expect(a.stats.readingMinutes).toBe(Math.ceil(a.stats.words / 230));
    expect(a.sections).toHaveLength(11);
    expect(blocks(a).filter((b) => b.type === 'list').length).toBeGreaterThanOrEqual(4);
    expect(a.related).toHaveLength(2);
    expect([...a.summary].length).toBeLessThanOrEqual(300);
  });

  test('duplicate-slug-a and -b: same slug from the normalizer, different ids', () => {
    const a = read('duplicate-slug-a').article;
    const b = read('duplicate-slug-b').article;
    expect(a.slug).toBe('the-same-headline-twice');
    expect(b.slug).toBe(a.slug);
    expect(b.id).not.toBe(a.id);
  });

  test('minimal: headline only', () => {
    const a = read('minimal').article;
    expect(a).toMatchObject({ title: 'A headline and nothing else', sections: [], related: [], summary: 'A headline and nothing else',
      published: '2024-01-01T00:00:00.000Z', authors: ['Staff'] });
  });

  test('path-headline: the slug is safe', () => {
    expect(read('path-headline').article).toMatchObject({ title: '../../etc/passwd', slug: 'etc-passwd' });
  });
});

describe('bad seeds', () => {
  const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, { rule: string; line: number | null }>;
  const files = readdirSync(BAD).filter((f) => f.endsWith('.txt')).sort();

  test('every bad seed has an expectation, every expectation a seed (too-large.txt is made at test time)', () => {
    expect(Object.keys(expected).filter((f) => f !== 'too-large.txt').sort()).toEqual(files);
  });

  const fail = (bytes: Uint8Array, file: string) => {
    try {
      normalize(bytes, `bad/${file}`, { config, fallbackDate });
    } catch (e) {
      expect(e).toBeInstanceOf(SeedError);
      return (e as SeedError).diagnostic;
    }
    throw new Error(`bad/${file} normalized`);
  };

  test.each(files)('%s fails with its rule and line', (file) => {
    const e = fail(readFileSync(join(BAD, file)), file);
    expect({ rule: e.rule, line: e.line, file: e.file }).toEqual({ ...expected[file], file: `bad/${file}` });
  });

  test('too-large.txt (1 MiB + 1 byte, made here)', () => {
    const bytes = Buffer.alloc(MAX_SEED_BYTES + 1, 'a');
    const e = fail(bytes, 'too-large.txt');
    expect({ rule: e.rule, line: e.line }).toEqual({ rule: expected['too-large.txt']!.rule, line: null });
  });
});
