// The canonical Article model: the one schema every exporter reads and the JSON export is.
import { z } from 'zod';
import { Picture } from './picture.js';

/** Bumped whenever a public field is renamed or changes meaning. */
export const SCHEMA_VERSION = 1 as const;
/** The version of an article with pictures (seed format version 2); one without stays at 1, byte for byte. */
export const PICTURES_SCHEMA_VERSION = 2 as const;

// Patterns stay within ECMA-262 and Python `re` alike: the JSON Schema is read by other systems.
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const languagePattern = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const uuidUrnPattern = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sha256Pattern = /^[0-9a-f]{64}$/;
// The pattern repeats the protocol rule for JSON Schema readers: z.url's protocol check does not export.
const httpUrl = z.url({ protocol: /^https?$/ }).regex(/^https?:\/\/\S+$/);
const text = z.string().min(1);

export const ParagraphBlock = z.object({
  type: z.literal('paragraph'),
  text,
}).strict();

export const ListBlock = z.object({
  type: z.literal('list'),
  title: text.nullable().describe('The line that introduced the list, without its colon; null for an untitled list'),
  items: z.array(text).min(1),
}).strict();

export const FigureBlock = z.object({
  type: z.literal('figure'),
  image: Picture,
}).strict();

export const Block = z.discriminatedUnion('type', [ParagraphBlock, ListBlock, FigureBlock]);

export const Section = z.object({
  id: z.string().regex(slugPattern).describe('Unique within the article; "lead" for the untitled first section'),
  kicker: text.nullable(),
  heading: text.nullable(),
  blocks: z.array(Block).min(1),
}).strict();

export const RelatedLink = z.object({
  text,
  url: httpUrl.nullable().describe('The first http(s) URL in the item, if it has one'),
}).strict();

export const Article = z.object({
  schemaVersion: z.union([z.literal(SCHEMA_VERSION), z.literal(PICTURES_SCHEMA_VERSION)])
    .describe('1: an article without pictures, as every Galley before pictures wrote it; 2: with pictures (image, figure blocks)'),
  id: z.string().regex(uuidUrnPattern).describe('UUID v5 of the site URL and the seed file name: stable across edits'),
  slug: z.string().min(1).max(80).regex(slugPattern),
  // Characters, not UTF-16 units (zod's max): a headline of 300 emoji is 300 characters, as JSON Schema counts.
  title: text.refine((t) => [...t].length <= 300, { message: 'at most 300 characters' }).meta({ maxLength: 300 }),
  language: z.string().regex(languagePattern).describe('BCP 47 language tag'),
  authors: z.array(text).min(1),
  published: z.iso.datetime().describe('ISO 8601, UTC'),
  updated: z.iso.datetime().nullable(),
  url: httpUrl.nullable().describe('Canonical URL; null where no site URL is set'),
  tags: z.array(text),
  summary: text,
  sections: z.array(Section),
  related: z.array(RelatedLink),
  stats: z.object({
    words: z.number().int().nonnegative(),
    readingMinutes: z.number().int().nonnegative(),
  }).strict(),
  source: z.object({
    path: z.string().min(1).describe('Seed path relative to the build folder, with / separators'),
    sha256: z.string().regex(sha256Pattern),
  }).strict(),
  image: Picture.optional()
    .describe('The lead picture (version 2): the front matter image, else the first figure; absent in version 1, which has none'),
}).strict().refine((a) => (a.schemaVersion === PICTURES_SCHEMA_VERSION) === (a.image !== undefined), {
  message: 'schemaVersion is 2 exactly when the article has a lead picture', path: ['schemaVersion'],
}).refine((a) => a.image !== undefined || a.sections.every((s) => s.blocks.every((b) => b.type !== 'figure')), {
  message: 'an article with figures has a lead picture', path: ['image'],
});

export type ParagraphBlock = z.infer<typeof ParagraphBlock>;
export type ListBlock = z.infer<typeof ListBlock>;
export type FigureBlock = z.infer<typeof FigureBlock>;
export type Block = z.infer<typeof Block>;
export type Section = z.infer<typeof Section>;
export type RelatedLink = z.infer<typeof RelatedLink>;
/**
 * One article, as every exporter reads it and as out/<slug>.json holds it: headline, language, authors,
 * dates, sections of paragraphs and lists, related reading, and where it came from. The type is the
 * `Article` zod schema's (`z.infer`), which out/article.schema.json gives as JSON Schema, with what
 * each field means.
 */
export type Article = z.infer<typeof Article>;

/**
 * The article's pictures, each source once (the same file shown twice is one set of renditions), as first
 * shown: the lead, then each figure in reading order. What every format that lists or embeds them walks.
 */
export function articlePictures(article: Article): Picture[] {
  const all = new Map<string, Picture>();
  const add = (p: Picture) => {
    if (!all.has(p.sha256)) all.set(p.sha256, p);
  };
  if (article.image !== undefined) add(article.image);
  for (const s of article.sections) for (const b of s.blocks) if (b.type === 'figure') add(b.image);
  return [...all.values()];
}

/** The JSON Schema shipped as out/article.schema.json, generated from the zod schema. */
export function articleJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Article, { target: 'draft-2020-12' }),
    // The refinements zod cannot export: version 2 is exactly an article with a lead picture.
    if: { required: ['image'] },
    then: { properties: { schemaVersion: { const: PICTURES_SCHEMA_VERSION } } },
    else: { properties: { schemaVersion: { const: SCHEMA_VERSION } } },
    $id: 'https://galley.invalid/article.schema.json',
    title: 'Galley article',
  };
}
