// Render many articles: in this thread for a few, on a piscina worker pool (every core) for a batch.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { renderArticle } from './article.js';
import { encodePicture } from './pictures.js';
import type { EncodedRendition, EncodeTask } from './pictures.js';
import type { PictureFile } from '../model/picture.js';
import type { RenderedArticle } from './article.js';
import type { RenderTask, WorkerData } from './worker.js';

/**
 * Below this many articles to render, the pool costs more than it saves: its threads take ~3 s to load
 * and warm up on 2 cores, while the main thread, started from the snapshot, renders at once. Measured
 * (npm run bench machine): 100 articles 4.6 s in the thread vs 6.7 s pooled, 300 articles 12.4 vs 11.9 s.
 * GALLEY_POOL_MIN overrides it (the tests use it to run the pool on a small corpus).
 */
function poolThreshold(): number {
  const set = Number(process.env.GALLEY_POOL_MIN);
  return Number.isInteger(set) && set > 0 ? set : 250;
}

// '../render/': from this module in dist/render/ and from the startup snapshot's bundle in dist/cli/ alike.
const WORKER = fileURLToPath(new URL('../render/worker.js', import.meta.url));

/** Thrown where a batch needs the pool but this process cannot start worker threads (see snapshot.ts). */
export class WorkersUnavailable extends Error {
  override name = 'WorkersUnavailable';
  /** What the build found before it needed the pool that the process it hands over to will not find again. */
  diagnostics: Diagnostic[] = [];
}

let workersAllowed = true;

/**
 * Called by a process started from the startup snapshot: Node 20 cannot start worker threads there (their
 * shared working-directory state is not restored), so a batch is handed to a fresh process instead.
 */
export function forbidWorkers(): void {
  workersAllowed = false;
}

/** A started worker pool: its threads load the exporters while this thread reads and normalizes. */
export type Pool = Piscina<RenderTask, RenderedArticle>;

// GALLEY_THREADS caps the pool (1: no workers), for machines shared with other work and for measuring.
function threads(): number {
  return Math.max(1, Math.min(availableParallelism(), Number(process.env.GALLEY_THREADS) || Infinity));
}

/**
 * Start the pool for a batch of about `expected` articles, or null where the batch renders in this thread:
 * too few articles, one core, or no compiled worker (run from TypeScript sources, as the tests do).
 */
export function startPool(expected: number, formats: readonly string[], config: SiteConfig): Pool | null {
  if (expected < poolThreshold() || threads() < 2 || !existsSync(WORKER)) return null;
  if (!workersAllowed) throw new WorkersUnavailable(`${expected} articles need worker threads`);
  // Loaded here, not at the top: a one-article build never starts a pool and should not pay for its import.
  // Required, not import()ed: a process started from the startup snapshot has no dynamic import().
  const { Piscina } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
  return new Piscina<RenderTask, RenderedArticle>({
    filename: WORKER, maxThreads: threads(), minThreads: threads(), idleTimeout: 1000,
    workerData: { formats: [...formats], config } satisfies WorkerData,
    resourceLimits: THREAD_HEAP,
  });
}

/**
 * Each thread's heap, capped. V8 lets an uncapped heap grow far past what is live before it collects (an
 * isolate's limit is sized to the machine), and each thread is an isolate: memory then grew with the batch.
 * Capped, it collects instead; the exporters' caches are bounded well below the cap. An article too large
 * for it (a hostile seed) ends its thread with ERR_WORKER_OUT_OF_MEMORY and is rendered again in the main
 * thread, which has no cap. GALLEY_THREAD_HEAP_MB overrides the old generation's cap.
 */
const THREAD_HEAP = {
  maxOldGenerationSizeMb: Number(process.env.GALLEY_THREAD_HEAP_MB) || 192,
  maxYoungGenerationSizeMb: 8,
};

const outOfMemory = (e: Error) => (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Render every article and hand each result (or its Error) to `done` as soon as it is ready. At most a few
 * tasks per thread are in flight, so a batch of thousands never holds more than a handful of PDFs in memory.
 * On `pool` (the caller starts it, see startPool, and it is left running for the caller's next batch), or in
 * this thread without one. An abort of `signal`, or the first error `done` throws (a file-system fault), ends
 * the batch: `done` is not called again, the pool's threads are terminated, and that reason or error is thrown.
 */
export async function renderAll(articles: readonly Article[], formats: string[], config: SiteConfig,
  pictures: (article: Article) => Record<string, Uint8Array>,
  done: (index: number, result: RenderedArticle | Error) => Promise<void> | void, pool: Pool | null,
  signal?: AbortSignal): Promise<void> {
  if (pool === null) {
    for (let i = 0; i < articles.length; i++) {
      signal?.throwIfAborted();
      const rendered = await renderArticle(articles[i]!, formats, config, pictures(articles[i]!)).catch(toError);
      // Rendering here is synchronous work: without a turn of the event loop, a stop signal would wait
      // for the whole batch.
      await new Promise((turn) => setImmediate(turn));
      signal?.throwIfAborted();
      await done(i, rendered);
    }
    return;
  }
  let destroyed: Promise<void> | null = null;
  const destroy = () => (destroyed ??= pool.destroy());
  // Terminating the threads at once settles every task in flight, so no lane waits for an article it will drop.
  let failure = null as { error: unknown } | null;
  const stop = (error: unknown) => {
    failure ??= { error };
    void destroy();
  };
  const onAbort = () => stop(signal!.reason);
  // A thread that finishes a task while the pool is being destroyed posts a result piscina has already
  // dropped, and piscina reports that as an 'error' event (an uncaught throw without a listener): once
  // the batch is stopping, that is expected; before, it is a failure of the batch like any other.
  const onPoolError = (e: unknown) => {
    if (destroyed === null) stop(e);
  };
  pool.on('error', onPoolError);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (failure === null && next < articles.length) {
        const i = next++;
        const given = pictures(articles[i]!);
        // Copies, not moves: an article that runs out of memory in its thread is rendered here again with them.
        let rendered = await pool.run({ article: articles[i]!, formats, config, pictures: given }).catch(toError);
        if (rendered instanceof Error && outOfMemory(rendered) && failure === null) {
          rendered = await renderArticle(articles[i]!, formats, config, given).catch(toError);
        }
        if (failure !== null) return;
        try {
          await done(i, rendered);
        } catch (e) {
          stop(e);
        }
      }
    };
    await Promise.all(Array.from({ length: pool.options.maxThreads * 2 }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // A pool being destroyed keeps its listener: a thread's late result may still come as an 'error'.
    if (failure !== null) await destroy();
    else pool.off('error', onPoolError);
  }
  if (failure !== null) throw failure.error;
}

/**
 * Make every picture of `jobs` (each one source's renditions, see encodePicture) and hand each result, or the
 * Error that says why its source cannot be published, to `done`: on `pool` two at a time per thread, or in
 * this thread. The first error `done` throws (a file-system fault), or an abort of `signal`, ends it.
 */
export async function encodeAll(jobs: readonly { source: () => Uint8Array; renditions: PictureFile[] }[], pool: Pool | null,
  done: (index: number, result: EncodedRendition[] | Error) => void, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < jobs.length) {
      signal?.throwIfAborted();
      const i = next++;
      const job = jobs[i]!;
      let made: EncodedRendition[] | Error;
      try {
        const read = job.source();
        // Moved to the thread: a view into Node's shared buffer pool (a small file) is copied first, as
        // moving it would detach the pool.
        const source = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength ? read : read.slice();
        const task: EncodeTask = { source, renditions: job.renditions };
        made = pool === null ? await encodePicture(task.source, task.renditions)
          : await (pool as unknown as Piscina<EncodeTask, EncodedRendition[]>).run(task, { name: 'encode', transferList: [task.source.buffer as ArrayBuffer] });
      } catch (e) {
        made = toError(e);
      }
      signal?.throwIfAborted();
      try {
        done(i, made);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: pool === null ? 1 : pool.options.maxThreads * 2 }, lane));
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
