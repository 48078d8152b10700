// The build: the only code that reads seeds and writes out/. Normalize every seed, render every format, write atomically.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Article } from './model/article.js';
import { articleJsonSchema } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import type { Diagnostic } from './model/diagnostic.js';
import { SeedError } from './model/diagnostic.js';
import { FORMATS } from './exporters/registry.js';
import type { ArticleFormat, CollectionFormat, Format } from './exporters/registry.js';
import type { CollectionRender } from './exporters/types.js';
import { CACHE_FILE, cacheKey, fileRecord, inputKey, isCurrent, readManifest } from './build-cache.js';
import type { CacheEntry, Manifest } from './build-cache.js';
import { renderAll, startPool } from './render-pool.js';
import { normalize, withSlug } from './normalize/index.js';
import { uniqueSlug } from './normalize/slug.js';
import { fallbackDate, gitDates } from './seed-date.js';
import { removeStaleTempFiles, writeFileAtomic } from './write-atomic.js';

export const SCHEMA_FILE = 'article.schema.json';

export interface BuildOptions {
  seedsDir: string;
  outDir: string;
  config: SiteConfig;
  formats: readonly Format[];
  /** Rebuild every article even where the cache says its outputs are current. */
  force?: boolean;
  /** Called after each article, for progress. */
  onArticle?: (done: number, total: number) => void;
}

export interface BuildResult {
  /** Seeds read, in build order. */
  seeds: string[];
  built: { seed: string; slug: string }[];
  /** How many of the built articles were rendered now rather than found current in the cache. */
  rendered: number;
  failed: string[];
  /** Every warning and error, in seed order; the CLI prints them. */
  diagnostics: Diagnostic[];
}

interface Loaded {
  seed: string;
  display: string;
  bytes: Uint8Array;
  input: string;
  /** As normalized, before the slug was made unique; `article` is the one the build writes. */
  model: Article;
  diagnostics: Diagnostic[];
  article: Article;
}

/** Build every *.txt in `seedsDir` into `outDir`. Never throws for a bad seed: it is reported and skipped. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { seedsDir, outDir, config, formats } = options;
  const seeds = readdirSync(seedsDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => e.name)
    .sort(); // code-unit order: the same on every machine and locale, so -2 suffixes never move
  mkdirSync(outDir, { recursive: true });
  removeStaleTempFiles(outDir);
  const result: BuildResult = { seeds, built: [], rendered: 0, failed: [], diagnostics: [] };
  const dates = gitDates(seedsDir);
  // A slug may not take the name of a whole-build file: an article must never overwrite a feed.
  const taken = new Set<string>(formats.flatMap((c) => (c.kind !== 'collection' ? [] : FORMATS
    .filter((a): a is ArticleFormat => a.kind === 'article' && c.fileName.endsWith(`.${a.extension}`))
    .map((a) => c.fileName.slice(0, -(a.extension.length + 1))))));
  const loaded: Loaded[] = [];
  const manifest = readManifest(outDir);
  const next: Manifest = { version: manifest.version, entries: {} };

  const articleFormats = formats.filter((f) => f.kind === 'article').map((f) => f.name);
  const inputs = seeds.map((seed) => {
    try {
      const bytes = readFileSync(join(seedsDir, seed));
      const fallback = fallbackDate(seedsDir, seed, dates);
      const sourcePath = `${basename(resolve(seedsDir))}/${seed}`;
      return { bytes, fallback, sourcePath, input: inputKey(bytes, fallback, sourcePath, config) };
    } catch (error) {
      return { error };
    }
  });
  // Seeds that changed since the last build will be rendered: when they are a batch, the pool's threads
  // start loading fonts and exporters now, while this thread normalizes.
  const changed = inputs.filter((x, i) => !('error' in x) && (options.force || manifest.entries[seeds[i]!]?.input !== x.input)).length;
  const pool = articleFormats.length > 0 ? startPool(changed, articleFormats, config) : null;

  for (const [i, seed] of seeds.entries()) {
    const display = displayPath(join(seedsDir, seed));
    try {
      const read = inputs[i]!;
      if ('error' in read) throw read.error;
      const { bytes, fallback, sourcePath, input } = read;
      const cached = manifest.entries[seed];
      const { article, diagnostics } = !options.force && cached?.input === input
        ? { article: cached.model, diagnostics: cached.diagnostics.map((d) => ({ ...d, file: display })) }
        : normalize(bytes, display, { config, fallbackDate: fallback, sourcePath });
      result.diagnostics.push(...diagnostics);
      const slug = uniqueSlug(article.slug, taken);
      if (slug !== article.slug) {
        result.diagnostics.push({ severity: 'warning', file: display, line: null, column: null, rule: 'slug/duplicate',
          message: `slug "${article.slug}" is taken by an earlier seed; this article is written as "${slug}"` });
      }
      loaded.push({ seed, display, bytes, input, model: article, diagnostics, article: withSlug(article, slug, config) });
    } catch (e) {
      result.failed.push(seed);
      result.diagnostics.push(asDiagnostic(e, display));
    }
  }

  const sizes = new Map<string, Record<string, number>>();
  const goodIndex: number[] = [];
  const perArticle: Diagnostic[][] = loaded.map(() => []);
  const todo: number[] = [];
  const keys = loaded.map((item) => cacheKey(item.article, config, articleFormats));
  loaded.forEach((item, i) => {
    const entry = manifest.entries[item.seed];
    if (!options.force && isCurrent(entry, keys[i]!, outDir)) {
      perArticle[i]!.push(...entry.renderDiagnostics.map((d) => ({ ...d, file: item.display })));
      finish(i, entry.files);
    }
    else todo.push(i);
  });
  let done = loaded.length - todo.length;

  function finish(i: number, files: CacheEntry['files']): void {
    const { article, seed, input, model, diagnostics } = loaded[i]!;
    next.entries[seed] = { input, model, diagnostics, key: keys[i]!, renderDiagnostics: perArticle[i]!, files };
    sizes.set(article.slug, Object.fromEntries(Object.entries(files).map(([name, f]) => [name.slice(article.slug.length + 1), f.size])));
    goodIndex.push(i);
  }

  await renderAll(todo.map((i) => loaded[i]!.article), articleFormats, config, async (j, rendered) => {
    const i = todo[j]!;
    const item = loaded[i]!;
    if (rendered instanceof Error) {
      result.failed.push(item.seed);
      perArticle[i]!.push(asDiagnostic(rendered, item.display));
    } else {
      perArticle[i]!.push(...rendered.diagnostics.map((d) => placeDiagnostic(d, item)));
      // Every file of the article was rendered before this point: a failure above leaves none of them.
      for (const f of rendered.files) writeOut(outDir, f.name, f.bytes);
      result.rendered++;
      finish(i, Object.fromEntries(rendered.files.map((f) => [f.name, fileRecord(join(outDir, f.name))])));
    }
    options.onArticle?.(++done, loaded.length);
  }, pool);
  for (const d of perArticle) result.diagnostics.push(...d);
  // Articles finish in any order; results and the feed's input follow seed order, so both are stable.
  goodIndex.sort((a, b) => a - b);
  const good: Article[] = goodIndex.map((i) => loaded[i]!.article);
  result.built.push(...goodIndex.map((i) => ({ seed: loaded[i]!.seed, slug: loaded[i]!.article.slug })));

  if (formats.some((f) => f.name === 'json')) {
    writeOut(outDir, SCHEMA_FILE, new TextEncoder().encode(JSON.stringify(articleJsonSchema(), null, 2) + '\n'));
  }
  for (const f of formats.filter((x): x is CollectionFormat => x.kind === 'collection')) {
    const render: CollectionRender = await f.load();
    const out = await render(good, { config, sizes });
    result.diagnostics.push(...out.diagnostics);
    writeOut(outDir, f.fileName, out.bytes);
  }
  removeOrphans(outDir, manifest, next, result.failed, formats);
  writeOut(outDir, CACHE_FILE, new TextEncoder().encode(JSON.stringify(next) + '\n'));
  if (config.url === null && formats.some((f) => f.kind === 'collection')) {
    result.diagnostics.push({ severity: 'warning', file: displayPath(outDir), line: null, column: null, rule: 'feed/no-site-url',
      message: 'no site URL: feed items have no links or enclosures; pass --site-url or set "url" in galley.config.json' });
  }
  return result;
}

/**
 * Delete the outputs an earlier build wrote that no article owns now: a corrected headline moves an article
 * to a new slug, and the old files would otherwise stay published beside it. Only files the manifest says
 * Galley wrote, only in the formats of this build; a seed that failed keeps its last good files.
 */
function removeOrphans(outDir: string, before: Manifest, after: Manifest, failed: readonly string[], formats: readonly Format[]): void {
  for (const seed of failed) {
    const entry = before.entries[seed];
    if (entry && !after.entries[seed]) after.entries[seed] = entry;
  }
  const owned = new Set(Object.values(after.entries).flatMap((e) => Object.keys(e.files)));
  const extensions = new Set(formats.flatMap((f) => (f.kind === 'article' ? [`.${f.extension}`] : [])));
  for (const entry of Object.values(before.entries)) {
    for (const name of Object.keys(entry.files)) {
      if (!owned.has(name) && extensions.has(name.slice(name.lastIndexOf('.')))) rmSync(join(outDir, name), { force: true });
    }
  }
}

/** A writer knows the text it lost, not the line: find that text in the seed. */
function placeDiagnostic(d: Diagnostic, item: Loaded): Diagnostic {
  const placed = { ...d, file: item.display };
  if (d.line !== null || !d.excerpt) return placed;
  const lines = new TextDecoder().decode(item.bytes).split(/\r\n|\r|\n/);
  const index = lines.findIndex((l) => l.normalize('NFC').includes(d.excerpt!));
  if (index < 0) return placed;
  const column = [...lines[index]!.normalize('NFC').slice(0, lines[index]!.normalize('NFC').indexOf(d.excerpt))].length + 1;
  return { ...placed, line: index + 1, column };
}

function writeOut(outDir: string, name: string, bytes: Uint8Array): void {
  const root = resolve(outDir);
  const target = resolve(root, name);
  // Slugs are [a-z0-9-] by schema; this guard keeps the promise that nothing lands outside out/ whatever names a format uses.
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write "${name}" outside ${outDir}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileAtomic(target, bytes);
}

function asDiagnostic(e: unknown, file: string): Diagnostic {
  if (e instanceof SeedError) return e.toDiagnostic();
  const message = e instanceof Error ? e.message : String(e);
  return { severity: 'error', file, line: null, column: null, rule: 'build/failed', message };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel === '' || rel.startsWith('..') ? path : rel).split(sep).join('/');
}
