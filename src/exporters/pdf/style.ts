// The page and type specification: every size, space and colour the PDF uses, in points.
import type { FaceName } from '../../typeset/faces.js';

/** How one kind of text is set. */
export interface TextStyle {
  face: FaceName;
  size: number;
  /** Baseline to baseline. */
  leading: number;
  /** Extra space after every character (letter-spacing for capitals). */
  tracking: number;
  /** DeviceRGB, 0..1. */
  color: readonly [number, number, number];
}

const INK = [0.1, 0.1, 0.1] as const;
const GREY = [0.38, 0.38, 0.38] as const;
const ACCENT = [0.62, 0.1, 0.12] as const;

export const STYLES = {
  headline: { face: 'bold', size: 24, leading: 28.5, tracking: 0, color: INK },
  byline: { face: 'regular', size: 9, leading: 13, tracking: 0.2, color: GREY },
  standfirst: { face: 'italic', size: 12.5, leading: 17, tracking: 0, color: INK },
  kicker: { face: 'bold', size: 7.5, leading: 11, tracking: 0.7, color: ACCENT },
  heading: { face: 'bold', size: 14, leading: 18, tracking: 0, color: INK },
  body: { face: 'regular', size: 10.5, leading: 14.5, tracking: 0, color: INK },
  listTitle: { face: 'bold', size: 10.5, leading: 14.5, tracking: 0, color: INK },
  related: { face: 'regular', size: 9.5, leading: 13, tracking: 0, color: INK },
  footer: { face: 'regular', size: 7.5, leading: 10, tracking: 0.2, color: GREY },
  caption: { face: 'regular', size: 8.5, leading: 12, tracking: 0.1, color: GREY },
} as const satisfies Record<string, TextStyle>;

/** Vertical space above a block, by what it follows. */
export const SPACE = {
  standfirst: 10,
  byline: 8,
  afterTitleRule: 18,
  kicker: 22,
  heading: 22,
  headingAfterKicker: 1,
  firstParagraph: 6,
  list: 8,
  listItem: 3,
  afterList: 8,
  related: 26,
  relatedItem: 3,
  figure: 14,
  caption: 5,
} as const;

/** The most a picture may fill of the page's height, so a portrait photo leaves room for its caption and text. */
export const PICTURE_MAX_HEIGHT = 0.6;
/** The finest a picture is printed: a rendition with more pixels than this per inch at its printed width is not chosen. */
export const PRINT_PPI = 300;

/** The measure: about 65 characters of body type, the classic comfortable line. */
export const MEASURE = 340;
/** Paragraph indent, newspaper style: no space between paragraphs. */
export const INDENT = 12;
/** Hanging indent of a list item's text; the bullet sits in it. */
export const LIST_INDENT = 14;

export interface PageGeometry {
  size: 'A4' | 'LETTER';
  width: number;
  height: number;
  left: number;
  top: number;
  bottom: number;
  /** Baseline of the running footer. */
  footer: number;
}

/** Page geometry for a page size: the measure centred, a deeper foot margin for the running footer. */
export function geometry(pageSize: 'A4' | 'Letter'): PageGeometry {
  const [width, height] = pageSize === 'Letter' ? [612, 792] : [595.28, 841.89];
  return {
    size: pageSize === 'Letter' ? 'LETTER' : 'A4',
    width,
    height,
    left: (width - MEASURE) / 2,
    top: 68,
    bottom: height - 76,
    footer: height - 44,
  };
}
