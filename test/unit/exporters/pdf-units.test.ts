// PDF exporter parts: hyphenation by language, line breaking, and the per-character font fallback.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportPdf } from '../../../src/exporters/pdf.js';
import { openFace, shape, shaped, splitRuns, type FaceName } from '../../../src/typeset/faces.js';
import { hyphenateToken, hyphenatorFor } from '../../../src/typeset/hyphenate.js';
import { breakLines, type BreakWord } from '../../../src/typeset/linebreak.js';
import { fastSubset } from '../../../src/patches/fontkit.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { sampleArticle } from '../../support/article.js';

// First in the file: fonts are shared by the whole process, and this must be the first use of their glyphs.
describe('exportPdf history', () => {
  it('renders an article to the same bytes whatever the process rendered before', async () => {
    const config = { config: DEFAULT_CONFIG };
    // Greek Ε is a composite of Latin E: the subsetter asks for E with no characters. In an article with
    // no Latin E of its own (no kicker, whose capitals would have one), rendered first, it is the process's
    // first use of E, which is what used to leave E out of every later text layer.
    await exportPdf(sampleArticle({ title: 'Ε Ё É 👋🏽 🇰🇵 🇷🇺 ﬁne ﬂow', related: [], sections: [
      { id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'Ελλάδα ﬁne.' }] }] }), config);
    const plain = sampleArticle({ title: 'Eurasia, Europe and the West', sections: [
      { id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'East and West; Élan 👋 🇰🇵.' }] }] });
    const before = (await exportPdf(plain, config)).bytes;
    await exportPdf(sampleArticle({ language: 'de', title: 'Übergrößenträger' }), config);
    const after = (await exportPdf(plain, config)).bytes;
    expect(Buffer.compare(Buffer.from(before), Buffer.from(after))).toBe(0);
    expect(toUnicodeTargets(before)).toContain('E');
  });
});

describe('hyphenatorFor', () => {
  it('finds patterns by the longest matching prefix of the language tag', () => {
    expect(hyphenatorFor('en')!('hyphenation')).toBe('hy\u00ADphen\u00ADation');
    expect(hyphenatorFor('en-GB')).not.toBeNull();
    expect(hyphenatorFor('de-CH')!('Nordkorea')).toContain('\u00AD');
    expect(hyphenatorFor('ru')!('сотрудничество')).toContain('\u00AD');
  });

  it('has none for languages without patterns, so their text is set ragged right', () => {
    expect(hyphenatorFor('ko')).toBeNull();
    expect(hyphenatorFor('zh')).toBeNull();
    expect(hyphenatorFor('x-unknown')).toBeNull();
  });

  it('leaves URLs and short words whole', () => {
    const en = hyphenatorFor('en')!;
    expect(hyphenateToken('https://example.org/international', en)).toBe('https://example.org/international');
    expect(hyphenateToken('Korea’s', en)).toBe('Ko\u00ADrea’s');
    expect(hyphenateToken('four', en)).toBe('four');
  });
});

/** Fixed-pitch words: every character 1 unit wide, so widths are easy to reason about. */
function words(text: string): BreakWord[] {
  return text.split(' ').map((w) => {
    const pieces = w.split('|');
    return { pieces, widths: pieces.map((p) => p.length), soft: pieces.map((_, i) => i < pieces.length - 1) };
  });
}

describe('breakLines', () => {
  const base = { width: 20, firstIndent: 0, space: 1, hyphen: 1, justify: false, balance: false };

  it('never exceeds the width in ragged mode, and keeps every word in order', () => {
    const text = 'the quick brown fox jumps over the lazy dog and runs far away from the hunters';
    const lines = breakLines(words(text), base);
    for (const line of lines) expect(line.text.length).toBeLessThanOrEqual(20);
    expect(lines.map((l) => l.text).join(' ')).toBe(text);
    expect(lines.at(-1)!.last).toBe(true);
  });

  it('adds a hyphen at a soft break, and only there', () => {
    // Without the break the first line would be "aaaa bbbb" stretched by five spaces' worth.
    const lines = breakLines(words('aaaa bbbb ccc|dddddddd eeee'), { ...base, width: 14, justify: true });
    expect(lines).toEqual([
      { text: 'aaaa bbbb ccc-', hyphenated: true, inWord: true, last: false },
      { text: 'dddddddd eeee', hyphenated: false, inWord: false, last: true },
    ]);
    expect(breakLines(words('aaaa bbbb ccc|ddd'), { ...base, width: 20, justify: true }).map((l) => l.text)).toEqual(['aaaa bbbb cccddd']);
  });

  it('narrows the first line by the indent', () => {
    const lines = breakLines(words('aaaa bbbb cccc dddd'), { ...base, width: 10, firstIndent: 6 });
    expect(lines[0]!.text).toBe('aaaa');
  });

  it('gives an over-long piece a line of its own instead of failing', () => {
    const lines = breakLines(words('a bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c'), { ...base, width: 10 });
    expect(lines.map((l) => l.text)).toEqual(['a', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'c']);
  });
});

describe('splitRuns', () => {
  it('sets each character in the first face that has it, joiners staying with their emoji', () => {
    const missing = new Set<string>();
    expect(splitRuns('Путин 김정은 👩‍👩‍👧 Ελλάδα', 'regular', 'en', missing)).toEqual([
      { face: 'regular', text: 'Путин ' },
      { face: 'kr', text: '김정은 ' },
      { face: 'emoji', text: '👩‍👩‍👧' },
      { face: 'regular', text: ' Ελλάδα' },
    ]);
    expect(missing.size).toBe(0);
  });

  it('leaves out and reports a character no face has', () => {
    const missing = new Set<string>();
    expect(splitRuns('a\uE000b', 'bold', 'en', missing)).toEqual([{ face: 'bold', text: 'ab' }]);
    expect([...missing]).toEqual(['\uE000']);
  });
});

describe('fastSubset', () => {
  type Subset = { includeGlyph(id: number): number; encode(): Uint8Array };
  const subsetOf = (face: FaceName, text: string): Subset => {
    const font = openFace(face) as unknown as { createSubset(): Subset; glyphForCodePoint(cp: number): { id: number } };
    const subset = font.createSubset();
    for (const char of text) subset.includeGlyph(font.glyphForCodePoint(char.codePointAt(0)!).id);
    return subset;
  };

  it('writes the same bytes as fontkit, composite glyphs and every face included', () => {
    const texts: [FaceName, string][] = [
      ['regular', 'Ελλάδα Ε E é ﬁ “quoted” 0123 Путин'],
      ['bold', 'Headline — with dashes – and Ǻ'],
      ['italic', 'x'],
      ['emoji', '👋😀'],
    ];
    for (const [face, text] of texts) {
      const expected = subsetOf(face, text).encode();
      const fast = subsetOf(face, text);
      fastSubset(fast);
      expect(Buffer.compare(Buffer.from(fast.encode()), Buffer.from(expected)), `${face}: ${text}`).toBe(0);
      // Twice: the cached tables are copied, never patched in place.
      const again = subsetOf(face, text.slice(0, 3));
      fastSubset(again);
      expect(Buffer.compare(Buffer.from(again.encode()), Buffer.from(subsetOf(face, text.slice(0, 3)).encode()))).toBe(0);
    }
  });
});

describe('shape', () => {
  it('places glyphs exactly as fontkit\'s default features do, with and without combining marks', () => {
    type Run = { glyphs: { id: number }[]; positions: object[] };
    const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x1e00, 0x1eff], [0x2000, 0x206f]];
    const texts = ['fi fl ffi office', 'AVATAR Tokyo', 'e\u0301 n\u0303 a\u0323\u0302', 'Ελλάδα Путин'];
    for (const [from, to] of ranges) {
      for (let cp = from; cp <= to; cp++) texts.push(`a${String.fromCodePoint(cp)}o${String.fromCodePoint(cp)}V`);
    }
    for (const face of ['regular', 'bold', 'italic'] as const) {
      const font = openFace(face) as unknown as { layout(t: string, f?: object): Run };
      for (const text of texts) {
        const expected = font.layout(text);
        const got = shape(face, text, (features) => font.layout(text, features));
        expect(got.glyphs.map((g) => g.id), `${face}: ${text}`).toEqual(expected.glyphs.map((g) => g.id));
        expect(got.positions, `${face}: ${text}`).toEqual(expected.positions);
      }
    }
  });
});

describe('shaped', () => {
  it('shares one object per distinct glyph and per distinct placement between runs, with fontkit\'s values', () => {
    const font = openFace('regular');
    const scale = 1000 / font.unitsPerEm;
    // "AV" is kerned and "AB" is not: the two A's are one glyph placed two ways.
    const av = shaped('regular', 'AV', false);
    const ab = shaped('regular', 'AB', false);
    const again = shaped('regular', 'BAV', false);
    expect(av.glyphs[0]).toBe(ab.glyphs[0]);
    expect(av.glyphs[0]).toBe(again.glyphs[1]);
    expect(av.positions[0]).not.toBe(ab.positions[0]);
    expect(av.positions[0]).toBe(again.positions[1]);
    for (const text of ['AV', 'AB', 'BAV']) {
      const expected = font.layout(text);
      const got = shaped('regular', text, false);
      expect(got.glyphs.map((g) => [g.id, g.advanceWidth, g.codePoints])).toEqual(expected.glyphs.map((g) => [g.id, g.advanceWidth, g.codePoints]));
      expect(got.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset])).toEqual(
        expected.positions.map((p) => [p.xAdvance * scale, p.yAdvance * scale, p.xOffset * scale, p.yOffset * scale]));
    }
    expect(av.positions[0]!.xAdvance).toBeLessThan(ab.positions[0]!.xAdvance);
    // A glyph read as other characters (a mirrored bracket in a right-to-left run) is a glyph of its own.
    expect(shaped('regular', '(', true).glyphs[0]!.codePoints).toEqual([0x28]);
    expect(shaped('regular', ')', false).glyphs[0]).not.toBe(shaped('regular', '(', true).glyphs[0]);
  });
});

/** Every character the PDF's ToUnicode maps give a glyph, as one string (what a text extractor can read). */
function toUnicodeTargets(pdf: Uint8Array): string {
  const bytes = Buffer.from(pdf);
  let out = '';
  for (let at = bytes.indexOf('stream\n'); at !== -1; at = bytes.indexOf('stream\n', at + 1)) {
    const end = bytes.indexOf('\nendstream', at);
    let text: string;
    try {
      text = inflateSync(bytes.subarray(at + 7, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!text.includes('begincmap')) continue;
    for (const [, arr] of text.matchAll(/\[([^\]]*)\]/g)) {
      for (const [, hex] of arr!.matchAll(/<([0-9a-fA-F]+)>/g)) out += Buffer.from(hex!, 'hex').swap16().toString('utf16le');
    }
  }
  return out;
}
