// The package root (`import … from 'galley'`): the pipeline as functions, for programs that publish from
// a warm process (a CMS hook, an HTTP endpoint) instead of starting the CLI per article. Importing it runs
// nothing: exporters, fonts and the worker pool load on first use.
import { build as buildOut } from './build/build.js';
import type { BuildResult } from './build/build.js';
import { parseConfig } from './build/config-file.js';
import { FORMATS, selectFormats } from './exporters/registry.js';
import type { ArticleFormat, CollectionFormat } from './exporters/registry.js';
import type { OutputFile } from './exporters/types.js';
import { Article } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import type { Diagnostic } from './model/diagnostic.js';
import { normalize as readSeed } from './normalize/index.js';
import { loader } from './build/render-article.js';

export type { BuildResult } from './build/build.js';
export { ConfigError, loadConfig } from './build/config-file.js';
export { FileSystemFault } from './build/fs-fault.js';
export type { OutputFile } from './exporters/types.js';
export type { Article, Block, ListBlock, ParagraphBlock, RelatedLink, Section } from './model/article.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { formatDiagnostic, SeedError } from './model/diagnostic.js';
export type { SiteConfig } from './model/config.js';

/** The zod schema of the article model, for validating JSON from elsewhere (out/<slug>.json, an API). */
export const articleSchema = Article;

/** Formats with one file per article. */
export type ArticleFormatName = 'pdf' | 'epub' | 'json' | 'html';
/** Formats made from all the articles at once: the feeds, the home page and archive, the OPDS catalog. */
export type CollectionFormatName = 'rss' | 'jsonfeed' | 'site' | 'opds';
export type Format = ArticleFormatName | CollectionFormatName;

export interface NormalizeOptions {
  /** The seed's file name: it names the file in diagnostics and makes the article's id (with the site URL). Default `article.txt`. */
  fileName?: string;
  config?: Partial<SiteConfig>;
  /** The date of a seed whose front matter has none; without it such a seed is a SeedError (`date/missing`). */
  fallbackDate?: Date;
}

/**
 * Read one seed into an article. Throws a SeedError (its `diagnostic` has file, line and column) for a seed
 * the format rejects, and a ConfigError for a bad config. `diagnostics` are the warnings of a good seed.
 */
export function normalize(source: string | Uint8Array, options: NormalizeOptions = {}): { article: Article; diagnostics: Diagnostic[] } {
  const config = resolveConfig(options.config);
  const date = options.fallbackDate;
  if (date !== undefined && Number.isNaN(date.getTime())) throw new TypeError('normalize: fallbackDate is an invalid Date');
  const fileName = options.fileName ?? 'article.txt';
  return readSeed(source, fileName, {
    config,
    fallbackDate: date === undefined ? null : { iso: date.toISOString(), source: 'option' },
    sourcePath: fileName,
  });
}

export interface RenderOptions {
  config?: Partial<SiteConfig>;
}

/**
 * One article in one format. An HTML page rendered this way links no sibling file (the build, which knows
 * what it writes, links the PDF, EPUB and feeds). `diagnostics` are the losses the writer could not avoid,
 * such as a character no font has; they carry no line (the build finds it in the seed).
 */
export async function render(article: Article, format: ArticleFormatName, options: RenderOptions = {}): Promise<{ bytes: Uint8Array; diagnostics: Diagnostic[] }> {
  const config = resolveConfig(options.config);
  const exporter = await loader(findFormat(format, 'article'));
  const out = await exporter(checkArticle(article), { config });
  return { bytes: out.bytes, diagnostics: out.diagnostics };
}

export interface RenderCollectionOptions {
  config?: Partial<SiteConfig>;
  /** Byte length of each article's files, by slug then format name: the feeds' enclosure lengths. Default: none. */
  sizes?: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Every format published beside this one, so pages link only files that exist. Default: this one alone. */
  formats?: readonly Format[];
}

/**
 * A whole-build format from every article (in any order; each format sorts as it needs). Some formats are
 * several files: `files[0]` is the main one (`feed.xml`, `feeds/feed.json`, `sitemap.xml`,
 * `opds/catalog.xml`), the rest follow (archive pages, the icon, catalog pages). Each `name` is its path
 * under the output folder, with `/` separators.
 */
export async function renderCollection(articles: readonly Article[], format: CollectionFormatName, options: RenderCollectionOptions = {}): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const config = resolveConfig(options.config);
  const registered = findFormat(format, 'collection');
  const exporter = await registered.load();
  const out = await exporter(articles.map(checkArticle), {
    config,
    sizes: options.sizes ?? new Map(),
    formats: options.formats === undefined ? undefined : selectFormats(options.formats).map((f) => f.name),
  });
  return { files: [{ name: registered.fileName, bytes: out.bytes }, ...(out.more ?? [])], diagnostics: out.diagnostics };
}

export interface BuildOptions {
  /** Folder of *.txt seeds. */
  seedsDir: string;
  outDir: string;
  config?: Partial<SiteConfig>;
  /** Default: every format. */
  formats?: readonly Format[];
  /** Render every article, even those whose outputs are current. */
  force?: boolean;
  /** Called after each article, for progress. */
  onArticle?: (done: number, total: number) => void;
  /** Called once when another build holds `outDir`'s build state: this one waits until it ends. */
  onWait?: () => void;
  /** Aborting it stops the build between two files; build() then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * What `galley build` does: every seed of `seedsDir` into `outDir`, incrementally. A bad seed does not
 * throw: it is in `failed` and `diagnostics`. Throws a ConfigError, or a FileSystemFault for a folder it
 * cannot read or write. Batches of 250 or more articles render on worker threads, ended with the build.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { seedsDir, outDir, force, onArticle, onWait, signal } = options;
  return buildOut({
    seedsDir, outDir, force, onArticle, onWait, signal,
    config: resolveConfig(options.config),
    formats: selectFormats(options.formats ?? null),
  });
}

function resolveConfig(config: Partial<SiteConfig> | undefined): SiteConfig {
  return parseConfig(config ?? {}, 'config');
}

function findFormat(name: string, kind: 'article'): ArticleFormat;
function findFormat(name: string, kind: 'collection'): CollectionFormat;
function findFormat(name: string, kind: 'article' | 'collection'): ArticleFormat | CollectionFormat {
  const found = FORMATS.find((f) => f.kind === kind && f.name === name);
  if (found === undefined) {
    const known = FORMATS.filter((f) => f.kind === kind).map((f) => f.name).join(', ');
    throw new TypeError(`unknown ${kind} format "${name}"; known: ${known}`);
  }
  return found;
}

/** An article from outside (parsed JSON, a JavaScript caller) is checked against the schema the exporters trust. */
function checkArticle(article: Article): Article {
  const parsed = Article.safeParse(article);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TypeError(`not a valid article: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}
