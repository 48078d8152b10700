// The whole archive as NDJSON (out/articles.ndjson): every article's model, one per line, newest first, for
// bulk loading into search engines and warehouses. Lines, a page of articles at a time: the build streams
// them into the file, so no list of every article is held.
import { Article } from '../model/article.js';

/** Each article's model as one line of compact JSON, keys in schema order (as out/<slug>.json holds it). */
export function ndjsonLines(articles: readonly Article[]): Uint8Array {
  return new TextEncoder().encode(articles.map((a) => `${JSON.stringify(Article.parse(a))}\n`).join(''));
}
