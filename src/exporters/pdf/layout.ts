// The article as flow blocks: title block, sections with kickers and headings, lists, related reading.
import type PDFDocument from 'pdfkit';
import type { Article, Block as ModelBlock } from '../../model/article.js';
import { paragraphDirection } from '../../typeset/bidi.js';
import { byline } from '../../markup/dates.js';
import { relatedHeading } from '../../markup/labels.js';
import { standfirst } from '../../markup/standfirst.js';
import type { Canvas } from './canvas.js';
import { Flow, footers, type FlowBlock, type Line } from './flow.js';
import { hyphenatorFor } from '../../typeset/hyphenate.js';
import { setLines } from './paragraph.js';
import { pointOutlineAt } from '../../patches/pdfkit.js';
import { StructureTree, type Tag } from './structure.js';
import { figureBlocks } from './figure.js';
import { separateLead } from '../../markup/figure.js';
import { INDENT, LIST_INDENT, MEASURE, SPACE, STYLES, type PageGeometry, type TextStyle } from './style.js';
import type { SiteConfig } from '../../model/config.js';

type Doc = InstanceType<typeof PDFDocument>;
/** pdfkit's documented doc.openImage, which its type declarations leave out: an image drawn twice is embedded once. */
type OpenImage = { openImage(src: Buffer): unknown };

/** How one text is set; justification and hyphenation only happen where the language has patterns. */
interface TextOptions {
  justify?: boolean;
  hyphenate?: boolean;
  indent?: number;
  width?: number;
  balance?: boolean;
}

type TextFn = (value: string, style: TextStyle, opts?: TextOptions) => Line[];

/** Where an article's bookmarks go: its title's, and its headings' (given the title's item). */
export interface ArticleOutline {
  title(title: string, top: number): PDFKit.PDFOutline;
  heading(heading: string, top: number): void;
}

/** Where an article's blocks go in a document: its tag tree and parent element, its bookmarks, its pictures. */
export interface ArticlePlace {
  tree: StructureTree;
  /** The element the article's elements are children of. */
  root: Tag;
  outline: ArticleOutline;
  /** The document's image object for a rendition, opened once however often it is drawn. */
  open: (src: string, bytes: Uint8Array) => unknown;
}

/** What the site says of the words Galley adds to an article: more related-list titles, its own wording. */
export type ArticleWords = Pick<SiteConfig, 'relatedTitles' | 'messages'>;

/** Lay the whole article out on `canvas`'s document: title block, sections, related reading. */
export function layoutArticle(canvas: Canvas, article: Article, page: PageGeometry, words: ArticleWords,
  pictures: Readonly<Record<string, Uint8Array>> = {}): void {
  const doc = canvas.doc;
  const tree = new StructureTree(doc, 'Document');
  // One level: the title and every heading side by side, as a reader's bookmarks list shows an article.
  const outline: ArticleOutline = {
    title: (title, top) => bookmark(doc, doc.outline, title, top),
    heading: (heading, top) => void bookmark(doc, doc.outline, heading, top),
  };
  const blocks = articleBlocks(canvas, article, page, words, pictures, { tree, root: tree.root, outline, open: imageOpener(doc) });
  new Flow(canvas, page, tree).run(blocks);
  footers(canvas, article, page, words.messages);
}

/** Opens each rendition once per document, by path. */
export function imageOpener(doc: Doc): (src: string, bytes: Uint8Array) => unknown {
  const opened = new Map<string, unknown>();
  return (src, bytes) => {
    if (!opened.has(src)) opened.set(src, (doc as unknown as OpenImage).openImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    return opened.get(src);
  };
}

/** The article's flow blocks, their elements made under `place.root`: title block, sections, related reading. */
export function articleBlocks(canvas: Canvas, article: Article, page: PageGeometry, words: ArticleWords,
  pictures: Readonly<Record<string, Uint8Array>>, place: ArticlePlace): FlowBlock[] {
  // Without patterns there are no break points inside words, and justified lines would gape: ragged right.
  const hyphenate = hyphenatorFor(article.language);
  const { tree, root, outline } = place;
  const child = (parent: Tag, type: string, actual?: string, alt?: string): Tag =>
    tree.element(parent, type, actual !== undefined && tagNeedsActualText(actual) ? actual : null, alt);
  const blocks: FlowBlock[] = [];
  const text: TextFn = (value, style, opts = {}) =>
    setLines(canvas, value, style, {
      width: opts.width ?? MEASURE,
      indent: opts.indent ?? 0,
      justify: (opts.justify ?? false) && hyphenate !== null,
      hyphenate: opts.hyphenate === false ? null : hyphenate,
      balance: opts.balance ?? false,
      direction: paragraphDirection(value, article.language),
    });

  blocks.push({
    lines: text(article.title, STYLES.headline, { hyphenate: false, balance: true }),
    style: STYLES.headline, spaceBefore: 0, target: child(root, 'H1', article.title), tag: 'H1', keepWithNext: true, keepTogether: true,
    placed: (top) => void outline.title(article.title, top),
  });
  const summary = standfirst(article);
  const bylineText = byline(article.authors, article.published, article.language);
  blocks.push({
    lines: text(bylineText, STYLES.byline, { hyphenate: false }),
    style: STYLES.byline, spaceBefore: SPACE.byline, target: child(root, 'P', bylineText), tag: 'P', keepWithNext: true, keepTogether: true,
    ruleAfter: summary === null,
  });
  if (summary !== null) {
    blocks.push({
      lines: text(summary, STYLES.standfirst, { hyphenate: false }),
      style: STYLES.standfirst, spaceBefore: SPACE.standfirst, target: child(root, 'P', summary), tag: 'P', ruleAfter: true,
    });
  }

  const figures = {
    page, pictures, element: child,
    text: (value: string, style: TextStyle, width: number) => text(value, style, { hyphenate: false, width }),
    open: place.open,
  };
  const lead = separateLead(article);
  let after: After = 'title';
  if (lead !== null) {
    blocks.push(...figureBlocks(lead, root, SPACE.afterTitleRule, figures));
    after = 'figure';
  }
  for (const section of article.sections) {
    const sect = child(root, 'Sect');
    if (section.heading !== null) {
      const heading = section.heading;
      const h2 = child(sect, 'H2', section.kicker === null ? heading : `${section.kicker} ${heading}`);
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
        placed: (top) => outline.heading(heading, top),
      });
      after = 'heading';
    }
    for (const block of section.blocks) {
      if (block.type === 'figure') {
        blocks.push(...figureBlocks(block.image, sect, after === 'title' ? SPACE.afterTitleRule : SPACE.figure, figures));
        after = 'figure';
      } else after = pushModelBlock(blocks, block, after, sect, child, text);
    }
  }

  if (article.related.length > 0) {
    const sect = child(root, 'Sect');
    const label = relatedHeading(article.language, words.relatedTitles, words.messages);
    blocks.push({
      lines: text(upper(label, article.language), STYLES.kicker, { hyphenate: false }),
      style: STYLES.kicker, spaceBefore: SPACE.related, target: child(sect, 'H2', label), tag: 'H2', keepWithNext: true,
      keepTogether: true, ruleBefore: true, placed: (top) => outline.heading(label, top),
    });
    const list = child(sect, 'L');
    article.related.forEach((link, i) => {
      const li = child(list, 'LI');
      const bullet = child(li, 'Lbl');
      blocks.push({
        lines: listItem(text(link.text, STYLES.related, { indent: 0, width: MEASURE - LIST_INDENT, justify: false })),
        style: STYLES.related, spaceBefore: i === 0 ? SPACE.listItem + 2 : SPACE.relatedItem, target: child(li, 'LBody', link.text), tag: 'LBody', bullet,
      });
    });
  }

  return blocks;
}

// Scripts whose glyphs the text layer cannot give in reading order one by one: right-to-left text, and
// shaped scripts whose vowel signs move or whose marks are placed (Indic, Southeast Asian, stacked marks).
const COMPLEX = /[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Ethiopic}]|\p{M}/u;

/**
 * Whether a structure element carries its text as ActualText: assistive technology reads the tag tree, and
 * for these scripts only the element's own ActualText gives the words whole and in reading order.
 */
export function tagNeedsActualText(text: string): boolean {
  return COMPLEX.test(text);
}

/** A list item's lines moved past the bullet, which stands at the line's start: the left, or the right in rtl. */
function listItem(lines: Line[]): Line[] {
  if (lines[0]?.direction === 'rtl') return lines;
  return lines.map((l) => ({ ...l, x: l.x + LIST_INDENT, end: l.end === undefined ? undefined : l.end + LIST_INDENT }));
}

/** Capitals by the language's rules (German ß, Turkish i); a tag Intl rejects falls back to the default. */
export function upper(text: string, language: string): string {
  try {
    return text.toLocaleUpperCase(language);
  } catch {
    return text.toUpperCase();
  }
}

type After = 'title' | 'heading' | 'paragraph' | 'list' | 'figure';

function pushModelBlock(
  blocks: FlowBlock[], block: Exclude<ModelBlock, { type: 'figure' }>, after: After, sect: Tag,
  child: (parent: Tag, type: string, actual?: string) => Tag, text: TextFn,
): 'paragraph' | 'list' {
  if (block.type === 'paragraph') {
    // Newspaper style: the first paragraph after a heading or a list is flush left, later ones indented.
    const indent = after === 'paragraph' ? INDENT : 0;
    const spaceBefore = after === 'paragraph' ? 0 : after === 'list' ? SPACE.afterList : after === 'title' ? SPACE.afterTitleRule
      : after === 'figure' ? SPACE.figure : SPACE.firstParagraph;
    blocks.push({
      lines: text(block.text, STYLES.body, { justify: true, indent }),
      style: STYLES.body, spaceBefore, target: child(sect, 'P', block.text), tag: 'P',
    });
    return 'paragraph';
  }
  const firstSpace = after === 'title' ? SPACE.afterTitleRule : after === 'heading' ? SPACE.firstParagraph : after === 'figure' ? SPACE.figure : SPACE.list;
  if (block.title !== null) {
    blocks.push({
      lines: text(block.title, STYLES.listTitle, { hyphenate: false }),
      style: STYLES.listTitle, spaceBefore: firstSpace, target: child(sect, 'P', block.title), tag: 'P', keepWithNext: true, keepTogether: true,
    });
  }
  const list = child(sect, 'L');
  block.items.forEach((item, i) => {
    const li = child(list, 'LI');
    const bullet = child(li, 'Lbl');
    blocks.push({
      lines: listItem(text(item, STYLES.body, { justify: true, width: MEASURE - LIST_INDENT })),
      style: STYLES.body, spaceBefore: i === 0 ? (block.title !== null ? SPACE.listItem + 1 : firstSpace) : SPACE.listItem,
      target: child(li, 'LBody', item), tag: 'LBody', bullet,
    });
  });
  return 'list';
}

/** An outline item under `parent` pointing at `top` of the current page. */
export function bookmark(doc: Doc, parent: PDFKit.PDFOutline, title: string, top: number): PDFKit.PDFOutline {
  const item = parent.addItem(title);
  // A little above the heading's first line, so the line is not flush with the window's top.
  pointOutlineAt(doc, item, top - 6);
  return item;
}
