// The edition's cover drawn as a masthead: the site's name as a nameplate between rules, the dateline (number
// and day), and the top headlines, each set in its own language and script as the article cover sets its one
// headline (./cover-text.ts), flush with its own direction; under a photo band when the edition has a picture.
import { type Direction, paragraphDirection } from '../../typeset/bidi.js';
import { breakUnits, collapse, fitLine, type LineLayout, linePitch, round, Setting, wrap } from './cover-text.js';
import { ACCENT, COVER_HEIGHT, COVER_WIDTH, type CoverGlyph, coverPalette, fillBar, MARGIN, type Rgb, stampGlyphs } from './cover.js';

const WIDTH = COVER_WIDTH - 2 * MARGIN;

/** A text and the language it is in. */
export interface MastheadText {
  text: string;
  language: string;
}

/** What the masthead shows, every word already in the words of its reader. */
export interface Masthead {
  /** The site's name. */
  site: MastheadText;
  /** Its number and day, in the edition's language. */
  dateline: MastheadText;
  /** The word over the headlines ("Top stories"). */
  label: MastheadText;
  /** The top headlines in order; as many as fit are drawn, the first always. */
  headlines: readonly MastheadText[];
  /** The edition's direction: where the label and its bar stand. */
  direction: Direction;
}

export type MastheadPart = 'site' | 'dateline' | 'label' | 'headline';

/** A glyph as drawn, with the part (and for a headline, the headline) it belongs to. */
export type MastheadGlyph = Omit<CoverGlyph, 'text'> & { text: MastheadPart; item: number };

export interface MastheadLayout {
  glyphs: MastheadGlyph[];
  /** Rules and bars: whole pixels in one palette index. */
  bars: { x: number; y: number; width: number; height: number; index: number }[];
  /** Each part's lines as drawn, logical order; `headlines` only those that fit. */
  lines: { site: string[]; dateline: string[]; label: string[]; headlines: string[][] };
  /** The code points no face had, by part; for the headlines, one list each. */
  missing: { site: number[]; dateline: number[]; label: number[]; headlines: number[][] };
}

const NAMEPLATE_SIZES = [64, 58, 52, 46, 42, 38, 34, 30] as const;
const PHOTO_NAMEPLATE_SIZES = [48, 44, 40, 36, 32, 30] as const;
const DATELINE_SIZE = 22;
const LABEL_SIZE = 17;
// The lead headline's sizes; the others are set smaller, as a front page sets its secondary stories. More
// headlines at a smaller size are preferred while the lead keeps `LEAD_FLOOR` px; one alone may go smaller.
const LEAD_SIZES = [46, 42, 38, 35, 32, 30, 28, 26, 24, 22] as const;
const LEAD_FLOOR = 30;
const SECONDARY = 0.7;
const LEAD_LINES = 3;
const SECONDARY_LINES = 2;
const GAP = 22;
// Levels of ink over the background (0..254): the rules under the nameplate solid, between headlines faint.
const INK = 254;
const HAIRLINE = 96;
const SHORT_BAR = { width: 64, height: 5 } as const;
/** The lowest a headline reaches: above the long accent bar at the foot, as on the article cover. */
const BOTTOM = COVER_HEIGHT - 80;
const FOOT_BAR = { x: MARGIN, y: COVER_HEIGHT - 56, width: WIDTH, height: 2 } as const;

/** A block of text set for the cover: its lines, size, pitch (ems) and direction. */
interface Block {
  setting: Setting;
  lines: string[];
  size: number;
  pitch: number;
  /** From the block's top to its last line's foot, in pixels. */
  height: number;
}

/**
 * Lay the masthead out from `top` (0, or the photo band's height) down: every glyph's place, the rules,
 * and what no face could draw.
 */
export function layoutMasthead(m: Masthead, top: number): MastheadLayout {
  const glyphs: MastheadGlyph[] = [];
  const bars: MastheadLayout['bars'] = [];
  const lines: MastheadLayout['lines'] = { site: [], dateline: [], label: [], headlines: [] };
  const missing: MastheadLayout['missing'] = { site: [], dateline: [], label: [], headlines: [] };
  // `align`: centred, or flush with the side a text of that direction starts from.
  const draw = (part: MastheadPart, item: number, block: Block, blockTop: number, align: 'center' | Direction): number[] => {
    const dropped: number[] = [];
    block.lines.forEach((line, i) => {
      const layout: LineLayout = block.setting.layout(line);
      const width = layout.width * block.size;
      const left = align === 'center' ? (COVER_WIDTH - width) / 2 : align === 'rtl' ? COVER_WIDTH - MARGIN - width : MARGIN;
      const baseline = blockTop + block.size + i * block.size * block.pitch;
      for (const g of layout.glyphs) {
        glyphs.push({ text: part, item, line: i, face: g.face, id: g.id, size: block.size, x: round(left + g.x * block.size), y: round(baseline - g.y * block.size) });
      }
      for (const cp of layout.dropped) if (!dropped.includes(cp)) dropped.push(cp);
    });
    return dropped;
  };
  const rule = (y: number, height: number, index: number) => bars.push({ x: MARGIN, y: Math.round(y), width: WIDTH, height, index });

  let y = top + (top === 0 ? 52 : 30);
  rule(y, 2, INK);
  y += 14;
  const site = nameplate(m.site, top === 0 ? NAMEPLATE_SIZES : PHOTO_NAMEPLATE_SIZES);
  lines.site = site.lines;
  missing.site = draw('site', 0, site, y, 'center');
  y += site.height + 10;
  rule(y, 5, ACCENT);
  rule(y + 8, 1, INK);
  y += 18;
  const dateline = oneLine(m.dateline, 'regular', [DATELINE_SIZE]);
  lines.dateline = dateline.lines;
  missing.dateline = draw('dateline', 0, dateline, y, 'center');
  y += dateline.height + 12;
  rule(y, 1, HAIRLINE);
  y += top === 0 ? 30 : 18;

  // The label under a short accent bar at the edition's start, as the article cover marks its site line.
  bars.push({ x: m.direction === 'rtl' ? COVER_WIDTH - MARGIN - SHORT_BAR.width : MARGIN, y, ...SHORT_BAR, index: ACCENT });
  y += SHORT_BAR.height + 8;
  const label = oneLine({ ...m.label, text: m.label.text.toLocaleUpperCase(m.label.language) }, 'bold', [LABEL_SIZE]);
  lines.label = label.lines;
  missing.label = draw('label', 0, label, y, m.direction);
  y += label.height + GAP + 4;

  const headlines = fitHeadlines(m.headlines, BOTTOM - y);
  headlines.forEach((block, i) => {
    if (i > 0) {
      rule(y + GAP / 2 - 1, 1, HAIRLINE);
      y += GAP;
    }
    lines.headlines.push(block.lines);
    missing.headlines.push(draw('headline', i, block, y, block.setting.direction));
    y += block.height;
  });
  bars.push({ ...FOOT_BAR, index: ACCENT });
  return { glyphs, bars, lines, missing };
}

/** The masthead as palette indices (one per pixel) and its palette, with its layout. */
export function mastheadIndices(m: Masthead, top: number, paletteKey: string): { indices: Uint8Array; palette: readonly Rgb[]; layout: MastheadLayout } {
  const layout = layoutMasthead(m, top);
  const indices = new Uint8Array(COVER_WIDTH * COVER_HEIGHT);
  stampGlyphs(indices, layout.glyphs);
  for (const bar of layout.bars) fillBar(indices, bar, bar.index);
  return { indices, palette: coverPalette(paletteKey), layout };
}

/** The site's name on one line at the largest of `sizes` it fits, else on two, else cut with an ellipsis. */
function nameplate(t: MastheadText, sizes: readonly number[]): Block {
  const text = collapse(t.text);
  const setting = new Setting('bold', t.language, paragraphDirection(text, t.language));
  const units = breakUnits(text, t.language);
  for (const most of [1, 2]) {
    for (const size of sizes) {
      const set = setHeadline(units, setting, size, most, false);
      if (set !== null) return set;
    }
  }
  return setHeadline(units, setting, sizes[sizes.length - 1]!, 2, true, true)!;
}

/** A text on one line at the largest of `sizes` it fits, else cut with an ellipsis at the smallest. */
function oneLine(t: MastheadText, face: 'bold' | 'regular', sizes: readonly number[]): Block {
  const text = collapse(t.text);
  const setting = new Setting(face, t.language, paragraphDirection(text, t.language));
  const size = sizes.find((s) => setting.width(text) * s <= WIDTH) ?? sizes[sizes.length - 1]!;
  const lines = [fitLine(text, setting, WIDTH / size)];
  return block(setting, lines, size);
}

/**
 * The most headlines (the first always) that fit in `height` pixels, the lead at the largest size that lets
 * them: the lead in up to three lines, the others in two; words whole where any size allows. One headline
 * that fits at no size is cut with an ellipsis at the smallest.
 */
function fitHeadlines(headlines: readonly MastheadText[], height: number): Block[] {
  const sets = headlines.map((h) => {
    const text = collapse(h.text);
    return { units: breakUnits(text, h.language), setting: new Setting('bold', h.language, paragraphDirection(text, h.language)) };
  });
  const total = (blocks: readonly Block[]) => blocks.reduce((sum, b) => sum + b.height, 0) + GAP * (blocks.length - 1);
  for (let count = headlines.length; count >= 1; count--) {
    for (const split of [false, true]) {
      for (const lead of LEAD_SIZES) {
        if (count > 1 && lead < LEAD_FLOOR) break;
        const blocks = sets.slice(0, count).map((s, i) => setHeadline(s.units, s.setting, i === 0 ? lead : Math.round(lead * SECONDARY), i === 0 ? LEAD_LINES : SECONDARY_LINES, split));
        if (blocks.every((b): b is Block => b !== null) && total(blocks) <= height) return blocks;
      }
    }
  }
  const size = LEAD_SIZES[LEAD_SIZES.length - 1]!;
  const lines = Math.max(1, Math.min(LEAD_LINES, Math.floor(height / (size * 1.5))));
  return sets.length === 0 ? [] : [setHeadline(sets[0]!.units, sets[0]!.setting, size, lines, true, true)!];
}

/** A headline wrapped at `size` in at most `most` lines, or null; `cut`: the last line ends in an ellipsis instead. */
function setHeadline(units: readonly string[], setting: Setting, size: number, most: number, split: boolean, cut = false): Block | null {
  const max = WIDTH / size;
  const lines = wrap(units, setting, max, most + 1, split);
  if (lines === null) return null;
  if (lines.length > most) {
    if (!cut) return null;
    lines.length = most;
    lines[most - 1] = fitLine(`${lines[most - 1]!} …`, setting, max);
  }
  return block(setting, lines, size);
}

// Below the last baseline, in ems: room for descenders before whatever comes next.
const DESCENT = 0.3;

function block(setting: Setting, lines: string[], size: number): Block {
  const pitch = linePitch(lines, setting);
  return { setting, lines, size, pitch, height: size * (1 + (lines.length - 1) * pitch + DESCENT) };
}
