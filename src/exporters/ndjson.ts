// The whole archive as NDJSON (out/articles.ndjson): every article's model, one per line, newest first, for
// bulk loading into search engines and warehouses. Lines, a page of articles at a time: the build streams
// them into the file, so no list of every article is held.
import type { Article } from '../model/article.js';

/**
 * Each article's model as one line of compact JSON, keys in schema order (as out/<slug>.json holds it). Not
 * parsed again: the build's models were checked when made and sealed in its state, and renderCollection
 * checks a caller's; zod's parse took nine tenths of the time.
 */
export function ndjsonLines(articles: readonly Article[]): Uint8Array {
  return new TextEncoder().encode(articles.map((a) => `${JSON.stringify(a)}\n`).join(''));
}
