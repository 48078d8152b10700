// The exporters' contract: what an exporter takes and gives, pure functions from models to bytes.
import type { Article } from './article.js';
import type { SiteConfig } from './config.js';
import type { Diagnostic } from './diagnostic.js';
import type { Edition, EditionEntry } from './edition.js';

export interface ExportContext {
  config: SiteConfig;
}

/** What an article page needs beyond the config: which sibling files exist, and how large they are. */
export interface ArticleContext extends ExportContext {
  /**
   * The names of every format this build writes (article and collection formats alike), so a page links
   * only files that will exist. Absent (a caller outside the build): none, the page links no other file.
   */
  formats?: readonly string[];
  /** Byte length of this article's files rendered before this format (earlier in the registry), by format name. */
  sizes?: Readonly<Record<string, number>>;
  /**
   * The bytes of each picture's fallback rendition (its `src`), by that path: what a PDF or EPUB embeds. The
   * build gives those of the article's pictures; a format that embeds a picture it is not given fails.
   */
  pictures?: Readonly<Record<string, Uint8Array>>;
  /** Pixel work for a picture library to do (the build gives sharp's); absent, a format draws no photo into an image of its own. */
  raster?: Raster;
}

/** Decoding a rendition to pixels, and pixels to a JPEG: what the EPUB's photo cover needs of a picture library. */
export interface Raster {
  /** RGB, 8 bits, row after row. */
  decode(bytes: Uint8Array): Promise<{ data: Uint8Array; width: number; height: number }>;
  jpeg(rgb: Uint8Array, width: number, height: number): Promise<Uint8Array>;
}

/**
 * A long list of articles in the site's order (newest `published` first, ties by slug), read a page at a
 * time: what the build gives the collections, so that no list of every article is held in memory. While a
 * page is read, the context's `sizes` holds the sizes of that page's articles.
 */
export interface ArticlePages {
  readonly count: number;
  /** The articles, `size` a page, as many pages as `count` makes (one at least, empty for none). */
  pages(size: number): Iterable<readonly Article[]>;
}

export interface CollectionContext extends ExportContext {
  /** How many full archive pages the feeds have (RFC 5005; see feedArchivePath): the current feed links the newest. */
  archives?: number;
  /** Byte length of each article's written outputs, by slug then format name (the feed's enclosure length). */
  sizes: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** The names of every format this build writes; absent: none but this one. */
  formats?: readonly string[];
  /**
   * The caller's memo of the files it wrote before (the build's): true when out/<name> still holds what was
   * rendered from inputs of this `key`. A collection of many pages then leaves such a page out of `more`,
   * and the caller keeps the file. Absent: every file is rendered.
   */
  written?: (name: string, key: string) => boolean;
}

export interface ExportOutput {
  bytes: Uint8Array;
  /** Losses the writer could not avoid (a glyph no font has, ...), reported, never silent. */
  diagnostics: Diagnostic[];
}

/** A file of a collection format beyond its first one, by its path under out/ with / separators. */
export interface OutputFile {
  name: string;
  bytes: Uint8Array;
  /** A hash of everything the file was rendered from, where its format keys its files (see `written`). */
  key?: string;
}

/** A collection's files: `bytes` is its registered `fileName`; `more` are the others (later pages, an icon). */
export interface CollectionOutput extends ExportOutput {
  more?: OutputFile[];
}

/** One output file per article, at the path its format names (out/<slug>.<extension> by default). */
export type ArticleExporter = (article: Article, ctx: ArticleContext) => ExportOutput | Promise<ExportOutput>;

/**
 * A collection written a page of the site's order at a time (the archive, the catalog): the build reads the
 * articles once and gives each page to every such format, and writes each page's files at once, so neither
 * the articles nor the pages are held whole. `page` is called for pages 1, 2, ... in turn, while the
 * context's `sizes` holds that page's sizes.
 */
export interface PagedExport {
  /** The files of page `n`, ready now (none where the memo holds the page, or where `end` gives it). */
  page(items: readonly Article[], n: number): OutputFile[];
  /** The format's own file, and the files it makes from every page (the sitemap's parts, an icon). */
  end(): CollectionOutput;
}

/** Starts a PagedExport for a list of `count` articles. */
export type PagedExporter = (count: number, ctx: CollectionContext) => PagedExport;

/** The files of the whole build (the feeds, the home page), from every article: in any order, or as pages in the site's order. */
export type CollectionExporter = (articles: readonly Article[] | ArticlePages, ctx: CollectionContext) => CollectionOutput | Promise<CollectionOutput>;

/** What an edition's file needs beyond the config: the pictures it embeds, and pixel work for its cover. */
export interface EditionContext extends ExportContext {
  /**
   * The bytes of the renditions the edition embeds, by path under out/: each article picture's fallback
   * rendition (its `src`), and the cover crop (`coverCrop`) of the lead picture of the article `cover` names.
   */
  pictures?: Readonly<Record<string, Uint8Array>>;
  /** Absent, the cover is drawn without a photo. */
  raster?: Raster;
  /** Byte length of the edition's files rendered before this one (its EPUB and PDF, for its page), by format. */
  sizes?: Readonly<Record<string, number>>;
  /** The names of every format this build writes. */
  formats?: readonly string[];
}

/** The lists of editions (their pages, their catalog, their feed) from every edition's entry, newest first. */
export type EditionListExporter = (entries: readonly EditionEntry[], ctx: CollectionContext) => OutputFile[];

/** One file of an edition (its EPUB, its PDF). */
export type EditionExporter = (edition: Edition, ctx: EditionContext) => ExportOutput | Promise<ExportOutput>;
