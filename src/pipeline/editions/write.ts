// The editions of a build: the live articles grouped by period from the state's index (newest first, a
// listing at a time), each edition's files rendered again only when its articles, the config or Galley's code
// changed, then the lists of editions (their pages, catalog and feed) from every edition's entry.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { editionEntry, type EditionEntry } from '../../model/edition.js';
import { editionFilePath } from '../../model/layout.js';
import type { SiteConfig } from '../../model/config.js';
import type { CollectionFormat, Format } from '../../exporters/registry.js';
import { EDITION_FORMATS } from '../../exporters/registry.js';
import { withSlug } from '../../normalize/index.js';
import { raster } from '../../render/pictures.js';
import { sha256 } from '../cache-keys.js';
import { collectGarbage } from '../memory.js';
import { fileRecord, filesCurrent, removeOutput } from '../outputs.js';
import { pictureBytes } from '../renditions.js';
import type { BuildState, FileRecord } from '../state/state.js';
import { makeEdition, type EditionsConfig } from './edition.js';
import { periodOf, type Period } from './period.js';

const META = 'editions';

interface Recorded {
  key: string;
  /** Each edition as written, by its key: what it was made from, its files, its entry for the lists. */
  editions: Record<string, { hash: string; files: Record<string, FileRecord>; entry: EditionEntry; diagnostics: Diagnostic[] }>;
  lists: { hash: string; files: Record<string, FileRecord> };
}

const EMPTY: Recorded = { key: '', editions: {}, lists: { hash: '', files: {} } };

function recorded(state: BuildState): Recorded {
  try {
    const r = JSON.parse(state.meta(META) ?? 'null') as Recorded | null;
    return r !== null && typeof r.key === 'string' && typeof r.editions === 'object' && typeof r.lists === 'object' ? r : EMPTY;
  } catch {
    return EMPTY;
  }
}

export interface EditionOptions {
  outDir: string;
  config: SiteConfig;
  formats: readonly Format[];
}

/** A period's run of articles in the state's order: where it starts, how many, and a hash of those kept. */
interface Run {
  period: Period;
  offset: number;
  count: number;
  hash: ReturnType<typeof createHash>;
}

/**
 * Write the site's editions and their lists (none, and every one written before deleted, where the config has
 * no `editions`). `built` stands for every article this build built: when it and the context equal those of
 * the last write, and its files are on disk as written, nothing is read.
 */
export async function writeEditions(state: BuildState, options: EditionOptions, write: (name: string, bytes: Uint8Array) => void,
  context: string, built: string, diagnostics: Diagnostic[]): Promise<void> {
  const { outDir, config } = options;
  const last = recorded(state);
  const editions = config.editions;
  if (editions === null) {
    if (last !== EMPTY) {
      for (const e of Object.values(last.editions)) for (const name of Object.keys(e.files)) removeOutput(outDir, name);
      for (const name of Object.keys(last.lists.files)) removeOutput(outDir, name);
      state.setMeta(META, 'null');
    }
    return;
  }
  const key = sha256(JSON.stringify([context, built]));
  if (last.key === key && Object.values(last.editions).every((e) => filesCurrent(outDir, e.files)) && filesCurrent(outDir, last.lists.files)) {
    for (const e of Object.values(last.editions)) diagnostics.push(...e.diagnostics);
    return;
  }
  const formatNames = options.formats.map((f) => f.name);
  const made: Recorded = { key, editions: {}, lists: { hash: '', files: {} } };
  const runs = periods(state, editions);
  for (const [i, run] of runs.entries()) {
    const number = runs.length - i;
    const hash = sha256(JSON.stringify([context, number, run.period.key, run.hash.digest('hex')]));
    const was = last.editions[run.period.key];
    if (was !== undefined && was.hash === hash && filesCurrent(outDir, was.files)) {
      made.editions[run.period.key] = was;
      diagnostics.push(...was.diagnostics);
      continue;
    }
    // Whole models only for an edition file; the lists need what the listings hold (titles, tags, the lead picture).
    const files = EDITION_FORMATS.filter((f) => formatNames.includes(f.name));
    const articles: Article[] = [];
    for (const { model, slug } of state.newest(Math.min(run.count, editions.max), files.length === 0, run.offset)) articles.push(withSlug(model, slug, config));
    const edition = makeEdition(articles, run.period, number, config, editions);
    const pictures = Object.assign({}, ...articles.map((a) => pictureBytes({ options: { outDir }, formatNames }, a))) as Record<string, Uint8Array>;
    const sizes: Record<string, number> = {};
    const written: Record<string, FileRecord> = {};
    const own: Diagnostic[] = [];
    for (const format of files) {
      const out = await (await format.load())(edition, { config, pictures, raster, sizes: { ...sizes }, formats: formatNames });
      const name = editionFilePath(edition.key, format.name === 'site' ? 'html' : format.name);
      write(name, out.bytes);
      written[name] = fileRecord(join(outDir, name));
      if (format.name !== 'site') sizes[format.name] = out.bytes.byteLength;
      own.push(...out.diagnostics);
    }
    // A format no longer written leaves no file behind.
    for (const name of Object.keys(was?.files ?? {})) if (!(name in written)) removeOutput(outDir, name);
    made.editions[run.period.key] = { hash, files: written, entry: editionEntry(edition, sizes), diagnostics: own };
    diagnostics.push(...own);
    collectGarbage();
  }
  // An edition whose articles all went (or moved to another period): its files go too.
  for (const [k, e] of Object.entries(last.editions)) {
    if (made.editions[k] !== undefined) continue;
    for (const name of Object.keys(e.files)) removeOutput(outDir, name);
  }
  await writeLists(last, made, runs.map((r) => made.editions[r.period.key]!.entry), options, formatNames, write, context);
  state.setMeta(META, JSON.stringify(made));
}

/** The lists of editions, rendered again only when an entry or the context changed; a list's pages it no longer has go. */
async function writeLists(last: Recorded, made: Recorded, entries: readonly EditionEntry[], options: EditionOptions, formatNames: readonly string[],
  write: (name: string, bytes: Uint8Array) => void, context: string): Promise<void> {
  const { outDir, config } = options;
  const hash = sha256(JSON.stringify([context, entries]));
  if (last.lists.hash === hash && filesCurrent(outDir, last.lists.files)) {
    made.lists = last.lists;
    return;
  }
  made.lists.hash = hash;
  const lists = options.formats.filter((f): f is CollectionFormat => f.kind === 'collection' && f.loadEditions !== undefined);
  for (const f of lists) {
    for (const file of (await f.loadEditions!())(entries, { config, sizes: new Map(), formats: formatNames })) {
      write(file.name, file.bytes);
      made.lists.files[file.name] = fileRecord(join(outDir, file.name));
    }
  }
  for (const name of Object.keys(last.lists.files)) if (!(name in made.lists.files)) removeOutput(outDir, name);
}

/**
 * The live articles' periods, newest first, from their listings: each period's articles stand together, since
 * the state's order is by publication time. Only the `max` newest of a period make its edition (and its hash).
 */
function periods(state: BuildState, editions: EditionsConfig): Run[] {
  const runs: Run[] = [];
  let offset = 0;
  for (const { model, slug, hash } of state.newest(-1, true)) {
    const period = periodOf(model.published, editions.period, editions.timeZone);
    let run = runs.at(-1);
    if (run === undefined || run.period.key !== period.key) {
      run = { period, offset, count: 0, hash: createHash('sha256') };
      runs.push(run);
    }
    run.count++;
    if (run.count <= editions.max) run.hash.update(`${slug}\u0000${hash}\n`);
    offset++;
  }
  return runs;
}
