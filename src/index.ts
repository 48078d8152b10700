/**
 * Galley turns plain-text article seeds into PDF, EPUB, RSS, JSON Feed, JSON and web pages. This is the
 * package root (`import … from 'galley'`): the pipeline as functions, for programs that publish from a warm
 * process (a CMS hook, an HTTP endpoint) instead of starting the CLI per article. Importing it runs
 * nothing: exporters, fonts and the worker pool load on first use.
 *
 * {@link galley#normalize} reads a seed into an {@link galley#(Article:type) | Article};
 * {@link galley#render} writes one article in one format and {@link galley#renderCollection} the formats
 * made from all articles; {@link galley#build} is `galley build`.
 *
 * @packageDocumentation
 */
import type { BuildResult } from './pipeline/build.js';
import { build as buildOut } from './pipeline/build.js';
import { parseConfig } from './pipeline/config-file.js';
import { FORMATS, selectFormats } from './exporters/registry.js';
import type { ArticleFormat, CollectionFormat } from './exporters/registry.js';
import type { OutputFile } from './model/output.js';
import { Article } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import type { Diagnostic } from './model/diagnostic.js';
import { normalize as readSeed } from './normalize/index.js';
import { loader } from './render/article.js';

export type { BuildResult } from './pipeline/build.js';
export { ConfigError, loadConfig } from './pipeline/config-file.js';
export { FileSystemFault } from './pipeline/fs-fault.js';
export type { OutputFile } from './model/output.js';
export type { Article, Block, ListBlock, ParagraphBlock, RelatedLink, Section } from './model/article.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { formatDiagnostic, SeedError } from './model/diagnostic.js';
export type { SiteConfig } from './model/config.js';

/**
 * The zod schema of the article model, for validating JSON from elsewhere (out/<slug>.json, an API).
 * `render` and `renderCollection` check their articles against it too.
 *
 * @example
 * ```ts
 * const parsed = articleSchema.safeParse(JSON.parse(readFileSync('out/a.json', 'utf8')));
 * if (parsed.success) await render(parsed.data, 'pdf');
 * ```
 */
export const articleSchema = Article;

/** Formats with one file per article. */
export type ArticleFormatName = 'pdf' | 'epub' | 'json' | 'html' | 'ninjs';
/** Formats made from all the articles at once: the feeds, the home page and archive, the OPDS catalog. */
export type CollectionFormatName = 'rss' | 'jsonfeed' | 'site' | 'ndjson' | 'opds';
/** Every format Galley writes; `build` writes them all unless `formats` names some. */
export type Format = ArticleFormatName | CollectionFormatName;

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** The seed's file name: it names the file in diagnostics and makes the article's id (with the site URL). Default `article.txt`. */
  fileName?: string;
  /** The site config, checked as galley.config.json is; absent keys take their defaults. */
  config?: Partial<SiteConfig>;
  /** The date of a seed whose front matter has none; without it such a seed is a SeedError (`date/missing`). */
  fallbackDate?: Date;
}

/**
 * Read one seed into an article.
 *
 * @param source - The seed's text, or its bytes (UTF-8; a byte order mark is dropped).
 * @param options - The seed's file name, the site config, and the date of a seed that gives none.
 * @returns The article, and the warnings of a good seed (a control character dropped, for instance).
 * @throws {@link SeedError} for a seed the format rejects; its `diagnostic` has file, line and column.
 * @throws {@link ConfigError} for a config key it does not know, or a bad value.
 *
 * @example
 * ```ts
 * const { article } = normalize(readFileSync('seeds/a.txt'), { fileName: 'a.txt', fallbackDate: new Date() });
 * ```
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

/** Options of {@link render}. */
export interface RenderOptions {
  /** The site config (title, URL, page size…), checked as galley.config.json is; absent keys take their defaults. */
  config?: Partial<SiteConfig>;
}

/**
 * One article in one format: the same bytes `galley build` writes for it. An HTML page rendered this way
 * links no sibling file (the build, which knows what it writes, links the PDF, EPUB and feeds).
 *
 * @param article - An article from {@link normalize}, or one read back from JSON: it is checked against
 * {@link articleSchema} first.
 * @param format - `pdf`, `epub`, `json` or `html`.
 * @returns The file's bytes, and the losses the writer could not avoid, such as a character no font has;
 * those carry no line (the build finds it in the seed).
 * @throws TypeError for an article the schema rejects, or an unknown format.
 */
export async function render(article: Article, format: ArticleFormatName, options: RenderOptions = {}): Promise<{ bytes: Uint8Array; diagnostics: Diagnostic[] }> {
  const config = resolveConfig(options.config);
  const exporter = await loader(findFormat(format, 'article'));
  const out = await exporter(checkArticle(article), { config });
  return { bytes: out.bytes, diagnostics: out.diagnostics };
}

/** Options of {@link renderCollection}. */
export interface RenderCollectionOptions {
  /** The site config, checked as galley.config.json is; without a `url` the feeds have no links. */
  config?: Partial<SiteConfig>;
  /**
   * Byte length of each article's files, by slug then format name. Only a file with a size is linked: the
   * feeds' PDF enclosures, the pages' download links, the catalog's acquisitions. Default: none.
   */
  sizes?: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Every format published beside this one, so pages link only files that exist. Default: this one alone. */
  formats?: readonly Format[];
}

/**
 * A whole-build format from every article (in any order; each format sorts as it needs).
 *
 * @param articles - Every article of the site; the feeds keep the newest `feedLimit` of them.
 * @param format - `rss`, `jsonfeed`, `site` (home page, archive, sitemap, icon) or `opds`.
 * @returns Every file of the format. `files[0]` is the main one (`feed.xml`, `feeds/feed.json`,
 * `sitemap.xml`, `opds/catalog.xml`), the rest follow (archive pages, the sitemaps that `sitemap.xml`
 * indexes past 50,000 URLs, the icon, catalog pages). Each `name` is its path under the output folder,
 * with `/` separators.
 * @throws TypeError for an article the schema rejects, or an unknown format.
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

/** Options of {@link build}: what `galley build` takes as arguments. */
export interface BuildOptions {
  /** Folder of *.txt seeds. */
  seedsDir: string;
  /** Folder to write, created when missing; it may not be the seeds folder or inside it. */
  outDir: string;
  /** The site config, checked as galley.config.json is (build() reads no config file: see {@link loadConfig}). */
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
 * What `galley build` does: every seed of `seedsDir` into `outDir`, incrementally, with the same build
 * state and safe writes. Batches of 250 or more articles render on worker threads, ended with the build.
 *
 * @returns A {@link BuildResult}: `seeds`, the seeds read, in build order; `built`, each seed built and the
 * slug its files have; `rendered`, how many of those were rendered now rather than found current;
 * `failed`, the seeds that could not be built (a bad seed does not throw); `diagnostics`, every warning
 * and error, in seed order.
 * @throws {@link ConfigError} for a bad config; {@link FileSystemFault} for a folder it cannot read or
 * write, or a full disk; the signal's reason when `signal` is aborted.
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
