// Defaults for what a seed does not say: date, author, summary, slug; and the word statistics.
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { normalize, WORDS_PER_MINUTE } from '../../../src/normalize/index.js';
import { slugify, uniqueSlug } from '../../../src/normalize/slug.js';
import { article, run, seedError } from './helpers.js';
import { CATALOGS } from '../../../src/messages/catalogs/index.js';

describe('default: date', () => {
  test('front matter date wins, no warning', () => {
    const { article: a, diagnostics } = run('---\ndate: 2020-01-02\n---\nT');
    expect(a.published).toBe('2020-01-02T00:00:00.000Z');
    expect(diagnostics).toEqual([]);
  });

  test('else the fallback date, with a warning saying where it came from', () => {
    const git = normalize('T', 'seeds/a.txt', { config: DEFAULT_CONFIG, fallbackDate: { iso: '2023-03-04T05:06:07.000Z', source: 'git' } });
    expect(git.article.published).toBe('2023-03-04T05:06:07.000Z');
    expect(git.diagnostics).toEqual([{ severity: 'warning', file: 'seeds/a.txt', line: null, column: null, rule: 'date/fallback',
      message: 'no `date` in front matter; using the last git commit time 2023-03-04T05:06:07.000Z' }]);
    const mtime = normalize('T', 'seeds/a.txt', { config: DEFAULT_CONFIG, fallbackDate: { iso: '2023-03-04T05:06:07.000Z', source: 'mtime' } });
    expect(mtime.diagnostics[0]!.message).toBe('no `date` in front matter; using the file modification time 2023-03-04T05:06:07.000Z');
  });

  test('no date and no fallback is an error', () => {
    let error: unknown;
    try {
      normalize('T', 'seeds/a.txt', { config: DEFAULT_CONFIG, fallbackDate: null });
    } catch (e) {
      error = e;
    }
    const message = 'has no `date` in its front matter and no file date to fall back on';
    expect(error).toMatchObject({ name: 'SeedError', message,
      diagnostic: { severity: 'error', file: 'seeds/a.txt', line: null, column: null, rule: 'date/missing', message } });
  });
});

describe('default: author', () => {
  test('front matter, else the site configuration\'s default author, else the catalog\'s word for staff in the article\'s language', () => {
    expect(article('---\nauthor: Jane\n---\nT').authors).toEqual(['Jane']);
    expect(article('T', { author: 'Newsroom' }).authors).toEqual(['Newsroom']);
    expect(article('T').authors).toEqual(['Staff']);
    expect(article('---\nlanguage: de\n---\nT').authors).toEqual([CATALOGS.de!['article.staff']]);
    expect(article('T', { language: 'ar' }).authors).toEqual([CATALOGS.ar!['article.staff']]);
    // The site's own word wins over Galley's, in the language it is given for.
    expect(article('---\nlanguage: de\n---\nT', { messages: { de: { 'article.staff': 'Redaktion Nord' } } }).authors).toEqual(['Redaktion Nord']);
  });
});

describe('default: summary', () => {
  test('front matter summary wins over the first paragraph', () => {
    expect(article('---\nsummary: Given.\n---\nT\nFirst paragraph.').summary).toBe('Given.');
  });

  test('else the first paragraph, whole when it is short', () => {
    expect(article('T\nFirst "paragraph".\nSecond.').summary).toBe('First “paragraph”.');
  });

  test('the first paragraph anywhere: lists and headings before it are skipped', () => {
    expect(article('T\n- item\nNews: A Section\nThe paragraph.').summary).toBe('The paragraph.');
  });

  test('else the headline', () => {
    expect(article('Headline only.').summary).toBe('Headline only');
    expect(article('Headline.\n- only\n- items').summary).toBe('Headline');
  });

  test('300 characters exactly is kept whole', () => {
    const p = `${'word '.repeat(59)}abcd`; // 299 characters
    expect(article(`T\n${p}x`).summary).toBe(`${p}x`);
  });

  test('a long paragraph is cut at a word boundary to at most 300 characters with …', () => {
    const p = 'Lorem ipsum dolor sit amet, '.repeat(20);
    const s = article(`T\n${p}`).summary;
    expect([...s].length).toBeLessThanOrEqual(300);
    // 10 × 28 characters, then 19 more end inside "sit": the cut goes back to the space before it.
    expect(s).toBe(`${'Lorem ipsum dolor sit amet, '.repeat(10)}Lorem ipsum dolor…`);
    expect(p.startsWith(s.slice(0, -1))).toBe(true);
  });

  test('a word that ends at character 299 is kept', () => {
    const p = `${'a'.repeat(290)} bbbbbbbb ccc`; // the space after the b's is character 300
    expect(article(`T\n${p}`).summary).toBe(`${'a'.repeat(290)} bbbbbbbb…`);
  });

  test('a cut never splits a word', () => {
    const p = `${'a'.repeat(290)} abcdefghijklmnop rest`;
    expect(article(`T\n${p}`).summary).toBe(`${'a'.repeat(290)}…`);
  });

  test('punctuation left dangling by the cut goes', () => {
    const p = `${'a'.repeat(280)} bb, -- ccccccccccccccccccccccccccccc`;
    expect(article(`T\n${p}`).summary).toBe(`${'a'.repeat(280)} bb…`);
  });

  test('no space at all: cut hard at 299 + …', () => {
    expect(article(`T\n${'x'.repeat(400)}`).summary).toBe(`${'x'.repeat(299)}…`);
  });

  test('a no-break space is no word boundary', () => {
    const p = `${'a'.repeat(200)} ${'b'.repeat(50)}\u00A0${'c'.repeat(100)}`;
    expect(article(`T\n${p}`).summary).toBe(`${'a'.repeat(200)}…`);
  });

  test('counted in characters: 400 emoji give 299 of them and …', () => {
    expect(article(`T\n${'😀 '.repeat(200)}`).summary).toBe(`${'😀 '.repeat(149)}😀…`);
  });
});

describe('default: slug', () => {
  test('front matter slug wins', () => {
    expect(article('---\nslug: given-slug\n---\nAnother Headline').slug).toBe('given-slug');
  });

  test.each([
    ['Putin seeks to court North Korea prior to scheduled visit.', 'putin-seeks-to-court-north-korea-prior-to-scheduled-visit'],
    ['Über Größe, Fußball und Öl', 'uber-grosse-fussball-und-ol'],
    ['Путин посетил Северную Корею', 'putin-posetil-severnuyu-koreyu'],
    ['Сблизиться с объектом', 'sblizitsya-s-obektom'],
    ['Η Ελλάδα και η Κορέα', 'i-ellada-kai-i-korea'],
    ['Café déjà vu — naïve façade', 'cafe-deja-vu-naive-facade'],
    ['김정은 위원장', 'gimjeongeun-wiwonjang'],
    ["Russia's ally 'Kim'", 'russias-ally-kim'],
    ['Russia’s ally', 'russias-ally'],
    ['  --Hello__World!!  ', 'hello-world'],
    ['2024: 100% up', '2024-100-up'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows\\System32', 'c-windows-system32'],
  ])('%s -> %s', (headline, slug) => {
    expect(article(headline).slug).toBe(slug);
  });

  test('never empty, never . or ..: a headline with nothing to keep gives the file name\'s slug', () => {
    for (const h of ['...', '.', '..', '!!!', '—', '"', '\u200B.', '\u00A0.']) {
      expect(article(h).slug).toBe('test');
      expect(article(h, {}, 'seeds/...txt').slug).toMatch(/^article-[0-9a-f]{8}$/);
    }
    // any-ascii names emoji: a headline of one is not empty.
    expect(article('😀').slug).toBe('grinning');
  });

  test('at most 80 characters, cut at a word boundary', () => {
    const s = slugify('word '.repeat(30));
    expect(s).toBe(`${'word-'.repeat(15)}word`);
    expect(s).toHaveLength(79);
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(80));
    expect(slugify(`${'a'.repeat(80)} b`)).toBe('a'.repeat(80));
    expect(slugify(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79));
  });

  test('uniqueSlug adds -2, -3 and stays within 80', () => {
    const taken = new Set<string>();
    expect([uniqueSlug('x', taken), uniqueSlug('x', taken), uniqueSlug('x', taken)]).toEqual(['x', 'x-2', 'x-3']);
    const long = 'a'.repeat(80);
    expect(uniqueSlug(long, taken)).toBe(long);
    expect(uniqueSlug(long, taken)).toBe(`${'a'.repeat(78)}-2`);
  });

  test('the same headline gives the same slug (the build makes them unique)', () => {
    expect(article('Same headline', {}, 'seeds/a.txt').slug).toBe(article('Same headline', {}, 'seeds/b.txt').slug);
  });
});

describe('stats', () => {
  test('words are letter/digit runs (joined by an apostrophe, . or -) in title, kickers, headings, blocks and related', () => {
    const a = article([
      'Russia’s ally (2024)', // 3
      'News: Big Day', // 1 + 2
      'U.S. troops -- 4-kilometer-wide zone.', // U.S, troops, 4-kilometer-wide, zone = 4
      'Key facts:', // 2
      '- one & two', // 2
      'Read also:', // 0: the related title is a marker
      '- related words here', // 3
    ].join('\n'));
    expect(a.stats).toEqual({ words: 17, readingMinutes: 1 });
  });

  test('combining marks stay inside a word (Devanagari)', () => {
    expect(article('हिन्दी भाषा').stats.words).toBe(2);
  });

  test('readingMinutes = ceil(words / 230)', () => {
    expect(WORDS_PER_MINUTE).toBe(230);
    expect(article(`T\n${'w '.repeat(229)}`).stats).toEqual({ words: 230, readingMinutes: 1 });
    expect(article(`T\n${'w '.repeat(230)}`).stats).toEqual({ words: 231, readingMinutes: 2 });
    expect(article('!!!').stats).toEqual({ words: 0, readingMinutes: 0 });
  });

  test('summary and front matter are not counted', () => {
    expect(article('---\nsummary: many many words\nauthor: A B\n---\nOne').stats.words).toBe(1);
  });

  test('a bad input is an error, not a zero count', () => {
    expect(seedError('').rule).toBe('headline/missing');
  });
});
