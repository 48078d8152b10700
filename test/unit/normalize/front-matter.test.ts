// Rule 2: the optional front matter, every key, every error with its position and rule id.
import { describe, expect, test } from 'vitest';
import { parseIsoDate } from '../../../src/normalize/dates.js';
import { article, paragraphs, run, seedError } from './helpers.js';

const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\nHeadline\nBody text.`;
const FILE = 'seeds/test.txt';

describe('rule 2: front matter read', () => {
  test('every known key', () => {
    const a = article(fm(
      'author: Jane Doe',
      'date: 2024-06-19T08:30:00+02:00',
      'updated: 2024-06-20',
      'url: https://example.org/a/b?x=1',
      'language: de-ch',
      'tags: Korea, Russia , "Diplomacy"',
      'summary: A "short" summary...',
      'slug: my-slug',
    ), { url: 'https://site.example' });
    expect(a).toMatchObject({
      authors: ['Jane Doe'],
      published: '2024-06-19T06:30:00.000Z',
      updated: '2024-06-20T00:00:00.000Z',
      url: 'https://example.org/a/b?x=1',
      language: 'de-CH',
      tags: ['Korea', 'Russia', 'Diplomacy'],
      summary: 'A “short” summary…',
      slug: 'my-slug',
    });
    expect(paragraphs(a)).toEqual(['Body text.']);
  });

  test('no front matter: defaults from the config', () => {
    const a = article('Headline\nBody', { language: 'fr', author: 'Desk' });
    expect(a).toMatchObject({ authors: ['Desk'], language: 'fr', tags: [], updated: null, url: null });
  });

  test('front matter lines are not body text', () => {
    expect(paragraphs(article(fm('author: X')))).toEqual(['Body text.']);
  });

  test('`---` not on the first line is no front matter, it is text', () => {
    const a = article('\n---\nauthor: X\n---\nHeadline');
    expect(a.title).toBe('—');
    expect(paragraphs(a)).toEqual(['author: X', '—', 'Headline']);
  });

  test('`----` or `--- x` on the first line is no fence', () => {
    expect(article('----\nT').title).toBe('—-');
    expect(article('--- x\nT').title).toBe('— x');
  });

  test('fences may carry trailing white space (invisible in an editor)', () => {
    const a = article('--- \t\ndate: 2024-01-01\n---  \nHeadline');
    expect(a.published).toBe('2024-01-01T00:00:00.000Z');
    expect(a.title).toBe('Headline');
  });

  test('blank lines and # comment lines are allowed', () => {
    const a = article(fm('', '# a comment: with a colon', '  # indented comment', 'author: A', ''));
    expect(a.authors).toEqual(['A']);
  });

  test('keys are case-insensitive', () => {
    const a = article(fm('Author: A', 'DATE: 2024-01-01', 'Tags: x'));
    expect(a).toMatchObject({ authors: ['A'], published: '2024-01-01T00:00:00.000Z', tags: ['x'] });
  });

  test('quoted values, single and double', () => {
    const a = article(fm('author: "Doe, Jane"', "summary: 'It''s here'"));
    expect(a.authors).toEqual(['Doe, Jane']);
    expect(a.summary).toBe('It’’s here');
  });

  test('`author` is one name (a comma stays), `authors` a list', () => {
    expect(article(fm('author: Doe, Jane')).authors).toEqual(['Doe, Jane']);
    expect(article(fm('authors: Jane Doe, John Roe')).authors).toEqual(['Jane Doe', 'John Roe']);
    expect(article(fm('authors: [Jane Doe, "Roe, John"]')).authors).toEqual(['Jane Doe', 'Roe, John']);
    expect(article(fm(`tags: 'a, b', c, "d"`)).tags).toEqual(['a, b', 'c', 'd']);
    expect(article(fm('tags: O\'Brien, x')).tags).toEqual(["O'Brien", 'x']);
  });

  test('lists: `a, b, c` and `[a, b, c]`, empty entries dropped', () => {
    expect(article(fm('tags: [a, b, c]')).tags).toEqual(['a', 'b', 'c']);
    expect(article(fm('tags: a,, b ,')).tags).toEqual(['a', 'b']);
    expect(article(fm('tags:')).tags).toEqual([]);
    expect(article(fm('tags: []')).tags).toEqual([]);
  });

  test('a value may hold a colon (URLs, times)', () => {
    expect(article(fm('summary: Note: this matters')).summary).toBe('Note: this matters');
  });

  test('white space inside a value folds', () => {
    expect(article(fm('author:   Jane \t  Doe  ')).authors).toEqual(['Jane Doe']);
  });

  test('url wins over the site URL; without it the site URL makes one', () => {
    expect(article(fm('url: http://other.example/x'), { url: 'https://site.example/' }).url).toBe('http://other.example/x');
    expect(article(fm('slug: abc'), { url: 'https://site.example/' }).url).toBe('https://site.example/articles/abc/');
    expect(article(fm('slug: abc'), { url: 'https://site.example/news' }).url).toBe('https://site.example/news/articles/abc/');
  });

  test('language tags are canonicalized', () => {
    expect(article(fm('language: EN-us')).language).toBe('en-US');
    expect(article(fm('language: zh-hant-tw')).language).toBe('zh-Hant-TW');
    expect(article(fm('language: ru')).language).toBe('ru');
  });
});

describe('rule 2: dates', () => {
  test.each([
    ['2024-06-19', '2024-06-19T00:00:00.000Z'],
    ['2024-06-19T08:30:00Z', '2024-06-19T08:30:00.000Z'],
    ['2024-06-19T08:30Z', '2024-06-19T08:30:00.000Z'],
    ['2024-06-19 08:30:15.5+0530', '2024-06-19T03:00:15.500Z'],
    ['2024-06-19T23:30:00-01:00', '2024-06-20T00:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('%s -> %s', (value, iso) => {
    expect(article(fm(`date: ${value}`)).published).toBe(iso);
  });

  test('a date-time without a zone is UTC (never the machine\'s zone)', () => {
    expect(article(fm('date: 2024-06-19T08:30:00')).published).toBe('2024-06-19T08:30:00.000Z');
  });

  test.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-6-19', '19.06.2024', 'June 19, 2024', '2024-06-19T24:00:00Z',
    '2024-06-19T08:60Z', '2024-06-19T08:30:00+25:00', 'yesterday'])('bad date %s', (value) => {
    expect(seedError(fm(`date: ${value}`))).toEqual({
      file: FILE, line: 2, column: 7, rule: 'front-matter/bad-date',
      message: `front matter "date" is not an ISO 8601 date or date-time (like 2024-06-19 or 2024-06-19T08:30:00Z): "${value}"`,
    });
  });

  test('bad `updated` names its own key and line', () => {
    expect(seedError(fm('date: 2024-01-01', 'Updated: soon'))).toEqual({
      file: FILE, line: 3, column: 10, rule: 'front-matter/bad-date',
      message: 'front matter "Updated" is not an ISO 8601 date or date-time (like 2024-06-19 or 2024-06-19T08:30:00Z): "soon"',
    });
  });

  test.each([['date', 2, 7], ['updated', 3, 10]])('a year before 1000 in `%s` is refused as a typo (Date.UTC would read 0024 as 1924)', (key, line, column) => {
    for (const year of ['0000', '0024', '0099', '0224', '0999']) {
      const lines = key === 'date' ? [`date: ${year}-06-19`] : ['date: 2024-01-01', `updated: ${year}-06-19T08:30Z`];
      expect(seedError(fm(...lines))).toEqual({
        file: FILE, line, column, rule: 'front-matter/bad-date',
        message: `front matter "${key}" is in the year ${year}, which is taken for a typo: write all four digits (like 2024-06-19); no date before the year 1000 is accepted`,
      });
    }
  });

  test('the date parser itself takes the years 0 to 99 as written', () => {
    expect(parseIsoDate('0024-06-19')).toBe('0024-06-19T00:00:00.000Z');
    expect(parseIsoDate('0000-02-29T12:00+01:00')).toBe('0000-02-29T11:00:00.000Z');
    expect(parseIsoDate('0100-02-29')).toBeNull();
  });

  test('years from 1000 on are kept as written, the first centuries of the calendar included', () => {
    expect(article(fm('date: 1000-01-01')).published).toBe('1000-01-01T00:00:00.000Z');
    expect(article(fm('date: 1605-01-01', 'updated: 1900-02-28T23:59:59Z')).updated).toBe('1900-02-28T23:59:59.000Z');
    // 1900 is no leap year; 2000 is.
    expect(seedError(fm('date: 1900-02-29')).rule).toBe('front-matter/bad-date');
    expect(article(fm('date: 2000-02-29')).published).toBe('2000-02-29T00:00:00.000Z');
  });

  test('`updated` before `date` is an error; equal or after is fine', () => {
    expect(seedError(fm('date: 2024-06-19', 'updated: 2024-06-18T23:59:59Z'))).toEqual({
      file: FILE, line: 3, column: 1, rule: 'front-matter/bad-date',
      message: 'front matter "updated" (2024-06-18T23:59:59.000Z) is before "date" (2024-06-19T00:00:00.000Z)',
    });
    expect(article(fm('date: 2024-06-19', 'updated: 2024-06-19')).updated).toBe('2024-06-19T00:00:00.000Z');
  });
});

describe('rule 2: errors name the key and its line', () => {
  test('unclosed front matter', () => {
    expect(seedError('---\ndate: 2024-01-01\nHeadline\nBody')).toEqual({
      file: FILE, line: 1, column: 1, rule: 'front-matter/unclosed',
      message: 'front matter opened with `---` is never closed by a second `---` line',
    });
    expect(seedError('---').rule).toBe('front-matter/unclosed');
  });

  test('unknown key', () => {
    expect(seedError(fm('date: 2024-01-01', 'title: Something'))).toEqual({
      file: FILE, line: 3, column: 1, rule: 'front-matter/unknown-key',
      message: 'unknown front matter key "title"; known keys: author, authors, date, updated, url, language, tags, summary, slug, image, image_alt, image_caption, image_credit',
    });
  });

  test('unknown key on an indented line: the column is the key\'s', () => {
    expect(seedError(fm('  Subtitle: x'))).toMatchObject({ line: 2, column: 3, message: expect.stringContaining('"Subtitle"') });
  });

  test('a line that is not key: value', () => {
    expect(seedError(fm('just some words'))).toEqual({
      file: FILE, line: 2, column: 1, rule: 'front-matter/syntax',
      message: 'front matter line is not `key: value`: "just some words"',
    });
    expect(seedError(fm(': value')).rule).toBe('front-matter/syntax');
  });

  test('duplicate key, including author + authors and different letter case', () => {
    expect(seedError(fm('date: 2024-01-01', 'date: 2024-01-02'))).toEqual({
      file: FILE, line: 3, column: 1, rule: 'front-matter/duplicate-key',
      message: 'front matter key "date" is given twice (first on line 2)',
    });
    expect(seedError(fm('author: A', 'authors: B, C')).message).toBe('front matter key "authors" is given twice (first on line 2)');
    expect(seedError(fm('tags: a', '', 'TAGS: b'))).toMatchObject({ line: 4, rule: 'front-matter/duplicate-key' });
  });

  test.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'ftp://example.org/x', '/relative/path', 'example.org', 'mailto:a@b.example',
    'http://exa mple.org', 'data:text/html,hi', 'http://'])('bad url %s', (value) => {
    expect(seedError(fm(`url: ${value}`))).toEqual({
      file: FILE, line: 2, column: 6, rule: 'front-matter/bad-url',
      message: `front matter "url" is not an absolute http(s) URL: "${value}"`,
    });
  });

  test.each(['english', 'en_US', 'e', 'en-', '12', 'en-toolongsubtag', 'en-a'])('bad language %s', (value) => {
    expect(seedError(fm(`language: ${value}`))).toEqual({
      file: FILE, line: 2, column: 11, rule: 'front-matter/bad-language',
      message: `front matter "language" is not a BCP 47 language tag (like en, de-CH, zh-Hant): "${value}"`,
    });
  });

  test.each(['Bad Slug', 'a--b', '-a', 'a-', 'ä', '..', 'x'.repeat(81)])('bad slug %s', (value) => {
    expect(seedError(fm(`slug: ${value}`))).toMatchObject({ line: 2, column: 7, rule: 'front-matter/bad-slug' });
  });

  test('an 80-character slug is fine', () => {
    expect(article(fm(`slug: ${'x'.repeat(80)}`)).slug).toBe('x'.repeat(80));
  });

  test('empty values', () => {
    expect(seedError(fm('author:'))).toEqual({
      file: FILE, line: 2, column: 8, rule: 'front-matter/empty-value', message: 'front matter key "author" has no value',
    });
    expect(seedError(fm('summary: ""')).rule).toBe('front-matter/empty-value');
    expect(seedError(fm('authors: , ,'))).toMatchObject({ rule: 'front-matter/empty-value', message: 'front matter key "authors" lists no name' });
  });

  test('a long bad value is clipped in the message', () => {
    const value = `${'x'.repeat(70)}`;
    expect(seedError(fm(`date: ${value}`)).message).toContain(`"${'x'.repeat(57)}..."`);
  });

  test('the value column counts characters after the colon and its spaces', () => {
    expect(seedError(fm('date:    nope')).column).toBe(10);
  });

  test('no error: warnings stay empty for a clean front matter', () => {
    expect(run(fm('date: 2024-01-01')).diagnostics).toEqual([]);
  });
});
