// Hostile seeds up to 1 MiB (issue 15): read whole and right. Their time is measured by hand, not here (a timed
// test fails on a busy machine); these pin what the linear-time rewrites must still give.
import { describe, expect, test } from 'vitest';
import { MAX_SEED_BYTES, nfc } from '../../../src/normalize/decode.js';
import { typeset } from '../../../src/normalize/typography.js';
import { article, blocks, dated, paragraphs } from './helpers.js';

const fill = (unit: string, bytes: number) => unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));

describe('hostile seeds', () => {
  test('a list of 260,000 items, untitled or related reading, is read whole (push(...items) overflowed the stack)', () => {
    const items = fill('- a\n', MAX_SEED_BYTES - 100);
    const count = items.length / 4;
    const list = blocks(article(dated(`H\n${items}`)))[0]!;
    expect(list.type === 'list' && list.items.length).toBe(count);
    expect(article(dated(`H\nRead also:\n${items}`)).related).toHaveLength(count);
  });

  test('a run of combining marks of mixed classes is in NFC, exactly as String.prototype.normalize gives it', () => {
    const runs = [
      `a${'\u0301\u0316'.repeat(40)}`,
      // U+0344 and U+0F73 decompose into two marks; U+093E (a vowel sign of class 0) bounds the reordering.
      `e${'\u0344\u0327\u0F73\u05B0'.repeat(20)}\u093E${'\u0301\u0316\u0300'.repeat(20)}`,
      `${'\u0316'.repeat(31)}x${'\u1DCE\u0328\u031B\u0301'.repeat(12)}`,
    ];
    for (const run of runs) {
      expect(nfc(run)).toBe(run.normalize('NFC'));
      expect(paragraphs(article(dated(`H\n${run}`)))).toEqual([run.normalize('NFC')]);
    }
    const zalgo = `a${fill('\u0301\u0316', MAX_SEED_BYTES - 100)}`;
    expect(nfc(zalgo)).toBe(`á${'\u0316'.repeat((zalgo.length - 1) / 2)}${'\u0301'.repeat((zalgo.length - 1) / 2 - 1)}`);
  });

  test('sections with the same heading get ids -2, -3, ... as before, past slugs a heading took itself', () => {
    const seed = ['H', 'News: A', 'x', 'News: A', 'x', 'News: A 3', 'x', 'News: A', 'x'].join('\n');
    expect(article(dated(seed)).sections.map((s) => s.id)).toEqual(['a', 'a-2', 'a-3', 'a-4']);
    const many = article(dated(`H\n${'News: Update\nx\n'.repeat(20_000)}`)).sections;
    expect(many.map((s) => s.id).slice(-2)).toEqual(['update-19999', 'update-20000']);
  });

  test('long runs of no-break spaces: kept inside a line, trimmed at its ends and before a title\'s colon', () => {
    const inside = `a${'\u00A0'.repeat(100_000)}b`;
    expect(paragraphs(article(dated(`H\n${inside}\n\u00A0 ${inside} \u00A0`)))).toEqual([inside, inside]);
    const list = blocks(article(dated(`H\nKey facts${'\u00A0'.repeat(20)}:\n- x`)))[0];
    expect(list).toEqual({ type: 'list', title: 'Key facts', items: ['x'] });
  });

  test('a line of 500,000 quotes is typeset as a short one is', () => {
    expect(typeset('"'.repeat(500_000))).toBe(`${'\u201C'.repeat(499_999)}\u201D`);
    expect(typeset(`x${"'".repeat(500_000)}`)).toBe(`x${'\u2019'.repeat(500_000)}`);
  });
});
