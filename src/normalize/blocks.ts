// Rules 3 to 6: body lines to headline, sections, lists and related reading, each line placed once.
import type { Block, RelatedLink, Section } from '../model/article.js';
import type { Picture } from '../model/picture.js';
import type { SourceLine } from './decode.js';
import { parseFigure } from './figures.js';
import type { PictureRef } from './figures.js';
import { slugify, uniqueSlug } from './slug.js';
import { typeset } from './typography.js';

/** Titles that mark a list as related reading (compared without letter case). */
export const RELATED_TITLES = ['Read also', 'See also', 'Related', 'Related articles', 'More on this', 'Further reading'];

// White space that folds to one space. No-break spaces (U+00A0, U+202F) are kept: writers put them on purpose.
const SPACE_RUN = /[ \t\v\f\u1680\u2000-\u200A\u2028\u2029\u205F\u3000]+/gu;
const ITEM = /^[-*\u2022] /u;
// Chinese and Japanese write the full-width colon with no space after it (`新闻：朝鲜士兵受伤`): its glyph carries
// the space. The ASCII colon still needs its space, so `10:30` or `https://` never split a line.
const COLON = /: |\uFF1A/u;
// Sentence punctuation. A word of a cased script tells a label by its capital; a word of a caseless script cannot,
// so it must at least not be a clause: `据报道，普京写道：…` holds a comma and is prose. Cased words keep the
// contract's `\S*` (`Q&A`, `U.S.`).
const CLAUSE = ',.;!?\u060C\u061B\u061F\u3001\u3002\uFF0C\uFF1B\uFF01\uFF1F\uFF0E\uFF61\u0964\u0965\u06D4';
// Georgian Mkhedruli is Ll since Unicode 11, yet unicameral in use: its capitals (Mtavruli) only ever set a
// whole word in caps, so a Georgian writer never capitalizes a label. It counts as caseless.
const WORD = `(?:[\\p{Lu}\\p{Lt}]\\S*|[\\p{Lo}\\u10D0-\\u10FF][^\\s${CLAUSE}]*)`;
// One to three words, each starting with an upper-case letter of any script or a letter of a caseless one.
const LABEL = new RegExp(`^${WORD}(?: ${WORD}){0,2}$`, 'u');
// A heading that ends with a full stop is a sentence: the Latin, CJK (and half-width), Indic danda, Urdu, Burmese,
// Khmer, Ethiopic and Armenian stops. Closing quotes and brackets after it do not hide it
// (`普京说：“我们将继续合作。”`, `Update: "Talks resumed."`).
const FULL_STOP = /[.\u3002\uFF0E\uFF61\u0964\u0965\u06D4\u104B\u17D4\u1362\u0589][\p{Pe}\p{Pf}\p{Pi}"']*$/u;

/** Rule 4: trim the line and fold runs of white space (not no-break spaces) to one space. */
export function foldSpace(text: string): string {
  // At the ends of a line every white space goes, no-break spaces included: there they mean nothing, and a line
  // of no-break spaces alone is blank (else `- ` and a no-break space would be an empty list item). trim() is
  // exactly regex \s, in linear time: /\s+$/ was quadratic on a long run of no-break spaces inside a line.
  return text.replace(SPACE_RUN, ' ').trim();
}

/** Rule 5, on the line as written: the kicker and heading, or null when the line is no section heading. */
export function parseHeading(text: string): { kicker: string; heading: string } | null {
  const colon = COLON.exec(text);
  if (colon === null || colon.index === 0) return null;
  const kicker = text.slice(0, colon.index);
  const heading = text.slice(colon.index + colon[0].length).trim();
  const length = (s: string) => [...s].length;
  if (length(kicker) > 24 || !LABEL.test(kicker)) return null;
  if (heading === '' || length(heading) > 120 || FULL_STOP.test(heading)) return null;
  return { kicker, heading };
}

/** Rule 6: a list title is a line of at most 40 characters ending in `:` (or the full-width `：`). */
export function isListTitle(text: string): boolean {
  return endsWithColon(text) && text.length > 1 && [...text].length <= 40 && !ITEM.test(text);
}

// A list title's final colon, either form. Tested by hand: /\s*:$/ was quadratic on a long run of white space.
function endsWithColon(text: string): boolean {
  return text.endsWith(':') || text.endsWith('\uFF1A');
}

/** A list title without its final colon (and the white space before it). */
function listTitle(text: string): string {
  return endsWithColon(text) ? text.slice(0, -1).trimEnd() : text;
}

interface Line { line: number; text: string; raw: string }

export interface Body {
  sections: Section[];
  related: RelatedLink[];
}

/**
 * Place every body line (the lines after the headline). `relatedTitles` adds to RELATED_TITLES; `picture`
 * makes the model's picture of each figure line (rule 10).
 */
export function readBody(lines: readonly SourceLine[], relatedTitles: readonly string[], picture: (ref: PictureRef) => Picture): Body {
  // A configured title may be written with its colon ("Lesen Sie auch:"); it is compared without.
  const related = new Set([...RELATED_TITLES, ...relatedTitles].map((t) => listTitle(foldSpace(t)).toLowerCase()));
  const body: Line[] = lines.map((l) => ({ line: l.line, text: foldSpace(l.text), raw: l.text })).filter((l) => l.text !== '');
  const drafts: Draft[] = [{ kicker: null, heading: null, headingLine: null, blocks: [] }];
  const links: RelatedLink[] = [];
  const current = () => drafts[drafts.length - 1]!;

  for (let i = 0; i < body.length; i++) {
    const { text } = body[i]!;
    const ref = figureRef(body[i]!);
    if (ref !== null) {
      current().blocks.push({ type: 'figure', image: picture(ref) });
      continue;
    }
    let items = 0;
    while (i + 1 + items < body.length && ITEM.test(body[i + 1 + items]!.text)) items++;
    if (isListTitle(text) && items > 0) {
      const title = listTitle(text);
      const list = body.slice(i + 1, i + 1 + items).map((l) => typeset(l.text.slice(2).trim()));
      i += items;
      if (related.has(title.toLowerCase())) {
        for (const t of list) links.push({ text: t, url: firstUrl(t) });
      } else {
        current().blocks.push({ type: 'list', title: typeset(title), items: list });
      }
      continue;
    }
    if (ITEM.test(text)) {
      let end = i;
      while (end + 1 < body.length && ITEM.test(body[end + 1]!.text)) end++;
      current().blocks.push({ type: 'list', title: null, items: body.slice(i, end + 1).map((l) => typeset(l.text.slice(2).trim())) });
      i = end;
      continue;
    }
    const heading = parseHeading(text);
    if (heading) {
      drafts.push({ kicker: typeset(heading.kicker), heading: typeset(heading.heading), headingLine: text, blocks: [] });
      continue;
    }
    current().blocks.push({ type: 'paragraph', text: typeset(text) });
  }
  return { sections: finishSections(drafts), related: links };
}

type Draft = { kicker: string | null; heading: string | null; headingLine: string | null; blocks: Block[] };

/** Drop an empty lead; a heading with nothing under it was a paragraph after all (nothing is lost). */
function finishSections(drafts: Draft[]): Section[] {
  // drafts[0] is the lead, which has no heading line, so `merged` is never empty below.
  const merged: Draft[] = [];
  for (const d of drafts) {
    if (d.headingLine !== null && d.blocks.length === 0) {
      merged[merged.length - 1]!.blocks.push({ type: 'paragraph', text: typeset(d.headingLine) });
      continue;
    }
    merged.push(d);
  }
  const taken = new Set<string>(['lead']);
  return merged
    .filter((d) => d.blocks.length > 0)
    .map((d) => ({
      id: d.heading === null ? 'lead' : uniqueSlug(slugify(d.heading), taken),
      kicker: d.kicker,
      heading: d.heading,
      blocks: d.blocks,
    }));
}

/** The picture a body line names, where it is a figure line (rule 10). */
export function figureRef(l: Line): PictureRef | null {
  const figure = parseFigure(l.text);
  if (figure === null) return null;
  const at = l.raw.indexOf(figure.path);
  return { ...figure, line: l.line, column: at < 0 ? 1 : [...l.raw.slice(0, at)].length + 1, role: 'figure' };
}

function firstUrl(text: string): string | null {
  const m = /https?:\/\/[^\s<>"\u201C\u201D]+[^\s<>"\u201C\u201D.,;:!?)\]\u2019]/u.exec(text);
  if (!m) return null;
  try {
    return new URL(m[0]).href;
  } catch {
    return null;
  }
}
