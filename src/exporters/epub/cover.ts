// The EPUB cover: headline and site title laid out with fontkit, each glyph filled once by our own
// rasterizer and stamped (resvg took a third of an EPUB's time parsing and filling them as SVG).
import * as fontkit from 'fontkit';
import type * as Fontkit from 'fontkit';
import { fontFile } from '../../render/fonts.js';
import { encodeIndexedPng } from './png.js';
import { CLOSE, CUBIC, LINE, MOVE, type Outline, QUAD, stamp } from './sprites.js';

interface CoverFont {
  file: string;
}

const SERIF_REGULAR: CoverFont = { file: fontFile('regular') };
const SERIF_BOLD: CoverFont = { file: fontFile('bold') };
// For characters Noto Serif lacks; opened only when a cover first needs one (the Korean font is 6 MB).
const FALLBACKS: readonly CoverFont[] = [{ file: fontFile('hangul') }, { file: fontFile('emoji') }];

/** Cover size in pixels: 2:3 like a paperback, large enough for library thumbnails, small enough to render fast. */
export const COVER_WIDTH = 600;
export const COVER_HEIGHT = 900;

const MARGIN = 56;
const TEXT_WIDTH = COVER_WIDTH - 2 * MARGIN;
const HEADLINE_TOP = 200;
const HEADLINE_BOTTOM = COVER_HEIGHT - 80;
const HEADLINE_SIZES = [64, 58, 52, 46, 42, 38, 34, 30] as const;
const LINE_HEIGHT = 1.2;
const SITE_SIZE = 26;
const SITE_BASELINE = 104;
// The accent bars, in whole pixels so they need no anti-aliasing and can be painted into the image directly.
const ACCENT_BARS = [
  { x: MARGIN, y: 132, width: 96, height: 6 },
  { x: MARGIN, y: COVER_HEIGHT - 56, width: TEXT_WIDTH, height: 2 },
] as const;

type Rgb = readonly [number, number, number];

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
  /** Code points no cover font has a glyph for, in order of first use: they are drawn as the .notdef box. */
  missing: number[];
}

/** Render the cover for a headline and site title; the same inputs always give the same PNG bytes. */
export function renderCover(headline: string, siteTitle: string, paletteKey: string): Cover {
  const missing: number[] = [];
  // Runs of one font each; spaces join the primary font's runs.
  const runsOf = (text: string, primary: Face): Run[] => {
    const runs: Run[] = [];
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      let face: Face | null = primary;
      if (INVISIBLE.test(char)) face = runs.at(-1)?.face ?? primary;
      else if (primary.advance(cp) === null) {
        face = FALLBACKS.map(faceOf).find((f) => f.advance(cp) !== null) ?? null;
        if (face === null && !missing.includes(cp)) missing.push(cp);
      }
      const last = runs.at(-1);
      if (last !== undefined && last.face === face) last.text += char;
      else runs.push({ face, text: char });
    }
    return runs;
  };
  // Unshaped advances: kerning only narrows Noto Serif's lines, so a line that fits here fits drawn.
  const runWidth = (run: Run, primary: Face, size: number): number => {
    const face = run.face ?? primary;
    let width = 0;
    for (const char of run.text) {
      if (INVISIBLE.test(char)) continue;
      width += (run.face === null ? face.notdefAdvance : face.advance(char.codePointAt(0)!)!) * face.scale(size);
    }
    return width;
  };
  const measure = (primary: Face) => (text: string, size: number): number =>
    runsOf(text, primary).reduce((sum, run) => sum + runWidth(run, primary, size), 0);
  const glyphs: PlacedGlyph[] = [];
  const drawLine = (text: string, primary: Face, size: number, y: number): void => {
    let x = MARGIN;
    for (const run of runsOf(text, primary)) {
      drawRun(glyphs, run, primary, size, x, y);
      x += runWidth(run, primary, size);
    }
  };

  const regular = faceOf(SERIF_REGULAR);
  const bold = faceOf(SERIF_BOLD);
  const site = fitLine(siteTitle, TEXT_WIDTH, (t) => measure(regular)(t, SITE_SIZE));
  const { lines, size } = layoutHeadline(headline, measure(bold));
  drawLine(site, regular, SITE_SIZE, SITE_BASELINE);
  lines.forEach((line, i) => drawLine(line, bold, size, HEADLINE_TOP + size + i * size * LINE_HEIGHT));

  const [background, accent, ink] = PALETTES[hash(paletteKey) % PALETTES.length]!.map(rgb);
  // The text's coverage picks one of 255 blends of ink over background (index 0 is bare background,
  // 254 solid ink); index 255 is the accent. An indexed PNG is a third of RGB's data.
  const indices = new Uint8Array(COVER_WIDTH * COVER_HEIGHT);
  for (const { outline, scale, x, y } of glyphs) stamp(indices, COVER_WIDTH, COVER_HEIGHT, outline, scale, x, y);
  for (const bar of ACCENT_BARS) {
    for (let y = bar.y; y < bar.y + bar.height; y++) indices.fill(255, y * COVER_WIDTH + bar.x, y * COVER_WIDTH + bar.x + bar.width);
  }
  const palette: Rgb[] = Array.from({ length: 255 }, (_, i) => blend(background!, ink!, i / 254));
  palette.push(accent!);
  return { png: encodeIndexedPng(COVER_WIDTH, COVER_HEIGHT, palette, indices), missing };
}

/** A glyph's outline (font units, y up) and where it goes: x, y of its origin in pixels, y down. */
interface PlacedGlyph {
  outline: Outline;
  scale: number;
  x: number;
  y: number;
}

function blend(from: Rgb, to: Rgb, t: number): Rgb {
  return [0, 1, 2].map((c) => Math.round(from[c]! + (to[c]! - from[c]!) * t)) as unknown as Rgb;
}

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
}

// Place each glyph of a run: positions rounded to 1/100 px, so the pixels do not hang on the last bit
// of a floating-point sum.
function drawRun(glyphs: PlacedGlyph[], run: Run, primary: Face, size: number, x: number, y: number): void {
  const face = run.face ?? primary;
  const scale = face.scale(size);
  const place = (outline: Outline, gx: number, gy: number) => glyphs.push({ outline, scale, x: round(gx), y: round(gy) });
  if (run.face === null) {
    for (const char of run.text) {
      if (INVISIBLE.test(char)) continue;
      place(face.outline(0), x, y);
      x += face.notdefAdvance * scale;
    }
    return;
  }
  for (const word of run.text.split(/(\s+)/)) {
    if (word === '') continue;
    if (/^\s/.test(word)) {
      for (const char of word) x += (face.advance(char.codePointAt(0)!) ?? 0) * scale;
      continue;
    }
    for (const glyph of face.shape(word)) {
      const outline = face.outline(glyph.id);
      if (outline.length > 0) place(outline, x + glyph.dx * scale, y - glyph.dy * scale);
      x += glyph.advance * scale;
    }
  }
}

interface ShapedGlyph {
  id: number;
  advance: number;
  dx: number;
  dy: number;
}

/** A font opened once per process, with the lookups the cover repeats memoized. */
class Face {
  readonly #font: Fontkit.Font;
  readonly #advances = new Map<number, number | null>();
  readonly #outlines = new Map<number, Outline>();
  readonly #words = new Map<string, readonly ShapedGlyph[]>();
  readonly notdefAdvance: number;
  // fontkit's getter looks the head table up on every call, and scale() is called for every character.
  readonly #unitsPerEm: number;

  constructor(file: string) {
    this.#font = fontkit.openSync(file);
    this.notdefAdvance = this.#font.getGlyph(0).advanceWidth;
    this.#unitsPerEm = this.#font.unitsPerEm;
  }

  scale(size: number): number {
    return size / this.#unitsPerEm;
  }

  /** Advance width in font units of the code point's glyph; null when the font has none. */
  advance(codePoint: number): number | null {
    let advance = this.#advances.get(codePoint);
    if (advance === undefined) {
      advance = this.#font.hasGlyphForCodePoint(codePoint) ? this.#font.glyphForCodePoint(codePoint).advanceWidth : null;
      this.#advances.set(codePoint, advance);
    }
    return advance;
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

  /**
   * Ligatures and kerning within one word, memoized by word:
   * shaping costs ~0.3 ms a line, and headlines repeat their words. Invisible characters the font lacks
   * would shape as .notdef, so they are left out.
   */
  shape(word: string): readonly ShapedGlyph[] {
    let glyphs = this.#words.get(word);
    if (glyphs === undefined) {
      const text = [...word].filter((c) => !INVISIBLE.test(c) || this.advance(c.codePointAt(0)!) !== null).join('');
      const run = this.#font.layout(text, { liga: true, kern: true });
      glyphs = run.glyphs.map((g, i) => ({ id: g.id, advance: run.positions[i]!.xAdvance, dx: run.positions[i]!.xOffset, dy: run.positions[i]!.yOffset }));
      // Bounded, so a long batch cannot grow it without end; the results never depend on it.
      if (this.#words.size >= 20_000) this.#words.clear();
      this.#words.set(word, glyphs);
    }
    return glyphs;
  }
}

const faces = new Map<CoverFont, Face>();

function faceOf(font: CoverFont): Face {
  let face = faces.get(font);
  if (face === undefined) {
    face = new Face(font.file);
    faces.set(font, face);
  }
  return face;
}

interface Run {
  /** null: no cover font has these characters. */
  face: Face | null;
  text: string;
}

// Joiners and variation selectors inside emoji sequences: no advance of their own, no glyph needed.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

type Measure = (text: string, size: number) => number;

// The largest size at which the wrapped headline fits; at the smallest, the last line ends in an ellipsis.
function layoutHeadline(headline: string, measure: Measure): { lines: string[]; size: number } {
  const height = HEADLINE_BOTTOM - HEADLINE_TOP;
  for (const size of HEADLINE_SIZES) {
    const lines = wrap(headline, (t) => measure(t, size));
    if (lines.length * size * LINE_HEIGHT <= height) return { lines, size };
  }
  const size = HEADLINE_SIZES[HEADLINE_SIZES.length - 1]!;
  const max = Math.floor(height / (size * LINE_HEIGHT));
  const lines = wrap(headline, (t) => measure(t, size)).slice(0, max);
  lines[max - 1] = fitLine(`${lines[max - 1]!} …`, TEXT_WIDTH, (t) => measure(t, size));
  return { lines, size };
}

// Greedy wrapping at spaces; a word wider than the line is split between characters.
function wrap(text: string, width: (t: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (width(candidate) <= TEXT_WIDTH) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const char of word) {
      if (line !== '' && width(line + char) > TEXT_WIDTH) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

// Shorten to fit one line, ending in an ellipsis when anything was cut.
function fitLine(text: string, max: number, width: (t: string) => number): string {
  if (width(text) <= max) return text;
  const chars = [...text];
  while (chars.length > 0 && width(`${chars.join('').trimEnd()}…`) > max) chars.pop();
  return `${chars.join('').trimEnd()}…`;
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

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const OPCODES: Record<string, number> = { moveTo: MOVE, lineTo: LINE, quadraticCurveTo: QUAD, bezierCurveTo: CUBIC, closePath: CLOSE };
