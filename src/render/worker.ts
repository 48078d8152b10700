// Worker-thread entry for the piscina pool: renders one article in this thread's own copy of the exporters.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { renderArticle } from './article.js';
import { encodePicture } from './pictures.js';
import type { EncodeTask } from './pictures.js';
import { warmUp } from './warm-up.js';
import type { RenderedArticle } from './article.js';

export interface WorkerData {
  /** The article formats and config of the batch: warmed up as the thread starts, before any task. */
  formats: string[];
  config: SiteConfig;
}

const { formats, config } = workerData as WorkerData;
await warmUp(formats, config);

export interface RenderTask {
  article: Article;
  formats: string[];
  config: SiteConfig;
  /** The bytes of the renditions PDF and EPUB embed, by their path under out/. */
  pictures: Record<string, Uint8Array>;
}

/**
 * The files' buffers are moved to the main thread, not copied: cloning ~100 KB an article cost each
 * worker ~1.7 ms of every article in a batch. Only a buffer a file owns whole may move (moving a view
 * into Node's shared Buffer pool would detach the pool), so a view is copied into its own first.
 */
export default async function render(task: RenderTask): Promise<RenderedArticle> {
  const rendered = await renderArticle(task.article, task.formats, task.config, task.pictures);
  const files = rendered.files.map((f) => ({ ...f, bytes: owned(f.bytes) }));
  const value: RenderedArticle = { files, diagnostics: rendered.diagnostics };
  return move({ [transferableSymbol]: files.map((f) => f.bytes.buffer), [valueSymbol]: value }) as unknown as RenderedArticle;
}

/** Every rendition of one picture from one decode (see encodePicture), its buffers moved back. */
export async function encode(task: EncodeTask): Promise<{ src: string; bytes: Uint8Array }[]> {
  const made = (await encodePicture(task.source, task.renditions)).map((r) => ({ ...r, bytes: owned(r.bytes) }));
  return move({ [transferableSymbol]: made.map((r) => r.bytes.buffer), [valueSymbol]: made }) as unknown as { src: string; bytes: Uint8Array }[];
}

function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}
