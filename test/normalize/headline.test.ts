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

  test('a headline with no body is an article with no sections, summary = headline', () => {
    const a = article('Only a headline.');
    expect(a.sections).toEqual([]);
    expect(a.summary).toBe('Only a headline');
  });
});
