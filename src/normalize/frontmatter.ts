// Rule 2: the optional `---` block of `key: value` metadata, every value checked where it stands.
import { SeedError } from '../model/diagnostic.js';
import { EARLIEST_YEAR, parseIsoDate } from './dates.js';
import type { SourceLine } from './decode.js';
import { isSlug } from './slug.js';

export interface FrontMatter {
  authors?: string[];
  date?: string;
  updated?: string;
  url?: string;
  language?: string;
  tags?: string[];
  summary?: string;
  slug?: string;
  /** Rule 9: the lead picture's path, where it stands (line and the value's column), and its texts. */
  image?: { path: string; line: number; column: number };
  image_alt?: string;
  image_caption?: string;
  image_credit?: string;
}

const KEYS = ['author', 'authors', 'date', 'updated', 'url', 'language', 'tags', 'summary', 'slug',
  'image', 'image_alt', 'image_caption', 'image_credit'] as const;
const IMAGE_TEXTS = ['image_alt', 'image_caption', 'image_credit'] as const;
type Key = (typeof KEYS)[number];

/** Split off the front matter; `body` is every line after it (all lines when there is none). */
export function readFrontMatter(lines: SourceLine[], file: string): { meta: FrontMatter; body: SourceLine[] } {
  // A fence is `---` alone; white space after it is invisible in an editor, so it is allowed.
  const isFence = (l: SourceLine) => l.text.trimEnd() === '---';
  if (lines[0] === undefined || !isFence(lines[0])) return { meta: {}, body: lines };
  const end = lines.findIndex((l, i) => i > 0 && isFence(l));
  if (end < 0) {
    throw new SeedError(file, 1, 1, 'front-matter/unclosed', 'front matter opened with `---` is never closed by a second `---` line');
  }
  const meta: FrontMatter = {};
  const seen = new Map<Key, number>();
  for (const { line, text } of lines.slice(1, end)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) {
      throw new SeedError(file, line, column(text, text.length - text.trimStart().length), 'front-matter/syntax', `front matter line is not \`key: value\`: "${clip(trimmed)}"`);
    }
    const rawKey = trimmed.slice(0, colon).trim();
    const key = rawKey.toLowerCase();
    // Columns count characters (code points) from 1: the key's first, and the value's first (or just past the colon).
    const keyColumn = column(text, text.length - text.trimStart().length);
    const afterColon = text.indexOf(':') + 1;
    const valueColumn = column(text, afterColon + (text.slice(afterColon).length - text.slice(afterColon).trimStart().length));
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new SeedError(file, line, keyColumn, 'front-matter/unknown-key',
        `unknown front matter key "${rawKey}"; known keys: ${KEYS.join(', ')}`);
    }
    const k = key as Key;
    const canonical: Key = k === 'author' ? 'authors' : k;
    if (seen.has(canonical)) {
      throw new SeedError(file, line, keyColumn, 'front-matter/duplicate-key',
        `front matter key "${rawKey}" is given twice (first on line ${seen.get(canonical)})`);
    }
    seen.set(canonical, line);
    const value = unquote(fold(trimmed.slice(colon + 1)));
    const fail = (rule: string, message: string): never => { throw new SeedError(file, line, valueColumn, rule, message); };
    if (value === '' && k !== 'tags') fail('front-matter/empty-value', `front matter key "${rawKey}" has no value`);
    switch (k) {
      case 'author':
        meta.authors = [value];
        break;
      case 'authors':
        meta.authors = parseList(value);
        if (meta.authors.length === 0) fail('front-matter/empty-value', 'front matter key "authors" lists no name');
        break;
      case 'tags':
        meta.tags = parseList(value);
        break;
      case 'date':
      case 'updated': {
        const iso = parseIsoDate(value);
        if (iso === null) {
          fail('front-matter/bad-date', `front matter "${rawKey}" is not an ISO 8601 date or date-time (like 2024-06-19 or 2024-06-19T08:30:00Z): "${clip(value)}"`);
        }
        const year = value.trim().slice(0, 4);
        if (Number(year) < EARLIEST_YEAR) {
          fail('front-matter/bad-date', `front matter "${rawKey}" is in the year ${year}, which is taken for a typo: write all four digits (like 2024-06-19); no date before the year ${EARLIEST_YEAR} is accepted`);
        }
        meta[k] = iso!;
        break;
      }
      case 'url':
        meta.url = checkUrl(value) ?? fail('front-matter/bad-url', `front matter "url" is not an absolute http(s) URL: "${clip(value)}"`);
        break;
      case 'language':
        meta.language = canonicalLanguage(value) ?? fail('front-matter/bad-language', `front matter "language" is not a BCP 47 language tag (like en, de-CH, zh-Hant): "${clip(value)}"`);
        break;
      case 'summary':
        meta.summary = value;
        break;
      case 'slug':
        if (!isSlug(value)) {
          fail('front-matter/bad-slug', `front matter "slug" must be 1 to 80 lower-case ASCII letters, digits and single hyphens: "${clip(value)}"`);
        }
        meta.slug = value;
        break;
      case 'image':
        meta.image = { path: value, line, column: valueColumn };
        break;
      case 'image_alt':
      case 'image_caption':
      case 'image_credit':
        meta[k] = value;
        break;
    }
  }
  for (const k of IMAGE_TEXTS) {
    if (meta[k] !== undefined && meta.image === undefined) {
      throw new SeedError(file, seen.get(k)!, 1, 'front-matter/no-image', `front matter "${k}" belongs to a picture, and there is no "image" to name it`);
    }
  }
  if (meta.date && meta.updated && meta.updated < meta.date) {
    throw new SeedError(file, seen.get('updated')!, 1, 'front-matter/bad-date', `front matter "updated" (${meta.updated}) is before "date" (${meta.date})`);
  }
  return { meta, body: lines.slice(end + 1) };
}

/** `a, b, c` or `[a, b, c]`; a quoted entry may hold a comma (`"Roe, John"`); empty entries are dropped. */
export function parseList(value: string): string[] {
  const inner = /^\[(.*)\]$/s.exec(value)?.[1] ?? value;
  // An entry is a quoted string followed by optional spaces and a comma (or the end), or a run up to a comma.
  const entries = inner.match(/\s*(?:"[^"]*"|'[^']*')\s*(?=,|$)|[^,]+/g) ?? [];
  return entries.map((v) => unquote(v.trim())).filter((v) => v !== '');
}

/** The URL in canonical form, or null unless it is an absolute http(s) URL with a host. */
export function checkUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !/\s/.test(value) ? url.href : null;
  } catch {
    return null;
  }
}

/** The canonical BCP 47 form (en-us -> en-US), or null for a tag Intl refuses. */
export function canonicalLanguage(value: string): string | null {
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(value)) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

function fold(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** YAML habit: a value wrapped in matching quotes means the text inside. */
function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) && text.length >= 2 ? text.slice(1, -1).trim() : text;
}

/** 1-based column, in characters, of UTF-16 offset `at`. */
function column(text: string, at: number): number {
  return [...text.slice(0, at)].length + 1;
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}...` : text;
}
