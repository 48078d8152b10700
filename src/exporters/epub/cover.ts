// The EPUB cover: headline and site title set as the PDF sets text (./cover-text.ts), each glyph filled once
// by our own rasterizer and stamped (resvg took a third of an EPUB's time parsing and filling them as SVG).
import { type Direction, paragraphDirection } from '../../typeset/bidi.js';
import type { FaceName } from '../../typeset/fonts.js';
import { breakUnits, collapse, faceOf, fitLine, LINE_HEIGHT, type LineLayout, linePitch, round, Setting, wrap } from './cover-text.js';
import { encodeIndexedPng } from './png.js';
import { stamp } from './sprites.js';

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
  const indices = new Uint8Array(COVER_WIDTH * COVER_HEIGHT);
  stampGlyphs(indices, glyphs);
  const shortX = direction === 'rtl' ? COVER_WIDTH - MARGIN - SHORT_BAR.width : MARGIN;
  for (const bar of [{ ...SHORT_BAR, x: shortX, y: frame.shortBarY }, LONG_BAR]) fillBar(indices, bar, ACCENT);
  return { indices, palette: coverPalette(paletteKey), missing };
}

/** Index of the accent colour in {@link coverPalette}; 0 is bare background and 254 solid ink. */
export const ACCENT = 255;

/**
 * The palette `key` picks: the text's coverage picks one of 255 blends of ink over background (index 0 is
 * bare background, 254 solid ink); index 255 is the accent. An indexed PNG is a third of RGB's data.
 */
export function coverPalette(key: string): Rgb[] {
  const [background, accent, ink] = PALETTES[hash(key) % PALETTES.length]!.map(rgb);
  const palette: Rgb[] = Array.from({ length: 255 }, (_, i) => blend(background!, ink!, i / 254));
  palette.push(accent!);
  return palette;
}

/** Fill each glyph's coverage into `indices` (COVER_WIDTH × COVER_HEIGHT levels). */
export function stampGlyphs(indices: Uint8Array, glyphs: readonly Pick<CoverGlyph, 'face' | 'id' | 'size' | 'x' | 'y'>[]): void {
  for (const glyph of glyphs) {
    const face = faceOf(glyph.face);
    const outline = face.outline(glyph.id);
    if (outline.length > 0) stamp(indices, COVER_WIDTH, COVER_HEIGHT, outline, face.scale(glyph.size), glyph.x, glyph.y);
  }
}

/** A bar in whole pixels, so it needs no anti-aliasing, painted in one palette index. */
export function fillBar(indices: Uint8Array, bar: { x: number; y: number; width: number; height: number }, index: number): void {
  for (let y = bar.y; y < bar.y + bar.height; y++) indices.fill(index, y * COVER_WIDTH + bar.x, y * COVER_WIDTH + bar.x + bar.width);
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

function blend(from: Rgb, to: Rgb, t: number): Rgb {
  return [0, 1, 2].map((c) => Math.round(from[c]! + (to[c]! - from[c]!) * t)) as unknown as Rgb;
}

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
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

// FNV-1a: a stable, platform-independent choice of palette.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
