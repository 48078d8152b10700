// Rule 7: typographic quotes, dashes and ellipses in every text; markup characters are text.
import { describe, expect, test } from 'vitest';
import { typeset } from '../../../src/normalize/typography.js';
import { article, blocks } from './helpers.js';

describe('rule 7: typeset()', () => {
  test.each([
    ['"word"', '“word”'],
    ['He said "yes" and left', 'He said “yes” and left'],
    ["Russia's", 'Russia’s'],
    ["'single'", '‘single’'],
    ["rock 'n' roll", 'rock ‘n’ roll'],
    ["the '90s", 'the ’90s'],
    ['("quoted")', '(“quoted”)'],
    ['"\'nested\'"', '“‘nested’”'],
    ["'\"nested\"'", '‘“nested”’'],
    ['a "', 'a ”'],
    ['" a', '” a'],
    ['a -- b', 'a – b'],
    ['1990--2000', '1990–2000'],
    ['a --- b', 'a — b'],
    ['word---word', 'word—word'],
    ['----', '—-'],
    ['-----', '—–'],
    ['------', '——'],
    ['wait...', 'wait…'],
    ['wait ... what', 'wait … what'],
    ['....', '….'],
    ['a - b', 'a - b'],
    ['..', '..'],
    ['—"quote"', '—“quote”'],
    ['x&y <script>alert(1)</script> ]]> <b>bold</b>', 'x&y <script>alert(1)</script> ]]> <b>bold</b>'],
  ])('%s -> %s', (input, output) => {
    expect(typeset(input)).toBe(output);
  });

  test('idempotent: typographic input is left alone', () => {
    for (const s of ['“word” – ‘a’ — b… Russia’s', '"a" -- b --- c ... it\'s', '-----', '"\'"\'"', '... --- ...']) {
      expect(typeset(typeset(s))).toBe(typeset(s));
    }
  });

  test('typeset never changes the length by more than the replaced marks (no text lost)', () => {
    expect(typeset('abc"def\'ghi').replace(/[“”‘’]/g, '')).toBe('abcdefghi');
  });
});

describe('rule 7: in every text of the model', () => {
  test('headline, kicker, heading, paragraph, list title, item, related, author, summary', () => {
    const a = article([
      '---', 'author: Jane "JD" Doe', 'summary: It\'s -- short...', '---',
      '"Quoted" headline -- now...',
      'Lead "para" --- with it\'s...',
      'Analysis: The "Real" Story -- Told',
      '"Key" facts:',
      '- It\'s -- an item...',
      'Read also:',
      '- "Other" story --- here',
    ].join('\n'));
    expect(a.title).toBe('“Quoted” headline – now…');
    expect(a.authors).toEqual(['Jane “JD” Doe']);
    expect(a.summary).toBe('It’s – short…');
    expect(a.sections[1]).toMatchObject({ kicker: 'Analysis', heading: 'The “Real” Story – Told' });
    expect(blocks(a)).toEqual([
      { type: 'paragraph', text: 'Lead “para” — with it’s…' },
      { type: 'list', title: '“Key” facts', items: ['It’s – an item…'] },
    ]);
    expect(a.related).toEqual([{ text: '“Other” story — here', url: null }]);
  });

  test('markup characters stay text in the model, unescaped', () => {
    const a = article('Fish & Chips <b>\n<script>alert("x")</script>\n]]> & &amp; <!-- c -->');
    expect(a.title).toBe('Fish & Chips <b>');
    expect(blocks(a)).toEqual([
      { type: 'paragraph', text: '<script>alert(“x”)</script>' },
      { type: 'paragraph', text: ']]> & &amp; <!– c –>' },
    ]);
  });

  test('the slug is made from the text before typography', () => {
    expect(article('It\'s "here" -- now').slug).toBe('its-here-now');
  });
});

describe('bidi controls left open are closed at the end of their text', () => {
  test.each([
    ['plain text', 'plain text'],
    ['\u2067عنوان', '\u2067عنوان\u2069'],
    ['a \u202Bb \u2066c', 'a \u202Bb \u2066c\u2069\u202C'],
    ['\u2067x\u202Ay\u2069 z', '\u2067x\u202Ay\u2069 z'],
    ['\u202Ex\u202C\u202C', '\u202Ex\u202C\u202C'],
    ['x\u2069', 'x\u2069'],
  ])('%j -> %j', (input, expected) => {
    expect(typeset(input)).toBe(expected);
    expect(typeset(typeset(input))).toBe(expected);
  });

  test('in the headline, a paragraph and the summary cut from it', () => {
    const a = article(`Title \u2067open\nShort \u202Bparagraph ${'word '.repeat(80)}\n`);
    expect(a.title).toBe('Title \u2067open\u2069');
    const p = a.sections[0]!.blocks[0]!;
    expect(p.type === 'paragraph' && p.text.endsWith('word\u202C')).toBe(true);
    expect(a.summary.endsWith('\u2026\u202C')).toBe(true);
  });
});
