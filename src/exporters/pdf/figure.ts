// A picture in the PDF: at the column's width (a tall one narrower, so it leaves room on the page), from the
// rendition nearest 300 ppi without passing it, kept on one page with its caption, tagged Figure with /Alt.
import type { Picture, Rendition } from '../../model/picture.js';
import { fallbackRendition } from '../../model/picture.js';
import type { FlowBlock, Line } from './flow.js';
import type { Tag } from './structure.js';
import { MEASURE, PICTURE_MAX_HEIGHT, PRINT_PPI, SPACE, STYLES, type PageGeometry, type TextStyle } from './style.js';

interface FigureContext {
  page: PageGeometry;
  /** The fallback renditions' bytes, by path. */
  pictures: Readonly<Record<string, Uint8Array>>;
  element: (parent: Tag, type: string, actual?: string, alt?: string) => Tag;
  text: (value: string, style: TextStyle, width: number) => Line[];
  /** The document's image object for a rendition, opened once however often it is drawn. */
  open: (src: string, bytes: Uint8Array) => unknown;
}

/** The rendition printed at `width` points: the widest of the fallback type at 300 ppi or less, else the narrowest. */
export function printRendition(picture: Picture, width: number): Rendition {
  const type = fallbackRendition(picture).type;
  const candidates = picture.renditions.filter((r) => r.type === type).sort((a, b) => a.width - b.width);
  const fine = candidates.filter((r) => r.width <= (width / 72) * PRINT_PPI);
  return fine[fine.length - 1] ?? candidates[0]!;
}

/** The picture's blocks: the picture kept with its caption (caption and credit on one line), under `parent`. */
export function figureBlocks(picture: Picture, parent: Tag, spaceBefore: number, ctx: FigureContext): FlowBlock[] {
  const aspect = picture.height / picture.width;
  const height = Math.min(MEASURE * aspect, (ctx.page.bottom - ctx.page.top) * PICTURE_MAX_HEIGHT);
  const width = height / aspect;
  const rendition = printRendition(picture, width);
  const bytes = ctx.pictures[rendition.src];
  if (bytes === undefined) throw new Error(`pdf: the picture ${rendition.src} was not given (ArticleContext.pictures)`);
  const figure = picture.decorative ? null : ctx.element(parent, 'Figure', undefined, picture.alt);
  const captionText = [picture.caption, picture.credit].filter((t) => t !== null).join(' · ');
  const x = (MEASURE - width) / 2;
  const blocks: FlowBlock[] = [{
    lines: [{ text: '', x: 0, justify: null }],
    style: { ...STYLES.body, leading: height }, spaceBefore, target: figure ?? parent, tag: 'Figure',
    keepWithNext: captionText !== '', keepTogether: true,
    image: { image: ctx.open(rendition.src, bytes), x, width, height, figure },
  }];
  if (captionText !== '') {
    // Under the picture, from its edge: a narrow picture's caption does not run past it.
    const lines = ctx.text(captionText, STYLES.caption, width).map((l) => ({ ...l, x: l.x + x, end: l.end === undefined ? undefined : l.end + x }));
    blocks.push({
      lines,
      style: STYLES.caption, spaceBefore: SPACE.caption, target: ctx.element(figure ?? parent, figure === null ? 'P' : 'Caption', captionText),
      tag: figure === null ? 'P' : 'Caption', keepTogether: true,
    });
  }
  return blocks;
}
