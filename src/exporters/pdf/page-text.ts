// Text on the edition's own pages (masthead, contents, page furniture): set ragged in the language it is in,
// placed at a side of a box (the page's start or end, mirrored on a right-to-left site) or centred, and tagged.
import { paragraphDirection } from '../../typeset/bidi.js';
import type { Canvas, TextLine } from './canvas.js';
import { baseline, type Line } from './flow.js';
import { tagNeedsActualText } from './layout.js';
import { setLines } from './paragraph.js';
import type { StructureTree, Tag } from './structure.js';
import type { TextStyle } from './style.js';

/** Where a line stands in its box: at the page's reading start or end, or centred. */
export type Align = 'start' | 'end' | 'center';

/** A horizontal stretch of the page. */
export interface Box {
  left: number;
  width: number;
}

/** Lines set in one style by the canvas of their language (whose missing glyphs they report). */
export interface Setting {
  lines: Line[];
  style: TextStyle;
  canvas: Canvas;
}

/** Where drawn text goes in the tag tree: as `tag` marked content of `element`. */
export interface Target {
  element: Tag;
  tag: string;
}

/** Whose text: a language, or an article (its headline, whose missing glyphs are reported with it). */
export type Owner = string | { readonly language: string };

export class PageText {
  /** `canvasFor`: the surface for an owner's text; `rtl`: the site's direction, which mirrors every alignment. */
  constructor(readonly canvasFor: (owner: Owner) => Canvas, readonly rtl: boolean, readonly tree: StructureTree) {}

  /**
   * A child element of `parent` for `words`, in `lang` where that is not the document's: with the words as its
   * ActualText where the script needs it, as the article's elements are (layout.ts).
   */
  element(parent: Tag, type: string, words: string | null, lang?: string): Tag {
    return this.tree.element(parent, type, words !== null && tagNeedsActualText(words) ? words : null, undefined, lang);
  }

  /** `text` broken into lines of `width`, ragged, unhyphenated, in its own direction. */
  set(text: string, style: TextStyle, width: number, owner: Owner, balance = false): Setting {
    const canvas = this.canvasFor(owner);
    const language = typeof owner === 'string' ? owner : owner.language;
    const lines = setLines(canvas, text, style, {
      width, indent: 0, justify: false, hyphenate: null, balance, direction: paragraphDirection(text, language),
    });
    return { lines, style, canvas };
  }

  height(setting: Setting): number {
    return setting.lines.length * setting.style.leading;
  }

  /** A line's natural width: what it covers without its trailing space. */
  width(setting: Setting, line: Line): number {
    return setting.canvas.width(line.text.replace(/[ \u00ad]$/u, ''), setting.style);
  }

  /** The side of the box `align` means on this site's pages. */
  side(align: Align): 'left' | 'right' | 'center' {
    if (align === 'center') return 'center';
    return (align === 'start') !== this.rtl ? 'left' : 'right';
  }

  /** The line to draw for `line` at `side` of `box`, on `base` (a baseline). */
  place(setting: Setting, line: Line, box: Box, align: Align, base: number): TextLine {
    const side = this.side(align);
    const rtl = line.direction === 'rtl';
    if (side === 'left' && !rtl) return { text: line.text, x: box.left, baseline: base, direction: 'ltr' };
    const w = this.width(setting, line);
    const end = side === 'right' ? box.left + box.width : side === 'left' ? box.left + w : box.left + (box.width + w) / 2;
    // Flush against `end` whatever the direction: the glyphs' own widths place it, not the measure above.
    return { text: line.text, x: end - w, end, direction: line.direction, alignEnd: true, baseline: base };
  }

  /**
   * Draw a setting with its first line's top at `top`, each line at `align` of `box`; tagged as `target`'s
   * content, or as a layout artifact without one. Gives the height drawn.
   */
  draw(setting: Setting, top: number, box: Box, align: Align, target: Target | null): number {
    const { canvas, style } = setting;
    const lines = setting.lines.map((line, i) => this.place(setting, line, box, align, baseline(top + i * style.leading, style)));
    this.mark(canvas, target, () => canvas.lines(lines, style));
    return this.height(setting);
  }

  /** Run `paint` inside marked content for `target`, or as an artifact of `artifact`'s type. */
  mark(canvas: Canvas, target: Target | null, paint: () => void, artifact: 'Layout' | 'Pagination' = 'Layout'): void {
    const doc = canvas.doc;
    const content = target === null ? null : this.tree.mark(target.tag);
    if (content === null) doc.markContent('Artifact', { type: artifact } as never);
    paint();
    doc.endMarkedContent();
    if (content !== null) this.tree.add(target!.element, content);
  }
}
