// The fontkit patches in src/exporters/shared/fontkit.ts: each one still needed (raw fontkit 2.0.4 misbehaves) and
// still applied. When an upgrade fixes fontkit, the "raw" test fails: drop the patch with it.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontFile } from '../../../src/typeset/fonts.js';
import { openFont } from '../../../src/patches/fontkit.js';

const bytes = (face: Parameters<typeof fontFile>[0]) => readFileSync(fontFile(face));

describe('null GPOS anchors (fontkit#367)', () => {
  const word = 'നെഹ്റു'; // Malayalam: its vowel sign hits a mark class with no anchor on the base

  // First: the patch changes fontkit's processor class for the whole process.
  it('raw fontkit 2.0.4 throws on them', () => {
    expect(() => fontkit.create(bytes('malayalam')).layout(word)).toThrow(/xCoordinate/);
  });

  // Second: the first face a process lays out makes the patch, and Noto Emoji, which has no GPOS table, has a
  // null GPOS processor (not undefined): it must shape and leave the patch to the next face.
  it('a face with no GPOS, laid out first, shapes and leaves the patch to the next face', () => {
    expect(openFont(bytes('emoji')).layout('🔥🔥').glyphs.length).toBeGreaterThan(0);
  });

  it('the patched font shapes the word, marks and all', () => {
    const run = openFont(bytes('malayalam')).layout(word);
    expect(run.glyphs.length).toBeGreaterThan(2);
    // Every character is there (the shaper moves the vowel sign before its consonant).
    expect(run.glyphs.flatMap((g) => g.codePoints).sort()).toEqual([...word].map((c) => c.codePointAt(0)!).sort());
  });

  it('Gurmukhi tippi and Khmer nikahit too', () => {
    expect(() => openFont(bytes('gurmukhi')).layout('ਪੰਜਾਬ')).not.toThrow();
    expect(() => openFont(bytes('khmer')).layout('តំបន់អង្គរ')).not.toThrow();
  });
});

describe('per-occurrence code points', () => {
  // Noto Naskh Arabic draws ر and ز on one dotless base glyph (the dot is a glyph of its own).
  const text = 'ر ز';

  it('raw fontkit gives every occurrence of a glyph the code points of its first use', () => {
    const font = fontkit.create(bytes('arabic'));
    font.layout('ز');
    const base = font.layout('ر').glyphs[0]!;
    expect(String.fromCodePoint(...base.codePoints)).toBe('ز');
  });

  it('the patched font gives each occurrence its own', () => {
    const font = openFont(bytes('arabic'));
    font.layout('ز');
    const run = font.layout(text, undefined, undefined, undefined, 'rtl');
    const read = [...run.glyphs].reverse().flatMap((g) => g.codePoints).map((cp) => String.fromCodePoint(cp)).join('');
    expect(read).toBe(text);
    const ids = new Set(run.glyphs.filter((g) => g.codePoints.length > 0 && g.codePoints[0] !== 0x20).map((g) => g.id));
    expect(ids.size).toBe(1); // the same glyph, read two ways
  });
});
