// Rule 3: the headline is the first non-blank line after the front matter; one trailing `.` goes; at most 300 characters.
import { describe, expect, test } from 'vitest';
import { article, paragraphs, seedError } from './helpers.js';

describe('rule 3: headline', () => {
  test('the first non-blank line, after blank lines and front matter', () => {
    const a = article('---\ndate: 2024-01-01\n---\n\n  \nPutin seeks to court North Korea prior to scheduled visit.\nBody');
    expect(a.title).toBe('Putin seeks to court North Korea prior to scheduled visit');
    expect(paragraphs(a)).toEqual(['Body']);
  });

  test('one trailing `.` is dropped, only one', () => {
    expect(article('Talks resumed.').title).toBe('Talks resumed');
    expect(article('Talks resumed..').title).toBe('Talks resumed.');
    expect(article('Talks resumed .').title).toBe('Talks resumed');
  });

  test('`?` and `!` stay', () => {
    expect(article('Is it over?').title).toBe('Is it over?');
    expect(article('It is over!').title).toBe('It is over!');
  });

  test('a trailing ellipsis `...` stays (as …)', () => {
    expect(article('And then...').title).toBe('And then…');
    expect(article('And then....').title).toBe('And then….');
    expect(article('And then…').title).toBe('And then…');
  });

  test('a `.` that is the whole headline stays', () => {
    expect(article('.\nBody').title).toBe('.');
    expect(article(' . \nBody').title).toBe('.');
  });

  test('the headline is trimmed, folded and typeset', () => {
    expect(article('  "Quoted"   headline -- with  dashes  ').title).toBe('“Quoted” headline – with dashes');
  });

  test('a headline that looks like a heading, an item or a list title is still the headline', () => {
    expect(article('News: Something happened\nBody').title).toBe('News: Something happened');
    expect(article('- an item\nBody').title).toBe('- an item');
    expect(article('Read also:\n- x').title).toBe('Read also:');
  });

  test('a path-like headline is only text, and its slug is safe', () => {
    const a = article('../../etc/passwd');
    expect(a.title).toBe('../../etc/passwd');
    expect(a.slug).toBe('etc-passwd');
    // Nothing of the headline is left: the slug is the seed's file name (seeds/test.txt).
    expect(article('..').slug).toBe('test');
    expect(article('/').slug).toBe('test');
  });

  test('300 characters is fine; 301 is an error naming line and rule', () => {
    expect(article(`${'a'.repeat(300)}\nBody`).title).toHaveLength(300);
    expect(seedError(`\n\n${'a'.repeat(301)}\nBody`)).toEqual({
      file: 'seeds/test.txt', line: 3, column: 1, rule: 'headline/too-long',
      message: 'headline is 301 characters; at most 300 are allowed (is the first line a paragraph?)',
    });
  });

  test('the limit is measured after folding space and dropping the final `.`', () => {
    expect(article(`${'a'.repeat(300)}.`).title).toHaveLength(300);
    expect(article(`${'a '.repeat(150)}    `).title).toHaveLength(299);
  });

  test('characters beyond U+FFFF count once, like any character', () => {
    expect(article('😀'.repeat(300)).title).toBe('😀'.repeat(300));
    expect(seedError('😀'.repeat(301))).toEqual({
      file: 'seeds/test.txt', line: 1, column: 1, rule: 'headline/too-long',
      message: 'headline is 301 characters; at most 300 are allowed (is the first line a paragraph?)',
    });
  });

  test.each([
    ['zero-width spaces', '\u200B\u200B', 'U+200B'],
    ['Hangul fillers', '\u1160 \u3164\u115F\uFFA0', 'U+1160 U+3164 U+115F U+FFA0'],
    ['bidi controls', '\u202E\u2067\u200F\u061C\u2069', 'U+202E U+2067 U+200F U+061C U+2069'],
    ['variation selectors and joiners', '\uFE0F\u200D\u200C\u2060\uFEFF\u00AD', 'U+FE0F U+200D U+200C U+2060 U+FEFF …'],
    ['tag characters and the blank braille pattern', '\u{E0067}\u{E007F}\u2800', 'U+E0067 U+E007F U+2800'],
  ])('a headline with no visible character is refused, naming file and line: %s', (_name, headline, codes) => {
    expect(seedError(`---\ndate: 2024-06-19\n---\n\n${headline}\nBody`)).toEqual({
      file: 'seeds/test.txt', line: 5, column: 1, rule: 'headline/invisible',
      message: `headline has no visible character, only ${codes} (zero-width, format or filler characters): write the headline on this line`,
    });
  });

  test('a visible character among invisible ones is a headline, and they stay', () => {
    expect(article('\u200BA\u200B').title).toBe('\u200BA\u200B');
    expect(article('\u0301').title).toBe('\u0301');
    expect(article('\u3164\uAC00').title).toBe('\u3164\uAC00');
  });

  test('the final `.` stays when nothing visible would be left without it', () => {
    expect(article('\u200B.').title).toBe('\u200B.');
  });

  test('a headline with no body is an article with no sections, summary = headline', () => {
    const a = article('Only a headline.');
    expect(a.sections).toEqual([]);
    expect(a.summary).toBe('Only a headline');
  });
});
