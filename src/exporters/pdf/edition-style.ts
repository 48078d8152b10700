// The edition's own pages (masthead, contents) and its page furniture: type and measures, in points. The
// articles keep the article PDF's (style.ts); these share its faces and colours, so the two read as one paper.
import { STYLES, type PageGeometry, type TextStyle } from './style.js';

const INK = STYLES.body.color;
const GREY = STYLES.byline.color;
const ACCENT = STYLES.kicker.color;

export const EDITION_STYLES = {
  /** The site's name across the front page. */
  nameplate: { face: 'bold', size: 40, leading: 46, tracking: 0, color: INK },
  /** The line under it: number, date, counts. */
  dateline: { face: 'regular', size: 8.5, leading: 12, tracking: 0.3, color: GREY },
  label: STYLES.kicker,
  caption: STYLES.caption,
  contentsHeading: STYLES.headline,
  contentsSection: { face: 'bold', size: 8, leading: 12, tracking: 0.8, color: ACCENT },
  entry: { face: 'regular', size: 11, leading: 15, tracking: 0, color: INK },
  number: { face: 'regular', size: 11, leading: 15, tracking: 0, color: INK },
  runningSection: { face: 'bold', size: 7.5, leading: 10, tracking: 0.7, color: ACCENT },
  running: STYLES.footer,
} as const satisfies Record<string, TextStyle>;

/** Vertical space on the front and contents pages. */
export const EDITION_SPACE = {
  /** From the nameplate's double rule to the dateline's rule. */
  dateline: 18,
  afterDateline: 24,
  /** Above each top story after the first, and above each section in the contents. */
  story: 16,
  picture: 10,
  caption: 5,
  afterPicture: 16,
  kicker: 3,
  summary: 6,
  contentsSection: 20,
  afterContentsSection: 5,
  entry: 5,
  afterContentsHeading: 6,
} as const;

/** The front and contents pages' measure: wider than an article's column, centred on the page. */
export interface FrontGeometry {
  left: number;
  right: number;
  width: number;
  /** Where the front page's content starts and must end. */
  top: number;
  bottom: number;
  /** The gap between the front page's two columns of stories. */
  gutter: number;
}

/** Wide enough for a nameplate and two columns of headlines, narrow enough to keep a margin like the articles'. */
const FRONT_WIDTH = 440;

export function frontGeometry(page: PageGeometry): FrontGeometry {
  const left = (page.width - FRONT_WIDTH) / 2;
  return { left, right: left + FRONT_WIDTH, width: FRONT_WIDTH, top: 54, bottom: page.bottom, gutter: 24 };
}

/** The running head's baseline and its rule, above the article column's top (page.top). */
export const RUNNING_HEAD = { baseline: 42, rule: 49 } as const;

/** Room kept at the contents' far edge for the page numbers, whatever their width. */
export const NUMBER_COLUMN = 40;
/** At most this many stories on the front page. */
export const MAX_STORIES = 5;
/** How the front page sets its stories; summaries are cut at a word to at most `chars` characters. */
export interface StoryScale {
  leadHeadline: TextStyle;
  leadSummary: TextStyle;
  leadChars: number;
  headline: TextStyle;
  summary: TextStyle;
  chars: number;
}

/** The larger type, for a front page with room to spare, and the smaller, for one with a picture or many stories. */
export const STORY_SCALES: readonly [StoryScale, StoryScale] = [
  {
    leadHeadline: { face: 'bold', size: 28, leading: 32, tracking: 0, color: INK },
    leadSummary: { face: 'italic', size: 12.5, leading: 17.5, tracking: 0, color: INK },
    leadChars: 420,
    headline: { face: 'bold', size: 15, leading: 19, tracking: 0, color: INK },
    summary: { face: 'regular', size: 9.5, leading: 13.5, tracking: 0, color: GREY },
    chars: 260,
  },
  {
    leadHeadline: { face: 'bold', size: 22, leading: 26, tracking: 0, color: INK },
    leadSummary: { face: 'italic', size: 11.5, leading: 15.5, tracking: 0, color: INK },
    leadChars: 240,
    headline: { face: 'bold', size: 13, leading: 16.5, tracking: 0, color: INK },
    summary: { face: 'regular', size: 9, leading: 12.5, tracking: 0, color: GREY },
    chars: 140,
  },
];
/** The most of the front page's height the cover picture may take. */
export const COVER_MAX_HEIGHT = 0.34;
