// The EPUB cover: headline and site title set as the PDF sets text (its face for each character, its
// fontkit shaping with joining forms, conjuncts and marks, from the same Font objects) in bidi order, each
// glyph filled once by our own rasterizer and stamped (resvg took a third of an EPUB's time parsing and
// filling them as SVG).
import { type Direction, paragraphDirection } from '../../typeset/bidi.js';
import { visualLine } from '../../typeset/line.js';
import type { FaceName } from '../../typeset/fonts.js';
import { breakToken } from '../../typeset/breaks.js';
import { graphemeEnds } from '../../typeset/graphemes.js';
import { type FontkitFont, openFace, shaped } from '../../typeset/faces.js';
import { Recent } from '../../typeset/recent.js';
import { encodeIndexedPng } from './png.js';
import { CLOSE, CUBIC, LINE, MOVE, type Outline, outlineBounds, QUAD, stamp } from './sprites.js';

/** Cover size in pixels: 2:3 like a paperback, large enough for library thumbnails, small enough to render fast. */
export const COVER_WIDTH = 600;
export const COVER_HEIGHT = 900;

/** The side margin; a right-to-left headline mirrors the layout, its text flush against the right one. */
export const MARGIN = 56;
const TEXT_WIDTH = COVER_WIDTH - 2 * MARGIN;
/** Where the text stands: on a cover of text alone, or under the lead picture's photo band. */
export interface CoverFrame {
  siteBaseline: number;
  shortBarY: number;
  headlineTop: number;
  headlineBottom: number;
}
export const TEXT_FRAME: CoverFrame = { siteBaseline: 104, shortBarY: 132, headlineTop: 200, headlineBottom: COVER_HEIGHT - 80 };
const HEADLINE_SIZES = [64, 58, 52, 46, 42, 38, 34, 30] as const;
// In ems; more where a script stacks so high and low that lines would touch (Myanmar, voweled Arabic).
const LINE_HEIGHT = 1.2;
const SITE_SIZE = 26;
// The accent bars, in whole pixels so they need no anti-aliasing and can be painted into the image
// directly. The short one marks where the site title starts, so a right-to-left cover mirrors it.
const SHORT_BAR = { width: 96, height: 6 } as const;
const LONG_BAR = { x: MARGIN, y: COVER_HEIGHT - 56, width: TEXT_WIDTH, height: 2 } as const;

export type Rgb = readonly [number, number, number];

// Background, accent, text: chosen by the article id, so covers vary in a library but never between builds.
const PALETTES: readonly (readonly [string, string, string])[] = [
  ['#1d3557', '#e63946', '#f1faee'],
  ['#264653', '#e9c46a', '#ffffff'],
  ['#3d2c2e', '#d4a373', '#fefae0'],
  ['#14213d', '#fca311', '#ffffff'],
  ['#2b2d42', '#8d99ae', '#edf2f4'],
  ['#3a0ca3', '#f72585', '#ffffff'],
];

export interface Cover {
  png: Uint8Array<ArrayBuffer>;
  /** Code points no cover font has a glyph for, in order of first use: they are left out of the image. */
  missing: number[];
}

/** A glyph as drawn: its face and glyph id, the size in pixels, and its origin (pixels, y down). */
export interface CoverGlyph {
  text: 'site' | 'headline';
  /** The line of the text it stands on, from 0. */
  line: number;
  face: FaceName;
  id: number;
  size: number;
  x: number;
  y: number;
}

export interface CoverLayout {
  glyphs: CoverGlyph[];
  missing: number[];
  /** The headline's direction, which sets the side the cover is laid out from. */
  direction: Direction;
  /** The headline's lines, in logical order, and their size in pixels. */
  lines: string[];
  size: number;
}

/**
 * Render the cover for a headline in `language` and a site title in `siteLanguage` (BCP 47); the same
 * inputs always give the same PNG bytes.
 */
export function renderCover(headline: string, siteTitle: string, paletteKey: string, language: string, siteLanguage: string): Cover {
  const { indices, palette, missing } = coverIndices(headline, siteTitle, paletteKey, language, siteLanguage, TEXT_FRAME);
  return { png: encodeIndexedPng(COVER_WIDTH, COVER_HEIGHT, palette, indices), missing };
}

/** The cover as palette indices (one per pixel), its palette, and the characters no face could draw. */
export function coverIndices(headline: string, siteTitle: string, paletteKey: string, language: string, siteLanguage: string, frame: CoverFrame):
  { indices: Uint8Array; palette: readonly Rgb[]; missing: number[] } {
  const { glyphs, missing, direction } = layoutCover(headline, siteTitle, language, siteLanguage, frame);
  const [background, accent, ink] = PALETTES[hash(paletteKey) % PALETTES.length]!.map(rgb);
  // The text's coverage picks one of 255 blends of ink over background (index 0 is bare background,
  // 254 solid ink); index 255 is the accent. An indexed PNG is a third of RGB's data.
  const indices = new Uint8Array(COVER_WIDTH * COVER_HEIGHT);
  for (const glyph of glyphs) {
    const face = faceOf(glyph.face);
    const outline = face.outline(glyph.id);
    if (outline.length > 0) stamp(indices, COVER_WIDTH, COVER_HEIGHT, outline, face.scale(glyph.size), glyph.x, glyph.y);
  }
  const shortX = direction === 'rtl' ? COVER_WIDTH - MARGIN - SHORT_BAR.width : MARGIN;
  for (const bar of [{ ...SHORT_BAR, x: shortX, y: frame.shortBarY }, LONG_BAR]) {
    for (let y = bar.y; y < bar.y + bar.height; y++) indices.fill(255, y * COVER_WIDTH + bar.x, y * COVER_WIDTH + bar.x + bar.width);
  }
  const palette: Rgb[] = Array.from({ length: 255 }, (_, i) => blend(background!, ink!, i / 254));
  palette.push(accent!);
  return { indices, palette, missing };
}

/** Where every glyph of the cover goes, and the characters no face could draw. */
export function layoutCover(headline: string, siteTitle: string, language: string, siteLanguage: string, frame = TEXT_FRAME): CoverLayout {
  const text = collapse(headline);
  const site = collapse(siteTitle);
  const direction = paragraphDirection(text, language);
  const headlineSetting = new Setting('bold', language, direction);
  const siteSetting = new Setting('regular', siteLanguage, paragraphDirection(site, siteLanguage));
  const glyphs: CoverGlyph[] = [];
  const missing: number[] = [];
  const place = (text: CoverGlyph['text'], line: number, layout: LineLayout, size: number, baseline: number): void => {
    const left = direction === 'rtl' ? COVER_WIDTH - MARGIN - layout.width * size : MARGIN;
    for (const g of layout.glyphs) glyphs.push({ text, line, face: g.face, id: g.id, size, x: round(left + g.x * size), y: round(baseline - g.y * size) });
    for (const cp of layout.dropped) if (!missing.includes(cp)) missing.push(cp);
  };
  place('site', 0, siteSetting.layout(fitLine(site, siteSetting, TEXT_WIDTH / SITE_SIZE)), SITE_SIZE, frame.siteBaseline);
  const { lines, size, pitch } = layoutHeadline(text, headlineSetting, frame);
  lines.forEach((line, i) => place('headline', i, headlineSetting.layout(line), size, frame.headlineTop + size + i * size * pitch));
  return { glyphs, missing, direction, lines, size };
}

function collapse(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

function blend(from: Rgb, to: Rgb, t: number): Rgb {
  return [0, 1, 2].map((c) => Math.round(from[c]! + (to[c]! - from[c]!) * t)) as unknown as Rgb;
}

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
}

/** A glyph of a laid-out line, in ems from the line's left end and baseline (y up). */
interface LineGlyph {
  face: FaceName;
  id: number;
  x: number;
  y: number;
}

/** One line set in visual order: its glyphs, its width in ems, and the characters no face had. */
interface LineLayout {
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
class Setting {
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
class Face {
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

function faceOf(name: FaceName): Face {
  let face = faces.get(name);
  if (face === undefined) {
    face = new Face(name);
    faces.set(name, face);
  }
  return face;
}

// The largest size at which the wrapped headline fits, with its words whole if any size allows (Tamil or
// German words can be wider than a line at the largest sizes); at the smallest, the last line ends in an
// ellipsis. `pitch` is the distance of baselines in ems.
function layoutHeadline(text: string, setting: Setting, frame: CoverFrame): { lines: string[]; size: number; pitch: number } {
  const units = breakUnits(text, setting.language);
  const height = frame.headlineBottom - frame.headlineTop;
  const maxLines = (size: number, pitch: number) => Math.floor(height / (size * pitch));
  for (const split of [false, true]) {
    for (const size of HEADLINE_SIZES) {
      // One line more than fits is enough to know it does not: a long headline is not wrapped to its end.
      const lines = wrap(units, setting, TEXT_WIDTH / size, maxLines(size, LINE_HEIGHT) + 1, split);
      if (lines === null) continue;
      const pitch = linePitch(lines, setting);
      if (lines.length <= maxLines(size, pitch)) return { lines, size, pitch };
    }
  }
  const size = HEADLINE_SIZES[HEADLINE_SIZES.length - 1]!;
  const lines = wrap(units, setting, TEXT_WIDTH / size, maxLines(size, LINE_HEIGHT), true)!;
  const pitch = linePitch(lines, setting);
  lines.length = maxLines(size, pitch);
  lines[lines.length - 1] = fitLine(`${lines.at(-1)!} …`, setting, TEXT_WIDTH / size);
  return { lines, size, pitch };
}

// LINE_HEIGHT, or the highest ink above a baseline plus the lowest below one, whichever is more: lines
// of the same text never touch. (Naskh's alef and yeh tail, Myanmar's stacks; Latin, Indic, Thai and
// CJK keep LINE_HEIGHT.)
function linePitch(lines: readonly string[], setting: Setting): number {
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
function breakUnits(text: string, language: string): string[] {
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
function wrap(pieces: readonly string[], setting: Setting, max: number, limit: number, split: boolean): string[] | null {
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
function fitLine(text: string, setting: Setting, max: number): string {
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

// FNV-1a: a stable, platform-independent choice of palette.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// Positions rounded to 1/100 px, so the pixels do not hang on the last bit of a floating-point sum.
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const OPCODES: Record<string, number> = { moveTo: MOVE, lineTo: LINE, quadraticCurveTo: QUAD, bezierCurveTo: CUBIC, closePath: CLOSE };
