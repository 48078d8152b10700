// The pictures of a batch made once: each source that some article needs a rendition of is decoded once
// and every rendition encoded from it, written to out/images/ and recorded, before any article renders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../model/article.js';
import { articlePictures as picturesOf } from '../model/article.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SeedError } from '../model/diagnostic.js';
import type { Picture, PictureFile } from '../model/picture.js';
import { coverCrop, fallbackRendition } from '../model/picture.js';
import { encodeAll } from '../render/pool.js';
import type { Pool } from '../render/pool.js';
import { encoderKey } from '../render/pictures.js';
import { fileRecord, filesCurrent } from './outputs.js';
import { readPicture } from './pictures.js';
import type { SeedPictures } from './pictures.js';
import type { BuildState } from './state/state.js';

/** A picture to encode counts as this many articles to render when the build decides to start the pool. */
export const PICTURE_WEIGHT = 10;

/** What the batch's work on pictures needs of the build. */
interface PictureRun {
  options: { outDir: string; signal?: AbortSignal };
  state: BuildState;
  write: (name: string, bytes: Uint8Array) => void;
  made: Set<string>;
}

interface Item {
  article: Article;
  display: string;
  pictures: () => Promise<SeedPictures>;
}

/**
 * A quick test of a seed's bytes: only a seed that may name a picture (a figure's `![`, or an `image` key at a
 * line's start) is scanned for the ones it names; an article that merely says "image" is not.
 */
export function namesPictures(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return b.includes('![') || /^[ \t]*image[ \t]*:/im.test(b.toString('latin1', 0, Math.min(b.length, 64 * 1024)));
}


/** The files made of one of the article's pictures: its renditions, and the cover's crop of the lead. */
function filesOf(article: Article, picture: Picture): PictureFile[] {
  return article.image?.src === picture.src ? [...picture.renditions, coverCrop(picture)] : picture.renditions;
}

/** Every file made of every picture of the article, each once. */
export function renditionsOf(article: Article): PictureFile[] {
  const all = new Map<string, PictureFile>();
  for (const p of picturesOf(article)) for (const r of filesOf(article, p)) all.set(r.src, r);
  return [...all.values()];
}

/**
 * The bytes of each picture's renditions of its fallback type (JPEG or PNG), for the formats that embed one
 * (PDF the one nearest 300 ppi, EPUB the largest), read from out/.
 */
export function pictureBytes(run: { options: { outDir: string }; formatNames: readonly string[] }, article: Article): Record<string, Uint8Array> {
  if (!run.formatNames.includes('pdf') && !run.formatNames.includes('epub')) return {};
  const embeddable = picturesOf(article).flatMap((p) => p.renditions.filter((r) => r.type === fallbackRendition(p).type).map((r) => r.src));
  if (article.image !== undefined && run.formatNames.includes('epub')) embeddable.push(coverCrop(article.image).src);
  return Object.fromEntries(embeddable.map((src) => [src, readFileSync(join(run.options.outDir, src))]));
}

const specOf = (r: PictureFile): string => JSON.stringify([encoderKey(), r.width, r.height, r.type, r.crop === true]);

function current(run: PictureRun, r: PictureFile): boolean {
  if (run.made.has(r.src)) return true;
  const recorded = run.state.rendition(r.src);
  return recorded !== undefined && recorded.spec === specOf(r) && filesCurrent(run.options.outDir, { [r.src]: recorded });
}

/** Each source the batch must decode, by its SHA-256: the files it lacks, and the articles (by index) that show it. */
export type PictureJobs = Map<string, { renditions: PictureFile[]; users: number[] }>;

/** The sources the batch must decode (what also weighs on starting the pool). */
export function pictureJobs(run: PictureRun, items: readonly Item[]): PictureJobs {
  const jobs: PictureJobs = new Map();
  items.forEach((item, i) => {
    for (const p of picturesOf(item.article)) {
      const missing = filesOf(item.article, p).filter((r) => !current(run, r));
      if (missing.length === 0) continue;
      const job = jobs.get(p.sha256) ?? { renditions: [], users: [] };
      // What every article of the batch lacks of the source, in one decode: one may need the cover's crop, another not.
      for (const r of missing) if (!job.renditions.some((x) => x.src === r.src)) job.renditions.push(r);
      job.users.push(i);
      jobs.set(p.sha256, job);
    }
  });
  return jobs;
}

/**
 * Make every rendition the batch's articles show and the state does not have, one decode per source, on the
 * pool where there is one. Returns, by item index, the error of each article whose picture could not be made
 * (naming the seed, the line and the path): nothing of that article is written; the others render.
 */
export async function makeRenditions(run: PictureRun, items: readonly Item[], planned: PictureJobs, pool: Pool | null,
  commits: (() => void)[]): Promise<Map<number, Diagnostic>> {
  const failed = new Map<number, Diagnostic>();
  const jobs = [...planned];
  const sources = new Map<string, { file: string; display: string; line: number; column: number; path: string }>();
  for (const [sha256, job] of jobs) {
    const first = items[job.users[0]!]!;
    const found = (await first.pictures()).sources.get(sha256);
    if (found !== undefined) sources.set(sha256, { file: found.file, display: first.display, ...found.ref });
  }
  const failAll = async (users: number[], sha256: string, why: string) => {
    for (const u of users) {
      const ref = (await items[u]!.pictures()).sources.get(sha256)?.ref;
      failed.set(u, new SeedError(items[u]!.display, ref?.line ?? null, ref?.column ?? null, 'picture/unreadable',
        `the picture "${ref?.path ?? sha256}" cannot be published: ${why}`).diagnostic);
    }
  };
  const results: (Error | null)[] = [];
  await encodeAll(jobs.map(([sha256, job]) => ({
    source: () => readPicture(sources.get(sha256)?.file ?? ''),
    renditions: job.renditions,
  })), pool, (i, made) => {
    if (made instanceof Error) {
      results[i] = made;
      return;
    }
    for (const r of made) {
      run.write(r.src, r.bytes);
      run.made.add(r.src);
      const record = fileRecord(join(run.options.outDir, r.src));
      const spec = specOf(jobs[i]![1].renditions.find((x) => x.src === r.src)!);
      commits.push(() => run.state.putRendition(r.src, spec, record));
    }
    results[i] = null;
  }, run.options.signal);
  for (const [i, [sha256, job]] of jobs.entries()) {
    const e = results[i];
    if (e instanceof Error) await failAll(job.users, sha256, e.message.split('\n')[0]!);
  }
  return failed;
}
