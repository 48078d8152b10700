// An edition: the articles of one day or one week of a site, in sections, as one publication (issue 22).
import { z } from 'zod';
import { Article } from './article.js';
import { Picture } from './picture.js';

export const EditionSection = z.object({
  /** The section's name as the reader sees it: a configured name, the articles' first tag, or the catalog's "More news". */
  name: z.string().min(1),
  /** Newest first. */
  articles: z.array(Article).min(1),
});

export const Edition = z.object({
  /** urn:uuid, stable for the site and the period: the EPUB's identifier and the feeds' id. */
  id: z.string().min(1),
  /** `2026-03-13` (a day) or `2026-W11` (an ISO week): the edition's folder under out/editions/. */
  key: z.string().regex(/^\d{4}-(?:\d{2}-\d{2}|W\d{2})$/),
  period: z.enum(['day', 'week']),
  /** The period's first and last day (YYYY-MM-DD) in the edition's time zone. */
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string().min(1),
  /** Its place among the site's editions, the oldest 1 (EPUB `group-position`). */
  number: z.number().int().positive(),
  /** The site's language: the edition's own words are in it (each article keeps its own). */
  language: z.string().min(1),
  /** "The Daily Galley: Friday, March 13, 2026", in the site's language. */
  title: z.string().min(1),
  /** The period alone, as the masthead dates it: "Friday, March 13, 2026" or "Week 11 of 2026". */
  label: z.string().min(1),
  /** The newest date any of its articles was published or updated (ISO): the files' modification date. */
  modified: z.string().min(1),
  /** In the configured order; the top story is the first section's first article. */
  sections: z.array(EditionSection).min(1),
  /** The slug of the article whose lead picture the cover shows: the first in reading order that has one. */
  cover: z.string().min(1).nullable(),
});

export type EditionSection = z.infer<typeof EditionSection>;
export type Edition = z.infer<typeof Edition>;

/** What the lists of editions show of one (the editions' pages, catalog and feed): no article's text. */
export const EditionEntry = z.object({
  ...Edition.pick({ id: true, key: true, start: true, end: true, number: true, language: true, title: true, label: true, modified: true }).shape,
  articles: z.number().int().positive(),
  sections: z.array(z.string().min(1)).min(1),
  /** The top stories: each section's first article. */
  headlines: z.array(z.object({ title: z.string(), language: z.string(), slug: z.string() })).min(1),
  /** The cover's picture, for a thumbnail. */
  image: Picture.optional(),
  /** Byte length of the edition's files this build writes, by format (epub, pdf). */
  sizes: z.record(z.string(), z.number().int().nonnegative()),
});

export type EditionEntry = z.infer<typeof EditionEntry>;

/** The edition as its lists show it, with its files' sizes. */
export function editionEntry(edition: Edition, sizes: Readonly<Record<string, number>>): EditionEntry {
  const articles = editionArticles(edition);
  const cover = articles.find((a) => a.slug === edition.cover)?.image;
  return {
    id: edition.id, key: edition.key, start: edition.start, end: edition.end, number: edition.number, language: edition.language,
    title: edition.title, label: edition.label, modified: edition.modified,
    articles: articles.length,
    sections: edition.sections.map((s) => s.name),
    headlines: edition.sections.map((s) => ({ title: s.articles[0]!.title, language: s.articles[0]!.language, slug: s.articles[0]!.slug })),
    ...(cover === undefined ? {} : { image: cover }),
    sizes: { ...sizes },
  };
}

/** The edition's articles in reading order: section after section. */
export function editionArticles(edition: Edition): Article[] {
  return edition.sections.flatMap((s) => s.articles);
}
