// Rules 3 to 6: body lines to headline, sections, lists and related reading, each line placed once.
import type { Block, RelatedLink, Section } from '../model/article.js';
import type { SourceLine } from './decode.js';
import { slugify, uniqueSlug } from './slug.js';
import { typeset } from './typography.js';

/** Titles that mark a list as related reading (compared without letter case). */
export const RELATED_TITLES = ['Read also', 'See also', 'Related', 'Related articles', 'More on this', 'Further reading'];

// White space that folds to one space. No-break spaces (U+00A0, U+202F) are kept: writers put them on purpose.
const SPACE_RUN = /[ \t\v\f\u1680\u2000-\u200A\u2028\u2029\u205F\u3000]+/gu;
// At the ends of a line every white space goes, no-break spaces included: there they mean nothing, and a
// line of no-break spaces alone is blank (else `- ` and a no-break space would be an empty list item).
const EDGE_SPACE = /^\s+|\s+$/gu;
const ITEM = /^[-*\u2022] /u;
// One to three words, each starting with an upper-case letter of any script.
const LABEL = /^\p{Lu}\S*(?: \p{Lu}\S*){0,2}$/u;

/** Rule 4: trim the line and fold runs of white space (not no-break spaces) to one space. */
export function foldSpace(text: string): string {
  return text.replace(SPACE_RUN, ' ').replace(EDGE_SPACE, '');
}

/** Rule 5, on the line as written: the kicker and heading, or null when the line is no section heading. */
export function parseHeading(text: string): { kicker: string; heading: string } | null {
  const at = text.indexOf(': ');
  if (at <= 0) return null;
  const kicker = text.slice(0, at);
  const heading = text.slice(at + 2).trim();
  const length = (s: string) => [...s].length;
  if (length(kicker) > 24 || !LABEL.test(kicker)) return null;
  if (heading === '' || length(heading) > 120 || heading.endsWith('.')) return null;
  return { kicker, heading };
}

/** Rule 6: a list title is a line of at most 40 characters ending in `:`. */
export function isListTitle(text: string): boolean {
  return text.endsWith(':') && text.length > 1 && [...text].length <= 40 && !ITEM.test(text);
}

interface Line { line: number; text: string }

export interface Body {
  sections: Section[];
  related: RelatedLink[];
}

/** Place every body line (the lines after the headline). `relatedTitles` adds to RELATED_TITLES. */
export function readBody(lines: readonly SourceLine[], relatedTitles: readonly string[]): Body {
  // A configured title may be written with its colon ("Lesen Sie auch:"); it is compared without.
  const related = new Set([...RELATED_TITLES, ...relatedTitles].map((t) => foldSpace(t).replace(/\s*:$/u, '').toLowerCase()));
  const body: Line[] = lines.map((l) => ({ line: l.line, text: foldSpace(l.text) })).filter((l) => l.text !== '');
  const drafts: Draft[] = [{ kicker: null, heading: null, headingLine: null, blocks: [] }];
  const links: RelatedLink[] = [];
  const current = () => drafts[drafts.length - 1]!;

  for (let i = 0; i < body.length; i++) {
    const { text } = body[i]!;
    let items = 0;
    while (i + 1 + items < body.length && ITEM.test(body[i + 1 + items]!.text)) items++;
    if (isListTitle(text) && items > 0) {
      const title = text.slice(0, -1).trim();
      const list = body.slice(i + 1, i + 1 + items).map((l) => typeset(l.text.slice(2).trim()));
      i += items;
      if (related.has(title.toLowerCase())) {
        links.push(...list.map((t) => ({ text: t, url: firstUrl(t) })));
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

function firstUrl(text: string): string | null {
  const m = /https?:\/\/[^\s<>"\u201C\u201D]+[^\s<>"\u201C\u201D.,;:!?)\]\u2019]/u.exec(text);
  if (!m) return null;
  try {
    return new URL(m[0]).href;
  } catch {
    return null;
  }
}
