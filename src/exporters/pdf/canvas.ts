// Drawing on a pdfkit document: measured text in fallback-aware runs, justified by hand, inside marked content.
import type PDFDocument from 'pdfkit';
import type { Direction } from '../../typeset/bidi.js';
import { visualLine } from '../../typeset/line.js';
import { hanFamily, languageFamily } from '../../typeset/fonts.js';
import { sameCodePoints } from '../../patches/fontkit.js';
import { emWidth, openFace, shaped, splitRuns, type FaceName, type GlyphPosition, type ShapedGlyph, type ShapedRun } from '../../typeset/faces.js';
import type { TextStyle } from './style.js';
import { embedFont, usePageFont, type EmbeddedFont } from '../../patches/pdfkit.js';
import { fastSubset } from '../../patches/fontkit.js';
import { hidden, needsActualText, textLayer } from './textlayer.js';
import { Recent, recentIn } from '../../typeset/recent.js';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * A face as one document uses it: pdfkit's font, the hex code of its space, and subset codes by glyph id
 * with the characters the text layer reads for them; a glyph that stands for other characters elsewhere
 * (an Arabic letter's dotless base, a reordered Indic vowel sign) is embedded again under a code of its own.
 */
interface DocFace {
  name: FaceName;
  font: EmbeddedFont;
  space: string;
  /**
   * Codes of the space glyph that read as a space, which justification stretches: its own, and copies
   * that also carry an invisible character (a variation selector after a space, see textlayer.ts).
   */
  spaces: Set<string>;
  spaceId: number;
  hex: Map<number, { code: string; codePoints: readonly number[] }>;
  others: Map<string, string>;
  /** Encoded words (split after spaces), by text: subset codes are per document, so is this. */
  words: Map<string, EncodedWord>;
}
interface EncodedWord {
  glyphs: string[];
  positions: readonly GlyphPosition[];
  /** The word's text, where the text layer must be given it whole (see textlayer.ts). */
  actual: string | null;
}

/** Glyphs [from, to) of a part that read as `text`: an ActualText span. */
interface Span {
  from: number;
  to: number;
  text: string;
}
const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

// Text widths in em with the fallback split applied, shared by every document: a paragraph is measured
// piece by piece, and the same pieces recur across paragraphs and articles.
const measures = new Map<string, Recent<string, { em: number; chars: number }>>();
const MEASURES_LIMIT = 10_000;

const SHY = '\u00AD';

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}
const DEEP_STACK = /(\p{Mn}{6})\p{Mn}+/gu;

// What each shaped run reads as, kept with the run (which every document shares): the same words recur.
const readings = new WeakMap<ShapedRun, { layer: (readonly number[])[] | null; whole: boolean }>();

function readingOf(run: ShapedRun, text: string, rtl: boolean): { layer: (readonly number[])[] | null; whole: boolean } {
  let reading = readings.get(run);
  if (reading === undefined) {
    const layer = textLayer(run, text, rtl);
    reading = { layer, whole: needsActualText(run, layer, rtl) };
    readings.set(run, reading);
  }
  return reading;
}

/** A PDF text string in UTF-16BE with its byte-order mark, as hex (ActualText takes any Unicode). */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** One line to draw: `baseline` is measured from the top of the page. */
export interface TextLine {
  text: string;
  /** Left edge of the line. */
  x: number;
  baseline: number;
  justify?: number | null;
  tightenOnly?: boolean;
  /** Base direction; a right-to-left line that is not stretched to `justify` ends at `end`. */
  direction?: Direction;
  end?: number;
  /** Set flush against `end`, whatever the direction (a folio at the end of a left-to-right line). */
  alignEnd?: boolean;
}

/** A run of glyphs in one face, in visual order, ready to draw. */
interface Part {
  face: DocFace;
  glyphs: string[];
  positions: GlyphPosition[];
  spans: Span[];
  /** A space at the line's logical end, kept for the text layer: it hangs outside the measure. */
  hangs?: boolean;
}

// Letter-spacing would tear joined scripts apart (Arabic, the Indic head stroke): it applies to a line
// only when every letter is Latin, Greek or Cyrillic.
const TRACKABLE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** One document's drawing surface. Missing glyphs are collected in `missing`, one entry per character. */
export class Canvas {
  readonly doc: Doc;
  readonly language: string;
  readonly missing = new Set<string>();
  /** What the fallback faces depend on besides the text: the measure cache is shared per key. */
  private readonly fallbackKey: string;
  private readonly measured = new Map<FaceName, Recent<string, { em: number; chars: number }>>();

  /** `faces`: another Canvas's, for text of another language in the same document (see `forLanguage`). */
  constructor(doc: Doc, language: string, private readonly faces = new Map<FaceName, DocFace>()) {
    this.doc = doc;
    this.language = language;
    this.fallbackKey = `${languageFamily(language) ?? ''}/${hanFamily(language)}`;
  }

  /**
   * The same document's surface for text in `language`, with missing glyphs of its own: one document may hold
   * articles in several languages (an edition). The faces are shared, so each glyph is embedded once.
   */
  forLanguage(language: string): Canvas {
    return new Canvas(this.doc, language, this.faces);
  }

  /** Letter-spacing for a text in a style: the style's, unless the text has letters that join. */
  tracking(text: string, style: TextStyle): number {
    return style.tracking === 0 || TRACKABLE.test(text) ? style.tracking : 0;
  }

  /** Width of text set in a style, in points (fallback faces included; nothing drawn). */
  width(text: string, style: TextStyle): number {
    let byText = this.measured.get(style.face);
    if (byText === undefined) {
      byText = recentIn(measures, `${style.face}:${this.fallbackKey}`, MEASURES_LIMIT);
      this.measured.set(style.face, byText);
    }
    const measured = byText.obtain(text, () => {
      const sum = { em: 0, chars: 0 };
      for (const run of splitRuns(text, style.face, this.language, new Set())) {
        sum.em += emWidth(run.face, run.text);
        sum.chars += [...run.text].length;
      }
      return sum;
    });
    return measured.em * style.size + measured.chars * this.tracking(text, style);
  }

  /**
   * Draw lines of one style in one text object (fewer operators than one per line: smaller, faster).
   * A line with `justify` has its spaces stretched or shrunk to exactly that width; with `tightenOnly`,
   * they only ever shrink.
   */
  lines(lines: readonly TextLine[], style: TextStyle): void {
    const height = this.doc.page.height;
    const ops = [`q 1 0 0 -1 0 ${num(height)} cm`, 'BT', `${style.color.map(num).join(' ')} rg`];
    const state = { font: '', tracking: 0 };
    for (const line of lines) this.setLine(ops, line, style, height, state);
    ops.push('ET', 'Q');
    // As text: the document's streams keep it so until the page is full (see fastStreams).
    this.doc.addContent(ops.join('\n'));
  }

  /** A line's glyphs in visual order: bidi runs left to right, each run's faces in its own direction. */
  private parts(text: string, style: TextStyle, direction: Direction): Part[] {
    const hangs = text.endsWith(' ');
    if (hangs) text = text.slice(0, -1);
    const hyphen = text.endsWith(SHY);
    if (hyphen) text = text.slice(0, -1);
    const parts: Part[] = [];
    for (const run of visualLine(text, direction, style.face, this.language, this.missing)) parts.push(this.encode(this.face(run.face), run.text, run.rtl));
    if (hyphen) parts.push(this.part(style.face, SHY));
    if (hangs) {
      // The space takes the face of the text beside it, at the logical end: the right for ltr.
      const edge = direction === 'rtl' ? parts[0] : parts[parts.length - 1];
      const space = { ...this.part(edge?.face.name ?? style.face, ' '), hangs: true };
      if (direction === 'rtl') parts.unshift(space);
      else parts.push(space);
    }
    return parts;
  }

  private part(name: FaceName, text: string): Part {
    return this.encode(this.face(name), text, false);
  }

  private setLine(ops: string[], line: TextLine, style: TextStyle, height: number, state: { font: string; tracking: number }): void {
    const { x, justify = null, tightenOnly = false, direction = 'ltr' } = line;
    const tracking = this.tracking(line.text, style);
    if (tracking !== state.tracking) ops.push(`${num(tracking)} Tc`);
    state.tracking = tracking;
    const parts = this.parts(line.text, style, direction);
    const scale = style.size / 1000;
    // The hanging space takes no part in justification or alignment.
    let natural = 0;
    let spaces = 0;
    let hang = 0;
    for (const part of parts) {
      for (let i = 0; i < part.glyphs.length; i++) {
        const advance = part.positions[i]!.xAdvance * scale + tracking;
        if (part.hangs === true) {
          hang += advance;
          continue;
        }
        natural += advance;
        if (part.face.spaces.has(part.glyphs[i]!)) spaces++;
      }
    }
    let extra = justify !== null && spaces > 0 ? (justify - natural) / spaces : 0;
    if (tightenOnly && extra > 0) extra = 0;
    const y = height - line.baseline;
    const set = natural + extra * spaces;
    const flushEnd = line.end !== undefined && (line.alignEnd === true || (direction === 'rtl' && (justify === null || extra === 0)));
    let pen = flushEnd ? line.end! - set : x;
    if (parts[0]?.hangs === true) pen -= hang;
    for (const part of parts) {
      const { face, glyphs, positions, spans } = part;
      usePageFont(this.doc, face.font);
      const font = `/${face.font.id} ${num(style.size)} Tf`;
      if (font !== state.font) ops.push(font);
      state.font = font;
      ops.push(`1 0 0 1 ${num(pen)} ${num(y)} Tm`);
      let tj: string[] = [];
      let hex = '';
      const flush = (): void => {
        if (hex !== '') tj.push(`<${hex}>`);
        hex = '';
        if (tj.length > 0) ops.push(`[${tj.join(' ')}] TJ`);
        tj = [];
      };
      let span = 0;
      for (let i = 0; i < glyphs.length; i++) {
        const pos = positions[i]!;
        if (spans[span]?.from === i) {
          flush();
          ops.push(`/Span <</ActualText ${utf16Hex(spans[span]!.text)}>> BDC`);
        }
        const stretch = face.spaces.has(glyphs[i]!) && part.hangs !== true ? extra : 0;
        if (pos.xOffset !== 0 || pos.yOffset !== 0) {
          // A mark placed off its pen position (a combining accent): position it on its own.
          flush();
          ops.push(`1 0 0 1 ${num(pen + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`, `<${glyphs[i]}> Tj`);
          pen += pos.xAdvance * scale + tracking + stretch;
          ops.push(`1 0 0 1 ${num(pen)} ${num(y)} Tm`);
          if (spans[span]?.to === i + 1) {
            ops.push('EMC');
            span++;
          }
          continue;
        }
        hex += glyphs[i];
        // TJ offsets are in thousandths of the font size, and positive ones move left.
        const adjust = pos.xAdvance - pos.advanceWidth + stretch / scale;
        if (Math.abs(adjust) > 0.0005) {
          tj.push(`<${hex}>`, num(-adjust));
          hex = '';
        }
        pen += pos.xAdvance * scale + tracking + stretch;
        if (spans[span]?.to === i + 1) {
          flush();
          ops.push('EMC');
          span++;
        }
      }
      flush();
    }
  }

  /**
   * pdfkit's EmbeddedFont.encode, without its per-character scan and array copies: shaped runs come from
   * the shared cache word by word (split after spaces, as pdfkit does), and each glyph's subset code is
   * looked up once per document. A right-to-left run's words come out last word first, each reversed.
   */
  private encode(face: DocFace, text: string, rtl: boolean): Part {
    const part: Part = { face, glyphs: [], positions: [], spans: [] };
    const add = (word: EncodedWord): void => {
      if (word.actual !== null) part.spans.push({ from: part.glyphs.length, to: part.glyphs.length + word.glyphs.length, text: word.actual });
      for (let i = 0; i < word.glyphs.length; i++) {
        part.glyphs.push(word.glyphs[i]!);
        part.positions.push(word.positions[i]!);
      }
    };
    const words: EncodedWord[] = [];
    for (let start = 0; start < text.length;) {
      const space = text.indexOf(' ', start);
      let end = space === -1 ? text.length : space + 1;
      // A variation selector after a space stays with it: alone at a word's start, fontkit would drop it.
      while (end < text.length && isVariationSelector(text.codePointAt(end)!)) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
      const word = this.word(face, start === 0 && end === text.length ? text : text.slice(start, end), rtl);
      if (rtl) words.push(word);
      else add(word);
      start = end;
    }
    for (let i = words.length - 1; i >= 0; i--) add(words[i]!);
    return part;
  }

  private word(face: DocFace, text: string, rtl: boolean): EncodedWord {
    const key = rtl ? `\u0001${text}` : text;
    let word = face.words.get(key);
    if (word !== undefined) return word;
    // A stack of marks deeper than any script writes ("Zalgo") is drawn to a depth that stays inside the
    // page; all of it stays in the text layer, which then needs the word given whole.
    const drawn = rtl ? text : text.replace(DEEP_STACK, '$1');
    const run = shaped(face.name, drawn, rtl);
    const { layer, whole } = readingOf(run, drawn, rtl);
    const actual = (drawn !== text || whole) && run.glyphs.length > 0 ? text : null;
    word = { glyphs: [], positions: run.positions, actual };
    // Inside an ActualText span the glyphs' own mappings are not read: keep each glyph's first one. A
    // hidden joiner still gets a code of its own, or justification would stretch it as a space.
    run.glyphs.forEach((glyph, i) => word!.glyphs.push(this.code(face, glyph, layer?.[i] ?? (hidden(run, i) ? [] : null))));
    face.words.set(key, word);
    return word;
  }

  /** The subset code of a glyph read as `codePoints`: its own, or a second copy's where it reads otherwise. */
  private code(face: DocFace, glyph: ShapedGlyph, codePoints: readonly number[] | null): string {
    const { font } = face;
    let entry = face.hex.get(glyph.id);
    if (entry === undefined) {
      const gid = font.subset.includeGlyph(glyph.id);
      font.widths[gid] ??= glyph.advanceWidth * font.scale;
      font.unicode[gid] ??= [...(codePoints ?? glyph.codePoints)];
      entry = { code: gid.toString(16).padStart(4, '0'), codePoints: font.unicode[gid] };
      face.hex.set(glyph.id, entry);
    }
    if (codePoints === null || sameCodePoints(entry.codePoints, codePoints)) return entry.code;
    const key = `${glyph.id}:${codePoints.join(',')}`;
    let code = face.others.get(key);
    if (code === undefined) {
      const gid = font.subset.glyphs.length;
      font.subset.glyphs.push(glyph.id);
      font.widths[gid] = glyph.advanceWidth * font.scale;
      font.unicode[gid] = [...codePoints];
      code = gid.toString(16).padStart(4, '0');
      face.others.set(key, code);
      if (glyph.id === face.spaceId && codePoints.includes(0x20)) face.spaces.add(code);
    }
    return code;
  }

  /** A horizontal rule, marked as an artifact: it is page decoration, not content. */
  rule(x1: number, x2: number, y: number, weight: number, grey: number): void {
    this.doc.markContent('Artifact', { type: 'Layout' } as never);
    this.doc.addContent(`q ${num(weight)} w ${num(grey)} G ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S Q`);
    this.doc.endMarkedContent();
  }

  private face(name: FaceName): DocFace {
    let face = this.faces.get(name);
    if (face === undefined) {
      const font = embedFont(this.doc, openFace(name), name);
      fastSubset(font.subset);
      const spaceId = openFace(name).glyphForCodePoint(0x20).id;
      face = { name, font, space: '', spaces: new Set(), spaceId, hex: new Map(), others: new Map(), words: new Map() };
      face.space = this.encode(face, ' ', false).glyphs[0] ?? '';
      face.spaces.add(face.space);
      this.faces.set(name, face);
    }
    return face;
  }
}
