// The contract between build.ts and the exporters: pure functions from models to bytes.
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';

export interface ExportContext {
  config: SiteConfig;
}

export interface CollectionContext extends ExportContext {
  /** Byte length of each article's written outputs, by slug then format (the feed's enclosure length). */
  sizes: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export interface ExportOutput {
  bytes: Uint8Array;
  /** Losses the writer could not avoid (a glyph no font has, ...), reported, never silent. */
  diagnostics: Diagnostic[];
}

/** One output file per article: out/<slug>.<extension>. */
export type ArticleRender = (article: Article, ctx: ExportContext) => ExportOutput | Promise<ExportOutput>;

/** One output file for the whole build (the feeds), from every article, in any order. */
export type CollectionRender = (articles: readonly Article[], ctx: CollectionContext) => ExportOutput | Promise<ExportOutput>;
