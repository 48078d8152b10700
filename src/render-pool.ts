// Render many articles: in this thread for a few, on a piscina worker pool (every core) for a batch.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Article } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import { renderArticle } from './render-article.js';
import type { RenderedArticle } from './render-article.js';
import type { RenderTask } from './render-worker.js';

/** Below this many articles, starting workers (each loading fonts) costs more than it saves. */
export const POOL_THRESHOLD = 12;

const WORKER = fileURLToPath(new URL('./render-worker.js', import.meta.url));

/**
 * Render every article and hand each result (or its Error) to `done` as soon as it is ready. At most a few
 * tasks per thread are in flight, so a batch of thousands never holds more than a handful of PDFs in memory.
 */
export async function renderAll(articles: readonly Article[], formats: string[], config: SiteConfig,
  done: (index: number, result: RenderedArticle | Error) => Promise<void> | void): Promise<void> {
  // GALLEY_THREADS caps the pool (1: no workers), for machines shared with other work and for measuring.
  const threads = Math.max(1, Math.min(availableParallelism(), Number(process.env.GALLEY_THREADS) || Infinity));
  // The worker is compiled JavaScript; run from TypeScript sources (the tests), render in this thread.
  if (articles.length < POOL_THRESHOLD || threads < 2 || !existsSync(WORKER)) {
    for (let i = 0; i < articles.length; i++) {
      await done(i, await renderArticle(articles[i]!, formats, config).catch(toError));
    }
    return;
  }
  // Loaded here, not at the top: a one-article build never starts a pool and should not pay for its import.
  const { Piscina } = await import('piscina');
  const pool = new Piscina<RenderTask, RenderedArticle>({ filename: WORKER, maxThreads: threads, minThreads: threads, idleTimeout: 1000 });
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < articles.length) {
        const i = next++;
        await done(i, await pool.run({ article: articles[i]!, formats, config }).catch(toError));
      }
    };
    await Promise.all(Array.from({ length: threads * 2 }, lane));
  } finally {
    await pool.destroy();
  }
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
