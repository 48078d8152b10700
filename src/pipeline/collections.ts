// The whole-build files (feeds, home page and archive, sitemap, OPDS catalog, the model's JSON Schema), made
// from the build state's live rows by indexed queries: the feeds from the newest few models, the lists a page
// at a time from every article without its body. Skipped when no article changed since they were written.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../model/article.js';
import { articleJsonSchema } from '../model/article.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { parseArticlePath } from '../exporters/registry.js';
import { PAGE_SIZE } from '../markup/listing.js';
import { feedArchivePath, isLaterPage } from '../model/layout.js';
import type { CollectionFormat, Format } from '../exporters/registry.js';
import type { ArticlePages, CollectionContext, CollectionOutput } from '../model/output.js';
import { withSlug } from '../normalize/index.js';
import type { SiteConfig } from '../model/config.js';
import { sha256 } from './cache-keys.js';
import { fileRecord, filesCurrent, removeOutput } from './outputs.js';
import { outputFault } from './fs-fault.js';
import { streamFileAtomic } from './write-atomic.js';
import { collectGarbage } from './memory.js';
import type { BuildState, FileRecord } from './state/state.js';

export const SCHEMA_FILE = 'article.schema.json';

/** The formats that read only the newest `feedLimit` articles; the others list every one. */
const FEEDS = new Set(['rss', 'jsonfeed']);

/**
 * Slugs no article may take: the name of a whole-build file (an article must never overwrite a feed). A
 * collection's further files are in folders of their own, page/2/..., which no article path reaches.
 */
export function reservedSlugs(formats: readonly Format[]): Set<string> {
  return new Set(formats.flatMap((c) => {
    const parsed = c.kind === 'collection' ? parseArticlePath(c.fileName) : null;
    return parsed === null ? [] : [parsed.slug];
  }));
}

/** A file as written, and for a page of a paged list the key of what it was rendered from. */
type Written = FileRecord & { key?: string };

interface Recorded {
  key: string;
  files: Record<string, Written>;
  diagnostics: Diagnostic[];
}

const META = 'collections';

function recorded(state: BuildState): Recorded | null {
  try {
    const r = JSON.parse(state.meta(META) ?? 'null') as Recorded | null;
    return r !== null && typeof r.key === 'string' && typeof r.files === 'object' && Array.isArray(r.diagnostics) ? r : null;
  } catch {
    return null;
  }
}

export interface CollectionOptions {
  outDir: string;
  config: SiteConfig;
  formats: readonly Format[];
}

/**
 * Write the collections from the state's live rows. `built` stands for every article this build built (each
 * row's hash, in seed order): when it and the context equal those of the last write, and its files are on
 * disk as written, nothing is rendered and the last diagnostics are given again.
 */
export async function writeCollections(state: BuildState, options: CollectionOptions, write: (name: string, bytes: Uint8Array) => void,
  context: string, built: string, diagnostics: Diagnostic[]): Promise<boolean> {
  const { outDir, config, formats } = options;
  const key = sha256(JSON.stringify([context, built]));
  const last = recorded(state);
  if (last !== null && last.key === key && filesCurrent(outDir, last.files)) {
    diagnostics.push(...last.diagnostics);
    return false;
  }
  const made: Recorded = { key, files: {}, diagnostics: [] };
  // An archive of thousands has a thousand pages, and one new article changes a few: a page rendered from
  // the same inputs as last time, and on disk as written then, is not rendered again (the exporters key
  // their pages); a file rendered to the same bytes is left as it is, not renamed over.
  // A page's key names its inputs; with the context, Galley's code too (a changed template renders every page).
  const memoKey = (pageKey: string) => sha256(context + pageKey);
  const put = (name: string, bytes: Uint8Array, pageKey?: string) => {
    if (!holds(join(outDir, name), bytes)) write(name, bytes);
    made.files[name] = { ...fileRecord(join(outDir, name)), ...(pageKey === undefined ? {} : { key: memoKey(pageKey) }) };
  };
  const written = (name: string, pageKey: string): boolean => {
    const was = last?.files[name];
    if (was === undefined || was.key !== memoKey(pageKey) || !filesCurrent(outDir, { [name]: was })) return false;
    made.files[name] = was;
    return true;
  };
  if (formats.some((f) => f.name === 'json')) put(SCHEMA_FILE, new TextEncoder().encode(JSON.stringify(articleJsonSchema(), null, 2) + '\n'));
  const formatNames = formats.map((f) => f.name);
  const collections = formats.filter((x): x is CollectionFormat => x.kind === 'collection');
  // The lists (archive, catalog) read every article a page at a time, all from one pass over the state, and
  // each page is written as soon as it is made.
  const paged = new Map<CollectionFormat, CollectionOutput>();
  const lists = collections.filter((f) => f.loadPages !== undefined);
  if (lists.length > 0) {
    const { articles, sizes } = listed(state, config);
    const ctx = { config, sizes, formats: formatNames, written };
    const writers = await Promise.all(lists.map(async (f) => (await f.loadPages!())(articles.count, ctx)));
    let n = 0;
    for (const items of articles.pages(PAGE_SIZE)) {
      n++;
      for (const w of writers) for (const file of w.page(items, n)) put(file.name, file.bytes, file.key);
    }
    lists.forEach((f, i) => paged.set(f, writers[i]!.end()));
  }
  // A file of every article (NDJSON) is streamed: whole models, a thousand at a time, never all at once.
  for (const f of collections.filter((c) => c.loadLines !== undefined)) {
    const lines = await f.loadLines!();
    const path = join(outDir, f.fileName);
    const stream = streamFileAtomic(path);
    try {
      let page: Article[] = [];
      for (const { article } of liveArticles(state, config, -1, false)) {
        page.push(article);
        if (page.length === 1_000) {
          stream.write(lines(page));
          page = [];
          collectGarbage();
        }
      }
      stream.write(lines(page));
      stream.commit();
    } catch (e) {
      stream.abandon();
      throw outputFault(e, path);
    }
    made.files[f.fileName] = fileRecord(path);
  }
  const feeds = collections.filter((c) => c.loadArchive !== undefined);
  const archives = await writeFeedArchives(state, config, feeds, { config, sizes: new Map(), formats: formatNames, written }, put);
  for (const f of collections.filter((c) => c.loadLines === undefined)) {
    let out = paged.get(f);
    if (out === undefined) {
      const input = FEEDS.has(f.name) ? newest(state, config, Math.max(0, config.feedLimit), false) : listed(state, config);
      out = await (await f.load())(input.articles, { config, sizes: input.sizes, formats: formatNames, written, archives });
    }
    made.diagnostics.push(...out.diagnostics);
    put(f.fileName, out.bytes);
    for (const more of out.more ?? []) put(more.name, more.bytes, more.key);
    collectGarbage();
  }
  // Pages past the end of a list that got shorter: they would list, and link, articles that are gone.
  for (const name of Object.keys(last?.files ?? {})) if (!(name in made.files) && isLaterPage(name)) removeOutput(outDir, name);
  diagnostics.push(...made.diagnostics);
  state.setMeta(META, JSON.stringify(made));
  return true;
}

/**
 * The live articles as written (unique slug), newest first, `limit` of them (-1: all), each with the sizes of
 * its files. `bare`: without sections and related reading, which no list shows, so an archive of many
 * thousands is read as titles and summaries only.
 */
function* liveArticles(state: BuildState, config: SiteConfig, limit: number, bare: boolean, offset = 0): Generator<{ article: Article; sizes: Record<string, number> }> {
  for (const { slug, files, model } of state.newest(limit, bare, offset)) yield { article: withSlug(model, slug, config), sizes: sizesOf(files) };
}

/**
 * The feeds' archive pages (RFC 5005): page k holds the k-th `feedLimit` articles counted from the oldest, so a
 * full page never changes when newer articles come; only full pages are archived (the newer ones are in the
 * current feed). A page is rendered, from whole models, only when its articles (their listings: slug, dates,
 * the seed's hash) or its place changed. Returns how many pages there are; none without a site URL, whose
 * links could not be given.
 */
async function writeFeedArchives(state: BuildState, config: SiteConfig, feeds: readonly CollectionFormat[],
  ctx: CollectionContext, put: (name: string, bytes: Uint8Array, pageKey: string) => void): Promise<number> {
  const size = config.feedLimit;
  const count = state.liveCount();
  const archives = config.url === null || feeds.length === 0 ? 0 : Math.floor(count / size);
  const pages = await Promise.all(feeds.map(async (f) => ({ f, render: await f.loadArchive!() })));
  // Newest first, the articles only the current feed holds come before page `archives`.
  const newer = count - archives * size;
  for (let k = archives; k >= 1; k--) {
    const offset = newer + (archives - k) * size;
    const listed = [...liveArticles(state, config, size, true, offset)].map((x) => x.article);
    const key = JSON.stringify([k, k < archives, listed]);
    let page: ReturnType<typeof newest> | null = null;
    for (const { f, render } of pages) {
      const name = feedArchivePath(f.name as 'rss' | 'jsonfeed', k);
      if (ctx.written!(name, key)) continue;
      // Whole models (content:encoded) and the files' sizes (the PDF enclosure), for this page only.
      page ??= newest(state, config, size, false, offset);
      put(name, render(page.articles, k, archives, { ...ctx, sizes: page.sizes }), key);
    }
    collectGarbage();
  }
  return archives;
}

/** The newest `limit` articles (-1: all), held together, with the sizes of their files. */
function newest(state: BuildState, config: SiteConfig, limit: number, bare: boolean, offset = 0) {
  const articles: Article[] = [];
  const sizes = new Map<string, Record<string, number>>();
  for (const { article, sizes: own } of liveArticles(state, config, limit, bare, offset)) {
    articles.push(article);
    sizes.set(article.slug, own);
  }
  return { articles, sizes };
}

/**
 * Every live article, as listed (without its body), a page at a time from the state's index: an archive of a
 * million articles is never held whole. `sizes` holds the sizes of the page being read.
 */
function listed(state: BuildState, config: SiteConfig): { articles: ArticlePages; sizes: Map<string, Record<string, number>> } {
  const sizes = new Map<string, Record<string, number>>();
  const count = state.liveCount();
  const articles: ArticlePages = {
    count,
    *pages(size) {
      let page: Article[] = [];
      let yielded = 0;
      const take = () => {
        yielded++;
        const full = page;
        page = [];
        return full;
      };
      for (const { article, sizes: own } of liveArticles(state, config, -1, true)) {
        if (page.length === 0) sizes.clear();
        page.push(article);
        sizes.set(article.slug, own);
        if (page.length === size) yield take();
      }
      if (page.length > 0 || yielded === 0) yield take();
      // A row the state could not give (damaged, warned about) leaves the count short: the pages it
      // announced are there all the same, so no page links one that does not exist.
      while (yielded < Math.ceil(count / size)) {
        sizes.clear();
        yield take();
      }
    },
  };
  return { articles, sizes };
}

/** True when `path` is a regular file (not a link) of exactly these bytes. Any fault is the write's to report. */
function holds(path: string, bytes: Uint8Array): boolean {
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    return st !== undefined && st.isFile() && st.size === bytes.byteLength && readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

function sizesOf(files: Record<string, FileRecord>): Record<string, number> {
  // A picture's renditions are the article's files too (they keep them in out/), but no format's.
  return Object.fromEntries(Object.entries(files).flatMap(([name, f]) => {
    const parsed = parseArticlePath(name);
    return parsed === null ? [] : [[parsed.format.name, f.size]];
  }));
}
