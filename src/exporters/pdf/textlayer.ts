// What the PDF's text layer reads for each glyph of a shaped word, so that copying and extraction give
// the characters in their logical order, whatever the shaper did to the glyphs.
import type { ShapedRun } from './fonts.js';

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * The code points each glyph of `run` (visual order) stands for in the text layer, or null where a
 * left-to-right word needs its text given whole (an ActualText span): see `needsActualText`. Where the glyphs read
 * in order already spell `text` (Latin, Cyrillic, most of Hebrew and Arabic), each keeps its own. Where
 * the shaper split right-to-left characters (Arabic fonts draw a letter's dots as glyphs of their own),
 * glyphs and characters are grouped into the smallest clusters that hold the same characters, and a
 * cluster's first glyph carries the whole cluster; its other glyphs read as nothing. Invisible joiners
 * that the shaper hid read as nothing too (a ZWNJ between two Persian letters is a format character).
 */
export function textLayer(run: ShapedRun, text: string, rtl: boolean): (readonly number[])[] | null {
  const n = run.glyphs.length;
  // Logical order: a right-to-left run is shaped in visual order, last character first.
  const logical = Array.from({ length: n }, (_, i) => (rtl ? n - 1 - i : i));
  const glyphChars = logical.map((i) => (hidden(run, i) ? [] : run.glyphs[i]!.codePoints.filter((cp) => !IGNORABLE.test(String.fromCodePoint(cp)))));
  const chars = [...text].map((c) => c.codePointAt(0)!).filter((cp) => !IGNORABLE.test(String.fromCodePoint(cp)));
  const out: (readonly number[])[] = new Array(n);
  if (sameSequence(glyphChars.flat(), chars)) {
    logical.forEach((g, k) => (out[g] = glyphChars[k]!));
    return out;
  }
  if (!rtl) return null;
  let g = 0;
  let c = 0;
  while (g < n) {
    // One cluster: take glyphs and characters until both hold the same characters.
    const balance = new Map<number, number>();
    let owed = 0;
    const add = (cp: number, by: number): void => {
      const v = (balance.get(cp) ?? 0) + by;
      owed += Math.abs(v) - Math.abs(balance.get(cp) ?? 0);
      balance.set(cp, v);
    };
    const firstGlyph = g;
    const firstChar = c;
    for (const cp of glyphChars[g++]!) add(cp, 1);
    while (owed !== 0) {
      const surplus = [...balance.values()].some((v) => v > 0);
      if (surplus && c < chars.length) add(chars[c++]!, -1);
      else if (g < n) for (const cp of glyphChars[g++]!) add(cp, 1);
      else if (c < chars.length) add(chars[c++]!, -1);
      else break;
    }
    if (g >= n) c = chars.length; // the last cluster takes whatever characters are left
    const cluster = chars.slice(firstChar, c);
    // The cluster's text goes on its first glyph in drawing order.
    const members = logical.slice(firstGlyph, g);
    const lead = rtl ? Math.max(...members) : Math.min(...members);
    for (const m of members) out[m] = m === lead ? cluster : [];
  }
  return out;
}

function sameSequence(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Left-to-right words whose glyphs do not spell them in order (an Indic vowel sign drawn before its
 * consonant, Thai sara am split in two) or that place marks off the pen (Devanagari anusvara, Thai tone
 * marks) are given whole as ActualText: per-glyph mappings would read them out of order, and extractors
 * infer spaces from the gaps a placed mark leaves. Not for right-to-left words: poppler reads an
 * ActualText span as left-to-right text and would reverse it, while their per-glyph mapping reads right.
 */
export function needsActualText(run: ShapedRun, layer: (readonly number[])[] | null, rtl: boolean): boolean {
  return !rtl && (layer === null || run.positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0));
}

/** A default-ignorable character (ZWJ, ZWNJ) that fontkit drew as a zero-width space: it reads as nothing. */
export function hidden(run: ShapedRun, i: number): boolean {
  return run.positions[i]!.xAdvance === 0 && run.glyphs[i]!.codePoints.some((cp) => cp === 0x20);
}
