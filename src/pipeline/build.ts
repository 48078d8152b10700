// The build: the only code that reads seeds and writes out/. Each seed in order is found current from the
// build state or normalized and rendered, in batches committed to the state; then the collections and the
// removal of files no article owns any more. Memory holds one batch of models, never all of them.
import { basename, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Article } from '../model/article.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SeedError } from '../model/diagnostic.js';
import { checkOutsideSeeds, displayPath, outputFault } from './fs-fault.js';
import { renderAll, startPool, WorkersUnavailable } from '../render/pool.js';
import type { Pool } from '../render/pool.js';
import type { RenderedArticle } from '../render/article.js';
import { normalize, pictureRefs, withSlug } from '../normalize/index.js';
import { uniqueSlug } from '../normalize/slug.js';
import { contextKey, inputKey, modelContext, outputKey } from './cache-keys.js';
import { reservedSlugs } from './collections.js';
import { writeSiteFiles } from './site-files.js';
import { fallbackDate, gitDates } from './seed-date.js';
import type { FallbackDate } from './seed-date.js';
import { filesCurrent, fileRecord, outputWriter, sweeper } from './outputs.js';
import { placeDiagnostic } from './place-diagnostic.js';
import { listSeeds, readSeed, seedStat } from './seeds.js';
import { depsCurrent, PictureReader } from './pictures.js';
import type { SeedPictures } from './pictures.js';
import { makeRenditions, namesPictures, PICTURE_WEIGHT, pictureBytes, pictureJobs, renditionsOf } from './renditions.js';
import type { SeedFile } from './seeds.js';
import { collectGarbage } from './memory.js';
import { modelTexts, rowOf, seal } from './state/rows.js';
import { dropRowsBut, removeUnowned } from './prune.js';
import { damageWarning, holdState, removeState } from './state/open.js';
import { isDamage } from './state/faults.js';
import { inShard, shardStateName } from './shards/shard.js';
import type { BuildState, SeedRow } from './state/state.js';

export type { BuildOptions, BuildResult } from './build-types.js';
import type { BuildOptions, BuildResult } from './build-types.js';

/**
 * Seeds planned, rendered and committed to the state together: a kill -9 loses at most one batch's work, and
 * memory holds one batch's models. GALLEY_BATCH overrides it (the crash tests kill a build between batches).
 */
function batchSize(): number {
  const set = Number(process.env.GALLEY_BATCH);
  return Number.isInteger(set) && set > 0 ? set : 256;
}

/** One build under way: its options, its hold on the state, and what it has found so far. */
interface Run {
  options: BuildOptions;
  formatNames: string[];
  seeds: SeedFile[];
  state: BuildState;
  result: BuildResult;
  context: string;
  dates: Map<string, string>;
  taken: Set<string>;
  /** Files an article owned before this build rewrote it; deleted at the end unless some article owns them now. */
  replaced: Set<string>;
  /** Each seed's fallback date, model context and stat, by its index, once found (see statOf). */
  stats: ({ fallback: FallbackDate; context: string; stat: string } | undefined)[];
  /** Every built article's row hash, in seed order: equal to the last build's, the collections are current. */
  built: Hash;
  /** Every seed that took a slug, with it, in seed order: what a shard records for collect to compare. */
  slugs: Hash;
  write: (name: string, bytes: Uint8Array) => void;
  pause: () => Promise<void>;
  /** Every picture the seeds name, read once a build. */
  pictures: PictureReader;
  /** The renditions made by this build: current for every later article that shows them. */
  made: Set<string>;
}

/** A seed whose outputs are not current: its article, and all the row needs once it is rendered. */
interface Planned {
  seed: string;
  path: string;
  display: string;
  bytes: Uint8Array | null;
  stat: string;
  input: string;
  model: Article;
  diagnostics: Diagnostic[];
  article: Article;
  key: string;
  row: SeedRow | undefined;
  /** The seed's pictures, read (once) where the build must make any of their renditions. */
  pictures: () => Promise<SeedPictures>;
}

/**
 * Build every *.txt in `seedsDir` into `outDir`. Never throws for a bad seed: it is reported and skipped.
 * Throws a FileSystemFault for a folder it cannot read or write, and the signal's reason when stopped.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  try {
    return await buildOnce(options, []);
  } catch (e) {
    // Once: a state that fails again on its fresh start is no longer a damaged file.
    if (!(e instanceof StateDamaged)) throw e;
    const result = await buildOnce(options, e.warnings);
    // The second run may find again what the first warned about (a forged model it now makes anew).
    const said = new Set<string>();
    result.diagnostics = result.diagnostics.filter((d) => {
      if (d.rule !== 'cache/ignored') return true;
      const key = `${d.file}\0${d.message}`;
      return !said.has(key) && said.add(key) !== undefined;
    });
    return result;
  }
}

/**
 * The state was found damaged while it was read (SQLite's own faults, or live articles a list had to leave
 * out): what could not be trusted is gone from it, and the build runs again from what is left.
 */
class StateDamaged extends Error {
  constructor(readonly warnings: Diagnostic[]) {
    super('the build state is damaged');
  }
}

async function buildOnce(options: BuildOptions, warnings: readonly Diagnostic[]): Promise<BuildResult> {
  const run = await startRun(options, warnings);
  // The second run carries the first's warnings (never none: damage is always warned about); it tries no third.
  const first = warnings.length === 0;
  try {
    const pool = startPoolFor(run);
    await renderAndWrite(run, pool);
    dropRowsBut(run.state, new Set(run.result.seeds), run.replaced);
    // What every row is now current with: the next build's pool estimate, and collect's check that every
    // shard built alike.
    run.state.setMeta('context', run.context);
    // Shards that read different seeds (one added between two shards' runs) would give two articles one slug.
    if (options.shard !== undefined) run.state.setMeta('seeds', run.slugs.digest('hex'));
    if (options.shard === undefined) {
      await writeSiteFiles(run.state, options, run.write, run.context, run.built.digest('hex'), run.result.diagnostics);
    }
    const lost = run.state.lost();
    if (lost.length > 0 && first) run.state.transaction(() => lost.forEach((seed) => run.state.invalidate(seed)));
    // A shard deletes nothing: a file its article left may be another shard's article's now.
    removeUnowned(run.state, options.outDir, run.formatNames, run.replaced, options.shard === undefined);
    if (lost.length > 0 && first) throw new StateDamaged(cacheWarnings(run));
  } catch (e) {
    if (e instanceof StateDamaged) throw e;
    if (isDamage(e) && first) {
      run.state.close();
      removeState(options.outDir, options.shard && shardStateName(options.shard));
      throw new StateDamaged([...cacheWarnings(run), damageWarning(run.state.file, e)]);
    }
    // The state warnings: a damaged state file is replaced, a damaged row rewritten, before the process
    // that takes the build over opens it; it would have nothing left to warn about.
    if (e instanceof WorkersUnavailable) e.diagnostics = cacheWarnings(run);
    else {
      // Stopped by a signal or a fault: the finished batches are committed; the files replaced so far are
      // recorded for a later build to delete. Best effort: a full disk may refuse it.
      try {
        dropRowsBut(run.state, new Set(run.result.seeds), run.replaced);
        removeUnowned(run.state, options.outDir, run.formatNames, run.replaced, false);
      } catch {}
    }
    throw e;
  } finally {
    run.state.close();
  }
  if (options.config.url === null && options.shard === undefined && options.formats.some((f) => f.kind === 'collection')) {
    run.result.diagnostics.push({ severity: 'warning', file: displayPath(options.outDir), line: null, column: null, rule: 'feed/no-site-url',
      message: 'no site URL: feed items have no links or enclosures; pass --site-url or set "url" in galley.config.json' });
  }
  return run.result;
}

const cacheWarnings = (run: Run): Diagnostic[] => run.result.diagnostics.filter((d) => d.rule === 'cache/ignored');

/**
 * List the seeds, make out/ and take its build state (waiting for another build that holds it). `warnings`
 * are the state's, from a first run that found it damaged.
 */
async function startRun(options: BuildOptions, warnings: readonly Diagnostic[]): Promise<Run> {
  const { seedsDir, outDir, config, formats, signal } = options;
  const listed = listSeeds(seedsDir);
  checkOutsideSeeds(seedsDir, outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw outputFault(e, outDir);
  }
  const result: BuildResult = { seeds: listed.seeds.map((s) => s.name), built: [], rendered: 0, failed: [], diagnostics: [...listed.skipped, ...warnings] };
  const state = await holdState(outDir, options, result.diagnostics, options.shard && shardStateName(options.shard));
  const sweep = sweeper(outDir);
  for (const f of formats) if (f.kind === 'collection') sweep(join(f.fileName, '..'));
  sweep('.');
  const formatNames = formats.map((f) => f.name);
  return {
    options, formatNames, state, seeds: listed.seeds,
    result,
    context: contextKey(config, formatNames),
    dates: gitDates(seedsDir),
    taken: reservedSlugs(formats),
    replaced: new Set(),
    stats: [],
    built: createHash('sha256'),
    slugs: createHash('sha256'),
    write: outputWriter(outDir, signal, sweep),
    pause: breather(signal),
    pictures: new PictureReader(seedsDir),
    made: new Set(),
  };
}

/**
 * Start the worker pool when many seeds changed since the last build, before any is read: its threads load
 * fonts and exporters while this thread normalizes. A stat per seed, nothing read or parsed. Every seed
 * counts as changed when the last build that finished had another context (Galley's code, the config or
 * the formats): then every article is rendered again.
 */
function startPoolFor(run: Run): Pool | null {
  if (articleFormats(run).length === 0) return null;
  const all = run.options.force || run.state.meta('context') !== run.context;
  let changed = 0;
  const recorded = run.state.stats();
  for (const [i, seed] of run.seeds.entries()) {
    if (run.options.shard !== undefined && !inShard(seed.name, run.options.shard)) continue;
    if (all || String(recorded.get(seed.name)).split('\n')[0] !== statOf(run, i)) changed++;
  }
  return startPool(changed, articleFormats(run), run.options.config);
}

const articleFormats = (run: Run) => run.options.formats.filter((f) => f.kind === 'article').map((f) => f.name);

/**
 * The seed's date for want of one (see seed-date.ts), what else its model depends on and its stat, found once
 * per build: by the pool's estimate, then by the seed's plan. Undefined when the seed cannot be stat'ed: its
 * read reports why.
 */
function statOf(run: Run, i: number): string | undefined {
  if (!(i in run.stats)) {
    const seed = run.seeds[i]!;
    try {
      const { seedsDir, config } = run.options;
      const fallback = fallbackDate(seedsDir, seed.name, run.dates);
      const context = modelContext(config, fallback, sourcePathOf(seedsDir, seed.name));
      run.stats[i] = { fallback, context, stat: seedStat(seed.path, context) ?? '' };
    } catch {
      run.stats[i] = undefined;
    }
  }
  return run.stats[i]?.stat;
}

/**
 * Every seed in order, a batch at a time: planned, the batch's changed articles rendered and written,
 * committed. A batch that turns out to need the pool (outputs deleted behind the state's back: no stat
 * told) starts it, and it serves every later batch too.
 */
async function renderAndWrite(run: Run, started: Pool | null): Promise<void> {
  let pool = started;
  let done = 0;
  // Progress counts the seeds that build, and is reported as articles are rendered: a current one only
  // moves the count, and a failed one leaves the total, as it leaves the results.
  const progress = () => run.options.onArticle?.(++done, run.seeds.length - run.result.failed.length);
  try {
    const BATCH = batchSize();
    for (let start = 0; start < run.seeds.length; start += BATCH) {
      const commits: (() => void)[] = [];
      const todo: Planned[] = [];
      const built: { seed: string; slug: string; hash: string }[] = [];
      try {
        for (let index = start; index < Math.min(start + BATCH, run.seeds.length); index++) {
          await run.pause();
          const planned = await planSeed(run, index, commits, built);
          if (planned === 'current' || planned === 'foreign') done++;
          else if (planned !== 'failed') todo.push(planned);
        }
        const jobs = pictureJobs(run, todo);
        pool ??= todo.length > 0 ? startPool(todo.length + PICTURE_WEIGHT * jobs.size, articleFormats(run), run.options.config) : null;
        const failed = await makeRenditions(run, todo, jobs, pool, commits);
        const ready = todo.filter((p, i) => {
          const why = failed.get(i);
          if (why !== undefined) fail(run, p.seed, why, p.row, commits);
          return why === undefined;
        });
        await renderAll(ready.map((p) => p.article), run.formatNames, run.options.config, (a) => pictureBytes(run, a), (i, rendered) => {
          if (finishRender(run, ready[i]!, rendered, commits, built)) progress();
        }, pool, run.options.signal);
      } finally {
        // What was finished is committed even when the batch was stopped part-way.
        run.state.transaction(() => commits.forEach((c) => c()));
        collectGarbage();
        // Articles finish in any order; results and the collections' input follow seed order.
        const order = new Map(run.seeds.slice(start, start + BATCH).map((s, i) => [s.name, i]));
        built.sort((a, b) => order.get(a.seed)! - order.get(b.seed)!);
        for (const b of built) {
          run.result.built.push({ seed: b.seed, slug: b.slug });
          run.built.update(b.hash);
        }
      }
    }
  } finally {
    // Terminated already when a batch failed or was stopped; a second destroy only waits for the first. A
    // thread's late result during the destroy is an 'error' event piscina throws when nothing listens.
    pool?.on('error', () => {});
    await pool?.destroy().catch(() => {});
  }
}

/**
 * Decide one seed: current (its row, its outputs on disk, nothing read when its stat is unchanged), failed,
 * or to render (its plan returned). Rows to write are queued on `commits`.
 */
async function planSeed(run: Run, index: number, commits: (() => void)[], built: { seed: string; slug: string; hash: string }[]): Promise<Planned | 'current' | 'failed' | 'foreign'> {
  const { seedsDir, config, force, shard } = run.options;
  const seed = run.seeds[index]!;
  // Another shard's seed is read for its slug only; that shard reports its warnings and errors.
  const mine = shard === undefined || inShard(seed.name, shard);
  const display = displayPath(join(seedsDir, seed.name));
  const row = run.state.row(seed.name);
  const reuse = force ? undefined : row;
  try {
    const seedStat = statOf(run, index) ?? '';
    const fallback = run.stats[index]?.fallback ?? fallbackDate(seedsDir, seed.name, run.dates); // throws why it cannot
    const sourcePath = sourcePathOf(seedsDir, seed.name);
    let bytes: Uint8Array | null = null;
    let read: SeedPictures | undefined;
    const pictures = async (): Promise<SeedPictures> => {
      bytes ??= readSeed(seed.path);
      return (read ??= await run.pictures.read(seed.path, display, namesPictures(bytes) ? pictureRefs(bytes, display) : []));
    };
    // The recorded stat: the seed's, and each picture's it names; all equal, nothing is read.
    let stat = seedStat;
    let input: string;
    let model: Article | undefined;
    let diagnostics: Diagnostic[];
    if (reuse !== undefined && sameStat(reuse.stat, seedStat)) {
      input = reuse.input;
      stat = reuse.stat;
    } else {
      const { deps, key } = await pictures();
      stat = deps === '' ? seedStat : `${seedStat}\n${deps}`;
      input = inputKey(bytes!, (run.stats[index]?.context ?? modelContext(config, fallback, sourcePath)) + key);
    }
    const renormalize = async () => {
      // Pictures first: reading them reads the seed's bytes.
      const { lookup } = await pictures();
      return normalize(bytes!, display, { config, fallbackDate: fallback, sourcePath, pictures: lookup });
    };
    if (reuse !== undefined && reuse.input === input) {
      diagnostics = reuse.diagnostics.map((d) => ({ ...d, file: display }));
    } else {
      ({ article: model, diagnostics } = await renormalize());
    }
    if (mine) run.result.diagnostics.push(...diagnostics);
    const baseSlug = model?.slug ?? reuse!.baseSlug;
    const slug = uniqueSlug(baseSlug, run.taken);
    run.slugs.update(`${JSON.stringify([seed.name, slug])}\n`);
    if (!mine) {
      if (model !== undefined) {
        const texts = modelTexts(model);
        const row = rowOf(seed.name, stat, input, model, withSlug(model, slug, config), '', false, diagnostics, [], {}, texts);
        commits.push(() => run.state.put(row, texts.model, texts.listing));
      } else if (reuse!.stat !== stat) commits.push(() => run.state.update({ ...reuse!, stat }));
      return 'foreign';
    }
    if (slug !== baseSlug) {
      run.result.diagnostics.push({ severity: 'warning', file: display, line: null, column: null, rule: 'slug/duplicate',
        message: `slug "${baseSlug}" is taken by an earlier seed; this article is written as "${slug}"` });
    }
    const key = outputKey(run.context, input, slug);
    if (model === undefined && reuse!.key === key && filesCurrent(run.options.outDir, reuse!.files)) {
      run.result.diagnostics.push(...reuse!.renderDiagnostics.map((d) => ({ ...d, file: display })));
      const current = { ...reuse!, stat, live: true };
      if (reuse!.stat !== stat || !reuse!.live) commits.push(() => run.state.update(current));
      built.push({ seed: seed.name, slug, hash: seal(current) });
      return 'current';
    }
    if (model === undefined) {
      model = run.state.model(reuse!);
      if (model === undefined) ({ article: model } = await renormalize());
    }
    return { seed: seed.name, path: seed.path, display, bytes, stat, input, model, diagnostics, article: withSlug(model, slug, config), key, row, pictures };
  } catch (e) {
    if (!mine) return 'foreign';
    fail(run, seed.name, asDiagnostic(e, display), row, commits);
    return 'failed';
  }
}

/** True when the seed's recorded stat (its own, and its pictures') is still the seed's and its pictures' now. */
function sameStat(recorded: string, seedStat: string): boolean {
  const nl = recorded.indexOf('\n');
  return nl < 0 ? recorded === seedStat : recorded.slice(0, nl) === seedStat && depsCurrent(recorded.slice(nl + 1));
}

/** The seed as the model names it: the seeds folder's own name and the file's. */
const sourcePathOf = (seedsDir: string, name: string): string => `${basename(resolve(seedsDir))}/${name}`;

/** A seed that failed keeps its row and its last good files, but is no longer in the collections. */
function fail(run: Run, seed: string, diagnostic: Diagnostic, row: SeedRow | undefined, commits: (() => void)[]): void {
  run.result.failed.push(seed);
  run.result.diagnostics.push(diagnostic);
  if (row?.live) commits.push(() => run.state.update({ ...row, live: false }));
}

/** Write a rendered article's files and queue its row; or record its failure. */
function finishRender(run: Run, item: Planned, rendered: RenderedArticle | Error, commits: (() => void)[], built: { seed: string; slug: string; hash: string }[]): boolean {
  if (rendered instanceof Error) {
    fail(run, item.seed, asDiagnostic(rendered, item.display), item.row, commits);
    return false;
  }
  const lines = () => (item.bytes ??= readSeed(item.path));
  const renderDiagnostics = rendered.diagnostics.map((d) => placeDiagnostic(d, item.display, lines));
  run.result.diagnostics.push(...renderDiagnostics);
  // Every file of the article was rendered before this point: a failure above leaves none of them.
  for (const f of rendered.files) run.write(f.name, f.bytes);
  run.result.rendered++;
  const names = [...rendered.files.map((f) => f.name), ...renditionsOf(item.article).map((r) => r.src)];
  const files = Object.fromEntries(names.map((name) => [name, fileRecord(join(run.options.outDir, name))]));
  for (const old of Object.keys(item.row?.files ?? {})) if (!(old in files)) run.replaced.add(old);
  const texts = modelTexts(item.model);
  const row = rowOf(item.seed, item.stat, item.input, item.model, item.article, item.key, true, item.diagnostics, renderDiagnostics, files, texts);
  commits.push(() => run.state.put(row, texts.model, texts.listing));
  built.push({ seed: item.seed, slug: item.article.slug, hash: seal(row) });
  return true;
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
