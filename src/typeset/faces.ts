// Faces as the PDF and the cover set type with them: opened once per process, a per-character fallback
// chain, and shaped runs shared by every document.
import { readFileSync } from 'node:fs';
import type * as fontkit from 'fontkit';
import { mirrored } from './bidi.js';
import { familiesFor, familyFace, fontFile, scriptFamily } from './fonts.js';
import { markGlyphTest, openFont } from '../patches/fontkit.js';
import type { FaceName } from './fonts.js';
import { Recent, recentIn } from './recent.js';

// The fontkit pdfkit itself imports (its ESM build): pdfkit accepts a Font object only by duck typing, and
// the subsetter it calls must understand the object, so both sides use the one copy. (Loading the CommonJS
// build as well cost a cold process a second fontkit and its table decoders.)
export type FontkitFont = fontkit.Font;

export type { FaceName };

const opened = new Map<FaceName, FontkitFont>();

/** The process-wide fontkit Font for a face, parsed once on first use (parsing is dearer than a document's layout). */
export function openFace(name: FaceName): FontkitFont {
  let font = opened.get(name);
  if (font === undefined) {
    font = openFont(readFileSync(fontFile(name)));
    opened.set(name, font);
  }
  return font;
}

// Widths and shaped runs, shared by every document: shaping is the dear step of setting a word, and the
// same words recur across paragraphs and articles.
const widthCaches = new Map<FaceName, Recent<string, number>>();
const CACHE_LIMIT = 8_000;

/** Advance width of `text` in one face, in em units (shaped: kerning and ligatures included). */
export function emWidth(name: FaceName, text: string): number {
  return recentIn(widthCaches, name, CACHE_LIMIT).obtain(text, () => {
    const font = openFace(name);
    return shape(name, text, (features) => font.layout(text, features)).advanceWidth / font.unitsPerEm;
  });
}

// Mark positioning (the GPOS `mark` and `mkmk` features) only ever moves mark glyphs, yet fontkit decodes
// all its lookups, anchors included, before shaping anything, which a cold process pays per face. A run
// with no mark glyph in or out of substitution comes out the same without them.
const NO_MARKS = { mark: false, mkmk: false };
const COMBINING = /\p{M}/u;
const markTests = new Map<FaceName, (id: number) => boolean>();

function markTest(name: FaceName): (id: number) => boolean {
  let test = markTests.get(name);
  if (test === undefined) {
    test = markGlyphTest(openFace(name));
    markTests.set(name, test);
  }
  return test;
}

/** Shape `text` by calling `layout` with the features to use (undefined: fontkit's defaults). */
export function shape<T extends { glyphs: readonly { id: number }[] }>(
  name: FaceName, text: string, layout: (features?: Record<string, boolean>) => T,
): T {
  if (!COMBINING.test(text)) {
    const run = layout(NO_MARKS);
    const isMark = markTest(name);
    if (!run.glyphs.some((g) => isMark(g.id))) return run;
  }
  return layout(undefined);
}

const coverage = new Map<FaceName, Map<number, boolean>>();

function covers(name: FaceName, codePoint: number): boolean {
  let known = coverage.get(name);
  if (known === undefined) {
    known = new Map();
    coverage.set(name, known);
  }
  let has = known.get(codePoint);
  if (has === undefined) {
    has = openFace(name).hasGlyphForCodePoint(codePoint);
    known.set(codePoint, has);
  }
  return has;
}

/** A stretch of text set in one face. */
export interface Run {
  face: FaceName;
  text: string;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const asciiCoverage = new Map<FaceName, boolean>();

function coversAscii(name: FaceName): boolean {
  let all = asciiCoverage.get(name);
  if (all === undefined) {
    all = true;
    for (let cp = 0x21; cp <= 0x7e && all; cp++) all = covers(name, cp);
    asciiCoverage.set(name, all);
  }
  return all;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
// Marks and invisible format characters ride with the run before them. Not the Hangul fillers (U+115F,
// U+1160, U+3164, U+FFA0): default-ignorable by Unicode, but fonts draw them, as HarfBuzz and fontkit do.
const IGNORABLE = /(?![\u115f\u1160\u3164\uffa0])[\p{Default_Ignorable_Code_Point}\p{M}]/u;
const CJK_FACES = new Set<FaceName>(['sc', 'sc-bold', 'tc', 'tc-bold', 'jp', 'jp-bold']);
const CJK_PUNCTUATION = /[\u2010-\u2027\u2030-\u205e]/u;
const EMOJI_NEXT = /^[\ufe0f\u20e3]/u;
const INVISIBLE = /(?![\u115f\u1160\u3164\uffa0])\p{Default_Ignorable_Code_Point}/u;

/**
 * Split text into runs by the face that sets each character: the style's face where it has the glyph,
 * else the face of the character's script (Han in the regional forms of `language`), else any face that
 * has it, the language's own script first, emoji first for pictographs. Marks and invisible joiners stay
 * with the run before them, and so do spaces, so a line of Arabic or Thai is one run. A character no
 * face has is left out and added to `missing`.
 */
export function splitRuns(text: string, primary: FaceName, language: string, missing: Set<string>): Run[] {
  // Most text is printable ASCII, which the serif covers whole: skip the per-character walk.
  if (PRINTABLE_ASCII.test(text) && coversAscii(primary)) return text === '' ? [] : [{ face: primary, text }];
  const runs: Run[] = [];
  let face: FaceName | null = null;
  let buffer = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const cp = char.codePointAt(0)!;
    let chosen: FaceName | null;
    if (EMOJI_NEXT.test(chars[i + 1] ?? '') && !IGNORABLE.test(char) && covers('emoji', cp)) {
      // Emoji presentation (U+FE0F) or a keycap (U+20E3) asks for the emoji face, which draws the whole
      // sequence as one glyph: ☺️, 1️⃣, #️⃣. The serif would drop the selector and the keycap.
      chosen = 'emoji';
    } else if (cp === 0x20 && face !== null && face !== 'emoji' && covers(face, cp)) {
      // Not in emoji runs: Noto Emoji's space is an em and a quarter wide.
      chosen = face;
    } else if (IGNORABLE.test(char)) {
      // A mark rides with the run before it, and is missing where that face lacks it; an invisible format
      // character (a variation selector, a joiner, a bidi control) is drawn by none anyway: it rides
      // along for the text layer.
      if (face !== null && (covers(face, cp) || INVISIBLE.test(char))) buffer += char;
      else if (face === null && (covers(primary, cp) || INVISIBLE.test(char))) {
        face = primary;
        buffer += char;
      } else missing.add(char);
      continue;
    } else if (face !== null && CJK_FACES.has(face) && CJK_PUNCTUATION.test(char) && covers(face, cp)) {
      // Quotes, dashes and the ellipsis inside Chinese or Japanese take the full-width forms of the Han face.
      chosen = face;
    } else if (covers(primary, cp)) {
      chosen = primary;
    } else {
      chosen = fallback(char, cp, primary, face, language);
    }
    if (chosen === null) {
      missing.add(char);
      continue;
    }
    if (chosen !== face) {
      if (face !== null && buffer !== '') runs.push({ face, text: buffer });
      face = chosen;
      buffer = '';
    }
    buffer += char;
  }
  if (face !== null && buffer !== '') runs.push({ face, text: buffer });
  return runs;
}

function fallback(char: string, cp: number, primary: FaceName, current: FaceName | null, language: string): FaceName | null {
  const family = scriptFamily(char, language);
  if (family !== null) {
    const face = familyFace(family, primary);
    if (covers(face, cp)) return face;
  }
  if (PICTOGRAPHIC.test(char) && covers('emoji', cp)) return 'emoji';
  // Punctuation and symbols of no one script (the Arabic comma, the danda, CJK brackets): the current
  // run's face keeps a line in one design; then the language's own script; then every other face.
  if (current !== null && current !== primary && covers(current, cp)) return current;
  for (const f of familiesFor(language)) {
    const face = familyFace(f, primary);
    if (covers(face, cp)) return face;
  }
  return covers('emoji', cp) ? 'emoji' : null;
}

/** A glyph of a shaped run, with the characters this occurrence stands for. Shared between runs: never changed. */
export interface ShapedGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** Where a shaped glyph goes, in thousandths of an em. Shared between runs: never changed. */
export interface GlyphPosition {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly advanceWidth: number;
}

/** A run shaped in one face, in visual order, positions in thousandths of an em (as pdfkit keeps them). */
export interface ShapedRun {
  readonly glyphs: readonly ShapedGlyph[];
  readonly positions: readonly GlyphPosition[];
}

const shapedCaches = new Map<FaceName, Recent<string, ShapedRun>>();

// The glyphs and positions of every cached run, one object each per face however many runs hold it: a
// word's run is then two short arrays of references. An object per glyph of every run made the shaped
// runs most of a render thread's heap. Bounded like the runs; a glyph dropped here is only made again.
const glyphObjects = new Map<FaceName, Recent<string, ShapedGlyph | GlyphPosition>>();
const OBJECTS_LIMIT = 20_000;

function interned<T extends ShapedGlyph | GlyphPosition>(name: FaceName, key: string, make: () => T): T {
  return recentIn(glyphObjects, name, OBJECTS_LIMIT).obtain(key, make) as T;
}

function glyphOf(name: FaceName, id: number, advanceWidth: number, codePoints: number[]): ShapedGlyph {
  return interned(name, `g${id}:${codePoints.join(',')}`, () => ({ id, advanceWidth, codePoints }));
}

function positionOf(name: FaceName, xAdvance: number, yAdvance: number, xOffset: number, yOffset: number, advanceWidth: number): GlyphPosition {
  return interned(name, `p${xAdvance},${yAdvance},${xOffset},${yOffset},${advanceWidth}`, () => ({ xAdvance, yAdvance, xOffset, yOffset, advanceWidth }));
}

/**
 * `text` shaped in one face and direction, shared by every document: joining forms, ligatures, Indic
 * reordering and mark positions from fontkit. A right-to-left run comes out in visual order with its
 * mirrored characters ("(" drawn as ")") swapped before shaping, and its code points swapped back.
 */
export function shaped(name: FaceName, text: string, rtl: boolean): ShapedRun {
  return recentIn(shapedCaches, name, CACHE_LIMIT).obtain(rtl ? `\u0001${text}` : text, () => {
    const font = openFace(name);
    const scale = 1000 / font.unitsPerEm;
    const soft = text === '\u00AD' ? font.glyphForCodePoint(0xad) : null;
    if (soft !== null && soft.id !== 0) {
      // fontkit shapes U+00AD as an invisible space. At a line break it must show as a hyphen, yet stay a
      // soft hyphen in the text layer (so extraction and screen readers see the whole word): the font's
      // own U+00AD glyph draws a hyphen.
      const advance = soft.advanceWidth * scale;
      return { glyphs: [glyphOf(name, soft.id, soft.advanceWidth, [0xad])], positions: [positionOf(name, advance, 0, 0, 0, advance)] };
    }
    const input = rtl ? [...text].map(mirrored).join('') : text;
    const layout = shape(name, input, (features) => font.layout(input, features, undefined, undefined, rtl ? 'rtl' : 'ltr'));
    return {
      glyphs: layout.glyphs.map((g) => glyphOf(name, g.id, g.advanceWidth,
        rtl ? g.codePoints.map((cp) => mirrored(String.fromCodePoint(cp)).codePointAt(0)!) : [...g.codePoints])),
      positions: layout.positions.map((p, i) => positionOf(name, p.xAdvance * scale, p.yAdvance * scale, p.xOffset * scale,
        p.yOffset * scale, layout.glyphs[i]!.advanceWidth * scale)),
    };
  });
}
