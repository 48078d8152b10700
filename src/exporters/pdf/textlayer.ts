// What the PDF's text layer reads for each glyph of a shaped word, so that copying and extraction give
// the characters in their logical order, whatever the shaper did to the glyphs.
import type { ShapedRun } from '../../typeset/faces.js';
import { sameCodePoints } from '../../patches/fontkit.js';

// Characters fontkit hides: default-ignorables except the Hangul fillers, which it draws (as HarfBuzz does).
const IGNORABLE = /(?![\u115f\u1160\u3164\uffa0])\p{Default_Ignorable_Code_Point}/u;
const MARK = /\p{M}/u;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

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
  if (sameCodePoints(glyphChars.flat(), chars)) {
    // Each glyph reads as all it stands for, a variation selector it took in included (✈️ is one glyph).
    logical.forEach((g) => (out[g] = hidden(run, g) ? [] : run.glyphs[g]!.codePoints));
    keepInvisibles(run, text, logical, out);
    if (rtl) ontoBaseline(run, logical, out);
    keepDropped(text, logical, out, rtl);
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
  ontoBaseline(run, logical, out);
  keepDropped(text, logical, out, rtl);
  return out;
}

/**
 * Left-to-right words whose glyphs do not spell them in order (an Indic vowel sign drawn before its
 * consonant, Thai sara am split in two) or that place marks off the pen (Devanagari anusvara, Thai tone
 * marks) or on top of each other (repeated marks a font has no anchors for, which extractors take for
 * overprinted bold and read once) are given whole as ActualText: per-glyph mappings would read them out of order, and extractors
 * infer spaces from the gaps a placed mark leaves. Not for right-to-left words: poppler reads an
 * ActualText span as left-to-right text and would reverse it, while their per-glyph mapping reads right.
 */
export function needsActualText(run: ShapedRun, layer: (readonly number[])[] | null, rtl: boolean): boolean {
  return !rtl && (layer === null || run.positions.some((p, i) => p.xOffset !== 0 || p.yOffset !== 0 || (p.xAdvance === 0 && !hidden(run, i))));
}

/**
 * The characters of one right-to-left glyph in the order extractors want them. They read a page's glyphs
 * in drawing order and turn each right-to-left stretch around character by character, so a glyph's
 * characters are given in drawing order too: a letter and its mark as mark, letter; lam-alef as alef, lam.
 */
function visualOrder(cluster: readonly number[]): readonly number[] {
  if (cluster.length < 2) return cluster;
  return [...cluster].reverse();
}

/**
 * Extractors take a glyph off the baseline for another line: a fatha above its letter, an Urdu yeh that
 * cursive attachment lowers. In a right-to-left word such a glyph reads as nothing, and the last glyph on
 * the baseline before it reads as its own characters and the displaced glyph's (a mark moved only sideways
 * too). `out` holds each glyph's characters in reading order on entry and in drawing order on return.
 */
function ontoBaseline(run: ShapedRun, logical: readonly number[], out: (readonly number[])[]): void {
  let base = -1;
  const carried = new Map<number, number[]>();
  for (const g of logical) {
    if (out[g]!.length === 0) continue;
    const p = run.positions[g]!;
    const mark = out[g]!.every((cp) => MARK.test(String.fromCodePoint(cp)));
    if (base !== -1 && (p.yOffset !== 0 || (mark && (p.xOffset !== 0 || p.xAdvance === 0)))) {
      carried.get(base)!.push(...out[g]!);
      out[g] = [];
    } else {
      base = g;
      carried.set(g, [...out[g]!]);
    }
  }
  for (const [g, chars] of carried) out[g] = visualOrder(chars);
}

/**
 * The invisible characters fontkit hid (joiners, variation selectors, emoji tags), read back in their
 * place among the visible glyphs' characters; bidi controls read as nothing: they have done their work in
 * the order of the glyphs, and poppler and pdf.js write their own.
 */
function keepInvisibles(run: ShapedRun, text: string, logical: readonly number[], out: (readonly number[])[]): void {
  // Counted, not just seen: one flag's tag letters may be in a ligature while the next flag's are hidden.
  const carried = new Map<number, number>();
  for (const g of run.glyphs) for (const cp of g.codePoints) carried.set(cp, (carried.get(cp) ?? 0) + 1);
  const invisibles = [...text].map((c) => c.codePointAt(0)!).filter((cp) => {
    if (!IGNORABLE.test(String.fromCodePoint(cp))) return false;
    const left = carried.get(cp) ?? 0;
    if (left > 0) carried.set(cp, left - 1);
    return left === 0;
  });
  const slots = logical.filter((i) => hidden(run, i));
  if (invisibles.length !== slots.length) return;
  // Each is read with the visible glyph before it (after it, at a word's start): extractors put a
  // zero-width glyph of its own on a line of its own.
  let k = 0;
  let host = -1;
  const pending: number[] = [];
  for (const g of logical) {
    if (!hidden(run, g)) {
      if (host === -1 && pending.length > 0) out[g] = [...pending, ...out[g]!];
      pending.length = 0;
      host = g;
      continue;
    }
    const cp = invisibles[k++]!;
    out[g] = [];
    if (BIDI_CONTROL.test(String.fromCodePoint(cp))) continue;
    if (host !== -1) out[host] = [...out[host]!, cp];
    else pending.push(cp);
  }
  if (host === -1 && slots.length > 0) out[slots[0]!] = pending;
}

/**
 * Invisible characters that no glyph carries and no hidden glyph stands for: fontkit drops a variation
 * selector with no character before it in the string it shapes (after a space, which starts a word here,
 * or after another selector), and the clusters of a right-to-left run leave invisibles out. Chromium's
 * text layer keeps them; here each is read with the glyph of the character before it, or of the first
 * character at a word's start. `out` is in drawing order where the run is right-to-left.
 */
function keepDropped(text: string, logical: readonly number[], out: (readonly number[])[], rtl: boolean): void {
  // Which glyph reads each character, in logical order, occurrence by occurrence.
  const readers = new Map<number, number[]>();
  for (const g of logical) {
    for (const cp of out[g]!) {
      let list = readers.get(cp);
      if (list === undefined) readers.set(cp, (list = []));
      list.push(g);
    }
  }
  let last = -1;
  const pending: number[] = [];
  const add = (g: number, cps: readonly number[], before: boolean): void => {
    // Drawing order in a right-to-left run: the character read after another is drawn before it.
    out[g] = before !== rtl ? [...cps, ...out[g]!] : [...out[g]!, ...cps];
  };
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const reader = readers.get(cp)?.shift();
    if (reader !== undefined) {
      if (last === -1 && pending.length > 0) add(reader, pending.splice(0), true);
      last = reader;
    } else if (IGNORABLE.test(char) && !BIDI_CONTROL.test(char)) {
      if (last === -1) pending.push(cp);
      else add(last, [cp], false);
    }
  }
  // poppler reads a left-to-right glyph whose text starts with a space as that space alone: a selector
  // fontkit gave the space it follows (Noto Emoji has a glyph for space + U+FE0F) goes before the space.
  // (A right-to-left glyph's text is in drawing order, where a space that ends a cluster comes first.)
  if (rtl) return;
  for (const g of logical) {
    const cps = out[g]!;
    if (cps.length > 1 && cps[0] === 0x20) out[g] = [...cps.slice(1), 0x20];
  }
}

/** A default-ignorable character (ZWJ, ZWNJ) that fontkit drew as a zero-width space: it reads as nothing. */
export function hidden(run: ShapedRun, i: number): boolean {
  return run.positions[i]!.xAdvance === 0 && run.glyphs[i]!.codePoints.some((cp) => cp === 0x20);
}
