// Fonts for the PDF: opened once per process, shared by every document, with a per-character fallback chain.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { fontFile } from '../../render/fonts.js';
import type { FaceName } from '../../render/fonts.js';

// The fontkit pdfkit itself imports (its ESM build): pdfkit accepts a Font object only by duck typing, and
// the subsetter it calls must understand the object, so both sides use the one copy. (Loading the CommonJS
// build as well cost a cold process a second fontkit and its table decoders.)
export type FontkitFont = fontkit.Font;

export type { FaceName };

const opened = new Map<FaceName, FontkitFont>();

/** The process-wide fontkit Font for a face, parsed on first use (parsing per document costs ~100 ms). */
export function openFace(name: FaceName): FontkitFont {
  let font = opened.get(name);
  if (font === undefined) {
    font = shareGlyphs(fontkit.create(readFileSync(fontFile(name))));
    opened.set(name, font);
  }
  return font;
}

interface Glyph {
  codePoints: number[];
  _decode(): unknown;
}

/**
 * Two fixes to fontkit's per-font Glyph cache, which every document shares once the Font is reused.
 * 1. Each Glyph keeps the code points of whoever asked first, and the subsetter asks for the components
 *    of composite glyphs with none (Greek Ε is built from Latin E): once a document used Ε, every later
 *    document's E had no ToUnicode entry and vanished from the text layer. Fill them in when a caller
 *    knows them, so the text layer and the bytes do not depend on what the process rendered before.
 * 2. The subsetter decodes every glyph's outline again for every document just to see whether it is a
 *    composite; these fonts have no variations, so the decoded record never changes: decode it once.
 */
function shareGlyphs(font: FontkitFont): FontkitFont {
  const self = font as unknown as { getGlyph(id: number, codePoints?: number[]): Glyph };
  const getGlyph = self.getGlyph.bind(self);
  const seen = new WeakSet<Glyph>();
  self.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    if (!seen.has(glyph)) {
      seen.add(glyph);
      const decode = glyph._decode;
      let decoded: { value: unknown } | undefined;
      glyph._decode = function (this: Glyph) {
        decoded ??= { value: decode.call(this) };
        return decoded.value;
      };
    }
    return glyph;
  };
  return font;
}

// Shaped runs, shared by every document. pdfkit keeps its layout cache per document, and shaping a word
// with fontkit costs ~75 µs: without sharing, layout alone would blow the time budget on every render.
const layoutCaches = new Map<FaceName, Record<string, unknown>>();
const widthCaches = new Map<FaceName, Map<string, number>>();
const CACHE_LIMIT = 50_000;
let handouts = 0;

/** pdfkit's per-face layout cache, shared across documents; emptied when it grows past a bound. */
export function sharedLayoutCache(name: FaceName): Record<string, unknown> {
  let cache = layoutCaches.get(name);
  // pdfkit fills the cache itself, so its size is only known by counting: do that every 64th document.
  if (cache === undefined || (++handouts % 64 === 0 && Object.keys(cache).length > CACHE_LIMIT)) {
    cache = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(name, cache);
  }
  return cache;
}

/** Advance width of `text` in one face, in em units (shaped: kerning and ligatures included). */
export function emWidth(name: FaceName, text: string): number {
  let cache = widthCaches.get(name);
  if (cache === undefined || cache.size > CACHE_LIMIT) {
    cache = new Map();
    widthCaches.set(name, cache);
  }
  let width = cache.get(text);
  if (width === undefined) {
    const font = openFace(name);
    width = shape(name, text, (features) => font.layout(text, features)).advanceWidth / font.unitsPerEm;
    cache.set(text, width);
  }
  return width;
}

// Mark positioning (the GPOS `mark` and `mkmk` features) only ever moves mark glyphs, yet fontkit decodes
// all its lookups, anchors included, before shaping anything: ~100 ms per face in a cold process. A run
// with no mark glyph in or out of substitution comes out the same without them.
const NO_MARKS = { mark: false, mkmk: false };
const COMBINING = /\p{M}/u;
const markTests = new Map<FaceName, (id: number) => boolean>();

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: ArrayLike<number>;
  classRangeRecord?: ArrayLike<{ start: number; end: number; class: number }>;
}

function markTest(name: FaceName): (id: number) => boolean {
  let test = markTests.get(name);
  if (test === undefined) {
    const classes = (openFace(name) as unknown as { GDEF?: { glyphClassDef?: ClassDef } }).GDEF?.glyphClassDef;
    if (classes?.version === 1) {
      const start = classes.startGlyph!;
      const values = Array.from(classes.classValueArray!);
      test = (id) => values[id - start] === 3;
    } else if (classes?.version === 2) {
      const ranges = Array.from(classes.classRangeRecord!).filter((r) => r.class === 3);
      test = (id) => ranges.some((r) => id >= r.start && id <= r.end);
    } else {
      // No glyph classes: which glyphs are marks is unknown, so always shape with every feature.
      test = () => true;
    }
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
const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{M}]/u;

/**
 * Split text into runs by the first face that has each character: the style's face, else Hangul, else
 * emoji (emoji first for pictographs, so a smiley never loads the 6 MB Hangul font). Marks and invisible
 * joiners stay with the run before them. A character no face has is left out and added to `missing`.
 */
export function splitRuns(text: string, primary: FaceName, missing: Set<string>): Run[] {
  // Most text is printable ASCII, which the serif covers whole: skip the per-character walk.
  if (PRINTABLE_ASCII.test(text) && coversAscii(primary)) return text === '' ? [] : [{ face: primary, text }];
  const runs: Run[] = [];
  let face: FaceName | null = null;
  let buffer = '';
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    let chosen: FaceName | null;
    if (cp === 0x20 || covers(primary, cp)) {
      chosen = IGNORABLE.test(char) && face !== null && covers(face, cp) ? face : primary;
    } else if (IGNORABLE.test(char)) {
      // A variation selector or joiner the current face lacks is invisible anyway: drop it, no warning.
      if (face !== null && covers(face, cp)) buffer += char;
      continue;
    } else {
      const order: FaceName[] = PICTOGRAPHIC.test(char) ? ['emoji', 'hangul'] : ['hangul', 'emoji'];
      chosen = order.find((f) => covers(f, cp)) ?? null;
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
