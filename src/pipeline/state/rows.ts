// A row of the build state: what one seed last built, sealed by SHA-256 over every field, and read back as
// untrusted input (only names Galley gives pass).
import { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { parseArticleFile } from '../../model/layout.js';
import { isRenditionPath } from '../../model/picture.js';
import { sha256 } from '../cache-keys.js';

export interface FileRecord {
  size: number;
  mtimeMs: number;
}

/** A seed's row without its model: all a build needs to find the seed's outputs current. */
export interface SeedRow {
  seed: string;
  stat: string;
  /** What the model depends on (see inputKey): equal, the stored model is still the seed's. */
  input: string;
  /** The normalized article's slug, before the build made it unique. */
  baseSlug: string;
  slug: string;
  /** The written article's publication time (ms), the order of the feeds, the archive and the catalog. */
  published: number;
  key: string;
  live: boolean;
  diagnostics: Diagnostic[];
  renderDiagnostics: Diagnostic[];
  files: Record<string, FileRecord>;
  modelHash: string;
  listingHash: string;
}

export type Row = Record<string, unknown>;

export const LIGHT = 'seed, stat, input, base_slug, slug, published, key, live, diagnostics, render_diagnostics, files, model_hash, listing_hash, hash';

/**
 * A name Galley gives an article's file: `<slug>.<extension>` directly in out/, or the web page's
 * `articles/<slug>/index.html`. The build deletes the files the state names: this keeps those deletions
 * inside out/, whatever the state says.
 */
export function isArticleFileName(name: string): boolean {
  if (isRenditionPath(name)) return true;
  const parsed = parseArticleFile(name);
  return parsed !== null && Article.shape.slug.safeParse(parsed.slug).success;
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The SHA-256 a row is sealed with: of every field; the model and its listing are sealed by their hashes among them. */
export function seal(row: SeedRow): string {
  return sealTexts(row, JSON.stringify(row.diagnostics), JSON.stringify(row.renderDiagnostics), JSON.stringify(row.files));
}

// Over the JSON columns as stored: a read checks the text it has, without writing the parsed values out again.
function sealTexts(row: Omit<SeedRow, 'diagnostics' | 'renderDiagnostics' | 'files'>, diagnostics: string, renderDiagnostics: string, files: string): string {
  return sha256(JSON.stringify([row.seed, row.stat, row.input, row.baseSlug, row.slug, row.published, row.key, row.live,
    diagnostics, renderDiagnostics, files, row.modelHash, row.listingHash]));
}

export function parseJson(text: unknown): unknown {
  // Most rows have no diagnostic: a build reads every row, and an empty list needs no parser.
  if (text === '[]') return [];
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The row as a SeedRow, or why it cannot be used. */
export function readRow(r: Row): SeedRow | string {
  const diagnostics = parseJson(r.diagnostics);
  const renderDiagnostics = parseJson(r.render_diagnostics);
  const files = parseJson(r.files);
  for (const k of ['stat', 'input', 'base_slug', 'slug', 'key', 'model_hash', 'listing_hash', 'hash']) {
    if (typeof r[k] !== 'string') return 'a field is missing or of the wrong type';
  }
  if (typeof r.published !== 'number' || (r.live !== 0 && r.live !== 1) || !Array.isArray(diagnostics)
    || !Array.isArray(renderDiagnostics) || !isObject(files)) {
    return 'a field is missing or of the wrong type';
  }
  // A file of the row's own slug is checked with the slug, once.
  const ownSlug = Article.shape.slug.safeParse(r.slug).success;
  for (const [name, f] of Object.entries(files)) {
    if (!(ownSlug && parseArticleFile(name)?.slug === r.slug) && !isArticleFileName(name)) return `${JSON.stringify(name)} is not a file name Galley writes`;
    if (!isObject(f) || typeof f.size !== 'number' || typeof f.mtimeMs !== 'number') return `the record of ${JSON.stringify(name)} is malformed`;
  }
  const row: SeedRow = {
    seed: r.seed as string, stat: r.stat as string, input: r.input as string, baseSlug: r.base_slug as string, slug: r.slug as string,
    published: r.published, key: r.key as string, live: r.live === 1, diagnostics: diagnostics as Diagnostic[],
    renderDiagnostics: renderDiagnostics as Diagnostic[], files: files as Record<string, FileRecord>, modelHash: r.model_hash as string,
    listingHash: r.listing_hash as string,
  };
  if (sealTexts(row, r.diagnostics as string, r.render_diagnostics as string, r.files as string) !== r.hash) {
    return 'it does not match its hash (edited or damaged)';
  }
  return row;
}


/** An article as the lists (archive, sitemap, catalog) read it: without its body and related reading. */
export function listingOf(model: Article): Article {
  return { ...model, sections: [], related: [] };
}

/** The model as the state keeps it, and its listing: what the archive, sitemap and catalog read, without the body. */
export function modelTexts(model: Article): { model: string; listing: string } {
  return { model: JSON.stringify(model), listing: JSON.stringify(listingOf(model)) };
}

export function rowOf(seed: string, stat: string, input: string, model: Article, article: Article, key: string, live: boolean,
  diagnostics: Diagnostic[], renderDiagnostics: Diagnostic[], files: SeedRow['files'], texts: { model: string; listing: string }): SeedRow {
  return {
    seed, stat, input, baseSlug: model.slug, slug: article.slug, published: Date.parse(article.published), key, live, diagnostics,
    renderDiagnostics, files, modelHash: sha256(texts.model), listingHash: sha256(texts.listing),
  };
}

