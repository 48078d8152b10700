// Advance widths and glyph coverage read from a TrueType font, so the cover can wrap its headline.
import { readFileSync } from 'node:fs';

/** Horizontal metrics of one font, enough to measure a line of text without shaping it. */
export interface FontMetrics {
  readonly unitsPerEm: number;
  /** Advance width in font units of the code point's glyph; null when the font has no glyph for it. */
  advance(codePoint: number): number | null;
}

/**
 * Parse a TTF's cmap, hhea, hmtx and head tables. Only what line wrapping needs: kerning and
 * shaping are ignored, which overestimates most lines slightly, the safe side for a fixed-size cover.
 */
export function parseFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[record]!, bytes[record + 1]!, bytes[record + 2]!, bytes[record + 3]!);
    tables.set(tag, view.getUint32(record + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };

  const unitsPerEm = view.getUint16(table('head') + 18);
  const numberOfHMetrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (glyph: number): number => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const glyphs = readCmap(view, table('cmap'));
  return {
    unitsPerEm,
    advance(codePoint) {
      const glyph = glyphs.get(codePoint);
      return glyph === undefined || glyph === 0 ? null : glyphAdvance(glyph);
    },
  };
}

/** Parse a font file once; later calls with the same path reuse it. */
export function loadFontMetrics(path: string): FontMetrics {
  let metrics = loaded.get(path);
  if (metrics === undefined) {
    metrics = parseFontMetrics(readFileSync(path));
    loaded.set(path, metrics);
  }
  return metrics;
}

const loaded = new Map<string, FontMetrics>();

// Prefers a full-Unicode subtable (format 12) and falls back to the BMP one (format 4).
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const count = view.getUint16(cmap + 2);
  let format4: number | null = null;
  let format12: number | null = null;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const subtable = cmap + view.getUint32(record + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(subtable);
    if (format === 12) format12 ??= subtable;
    else if (format === 4) format4 ??= subtable;
  }
  const map = new Map<number, number>();
  if (format12 !== null) {
    const groups = view.getUint32(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + 12 * g;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) map.set(c, glyph + c - start);
    }
    return map;
  }
  if (format4 === null) throw new Error('font has no Unicode cmap subtable');
  const segments = view.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + 2 * s);
    const end = view.getUint16(ends + 2 * s);
    const delta = view.getInt16(deltas + 2 * s);
    const rangeOffsetAt = rangeOffsets + 2 * s;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}
