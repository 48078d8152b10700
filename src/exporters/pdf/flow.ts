// Pages: blocks of lines placed top to bottom, with keep-with-next, widow/orphan control and the running footer.
import type { Article } from '../../model/article.js';
import type { Direction } from '../../typeset/bidi.js';
import { languageDirection } from '../../typeset/direction.js';
import { graphemes } from '../../typeset/graphemes.js';
import type { Canvas, TextLine } from './canvas.js';
import { settlePage } from '../../patches/pdfkit.js';
import { MEASURE, STYLES, type PageGeometry, type TextStyle } from './style.js';
import type { StructureTree, Tag } from './structure.js';
import { messagesFor, type MessageOverrides } from '../../messages/messages.js';


/** One set line of a block, ready to draw. */
export interface Line {
  text: string;
  /** Offset from the left edge of the measure. */
  x: number;
  /** Width to justify to, or null for a line set at its natural width. */
  justify: number | null;
  /** Only tighten the spaces if the line is wider than `justify`; never stretch it. */
  tightenOnly?: boolean;
  /** Base direction; a right-to-left line ends at `end` (offset from the measure's left edge). */
  direction?: Direction;
  end?: number;
}

/** A run of lines in one style that the flow may split across pages. */
export interface FlowBlock {
  lines: Line[];
  style: TextStyle;
  spaceBefore: number;
  /** Structure element that receives the block's marked content, and its tag. */
  target: Tag;
  tag: string;
  keepWithNext?: boolean;
  keepTogether?: boolean;
  /** A list bullet drawn beside the first line, tagged as the item's label. */
  bullet?: Tag;
  ruleBefore?: boolean;
  ruleAfter?: boolean;
  /** Called once with the top of the block's first line, on the page it lands on (bookmarks). */
  placed?: (top: number) => void;
  /** A picture in place of lines (its one line is as high as the picture): never split, tagged Figure or an artifact. */
  image?: FlowImage;
}

export interface FlowImage {
  /** The document's image object (doc.openImage). */
  image: unknown;
  /** Offset from the measure's left edge, and the printed size, in points. */
  x: number;
  width: number;
  height: number;
  /** The Figure element, or null for a decorative picture (an artifact). */
  figure: Tag | null;
}

/** Places blocks top to bottom, page after page. */
export class Flow {
  private y: number;
  constructor(private readonly canvas: Canvas, private readonly page: PageGeometry, private readonly tree: StructureTree) {
    this.y = page.top;
  }

  run(blocks: readonly FlowBlock[]): void {
    blocks.forEach((block, i) => this.place(block, blocks, i));
  }

  private get atTop(): boolean {
    return this.y <= this.page.top;
  }

  private newPage(): void {
    settlePage(this.canvas.doc);
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
        const label = this.tree.mark('Lbl');
        // The bullet stands where the line starts: on the right of a right-to-left item.
        const x = block.lines[0]?.direction === 'rtl' ? page.left + MEASURE - 3 - canvas.width('•', style) : page.left + 3;
        canvas.lines([{ text: '•', x, baseline: baseline(top, style) }], { ...style, color: STYLES.kicker.color });
        doc.endMarkedContent();
        this.tree.add(block.bullet, label);
        this.tree.end(block.bullet);
      }
    }
    if (block.image !== undefined) {
      this.paintImage(block.image, top);
      return;
    }
    const content = this.tree.mark(block.tag);
    const lines: TextLine[] = [];
    for (let i = from; i < to; i++) {
      const line = block.lines[i]!;
      // Field by field: a spread copy per line is a measurable share of a long document's layout.
      lines.push({
        text: line.text, x: page.left + line.x, justify: line.justify, tightenOnly: line.tightenOnly, direction: line.direction,
        end: line.end === undefined ? undefined : page.left + line.end, baseline: baseline(this.y + (i - from) * style.leading, style),
      });
    }
    canvas.lines(lines, style);
    this.y += (to - from) * style.leading;
    doc.endMarkedContent();
    this.tree.add(block.target, content);
  }

  private paintImage(image: FlowImage, top: number): void {
    const doc = this.canvas.doc;
    const content = image.figure === null ? null : this.tree.mark('Figure');
    if (content === null) doc.markContent('Artifact', { type: 'Layout' } as never);
    doc.image(image.image as Buffer, this.page.left + image.x, top, { width: image.width, height: image.height });
    doc.endMarkedContent();
    if (content !== null) this.tree.add(image.figure!, content);
    this.y += image.height;
  }
}

/** The baseline of a line whose top is `top`: the type centred in its leading, as the flow sets it. */
export function baseline(top: number, style: TextStyle): number {
  return top + style.leading - (style.leading - style.size) / 2 - style.size * 0.22;
}

/**
 * Running footer on every page: the short title at the start of the line and "n / N" at its end (mirrored
 * in a right-to-left article); page furniture, so an artifact.
 */
export function footers(canvas: Canvas, article: Article, page: PageGeometry, overrides: MessageOverrides = {}): void {
  const doc = canvas.doc;
  const { start, count } = doc.bufferedPageRange();
  const title = shortTitle(article.title, 60);
  const rtl = languageDirection(article.language) === 'rtl';
  const right = page.left + MEASURE;
  // The article's direction, not the title's: the folio takes the other end of the line.
  const direction: Direction = rtl ? 'rtl' : 'ltr';
  const words = messagesFor(article.language, overrides);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.markContent('Artifact', { type: 'Pagination' } as never);
    const folio = words.text('pdf.folio', { page: i - start + 1, pages: count });
    canvas.lines(rtl ? [
      { text: title, x: page.left, end: right, direction, baseline: page.footer },
      { text: folio, x: page.left, baseline: page.footer },
    ] : [
      { text: title, x: page.left, end: right, direction, baseline: page.footer },
      // Placed by the width of the glyphs it draws: measuring it apart would shape it twice, and the folio
      // is new on every page.
      { text: folio, x: right, end: right, alignEnd: true, baseline: page.footer },
    ], STYLES.footer);
    doc.endMarkedContent();
  }
}

/** The title cut at a word boundary to fit the footer, with an ellipsis when cut. */
export function shortTitle(title: string, max: number): string {
  if ([...title].length <= max) return title;
  // Cut between grapheme clusters, so no vowel sign or mark is parted from its letter.
  let cut = '';
  if (/^[\x20-\x7e]*$/.test(title)) cut = title.slice(0, max);
  else {
    for (const segment of graphemes(title)) {
      if ([...cut].length + [...segment].length > max) break;
      cut += segment;
    }
  }
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
