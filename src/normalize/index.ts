// Seed text to Article: the reader. Pure: bytes (or a string) and a path in, an Article and warnings out.
import { createHash } from 'node:crypto';
import { Article, PICTURES_SCHEMA_VERSION, SCHEMA_VERSION } from '../model/article.js';
import type { Picture } from '../model/picture.js';
import type { Block, Section } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { codePointLabel, SeedError } from '../model/diagnostic.js';
import { figureRef, foldSpace, readBody } from './blocks.js';
import { decodeSeed } from './decode.js';
import { readFrontMatter } from './frontmatter.js';
import type { FrontMatter } from './frontmatter.js';
import { makePicture, noPictures } from './figures.js';
import type { PictureLookup, PictureRef } from './figures.js';
import { articleSlug } from './slug.js';
import { closeBidi, typeset } from './typography.js';
import { uuidV5 } from './uuid.js';
import { articleUrl } from '../model/layout.js';
import { defaultAuthor } from '../messages/site.js';

export { SeedError };
export type { PictureLookup, PictureRef };

export const MAX_HEADLINE = 300;
export const MAX_SUMMARY = 300;
/** Words a minute for stats.readingMinutes: a common figure for adult readers of news prose. */
export const WORDS_PER_MINUTE = 230;

export interface NormalizeOptions {
  config: SiteConfig;
  /**
   * The date to use when the front matter has none: the build reads it from git or the file's mtime; an API
   * caller gives its own (`option`).
   */
  fallbackDate: { iso: string; source: 'git' | 'mtime' | 'option' } | null;
  /** source.path in the model: the seed's path relative to the build, with / separators. Defaults to `path`. */
  sourcePath?: string;
  /** What the caller found of each picture the seed names (the build reads them); absent: a seed naming one fails. */
  pictures?: PictureLookup;
}

const FALLBACK_NAMES = { git: 'last git commit time', mtime: 'file modification time', option: 'fallbackDate option' } as const;

export interface NormalizeResult {
  article: Article;
  diagnostics: Diagnostic[];
}

/** Read one seed. Throws SeedError (with file, line and column) for input the format rejects. */
export function normalize(input: Uint8Array | string, path: string, options: NormalizeOptions): NormalizeResult {
  const { config } = options;
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const { lines, diagnostics } = decodeSeed(input, path);
  const { meta, body } = readFrontMatter(lines, path);

  const headIndex = body.findIndex((l) => foldSpace(l.text) !== '');
  if (headIndex < 0) {
    throw new SeedError(path, null, null, 'headline/missing', 'holds no headline: the file has no text (after any front matter)');
  }
  const headLine = body[headIndex]!;
  const headText = dropFinalPeriod(foldSpace(headLine.text));
  if (!VISIBLE.test(headText)) {
    const codes = [...new Set(headText.replaceAll(' ', ''))].map((c) => codePointLabel(c.codePointAt(0)!));
    throw new SeedError(path, headLine.line, 1, 'headline/invisible',
      `headline has no visible character, only ${codes.slice(0, 5).join(' ')}${codes.length > 5 ? ' …' : ''} (zero-width, format or filler characters): write the headline on this line`);
  }
  const chars = [...headText].length;
  if (chars > MAX_HEADLINE) {
    throw new SeedError(path, headLine.line, 1, 'headline/too-long',
      `headline is ${chars} characters; at most ${MAX_HEADLINE} are allowed (is the first line a paragraph?)`);
  }
  const make = (ref: PictureRef): Picture => makePicture(ref, options.pictures ?? noPictures, config.pictures, path, diagnostics);
  const lead = meta.image === undefined ? undefined : make(leadRef(meta));
  const { sections, related } = readBody(body.slice(headIndex + 1), config.relatedTitles, make);
  const image = lead ?? firstFigure(sections);

  let published = meta.date;
  if (published === undefined) {
    if (options.fallbackDate === null) {
      throw new SeedError(path, null, null, 'date/missing', 'has no `date` in its front matter and no file date to fall back on');
    }
    published = options.fallbackDate.iso;
    diagnostics.push({
      severity: 'warning', file: path, line: null, column: null, rule: 'date/fallback',
      message: `no \`date\` in front matter; using the ${FALLBACK_NAMES[options.fallbackDate.source]} ${published}`,
    });
  }

  const title = typeset(headText);
  const siteUrl = config.url === null ? null : config.url.replace(/\/+$/, '');
  const id = articleId(siteUrl, path);
  const slug = meta.slug ?? articleSlug(headText, seedStem(path), id);
  const language = meta.language ?? config.language;
  const article = {
    schemaVersion: image === undefined ? SCHEMA_VERSION : PICTURES_SCHEMA_VERSION,
    id,
    slug,
    title,
    language,
    authors: (meta.authors ?? [defaultAuthor(config, language)]).map(typeset),
    published,
    updated: meta.updated ?? null,
    url: meta.url ?? articleUrl(siteUrl, slug),
    tags: meta.tags ?? [],
    summary: meta.summary !== undefined ? typeset(meta.summary) : defaultSummary(sections, title),
    sections,
    related,
    stats: stats(title, sections, related.map((r) => r.text)),
    source: { path: options.sourcePath ?? path, sha256: createHash('sha256').update(bytes).digest('hex') },
    ...(image === undefined ? {} : { image }),
  };
  return { article: Article.parse(article), diagnostics };
}

/**
 * Every picture a seed names (rules 9 and 10), in order, without reading any: what the build looks up
 * before it normalizes. Throws the SeedError normalize would for a seed it cannot read so far.
 */
export function pictureRefs(input: Uint8Array | string, path: string): PictureRef[] {
  const { lines } = decodeSeed(input, path);
  const { meta, body } = readFrontMatter(lines, path);
  const refs: PictureRef[] = meta.image === undefined ? [] : [leadRef(meta)];
  const headIndex = body.findIndex((l) => foldSpace(l.text) !== '');
  for (const l of body.slice(headIndex + 1)) {
    const ref = figureRef({ line: l.line, text: foldSpace(l.text), raw: l.text });
    if (ref !== null) refs.push(ref);
  }
  return refs;
}

function leadRef(meta: FrontMatter): PictureRef {
  const { path, line, column } = meta.image!;
  return { path, line, column, role: 'lead', alt: meta.image_alt ?? null, caption: meta.image_caption ?? null, credit: meta.image_credit ?? null };
}

/** Rule 15: without a front matter image, the first figure is the lead. */
function firstFigure(sections: Section[]): Picture | undefined {
  for (const s of sections) for (const b of s.blocks) if (b.type === 'figure') return b.image;
  return undefined;
}

/** The article under another slug (the build makes slugs unique); a URL made from the old slug follows it. */
export function withSlug(article: Article, slug: string, config: SiteConfig): Article {
  const siteUrl = config.url === null ? null : config.url.replace(/\/+$/, '');
  const url = article.url !== null && article.url === articleUrl(siteUrl, article.slug) ? articleUrl(siteUrl, slug) : article.url;
  return { ...article, slug, url };
}

/** UUID v5 of the site URL and the file name without .txt: edits of the text, headline included, keep it. */
export function articleId(siteUrl: string | null, path: string): string {
  return `urn:uuid:${uuidV5(`${siteUrl ?? 'urn:galley:'}/${seedStem(path)}`)}`;
}

/** The seed's file name without its folder and `.txt` (any case). */
function seedStem(path: string): string {
  return path.split(/[\\/]/).pop()!.replace(/\.txt$/i, '');
}

// A character that draws something. Not: white space, the default-ignorable code points (zero-width spaces and
// joiners, bidi controls, variation selectors, the Hangul fillers U+115F U+1160 U+3164 U+FFA0, tag characters),
// controls, noncharacters, and the blank braille pattern U+2800, the other staple of invisible names.
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}\p{Cc}\p{Noncharacter_Code_Point}\u2800]/u;

/** One trailing `.` goes; `?`, `!` and an ellipsis (`...`) stay, and so does a `.` that is the whole headline. */
function dropFinalPeriod(text: string): string {
  if (!text.endsWith('.') || text.endsWith('...')) return text;
  const cut = foldSpace(text.slice(0, -1));
  return VISIBLE.test(cut) ? cut : text;
}

/** The first paragraph cut at a word boundary to at most 300 characters with `…`; else the headline. */
function defaultSummary(sections: Section[], title: string): string {
  const first = sections.flatMap((s) => s.blocks).find((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph');
  const text = first?.text ?? title;
  const chars = [...text];
  if (chars.length <= MAX_SUMMARY) return text;
  // Cut at the last plain space among the first 300 characters (a no-break space is no break), so what is kept
  // is at most 299 and the … makes 300; with no space at all, cut hard. Then drop punctuation left dangling.
  const window = chars.slice(0, MAX_SUMMARY).join('');
  const hard = chars.slice(0, MAX_SUMMARY - 1).join('');
  const boundary = window.lastIndexOf(' ');
  const cut = (boundary > 0 ? window.slice(0, boundary) : hard).replace(/[\s,;:\u2013\u2014-]+$/u, '');
  return closeBidi(`${cut === '' ? hard : cut}\u2026`);
}

/** A word for stats: letters and digits (with their combining marks, so Devanagari vowel signs do not split a
 * word), joined by an apostrophe, `.` or `-` into one (Russia’s, U.S, 4-kilometer-wide). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[\u2019'.\-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

function stats(title: string, sections: Section[], relatedTexts: string[]): { words: number; readingMinutes: number } {
  const texts = [title, ...relatedTexts];
  for (const s of sections) {
    if (s.kicker) texts.push(s.kicker);
    if (s.heading) texts.push(s.heading);
    for (const b of s.blocks) {
      // A loop, not push(...items): a list of 200,000 items overflows the stack as arguments.
      if (b.type === 'paragraph') texts.push(b.text);
      else if (b.type === 'figure') texts.push(b.image.caption ?? '');
      else for (const t of [b.title ?? '', ...b.items]) texts.push(t);
    }
  }
  const words = texts.reduce((n, t) => n + (t.match(WORD)?.length ?? 0), 0);
  return { words, readingMinutes: words === 0 ? 0 : Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)) };
}
