// The EPUB cover: headline and site title laid out as SVG, rendered to PNG with resvg.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { escapeXml } from '../../render/xml.js';
import { loadFontMetrics, type FontMetrics } from './font-metrics.js';

const require = createRequire(import.meta.url);

interface CoverFont {
  family: string;
  file: string;
}

const SERIF_REGULAR: CoverFont = { family: 'Noto Serif', file: require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf') };
const SERIF_BOLD: CoverFont = { family: 'Noto Serif', file: require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf') };
// For characters Noto Serif lacks; handed to resvg only for a cover that uses them (the Korean font is 6 MB).
const FALLBACKS: readonly CoverFont[] = [
  { family: 'Noto Sans KR', file: require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf') },
  { family: 'Noto Emoji', file: require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf') },
];

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
  /** Code points no cover font has a glyph for, in order of first use: they are missing from the image. */
  missing: number[];
}

/** Render the cover for a headline and site title; the same inputs always give the same PNG bytes. */
export function renderCover(headline: string, siteTitle: string, paletteKey: string): Cover {
  const used = new Set<CoverFont>([SERIF_REGULAR, SERIF_BOLD]);
  const missing: number[] = [];
  // Runs of one font each. resvg applies one font-family to a whole <text> (a <tspan> in Noto Sans KR
  // turned the Cyrillic before it into Noto Sans KR too), so each run becomes its own <text>, placed
  // at the width measured here. Spaces join the primary font's runs.
  const runsOf = (text: string, primary: CoverFont): Run[] => {
    const runs: Run[] = [];
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      let font: CoverFont | null = primary;
      if (INVISIBLE.test(char)) font = runs.at(-1)?.font ?? primary;
      else if (metricsOf(primary).advance(cp) === null) {
        font = FALLBACKS.find((f) => metricsOf(f).advance(cp) !== null) ?? null;
        if (font === null && !missing.includes(cp)) missing.push(cp);
      }
      const last = runs.at(-1);
      if (last !== undefined && last.font === font) last.text += char;
      else runs.push({ font, text: char });
    }
    return runs;
  };
  const runWidth = (run: Run, primary: CoverFont, size: number): number => {
    const metrics = metricsOf(run.font ?? primary);
    let width = 0;
    for (const char of run.text) {
      if (INVISIBLE.test(char)) continue;
      // A character no font has still takes room: resvg draws the .notdef box.
      const advance = metrics.advance(char.codePointAt(0)!) ?? metrics.advance(0x20) ?? metrics.unitsPerEm / 2;
      width += (advance / metrics.unitsPerEm) * size;
    }
    return width;
  };
  const measure = (primary: CoverFont) => (text: string, size: number): number =>
    runsOf(text, primary).reduce((sum, run) => sum + runWidth(run, primary, size), 0);
  const textLine = (text: string, primary: CoverFont, size: number, y: number): string => {
    let x = MARGIN;
    return runsOf(text, primary).map((run) => {
      // SVG drops a <text>'s leading spaces, so step over them here.
      const visible = run.text.trimStart();
      const at = x + runWidth({ font: run.font, text: run.text.slice(0, run.text.length - visible.length) }, primary, size);
      x += runWidth(run, primary, size);
      if (run.font === null || run.font === primary) return `<text x="${round(at)}" y="${round(y)}">${escapeXml(visible)}</text>`;
      used.add(run.font);
      return `<text x="${round(at)}" y="${round(y)}" font-family="'${run.font.family}'">${escapeXml(visible)}</text>`;
    }).join('');
  };

  const site = fitLine(siteTitle, TEXT_WIDTH, (t) => measure(SERIF_REGULAR)(t, SITE_SIZE));
  const { lines, size } = layoutHeadline(headline, measure(SERIF_BOLD));
  const palette = PALETTES[hash(paletteKey) % PALETTES.length]!;
  const [background, accent, ink] = palette;

  const lineGap = size * LINE_HEIGHT;
  const headlineText = lines.map((line, i) => textLine(line, SERIF_BOLD, size, HEADLINE_TOP + size + i * lineGap)).join('');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}">`,
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="${background}"/>`,
    `<g font-family="'Noto Serif'" font-size="${SITE_SIZE}" fill="${ink}">${textLine(site, SERIF_REGULAR, SITE_SIZE, 104)}</g>`,
    `<rect x="${MARGIN}" y="132" width="96" height="6" fill="${accent}"/>`,
    `<g font-family="'Noto Serif'" font-weight="700" font-size="${size}" fill="${ink}">${headlineText}</g>`,
    `<rect x="${MARGIN}" y="${COVER_HEIGHT - 56}" width="${TEXT_WIDTH}" height="2" fill="${accent}"/>`,
    '</svg>',
  ].join('');

  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    // The Node binding takes font paths only (fontBuffers is wasm-only), so resvg reads these per cover;
    // system fonts stay off so the image never depends on the machine.
    font: { fontFiles: [...used].map((f) => f.file), loadSystemFonts: false, defaultFontFamily: 'Noto Serif' },
    logLevel: 'off',
  });
  return { png: new Uint8Array(resvg.render().asPng()), missing };
}

interface Run {
  /** null: no cover font has these characters. */
  font: CoverFont | null;
  text: string;
}

// Joiners and variation selectors inside emoji sequences: no advance of their own, no glyph needed.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

function metricsOf(font: CoverFont): FontMetrics {
  return loadFontMetrics(font.file);
}

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

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}
