// Text set for the EPUB's cover images as the PDF sets it (its face for each character, its fontkit shaping
// with joining forms, conjuncts and marks, from the same Font objects) in bidi order: lines laid out, wrapped
// and fitted, and each face's glyph outlines for ./sprites.ts to fill. The article's cover and the edition's
// masthead share it.
import type { Direction } from '../../typeset/bidi.js';
import { visualLine } from '../../typeset/line.js';
import type { FaceName } from '../../typeset/fonts.js';
import { breakToken } from '../../typeset/breaks.js';
import { graphemeEnds } from '../../typeset/graphemes.js';
import { type FontkitFont, openFace, shaped } from '../../typeset/faces.js';
import { Recent } from '../../typeset/recent.js';
import { CLOSE, CUBIC, LINE, MOVE, type Outline, outlineBounds, QUAD } from './sprites.js';

// In ems; more where a script stacks so high and low that lines would touch (Myanmar, voweled Arabic).
export const LINE_HEIGHT = 1.2;

export function collapse(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

/** A glyph of a laid-out line, in ems from the line's left end and baseline (y up). */
export interface LineGlyph {
  face: FaceName;
  id: number;
  x: number;
  y: number;
}

/** One line set in visual order: its glyphs, its width in ems, and the characters no face had. */
export interface LineLayout {
  glyphs: readonly LineGlyph[];
  width: number;
  dropped: readonly number[];
}

// Line layouts of recent covers: fitting a headline lays out each candidate line, and a few lines (the site
// title) recur on every cover, but most are one headline's prefixes and never recur. Each holds an object
// per glyph, so it is kept small: a large one was the biggest thing in a render thread's heap, for nothing.
// No result depends on what it holds.
const LAYOUTS_LIMIT = 1_000;
// UTF-16 units: a line of the cover is at most 19 ems wide, and 1,000 characters fit in that only as marks
// stacked on one letter, which are cut off.
const LONGEST_LINE = 1024;
const lineLayouts = new Recent<string, LineLayout>(LAYOUTS_LIMIT);

/** How one text is set: its style's face, its language and its paragraph direction. */
export class Setting {
  readonly #key: string;

  constructor(readonly primary: FaceName, readonly language: string, readonly direction: Direction) {
    this.#key = `${primary}\u0000${language}\u0000${direction}\u0000`;
  }

  /** A line of text in visual order: bidi runs left to right, each cut into runs of one face and shaped. */
  layout(text: string): LineLayout {
    return lineLayouts.obtain(this.#key + text, () => this.#layout(text));
  }

  /**
   * The width of the text set as one line, in ems. Text longer than any line holds is not shaped at all
   * (fontkit looks back over every mark for its base: a run of marks shapes in quadratic time).
   */
  width(text: string): number {
    return text.length > LONGEST_LINE ? Infinity : this.layout(text).width;
  }

  #layout(text: string): LineLayout {
    const glyphs: LineGlyph[] = [];
    const dropped = new Set<string>();
    let x = 0;
    // The PDF's line, faces and shaping (which mirrors brackets in a right-to-left run), so the cover sets
    // text as the PDF does.
    for (const run of visualLine(text, this.direction, this.primary, this.language, dropped)) {
      const { glyphs: ids, positions } = shaped(run.face, run.text, run.rtl);
      ids.forEach((g, i) => {
        const p = positions[i]!;
        glyphs.push({ face: run.face, id: g.id, x: x + p.xOffset / 1000, y: p.yOffset / 1000 });
        x += p.xAdvance / 1000;
      });
    }
    return { glyphs, width: x, dropped: Array.from(dropped, (c) => c.codePointAt(0)!) };
  }
}

/** A face's glyph outlines and ink extents, memoized: the cover draws a glyph many times. */
export class Face {
  readonly #font: FontkitFont;
  readonly #outlines = new Map<number, Outline>();
  readonly #extents = new Map<number, { top: number; bottom: number } | null>();
  // fontkit's getter looks the head table up on every call, and scale() is called for every glyph.
  readonly #unitsPerEm: number;

  constructor(name: FaceName) {
    // The PDF's Font: one per face in the process, read from disk when an article first needs it.
    this.#font = openFace(name);
    this.#unitsPerEm = this.#font.unitsPerEm;
  }

  scale(size: number): number {
    return size / this.#unitsPerEm;
  }

  /** How far the glyph's ink reaches above and below its origin, in ems (y up); null for no ink. */
  extent(glyph: number): { top: number; bottom: number } | null {
    let extent = this.#extents.get(glyph);
    if (extent === undefined) {
      const bounds = outlineBounds(this.outline(glyph));
      extent = bounds === null ? null : { top: bounds.maxY / this.#unitsPerEm, bottom: bounds.minY / this.#unitsPerEm };
      this.#extents.set(glyph, extent);
    }
    return extent;
  }

  outline(glyph: number): Outline {
    let outline = this.#outlines.get(glyph);
    if (outline === undefined) {
      outline = [];
      for (const { command, args } of this.#font.getGlyph(glyph).path.commands) {
        const opcode = OPCODES[command];
        if (opcode === undefined) throw new Error(`cover: unknown path command ${command}`);
        outline.push(opcode, ...args);
      }
      this.#outlines.set(glyph, outline);
    }
    return outline;
  }
}

const faces = new Map<FaceName, Face>();

export function faceOf(name: FaceName): Face {
  let face = faces.get(name);
  if (face === undefined) {
    face = new Face(name);
    faces.set(name, face);
  }
  return face;
}

// LINE_HEIGHT, or the highest ink above a baseline plus the lowest below one, whichever is more: lines
// of the same text never touch. (Naskh's alef and yeh tail, Myanmar's stacks; Latin, Indic, Thai and
// CJK keep LINE_HEIGHT.)
export function linePitch(lines: readonly string[], setting: Setting): number {
  let above = 0;
  let below = 0;
  for (const line of lines) {
    for (const g of setting.layout(line).glyphs) {
      const extent = faceOf(g.face).extent(g.id);
      if (extent === null) continue;
      above = Math.max(above, g.y + extent.top);
      below = Math.max(below, -(g.y + extent.bottom));
    }
  }
  return Math.max(LINE_HEIGHT, above + below);
}

// Where a line may break: after spaces, and inside a space-free token where the PDF breaks it (between Han
// and Kana characters by UAX #14 with its kinsoku, at the dictionary words of Thai, Lao, Khmer and
// Myanmar). Korean has spaces between words and breaks at them only.
const SPACES = /(?<=[ \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000])(?![ \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000])/u;

/** The text cut into the pieces a line may end after; joined, they give the text back. */
export function breakUnits(text: string, language: string): string[] {
  if (text === '') return [];
  return text.split(SPACES).flatMap((token) => {
    const content = token.trimEnd();
    const pieces = breakToken(content, language);
    pieces[pieces.length - 1] += token.slice(content.length);
    return pieces;
  });
}

/**
 * Greedy wrapping into at most `limit` lines `max` ems wide. A piece wider than a line is split between
 * grapheme clusters when `split` allows, else there is no wrapping (null). A line is first filled by
 * adding up its pieces' shaped widths (shaping rarely acts across a break), then checked shaped whole, so
 * no drawn line is wider than it was measured.
 */
export function wrap(pieces: readonly string[], setting: Setting, max: number, limit: number, split: boolean): string[] | null {
  const units = [...pieces];
  const lines: string[] = [];
  const space = setting.width(' ');
  const content = (unit: string) => setting.width(unit.trimEnd());
  const full = (unit: string) => content(unit) + (unit.length - unit.trimEnd().length) * space;
  for (let i = 0; i < units.length && lines.length < limit;) {
    let j = i + 1;
    let width = full(units[i]!);
    while (j < units.length && width + content(units[j]!) <= max) width += full(units[j++]!);
    while (j > i + 1 && setting.width(units.slice(i, j).join('').trimEnd()) > max) j--;
    const line = units.slice(i, j).join('').trimEnd();
    if (j === i + 1 && setting.width(line) > max) {
      if (!split) return null;
      const end = Math.max(longestFit(line, (e) => setting.width(line.slice(0, e)) <= max), firstGrapheme(line));
      lines.push(line.slice(0, end));
      units[i] = units[i]!.slice(end);
      continue;
    }
    lines.push(line);
    i = j;
  }
  return lines;
}

/**
 * The text if it fits on one line `max` ems wide, else its longest prefix that fits with an ellipsis.
 * Linear in what fits, not in the text: a 10,000-character site title shapes only a few lines' worth.
 */
export function fitLine(text: string, setting: Setting, max: number): string {
  const fitting = longestFit(text, (end) => setting.width(text.slice(0, end)) <= max);
  if (fitting === text.length) return text;
  const cut = (end: number) => `${text.slice(0, end).trimEnd()}…`;
  return cut(longestFit(text.slice(0, fitting), (end) => setting.width(cut(end)) <= max));
}

/**
 * The end (UTF-16 offset) of the longest prefix of whole grapheme clusters that `fits`, 0 when none does.
 * Prefixes double in length until one does not fit, then a binary search between the last two: the cost
 * is a few shapings of about what fits, however long the text.
 */
function longestFit(text: string, fits: (end: number) => boolean): number {
  const clusters = graphemeEnds(text);
  const ends: number[] = [];
  const endOf = (k: number): number | undefined => {
    while (ends.length <= k) {
      const next = clusters.next();
      if (next.done === true) return undefined;
      ends.push(next.value);
    }
    return ends[k];
  };
  // ends[lo] is known to fit and ends[hi] not to; -1 stands for the empty prefix, which always fits.
  let lo = -1;
  let hi = -1;
  for (let k = 15; hi < 0; k = 2 * k + 1) {
    const end = endOf(k) ?? endOf((k = ends.length - 1));
    if (end === undefined || k <= lo) break;
    if (!fits(end)) hi = k;
    else if (end === text.length) return end;
    else lo = k;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(ends[mid]!)) lo = mid;
    else hi = mid;
  }
  return lo < 0 ? 0 : ends[lo]!;
}

function firstGrapheme(text: string): number {
  return graphemeEnds(text).next().value ?? text.length;
}

// Positions rounded to 1/100 px, so the pixels do not hang on the last bit of a floating-point sum.
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const OPCODES: Record<string, number> = { moveTo: MOVE, lineTo: LINE, quadraticCurveTo: QUAD, bezierCurveTo: CUBIC, closePath: CLOSE };
