// Rules 9, 10, 13 and 15: the pictures a seed names, and the model's picture made of each with what the
// caller found of its file (the build reads it; normalize never touches a file).
import type { Picture, PictureFacts, PictureOptions } from '../model/picture.js';
import { planRenditions } from '../model/picture.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SeedError } from '../model/diagnostic.js';
import { typeset } from './typography.js';

/** The longest text alternative a picture may have, in characters (rule 13). */
export const MAX_ALT = 1000;

/** A picture a seed names: where (line and column of its PATH), and the texts written with it. */
export interface PictureRef {
  path: string;
  line: number;
  column: number;
  /** `lead` for the front matter's `image`; `figure` for a figure line of the body. */
  role: 'lead' | 'figure';
  alt: string | null;
  caption: string | null;
  credit: string | null;
}

/** What a caller knows of the file each PictureRef names: its facts, or it throws a SeedError saying why not. */
export type PictureLookup = (ref: PictureRef, file: string) => PictureFacts;

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
// ALT runs to the first `](`; PATH is `<any path>` or a run without white space or quotes; then up to two
// quoted texts. The lazy PATH lets a name hold parentheses: `![x](photo(1).jpg)`.
const FIGURE = new RegExp(String.raw`^!\[(.*?)\]\((<[^<>]+>|[^\s"<>]+?)(?:\s+${QUOTED}(?:\s+${QUOTED})?)?\s*\)$`, 'su');

/** Rule 10: the parts of a figure line (already trimmed and folded), or null for a line that is not one. */
export function parseFigure(text: string): { alt: string; path: string; caption: string | null; credit: string | null } | null {
  if (!text.startsWith('![')) return null;
  const m = FIGURE.exec(text);
  if (m === null) return null;
  const path = m[2]!.startsWith('<') ? m[2]!.slice(1, -1).trim() : m[2]!;
  if (path === '') return null;
  const optional = (s: string | undefined) => (s === undefined || unescape(s).trim() === '' ? null : unescape(s).trim());
  return { alt: unescape(m[1]!).trim(), path, caption: optional(m[3]), credit: optional(m[4]) };
}

/** `\"` is a quote and `\\` a backslash; any other backslash is itself. */
function unescape(text: string): string {
  return text.replace(/\\(["\\])/g, '$1');
}

/**
 * The model's picture for `ref` (rule 13 on its text alternative): a missing ALT is a warning, the caption
 * then stands for it, and with neither the picture is decorative.
 */
export function makePicture(ref: PictureRef, lookup: PictureLookup, options: PictureOptions, file: string, diagnostics: Diagnostic[]): Picture {
  const alt = ref.alt === null || ref.alt === '' ? null : ref.alt;
  if (alt !== null && [...alt].length > MAX_ALT) {
    throw new SeedError(file, ref.line, 1, 'picture/alt-too-long',
      `the text alternative of "${ref.path}" is ${[...alt].length} characters; at most ${MAX_ALT} are allowed (put the rest in the caption)`);
  }
  const caption = ref.caption === null ? null : typeset(ref.caption);
  const credit = ref.credit === null ? null : typeset(ref.credit);
  if (alt === null) {
    const what = ref.role === 'lead' ? '`image` has no `image_alt`' : `the figure "${ref.path}" has no text alternative (![ALT](…))`;
    diagnostics.push({ severity: 'warning', file, line: ref.line, column: ref.column, rule: 'picture/no-alt',
      message: `${what}: ${caption === null ? 'with no caption either, it is marked decorative (screen readers skip it)' : 'its caption serves as the text alternative'}` });
  }
  const facts = lookup(ref, file);
  const renditions = planRenditions(facts, options);
  const src = renditions[renditions.length - 1]!;
  const text = alt ?? caption ?? '';
  return {
    src: src.src, width: src.width, height: src.height, alt: text, decorative: text === '',
    caption, credit, renditions, sha256: facts.sha256,
  };
}

/** The lookup of a caller that read no picture: a seed that names one cannot be made into an article. */
export const noPictures: PictureLookup = (ref, file) => {
  throw new SeedError(file, ref.line, ref.column, 'picture/unread',
    `names the picture "${ref.path}", and no picture was read: build the seed (galley build), or give normalize a \`pictures\` lookup`);
};
