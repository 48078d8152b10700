// Drawing on a pdfkit document: measured text in fallback-aware runs, justified by hand, inside marked content.
import type PDFDocument from 'pdfkit';
import { intl } from '../../render/intl.js';
import { emWidth, openFace, shape, sharedLayoutCache, splitRuns, type FaceName, type Run } from './fonts.js';
import type { TextStyle } from './style.js';
import { fastSubset } from './subset.js';

type Doc = InstanceType<typeof PDFDocument>;

interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

// pdfkit 0.20 internals this module relies on. Its public text() places justified text word by word and
// drops the spaces from the text layer, and it shapes every word again in every document; drawing here
// with the font's own encoder keeps the spaces, justifies with TJ offsets and reuses shaped runs.
interface EmbeddedFont {
  id: string;
  scale: number;
  layoutCache?: Record<string, unknown>;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset: { includeGlyph(glyphId: number): number; encode(): Uint8Array };
  layoutRun(text: string, features?: Record<string, boolean>): ShapedRun;
  ref(): unknown;
}

interface ShapedRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: GlyphPosition[];
}

/** A face as one document uses it: pdfkit's font, the hex code of its space, and hex codes by glyph id. */
interface DocFace {
  name: FaceName;
  font: EmbeddedFont;
  space: string;
  hex: Map<number, string>;
  /** Encoded words (split after spaces), by text: subset codes are per document, so is this. */
  words: Map<string, EncodedWord>;
}
interface EncodedWord {
  glyphs: string[];
  positions: GlyphPosition[];
}
interface DocInternals {
  _font: EmbeddedFont;
  page: { height: number; fonts: Record<string, unknown> };
}

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

// Text widths in em with the fallback split applied, shared by every document: a paragraph is measured
// piece by piece, and the same pieces recur across paragraphs and articles.
const measures = new Map<FaceName, Map<string, { em: number; chars: number }>>();

const SHY = '\u00AD';

/**
 * Emoji sequences (skin tones, flags, ZWJ families) become one glyph, and fontkit's cached glyph may carry
 * the code points of another sequence drawn with it (the monochrome font draws 👋🏽 with the glyph of 👋).
 * Each sequence is encoded on its own, so its glyph's ToUnicode entry can be set to the whole sequence.
 */
function sequences(run: Run): (Run & { sequence?: boolean })[] {
  if (run.face !== 'emoji') return [run];
  const out: (Run & { sequence?: boolean })[] = [];
  let plain = '';
  for (const { segment } of intl('graphemes', () => new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(run.text)) {
    if ([...segment].length === 1) {
      plain += segment;
      continue;
    }
    if (plain !== '') out.push({ face: run.face, text: plain });
    plain = '';
    out.push({ face: run.face, text: segment, sequence: true });
  }
  if (plain !== '') out.push({ face: run.face, text: plain });
  return out;
}

/** One line to draw: `baseline` is measured from the top of the page. */
export interface TextLine {
  text: string;
  x: number;
  baseline: number;
  justify?: number | null;
  tightenOnly?: boolean;
}

/** One document's drawing surface. Missing glyphs are collected in `missing`, one entry per character. */
export class Canvas {
  readonly doc: Doc;
  readonly missing = new Set<string>();
  private readonly faces = new Map<FaceName, DocFace>();
  private readonly claimed = new Set<string>();

  constructor(doc: Doc) {
    this.doc = doc;
  }

  /** Width of text set in a style, in points (fallback faces included; nothing drawn). */
  width(text: string, style: TextStyle): number {
    let byText = measures.get(style.face);
    if (byText === undefined || byText.size > 100_000) {
      byText = new Map();
      measures.set(style.face, byText);
    }
    let measured = byText.get(text);
    if (measured === undefined) {
      measured = { em: 0, chars: 0 };
      for (const run of splitRuns(text, style.face, new Set())) {
        measured.em += emWidth(run.face, run.text);
        measured.chars += [...run.text].length;
      }
      byText.set(text, measured);
    }
    return measured.em * style.size + measured.chars * style.tracking;
  }

  /**
   * Draw lines of one style in one text object (fewer operators than one per line: smaller, faster).
   * A line with `justify` has its spaces stretched or shrunk to exactly that width; with `tightenOnly`,
   * they only ever shrink.
   */
  lines(lines: readonly TextLine[], style: TextStyle): void {
    const height = (this.doc as unknown as DocInternals).page.height;
    const ops = [`q 1 0 0 -1 0 ${num(height)} cm`, 'BT', `${style.color.map(num).join(' ')} rg`];
    if (style.tracking !== 0) ops.push(`${num(style.tracking)} Tc`);
    const state = { font: '' };
    for (const line of lines) this.setLine(ops, line, style, height, state);
    ops.push('ET', 'Q', '');
    // As bytes: pdfkit turns a string into bytes one character at a time. The operators are all ASCII.
    this.doc.addContent(Buffer.from(ops.join('\n'), 'latin1') as never);
  }

  private setLine(ops: string[], line: TextLine, style: TextStyle, height: number, state: { font: string }): void {
    const { text, x, justify = null, tightenOnly = false } = line;
    const internals = this.doc as unknown as DocInternals;
    const hyphen = text.endsWith(SHY);
    const runs = splitRuns(hyphen ? text.slice(0, -1) : text, style.face, this.missing).flatMap(sequences);
    if (hyphen) runs.push({ face: style.face, text: SHY });
    const parts = runs.map((run) => {
      const face = this.face(run.face);
      const [glyphs, positions] = this.encode(face, run.text);
      if (run.face === 'emoji') this.claim(face.font, glyphs, run.sequence === true ? run.text : null);
      return { face, glyphs, positions };
    });
    const scale = style.size / 1000;
    // A space ending the line is there for the text layer (so words of adjacent lines stay apart when
    // extracted or read aloud); it hangs in the margin and takes no part in justification.
    const hanging = text.endsWith(' ') ? parts[parts.length - 1] : undefined;
    let natural = 0;
    let spaces = 0;
    for (const part of parts) {
      const end = part === hanging ? part.glyphs.length - 1 : part.glyphs.length;
      for (let i = 0; i < end; i++) {
        natural += part.positions[i]!.xAdvance * scale + style.tracking;
        if (part.glyphs[i] === part.face.space) spaces++;
      }
    }
    let extra = justify !== null && spaces > 0 ? (justify - natural) / spaces : 0;
    if (tightenOnly && extra > 0) extra = 0;
    const y = height - line.baseline;
    let pen = x;
    for (const part of parts) {
      const { face, glyphs, positions } = part;
      const hangs = part === hanging ? glyphs.length - 1 : -1;
      internals.page.fonts[face.font.id] ??= face.font.ref();
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
      for (let i = 0; i < glyphs.length; i++) {
        const pos = positions[i]!;
        const stretch = glyphs[i] === face.space && i !== hangs ? extra : 0;
        if (pos.xOffset !== 0 || pos.yOffset !== 0) {
          // A mark placed off its pen position (a combining accent): position it on its own.
          flush();
          ops.push(`1 0 0 1 ${num(pen + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`, `<${glyphs[i]}> Tj`);
          pen += pos.xAdvance * scale + style.tracking + stretch;
          ops.push(`1 0 0 1 ${num(pen)} ${num(y)} Tm`);
          continue;
        }
        hex += glyphs[i];
        // TJ offsets are in thousandths of the font size, and positive ones move left.
        const adjust = pos.xAdvance - pos.advanceWidth + stretch / scale;
        if (Math.abs(adjust) > 0.0005) {
          tj.push(`<${hex}>`, num(-adjust));
          hex = '';
        }
        pen += pos.xAdvance * scale + style.tracking + stretch;
      }
      flush();
    }
  }

  /**
   * pdfkit's EmbeddedFont.encode, without its per-character scan and array copies: shaped runs come from
   * the shared cache word by word (split after spaces, as pdfkit does, so the bytes are the same), and
   * each glyph's subset code is looked up once per document.
   */
  private encode(face: DocFace, text: string): [string[], GlyphPosition[]] {
    const glyphs: string[] = [];
    const positions: GlyphPosition[] = [];
    for (let start = 0; start < text.length;) {
      const space = text.indexOf(' ', start);
      const end = space === -1 ? text.length : space + 1;
      const word = this.word(face, text.slice(start, end));
      for (let i = 0; i < word.glyphs.length; i++) {
        glyphs.push(word.glyphs[i]!);
        positions.push(word.positions[i]!);
      }
      start = end;
    }
    return [glyphs, positions];
  }

  private word(face: DocFace, text: string): EncodedWord {
    let word = face.words.get(text);
    if (word !== undefined) return word;
    const { font, hex } = face;
    // pdfkit's layoutCached, with the features chosen by shape().
    const cache = font.layoutCache ?? (font.layoutCache = {});
    let run = cache[text] as ShapedRun | undefined;
    if (run === undefined) {
      run = shape(face.name, text, (features) => font.layoutRun(text, features));
      cache[text] = run;
    }
    word = { glyphs: [], positions: run.positions };
    for (const glyph of run.glyphs) {
      let code = hex.get(glyph.id);
      if (code === undefined) {
        const gid = font.subset.includeGlyph(glyph.id);
        font.widths[gid] ??= glyph.advanceWidth * font.scale;
        font.unicode[gid] ??= glyph.codePoints;
        code = gid.toString(16).padStart(4, '0');
        hex.set(glyph.id, code);
      }
      word.glyphs.push(code);
    }
    face.words.set(text, word);
    return word;
  }

  /**
   * The first use of a glyph in this document fixes its ToUnicode entry: pdfkit takes it from fontkit's
   * process-wide glyph, so a sequence's glyph gets the sequence's own code points here instead.
   */
  private claim(font: EmbeddedFont, glyphs: readonly string[], sequence: string | null): void {
    for (const hex of glyphs) {
      const key = `${font.id}:${hex}`;
      if (this.claimed.has(key)) continue;
      this.claimed.add(key);
      if (sequence !== null && glyphs.length === 1) font.unicode[parseInt(hex, 16)] = [...sequence].map((c) => c.codePointAt(0)!);
    }
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
      this.doc.font(openFace(name) as never, name);
      const font = (this.doc as unknown as DocInternals)._font;
      if (font.layoutCache !== undefined) font.layoutCache = sharedLayoutCache(name);
      fastSubset(font.subset);
      // fontkit shapes U+00AD as an invisible space. At a line break it must show as a hyphen, yet stay a
      // soft hyphen in the text layer (so extraction and screen readers see the whole word): lay it out
      // as the font's own U+00AD glyph, which draws a hyphen, by seeding pdfkit's layout cache.
      const glyph = openFace(name).glyphForCodePoint(0xad);
      const scale = 1000 / openFace(name).unitsPerEm;
      const advance = glyph.advanceWidth * scale;
      const cache = font.layoutCache ?? (font.layoutCache = {});
      if (glyph.id !== 0) cache[SHY] ??= { glyphs: [glyph], positions: [{ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance }], advanceWidth: advance };
      face = { name, font, space: '', hex: new Map(), words: new Map() };
      face.space = this.encode(face, ' ')[0][0] ?? '';
      this.faces.set(name, face);
    }
    return face;
  }
}
