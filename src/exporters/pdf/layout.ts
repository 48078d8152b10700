// The article set as pages: blocks of broken lines, flowed with keep-with-next and widow/orphan control.
import type PDFDocument from 'pdfkit';
import type { Article, Block as ModelBlock } from '../../model/article.js';
import { byline } from '../../render/dates.js';
import type { Canvas } from './canvas.js';
import { hyphenateToken, hyphenatorFor, type Hyphenator } from './hyphenate.js';
import { breakLines, type BreakWord } from './linebreak.js';
import { INDENT, LIST_INDENT, MEASURE, SPACE, STYLES, type PageGeometry, type TextStyle } from './style.js';

type Doc = InstanceType<typeof PDFDocument>;
type Struct = PDFKit.PDFStructureElement;

interface Line {
  text: string;
  /** Offset from the left edge of the measure. */
  x: number;
  /** Width to justify to, or null for a line set at its natural width. */
  justify: number | null;
  /** Only tighten the spaces if the line is wider than `justify`; never stretch it. */
  tightenOnly?: boolean;
}

/** A run of lines in one style that the flow may split across pages. */
interface FlowBlock {
  lines: Line[];
  style: TextStyle;
  spaceBefore: number;
  /** Structure element that receives the block's marked content, and its tag. */
  target: Struct;
  tag: string;
  keepWithNext?: boolean;
  keepTogether?: boolean;
  /** A list bullet drawn beside the first line, tagged as the item's label. */
  bullet?: Struct;
  ruleBefore?: boolean;
  ruleAfter?: boolean;
  /** Called once with the top of the block's first line, on the page it lands on (bookmarks). */
  placed?: (top: number) => void;
}

/** How one text is set; justification and hyphenation only happen where the language has patterns. */
interface TextOptions {
  justify?: boolean;
  hyphenate?: boolean;
  indent?: number;
  width?: number;
  balance?: boolean;
}

type TextFn = (value: string, style: TextStyle, opts?: TextOptions) => Line[];

/** Lay the whole article out on `canvas`'s document: title block, sections, related reading. */
export function layoutArticle(canvas: Canvas, article: Article, page: PageGeometry): void {
  const doc = canvas.doc;
  // Without patterns there are no break points inside words, and justified lines would gape: ragged right.
  const hyphenate = hyphenatorFor(article.language);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const child = (parent: Struct, type: string): Struct => {
    const element = doc.struct(type);
    parent.add(element);
    return element;
  };
  const blocks: FlowBlock[] = [];
  const text: TextFn = (value, style, opts = {}) =>
    setLines(canvas, value, style, {
      width: opts.width ?? MEASURE,
      indent: opts.indent ?? 0,
      justify: (opts.justify ?? false) && hyphenate !== null,
      hyphenate: opts.hyphenate === false ? null : hyphenate,
      balance: opts.balance ?? false,
    });

  blocks.push({
    lines: text(article.title, STYLES.headline, { hyphenate: false, balance: true }),
    style: STYLES.headline, spaceBefore: 0, target: child(root, 'H1'), tag: 'H1', keepWithNext: true, keepTogether: true,
    placed: (top) => bookmark(doc, article.title, top),
  });
  blocks.push({
    lines: text(byline(article.authors, article.published, article.language), STYLES.byline, { hyphenate: false }),
    style: STYLES.byline, spaceBefore: SPACE.byline, target: child(root, 'P'), tag: 'P', keepWithNext: true, keepTogether: true,
  });
  blocks.push({
    lines: text(article.summary, STYLES.standfirst, { hyphenate: false }),
    style: STYLES.standfirst, spaceBefore: SPACE.standfirst, target: child(root, 'P'), tag: 'P', ruleAfter: true,
  });

  let after: 'title' | 'heading' | 'paragraph' | 'list' = 'title';
  for (const section of article.sections) {
    const sect = child(root, 'Sect');
    if (section.heading !== null) {
      const h2 = child(sect, 'H2');
      const heading = section.heading;
      if (section.kicker !== null) {
        blocks.push({
          lines: text(upper(section.kicker, article.language), STYLES.kicker, { hyphenate: false }),
          style: STYLES.kicker, spaceBefore: SPACE.kicker, target: h2, tag: 'Span', keepWithNext: true, keepTogether: true,
        });
      }
      blocks.push({
        lines: text(heading, STYLES.heading, { hyphenate: false, balance: true }),
        style: STYLES.heading, spaceBefore: section.kicker !== null ? SPACE.headingAfterKicker : SPACE.heading,
        target: h2, tag: 'H2', keepWithNext: true, keepTogether: true,
        placed: (top) => bookmark(doc, heading, top),
      });
      after = 'heading';
    }
    for (const block of section.blocks) {
      after = pushModelBlock(blocks, block, after, sect, child, text);
    }
  }

  if (article.related.length > 0) {
    const sect = child(root, 'Sect');
    const label = relatedLabel(article.language);
    blocks.push({
      lines: text(upper(label, article.language), STYLES.kicker, { hyphenate: false }),
      style: STYLES.kicker, spaceBefore: SPACE.related, target: child(sect, 'H2'), tag: 'H2', keepWithNext: true,
      keepTogether: true, ruleBefore: true, placed: (top) => bookmark(doc, label, top),
    });
    const list = child(sect, 'L');
    article.related.forEach((link, i) => {
      const li = child(list, 'LI');
      const bullet = child(li, 'Lbl');
      blocks.push({
        lines: text(link.text, STYLES.related, { indent: 0, width: MEASURE - LIST_INDENT, justify: false }).map((l) => ({ ...l, x: l.x + LIST_INDENT })),
        style: STYLES.related, spaceBefore: i === 0 ? SPACE.listItem + 2 : SPACE.relatedItem, target: child(li, 'LBody'), tag: 'LBody', bullet,
      });
    });
  }

  new Flow(canvas, page).run(blocks);
  footers(canvas, article, page);
}

// The label over related reading, in the article's language where we know it (the model has none).
const RELATED: Record<string, string> = {
  en: 'Related reading', de: 'Mehr zum Thema', fr: 'À lire aussi', es: 'Lea también', it: 'Leggi anche',
  pt: 'Leia também', nl: 'Lees ook', pl: 'Czytaj także', ru: 'Читайте также', uk: 'Читайте також',
  el: 'Διαβάστε επίσης', ko: '관련 기사',
};

function relatedLabel(language: string): string {
  return RELATED[language.split('-')[0]!.toLowerCase()] ?? RELATED.en!;
}

/** Capitals by the language's rules (German ß, Turkish i); a tag Intl rejects falls back to the default. */
function upper(text: string, language: string): string {
  try {
    return text.toLocaleUpperCase(language);
  } catch {
    return text.toUpperCase();
  }
}

function pushModelBlock(
  blocks: FlowBlock[], block: ModelBlock, after: 'title' | 'heading' | 'paragraph' | 'list', sect: Struct,
  child: (parent: Struct, type: string) => Struct, text: TextFn,
): 'paragraph' | 'list' {
  if (block.type === 'paragraph') {
    // Newspaper style: the first paragraph after a heading or a list is flush left, later ones indented.
    const indent = after === 'paragraph' ? INDENT : 0;
    const spaceBefore = after === 'paragraph' ? 0 : after === 'list' ? SPACE.afterList : after === 'title' ? SPACE.afterTitleRule : SPACE.firstParagraph;
    blocks.push({
      lines: text(block.text, STYLES.body, { justify: true, indent }),
      style: STYLES.body, spaceBefore, target: child(sect, 'P'), tag: 'P',
    });
    return 'paragraph';
  }
  const firstSpace = after === 'title' ? SPACE.afterTitleRule : after === 'heading' ? SPACE.firstParagraph : SPACE.list;
  if (block.title !== null) {
    blocks.push({
      lines: text(block.title, STYLES.listTitle, { hyphenate: false }),
      style: STYLES.listTitle, spaceBefore: firstSpace, target: child(sect, 'P'), tag: 'P', keepWithNext: true, keepTogether: true,
    });
  }
  const list = child(sect, 'L');
  block.items.forEach((item, i) => {
    const li = child(list, 'LI');
    const bullet = child(li, 'Lbl');
    blocks.push({
      lines: text(item, STYLES.body, { justify: true, width: MEASURE - LIST_INDENT }).map((l) => ({ ...l, x: l.x + LIST_INDENT })),
      style: STYLES.body, spaceBefore: i === 0 ? (block.title !== null ? SPACE.listItem + 1 : firstSpace) : SPACE.listItem,
      target: child(li, 'LBody'), tag: 'LBody', bullet,
    });
  });
  return 'list';
}

interface SetOptions {
  width: number;
  indent: number;
  justify: boolean;
  hyphenate: Hyphenator | null;
  balance: boolean;
}

const SHY = '\u00AD';
// A break after a hard hyphen, dash or slash, with at least two characters on each side.
const HARD_BREAK = /(?<=\S{2}[-\u2010\u2013\u2014/])(?=\S{2})/u;

/** Break one paragraph's text into lines of the measure. */
function setLines(canvas: Canvas, value: string, style: TextStyle, o: SetOptions): Line[] {
  const words: BreakWord[] = [];
  for (const token of value.split(/[ \t\r\n]+/)) {
    if (token === '') continue;
    const marked = o.hyphenate === null ? token : hyphenateToken(token, o.hyphenate);
    const word: BreakWord = { pieces: [], widths: [], soft: [] };
    const segments = marked.split(SHY).filter((s) => s !== '');
    segments.forEach((segment, si) => {
      const parts = segment.split(HARD_BREAK);
      parts.forEach((part, pi) => {
        const width = canvas.width(part, style);
        const pieces = width <= o.width - o.indent ? [part] : cutPiece(canvas, part, style, o.width - o.indent);
        for (const piece of pieces) {
          word.pieces.push(piece);
          word.widths.push(pieces.length === 1 ? width : canvas.width(piece, style));
          word.soft.push(false);
        }
        if (pi === parts.length - 1 && si < segments.length - 1) word.soft[word.soft.length - 1] = true;
      });
    });
    if (word.pieces.length > 0) words.push(word);
  }
  const lines = breakLines(words, {
    width: o.width, firstIndent: o.indent, space: canvas.width(' ', style), hyphen: canvas.width('-', style),
    justify: o.justify, balance: o.balance,
  });
  return lines.map((line, i) => {
    const x = i === 0 ? o.indent : 0;
    // Lines broken at a space carry it, so the text layer keeps the words apart; a hyphenated line ends
    // in a soft hyphen, drawn as a hyphen but read as part of the word.
    const text = line.hyphenated ? `${line.text.slice(0, -1)}${SHY}` : line.last || line.inWord ? line.text : `${line.text} `;
    // A justified paragraph's last line is set at its natural width, unless the breaker tightened its
    // spaces to fit it, in which case it must be squeezed to the measure like the others.
    return { text, x, justify: o.justify ? o.width - x : null, tightenOnly: line.last };
  });
}

/** A piece wider than the line (a long URL) is cut into pieces that fit, so no text runs off the page. */
function cutPiece(canvas: Canvas, piece: string, style: TextStyle, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const char of piece) {
    if (current !== '' && canvas.width(current + char, style) > width) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  if (current !== '') out.push(current);
  return out;
}

function bookmark(doc: Doc, title: string, top: number): void {
  const item = doc.outline.addItem(title);
  // pdfkit's own destination sets left to the page width (off to the right): point at the heading instead.
  const internals = doc as unknown as { page: { height: number; dictionary: unknown } };
  (item as unknown as { outlineData: { Dest: unknown[] } }).outlineData.Dest =
    [internals.page.dictionary, 'XYZ', null, Math.round(internals.page.height - top + 6), null];
}

/** Places blocks top to bottom, page after page. */
class Flow {
  private y: number;
  constructor(private readonly canvas: Canvas, private readonly page: PageGeometry) {
    this.y = page.top;
  }

  run(blocks: readonly FlowBlock[]): void {
    blocks.forEach((block, i) => this.place(block, blocks, i));
  }

  private get atTop(): boolean {
    return this.y <= this.page.top;
  }

  private newPage(): void {
    this.canvas.doc.addPage();
    this.y = this.page.top;
  }

  /** Height that must fit below a block's start: itself or its first two lines, plus what it keeps with. */
  private need(blocks: readonly FlowBlock[], i: number): number {
    const block = blocks[i]!;
    const lead = block.style.leading;
    const own = block.keepTogether || block.keepWithNext ? block.lines.length * lead : Math.min(2, block.lines.length) * lead;
    const next = blocks[i + 1];
    return own + (block.keepWithNext && next !== undefined ? next.spaceBefore + this.need(blocks, i + 1) : 0);
  }

  private place(block: FlowBlock, blocks: readonly FlowBlock[], i: number): void {
    const lead = block.style.leading;
    let before = this.atTop ? 0 : block.spaceBefore;
    if (!this.atTop && this.y + before + this.need(blocks, i) > this.page.bottom + 0.01) {
      this.newPage();
      before = 0;
    }
    this.y += before;
    let from = 0;
    while (from < block.lines.length) {
      const rest = block.lines.length - from;
      const room = Math.floor((this.page.bottom - this.y + 0.01) / lead);
      let take = Math.min(rest, room);
      if (take < rest) {
        if (rest - take === 1) take -= 1; // never leave one line (a widow) for the next page
        if (take < 2 && from === 0) take = 0; // never leave one line (an orphan) at the foot
        if (take <= 0 && this.atTop) take = Math.max(1, room);
      }
      if (take <= 0) {
        this.newPage();
        continue;
      }
      this.paint(block, from, from + take);
      from += take;
      if (from < block.lines.length) this.newPage();
    }
    if (block.ruleAfter) {
      this.canvas.rule(this.page.left, this.page.left + MEASURE, this.y + 9, 0.6, 0.55);
      this.y += 9;
    }
  }

  private paint(block: FlowBlock, from: number, to: number): void {
    const { canvas, page } = this;
    const doc = canvas.doc;
    const style = block.style;
    const top = this.y;
    if (from === 0) {
      if (block.ruleBefore) canvas.rule(page.left, page.left + MEASURE, top - block.spaceBefore / 2 - 3, 0.6, 0.55);
      block.placed?.(top);
      if (block.bullet !== undefined) {
        const label = doc.markStructureContent('Lbl');
        canvas.lines([{ text: '•', x: page.left + 3, baseline: baseline(top, style) }], { ...style, color: STYLES.kicker.color });
        doc.endMarkedContent();
        block.bullet.add(label);
        block.bullet.end();
      }
    }
    const content = doc.markStructureContent(block.tag);
    const lines = block.lines.slice(from, to).map((line, i) => ({
      ...line, x: page.left + line.x, baseline: baseline(this.y + i * style.leading, style),
    }));
    canvas.lines(lines, style);
    this.y += (to - from) * style.leading;
    doc.endMarkedContent();
    block.target.add(content);
  }
}

function baseline(top: number, style: TextStyle): number {
  return top + style.leading - (style.leading - style.size) / 2 - style.size * 0.22;
}

/** Running footer on every page: the short title, and "n / N" at the right; page furniture, so an artifact. */
function footers(canvas: Canvas, article: Article, page: PageGeometry): void {
  const doc = canvas.doc;
  const { start, count } = doc.bufferedPageRange();
  const title = shortTitle(article.title, 60);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.markContent('Artifact', { type: 'Pagination' } as never);
    const folio = `${i - start + 1} / ${count}`;
    canvas.lines([
      { text: title, x: page.left, baseline: page.footer },
      { text: folio, x: page.left + MEASURE - canvas.width(folio, STYLES.footer), baseline: page.footer },
    ], STYLES.footer);
    doc.endMarkedContent();
  }
}

/** The title cut at a word boundary to fit the footer, with an ellipsis when cut. */
export function shortTitle(title: string, max: number): string {
  if ([...title].length <= max) return title;
  const cut = [...title].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
