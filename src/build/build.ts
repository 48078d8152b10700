// The build: the only code that reads seeds and writes out/. Normalize every seed, render every format, write atomically.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Article } from '../model/article.js';
import { articleJsonSchema } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SeedError } from '../model/diagnostic.js';
import { parseArticlePath } from '../exporters/registry.js';
import type { CollectionFormat, Format } from '../exporters/registry.js';
import type { CollectionRender } from '../exporters/types.js';
import { CACHE_FILE, cacheKey, emptyManifest, fileRecord, inputKey, isCurrent, readManifest, sealEntry } from './state.js';
import type { CacheEntry, Manifest } from './state.js';
import { checkOutsideSeeds, displayPath, outputFault, seedsFault } from './fs-fault.js';
import { renderAll, startPool, WorkersUnavailable } from '../pool/pool.js';
import { nfc } from '../normalize/decode.js';
import { normalize, withSlug } from '../normalize/index.js';
import { uniqueSlug } from '../normalize/slug.js';
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
  /**
   * Aborting it stops the build between two files: no file is written after that, the build state records
   * what was finished, and build() rejects with the signal's reason.
   */
  signal?: AbortSignal;
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

/**
 * Build every *.txt in `seedsDir` into `outDir`. Never throws for a bad seed: it is reported and skipped.
 * Throws a FileSystemFault for a folder it cannot read or write, and the signal's reason when stopped.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { seedsDir, outDir, config, formats, signal } = options;
  const listed = listSeeds(seedsDir);
  checkOutsideSeeds(seedsDir, outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw outputFault(e, outDir);
  }
  // Each folder once per build: out/ itself now, an article page's folder when it is first written.
  const swept = new Set<string>();
  const sweep = (dir: string): void => {
    if (swept.has(dir)) return;
    swept.add(dir);
    try {
      removeStaleTempFiles(join(outDir, dir));
    } catch (e) {
      throw outputFault(e, join(outDir, dir));
    }
  };
  for (const dir of ['.', ...formats.flatMap((f) => (f.kind === 'collection' ? [dirname(f.fileName)] : []))]) sweep(dir);
  const seeds = listed.seeds.map((s) => s.name);
  const result: BuildResult = { seeds, built: [], rendered: 0, failed: [], diagnostics: [...listed.skipped] };
  const dates = gitDates(seedsDir);
  // A slug may not take the name of a whole-build file: an article must never overwrite a feed. (A
  // collection's further files are in folders of their own, page/2/..., which no article path reaches.)
  const taken = new Set<string>(formats.flatMap((c) => {
    const parsed = c.kind === 'collection' ? parseArticlePath(c.fileName) : null;
    return parsed === null ? [] : [parsed.slug];
  }));
  const loaded: Loaded[] = [];
  const { manifest, diagnostics: stateWarnings } = readManifest(outDir);
  result.diagnostics.push(...stateWarnings);
  const next = emptyManifest();
  const pause = breather(signal);

  const articleFormats = formats.filter((f) => f.kind === 'article').map((f) => f.name);
  // What an article's files depend on: a web page links the feeds and the home page only when they are written.
  const formatNames = formats.map((f) => f.name);
  const inputs: ({ bytes: Uint8Array; fallback: ReturnType<typeof fallbackDate>; sourcePath: string; input: string } | { error: unknown })[] = [];
  for (const { name: seed, path } of listed.seeds) {
    await pause();
    try {
      const bytes = readSeed(path);
      const fallback = fallbackDate(seedsDir, seed, dates);
      const sourcePath = `${basename(resolve(seedsDir))}/${seed}`;
      inputs.push({ bytes, fallback, sourcePath, input: inputKey(bytes, fallback, sourcePath, config) });
    } catch (error) {
      inputs.push({ error });
    }
  }
  // Seeds that changed since the last build will be rendered: when they are a batch, the pool's threads
  // start loading fonts and exporters now, while this thread normalizes.
  const changed = inputs.filter((x, i) => !('error' in x) && (options.force || manifest.entries[seeds[i]!]?.input !== x.input)).length;
  const pool = articleFormats.length > 0 ? startPool(changed, articleFormats, config) : null;

  const sizes = new Map<string, Record<string, number>>();
  const goodIndex: number[] = [];
  const perArticle: Diagnostic[][] = [];
  const todo: number[] = [];
  const keys: string[] = [];
  try {
    for (const [i, seed] of seeds.entries()) {
      await pause();
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
        const written = withSlug(article, slug, config);
        loaded.push({ seed, display, bytes, input, model: article, diagnostics, article: written });
        keys.push(cacheKey(written, config, formatNames));
        perArticle.push([]);
      } catch (e) {
        result.failed.push(seed);
        result.diagnostics.push(asDiagnostic(e, display));
      }
    }
    loaded.forEach((item, i) => {
      const entry = manifest.entries[item.seed];
      if (!options.force && isCurrent(entry, keys[i]!, outDir)) {
        perArticle[i]!.push(...entry.renderDiagnostics.map((d) => ({ ...d, file: item.display })));
        finish(i, entry.files);
      }
      else todo.push(i);
    });
  } catch (e) {
    await pool?.destroy(); // stopped before rendering: the threads must not outlive the build
    throw e;
  }
  let done = loaded.length - todo.length;

  function finish(i: number, files: CacheEntry['files']): void {
    const { article, seed, input, model, diagnostics } = loaded[i]!;
    next.entries[seed] = sealEntry({ input, model, diagnostics, key: keys[i]!, renderDiagnostics: perArticle[i]!, files });
    sizes.set(article.slug, Object.fromEntries(Object.entries(files).map(([name, f]) => [parseArticlePath(name)!.format.name, f.size])));
    goodIndex.push(i);
  }

  // Every write checks the signal first: once the build is stopped, not one more file changes.
  const write = (name: string, bytes: Uint8Array) => {
    signal?.throwIfAborted();
    // A folder of its own per article page: a killed build's temp files there go when the folder is next written.
    sweep(dirname(name));
    writeOut(outDir, name, bytes);
  };
  const writeState = () => writeOut(outDir, CACHE_FILE, new TextEncoder().encode(JSON.stringify(next) + '\n'));
  try {
    await renderAll(todo.map((i) => loaded[i]!.article), formatNames, config, async (j, rendered) => {
      const i = todo[j]!;
      const item = loaded[i]!;
      if (rendered instanceof Error) {
        result.failed.push(item.seed);
        perArticle[i]!.push(asDiagnostic(rendered, item.display));
      } else {
        perArticle[i]!.push(...rendered.diagnostics.map((d) => placeDiagnostic(d, item)));
        // Every file of the article was rendered before this point: a failure above leaves none of them.
        for (const f of rendered.files) write(f.name, f.bytes);
        result.rendered++;
        finish(i, Object.fromEntries(rendered.files.map((f) => [f.name, fileRecord(join(outDir, f.name))])));
      }
      options.onArticle?.(++done, loaded.length);
    }, pool, signal);
    for (const d of perArticle) result.diagnostics.push(...d);
    // Articles finish in any order; results and the feed's input follow seed order, so both are stable.
    goodIndex.sort((a, b) => a - b);
    const good: Article[] = goodIndex.map((i) => loaded[i]!.article);
    result.built.push(...goodIndex.map((i) => ({ seed: loaded[i]!.seed, slug: loaded[i]!.article.slug })));

    if (formats.some((f) => f.name === 'json')) {
      write(SCHEMA_FILE, new TextEncoder().encode(JSON.stringify(articleJsonSchema(), null, 2) + '\n'));
    }
    for (const f of formats.filter((x): x is CollectionFormat => x.kind === 'collection')) {
      const render: CollectionRender = await f.load();
      const out = await render(good, { config, sizes, formats: formatNames });
      result.diagnostics.push(...out.diagnostics);
      write(f.fileName, out.bytes);
      for (const more of out.more ?? []) write(more.name, more.bytes);
    }
  } catch (e) {
    if (e instanceof WorkersUnavailable) throw e; // handed to another process before anything was written
    // Stopped by a signal or a fault: record the articles that were finished, so the next build neither
    // renders them again nor loses track of the files they replaced. Best effort: a full disk may refuse it.
    settleState(outDir, seeds, manifest, next, formats, false);
    try {
      writeState();
    } catch {}
    throw e;
  }
  settleState(outDir, seeds, manifest, next, formats, true);
  writeState();
  if (config.url === null && formats.some((f) => f.kind === 'collection')) {
    result.diagnostics.push({ severity: 'warning', file: displayPath(outDir), line: null, column: null, rule: 'feed/no-site-url',
      message: 'no site URL: feed items have no links or enclosures; pass --site-url or set "url" in galley.config.json' });
  }
  return result;
}

/**
 * Complete the new build state: a seed that failed, or that a stopped build did not reach, keeps its entry
 * and its last good files. Then the outputs an earlier build wrote that no article owns now: a corrected
 * headline moves an article to a new slug, and the old files would otherwise stay published beside it.
 * A finished build (`remove`) deletes those of its formats; the others, and all of a stopped build's (the
 * feeds it did not rewrite still link them), are recorded for a later build to delete.
 */
function settleState(outDir: string, seeds: readonly string[], before: Manifest, after: Manifest, formats: readonly Format[], remove: boolean): void {
  for (const seed of seeds) {
    const entry = before.entries[seed];
    if (entry && !after.entries[seed]) after.entries[seed] = entry;
  }
  const owned = new Set(Object.values(after.entries).flatMap((e) => Object.keys(e.files)));
  const selected = new Set(formats.map((f) => f.name));
  const written = new Set([...Object.values(before.entries).flatMap((e) => Object.keys(e.files)), ...before.orphans]);
  for (const name of written) {
    if (owned.has(name)) continue;
    if (remove && selected.has(parseArticlePath(name)?.format.name ?? '')) removeOutput(outDir, name);
    else after.orphans.push(name);
  }
}

/**
 * Delete out/<name>: a file, or a symlink put in its place (the link, never what it points to); then the
 * folders it leaves empty (an old slug's `articles/<slug>/`), up to out/ itself.
 */
function removeOutput(outDir: string, name: string): void {
  const path = join(outDir, name);
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st !== undefined && !st.isDirectory()) unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw outputFault(e, path);
  }
  for (let dir = dirname(name); dir !== '.'; dir = dirname(dir)) {
    try {
      rmdirSync(join(outDir, dir));
    } catch {
      return; // not empty (another build's temp file, a user's file), or gone: either way, left as it is
    }
  }
}

/** A writer knows the text it lost, not the line: find that text in the seed. */
function placeDiagnostic(d: Diagnostic, item: Loaded): Diagnostic {
  const placed = { ...d, file: item.display };
  if (d.line !== null || !d.excerpt) return placed;
  const lines = seedLines(item);
  const index = lines.findIndex((l) => l.includes(d.excerpt!));
  if (index < 0) return placed;
  const column = [...lines[index]!.slice(0, lines[index]!.indexOf(d.excerpt))].length + 1;
  return { ...placed, line: index + 1, column };
}

// A seed's lines in NFC, as the writers saw its text: made once per seed, however many diagnostics it has
// (a line of a thousand characters no font has gives a thousand), with the normalizer's linear NFC.
const linesOf = new WeakMap<Loaded, string[]>();

function seedLines(item: Loaded): string[] {
  let lines = linesOf.get(item);
  if (lines === undefined) {
    lines = new TextDecoder().decode(item.bytes).split(/\r\n|\r|\n/).map(nfc);
    linesOf.set(item, lines);
  }
  return lines;
}

function writeOut(outDir: string, name: string, bytes: Uint8Array): void {
  const root = resolve(outDir);
  const target = resolve(root, name);
  // Slugs are [a-z0-9-] by schema; this guard keeps the promise that nothing lands outside out/ whatever names a format uses.
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write "${name}" outside ${outDir}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, bytes);
  } catch (e) {
    throw outputFault(e, target);
  }
}

interface SeedFile {
  name: string;
  /** The file to read: the seed itself, or the regular file its symlink points to. */
  path: string;
}

/**
 * The *.txt seeds of `seedsDir` in code-unit order (the same on every machine and locale, so -2 suffixes
 * never move), and a warning naming each *.txt that is not read: a symlink is followed only to a regular
 * file inside the seeds folder, so a seed folder from elsewhere cannot publish /etc/passwd.
 */
function listSeeds(seedsDir: string): { seeds: SeedFile[]; skipped: Diagnostic[] } {
  let entries: Dirent[];
  let root: string;
  try {
    entries = readdirSync(seedsDir, { withFileTypes: true });
    root = realpathSync(seedsDir);
  } catch (e) {
    throw seedsFault(e, seedsDir);
  }
  const seeds: SeedFile[] = [];
  const skipped: Diagnostic[] = [];
  for (const e of entries.filter((x) => x.name.endsWith('.txt')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(seedsDir, e.name);
    const skip = (why: string) => skipped.push({ severity: 'warning', file: displayPath(path), line: null, column: null,
      rule: 'seed/skipped', message: `skipped: ${why}` });
    if (e.isFile()) {
      seeds.push({ name: e.name, path });
    } else if (!e.isSymbolicLink()) {
      skip(`${kindOf(e)}, not a file`);
    } else {
      let target: string;
      let st: Stats;
      try {
        target = realpathSync(path);
        st = statSync(target);
      } catch {
        skip('a symbolic link to nothing');
        continue;
      }
      if (!target.startsWith(root + sep)) skip(`a symbolic link to ${displayPath(target)}, outside the seeds folder`);
      else if (!st.isFile()) skip(`a symbolic link to ${kindOf(st)}`);
      else seeds.push({ name: e.name, path: target });
    }
  }
  return { seeds, skipped };
}

function kindOf(x: Dirent | Stats): string {
  if (x.isDirectory()) return 'a folder';
  if (x.isFIFO()) return 'a FIFO';
  if (x.isSocket()) return 'a socket';
  if (x.isBlockDevice() || x.isCharacterDevice()) return 'a device';
  return 'a special file';
}

/**
 * Read a seed the listing found. No following a symlink and no blocking: a file swapped for a link or a
 * FIFO since the listing fails here, as its own seed's error, instead of being read or hanging the build.
 */
function readSeed(path: string): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${displayPath(path)} is no longer a regular file`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Give the event loop a turn every 50 ms of a long synchronous stretch, so a stop signal is handled within it. */
function breather(signal: AbortSignal | undefined): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last >= 50) {
      await new Promise((done) => setImmediate(done));
      last = performance.now();
    }
    signal?.throwIfAborted();
  };
}

function asDiagnostic(e: unknown, file: string): Diagnostic {
  if (e instanceof SeedError) return e.diagnostic;
  const message = e instanceof Error ? e.message : String(e);
  return { severity: 'error', file, line: null, column: null, rule: 'build/failed', message };
}

