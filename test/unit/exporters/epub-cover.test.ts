// The EPUB cover in every script: fonts per script, shaping, bidi order, right-to-left layout, line breaks.
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { COVER_HEIGHT, COVER_WIDTH, layoutCover, MARGIN, renderCover } from '../../../src/exporters/epub/cover.js';
import { fontFile } from '../../../src/typeset/fonts.js';
import { decodeIndexedPng } from '../../support/png.js';

const HEADLINES: Record<string, string> = {
  ar: 'أمطار غزيرة تغلق الطرق في المدينة',
  he: 'גשמים עזים סוגרים כבישים בעיר',
  hi: 'भारी बारिश से शहर की सड़कें बंद',
  th: 'ฝนตกหนักปิดถนนในเมืองหลวงเป็นวันที่สามติดต่อกัน',
  zh: '暴雨导致城市多条道路封闭，交通陷入瘫痪「紧急」',
  ja: '大雨で市内の道路が閉鎖、交通に大きな影響（速報）',
};

/** The leftmost and rightmost columns with ink between two rows, or null where there is none. */
function inkColumns(png: Uint8Array, top: number, bottom: number): [number, number] | null {
  const { indices, width } = decodeIndexedPng(png);
  let left = Infinity, right = -Infinity;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < width; x++) {
      const index = indices[y * width + x]!;
      if (index > 0 && index < 255) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return left === Infinity ? null : [left, right];
}

describe('EPUB cover scripts', () => {
  it.each(Object.entries(HEADLINES))('draws a %s headline with no missing glyph, inside the margins', (language, headline) => {
    const cover = renderCover(headline, 'Galley', 'key', language, 'en');
    expect(cover.missing).toEqual([]);
    const ink = inkColumns(cover.png, 180, COVER_HEIGHT - 60);
    expect(ink).not.toBeNull();
    expect(ink![0]).toBeGreaterThanOrEqual(MARGIN - 4);
    expect(ink![1]).toBeLessThanOrEqual(COVER_WIDTH - MARGIN + 4);
  });

  it('sets an Arabic headline flush right, and mirrors the accent bar under the site title', () => {
    const { png } = renderCover('أمطار غزيرة', 'Galley', 'key', 'ar', 'en');
    const [left, right] = inkColumns(png, 180, COVER_HEIGHT - 60)!;
    expect(right).toBeGreaterThan(COVER_WIDTH - MARGIN - 6);
    expect(right).toBeLessThanOrEqual(COVER_WIDTH - MARGIN + 4);
    expect(left).toBeGreaterThan(MARGIN + 150);
    const { indices, width } = decodeIndexedPng(png);
    expect(indices[134 * width + COVER_WIDTH - MARGIN - 4]).toBe(255);
    expect(indices[134 * width + MARGIN + 4]).toBe(0);
    const site = inkColumns(png, 60, 120)!;
    expect(site[1]).toBeGreaterThan(COVER_WIDTH - MARGIN - 6);
  });

  it('draws the glyphs fontkit shapes (joining forms), not the isolated forms of the characters', () => {
    const word = 'المدينة';
    const font = fontkit.openSync(fontFile('arabic-bold'));
    const run = font.layout(word, undefined, undefined, undefined, 'rtl');
    const shaped = run.glyphs.map((g) => g.id);
    const isolated = [...word].reverse().map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id);
    const drawn = layoutCover(word, 'Galley', 'ar', 'en').glyphs.filter((g) => g.text === 'headline');
    expect(drawn.every((g) => g.face === 'arabic-bold')).toBe(true);
    expect(drawn.map((g) => g.id)).toEqual(shaped);
    expect(shaped).not.toEqual(isolated);
    // Naskh draws most dots as marks of their own, placed by GPOS offsets: each glyph stands where fontkit
    // put it, the word flush right.
    const scale = drawn[0]!.size / font.unitsPerEm;
    const baseline = drawn.at(-1)!.y; // the alef, with no offset
    let pen = COVER_WIDTH - MARGIN - run.advanceWidth * scale;
    run.positions.forEach((p, i) => {
      expect(drawn[i]!.x).toBeCloseTo(pen + p.xOffset * scale, 1);
      expect(drawn[i]!.y).toBeCloseTo(baseline - p.yOffset * scale, 1);
      pen += p.xAdvance * scale;
    });
    expect(run.positions.some((p) => p.yOffset !== 0)).toBe(true);
  });

  it('orders a mixed line by the bidi algorithm and mirrors brackets in right-to-left runs', () => {
    const serif = fontkit.openSync(fontFile('bold'));
    const id = (c: string) => serif.glyphForCodePoint(c.codePointAt(0)!).id;
    const layout = layoutCover('زار (بوتين) Kim', 'Galley', 'ar', 'en');
    expect(layout.lines).toHaveLength(1);
    const glyphs = layout.glyphs.filter((g) => g.text === 'headline');
    const serifGlyphs = glyphs.filter((g) => g.face === 'bold' && g.id !== id(' ')).sort((a, b) => a.x - b.x);
    // "Kim" comes last in reading order, so leftmost, read left to right; the parentheses face inward:
    // the opening one, rightmost, is drawn as ")".
    expect(serifGlyphs.map((g) => g.id)).toEqual(['K', 'i', 'm', '(', ')'].map(id));
  });

  it('breaks Thai at word boundaries and Chinese and Japanese between characters, never before closing punctuation', () => {
    const thai = layoutCover(HEADLINES.th!, 'Galley', 'th', 'en').lines;
    expect(thai.length).toBeGreaterThan(1);
    const words = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(HEADLINES.th!)].map((s) => s.index));
    let at = 0;
    for (const line of thai) {
      expect(words.has(at)).toBe(true);
      at += line.length;
    }
    expect(thai.join('')).toBe(HEADLINES.th);
    // Seven characters fit a line at the largest size: the eighth is a full stop, then an opening bracket.
    const { lines, size } = layoutCover('東京都内で大雨。道路が閉鎖「緊急」され交通が大混乱', 'Galley', 'ja', 'en');
    expect(size).toBe(64);
    expect(lines.join('')).toBe('東京都内で大雨。道路が閉鎖「緊急」され交通が大混乱');
    for (const line of lines) {
      expect(line).not.toMatch(/^[、。，．」』）】〉》！？：；ー]/);
      expect(line).not.toMatch(/[「『（【〈《]$/);
    }
    expect(lines[0]).toBe('東京都内で大');
  });

  it('keeps words whole at a smaller size rather than split them at a larger one', () => {
    const tamil = 'கனமழையால் நகர சாலைகள் மூடல்';
    const { lines, size } = layoutCover(tamil, 'Galley', 'ta', 'en');
    expect(size).toBeLessThan(64);
    expect(lines.join(' ')).toBe(tamil);
  });

  it('spaces the lines of a script that stacks high and low so that they never touch', () => {
    const headline = 'မိုးသည်းထန်စွာရွာသွန်းမှုကြောင့် မြို့တွင်းလမ်းများ ပိတ်ဆို့';
    const { glyphs, lines } = layoutCover(headline, 'Galley', 'my', 'en');
    expect(lines.length).toBeGreaterThan(2);
    const font = fontkit.openSync(fontFile('myanmar-bold'));
    // Each line's ink from top to bottom, in pixels (y down), by fontkit's glyph boxes.
    const rows = lines.map(() => ({ top: Infinity, bottom: -Infinity }));
    for (const g of glyphs.filter((g) => g.text === 'headline')) {
      const { bbox } = font.getGlyph(g.id) as unknown as { bbox: { minY: number; maxY: number } };
      if (bbox.maxY <= bbox.minY) continue;
      const scale = g.size / font.unitsPerEm;
      const row = rows[g.line]!;
      row.top = Math.min(row.top, g.y - bbox.maxY * scale);
      row.bottom = Math.max(row.bottom, g.y - bbox.minY * scale);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.top).toBeGreaterThanOrEqual(rows[i - 1]!.bottom);
  });

  it('fits a 10,000-character site title, and hostile headlines and titles, in well under a second', () => {
    renderCover('Warm-up', 'Galley', 'key', 'en', 'en');
    const title = 'Site title '.repeat(1000).slice(0, 10_000);
    // Processor time, not wall time: the suite runs beside other test files on a loaded machine.
    const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
    let start = cpu();
    const { glyphs } = layoutCover('Headline', title, 'en', 'en');
    renderCover('Headline', title, 'key', 'en', 'en');
    expect(cpu() - start).toBeLessThan(400);
    const site = glyphs.filter((g) => g.text === 'site');
    const serif = fontkit.openSync(fontFile('regular'));
    expect(site.at(-1)!.id).toBe(serif.glyphForCodePoint(0x2026).id);
    expect(Math.max(...site.map((g) => g.x))).toBeLessThan(COVER_WIDTH - MARGIN);
    for (const [headline, siteTitle, language] of [
      ['Headline words '.repeat(700), 'x'.repeat(10_000), 'en'],
      ['x'.repeat(100_000), `a${'\u0301'.repeat(50_000)}`, 'en'],
      ['مرحبا'.repeat(8_000), 'ฝนตกหนัก'.repeat(2_000), 'ar'],
    ]) {
      start = cpu();
      const cover = renderCover(headline!, siteTitle!, 'key', language!, 'th');
      expect(cpu() - start).toBeLessThan(500);
      expect(cover.missing).toEqual([]);
    }
  });

  it('gives the same bytes for the same inputs, whatever was drawn before', () => {
    const first = renderCover(HEADLINES.ar!, 'موقع', 'key', 'ar', 'ar').png;
    for (const [language, headline] of Object.entries(HEADLINES)) renderCover(headline, 'Galley', 'other', language, 'en');
    expect(Buffer.from(renderCover(HEADLINES.ar!, 'موقع', 'key', 'ar', 'ar').png).equals(Buffer.from(first))).toBe(true);
  });
});
