// The build state: out/.galley/state.db, a SQLite database of what each seed last built. It is read as
// untrusted input: every row is sealed by SHA-256, and only names Galley gives are ever deleted.
import { createRequire } from 'node:module';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { parseArticlePath } from '../../exporters/registry.js';
import { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { sha256 } from '../cache-keys.js';
import { displayPath, outputFault } from '../fs-fault.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** Hidden, so it is never published and never mistaken for an output. */
export const STATE_DIR = '.galley';
export const STATE_NAME = 'state.db';
/** The JSON manifest of Galley before the database: removed, since no build reads it any more. */
const LEGACY_FILE = '.galley-cache.json';

export interface FileRecord {
  size: number;
  mtimeMs: number;
}

/** A seed's row without its model: all a build needs to find the seed's outputs current. */
export interface SeedRow {
  seed: string;
  stat: string;
  /** What the model depends on (see inputKey): equal, the stored model is still the seed's. */
  input: string;
  /** The normalized article's slug, before the build made it unique. */
  baseSlug: string;
  slug: string;
  /** The written article's publication time (ms), the order of the feeds, the archive and the catalog. */
  published: number;
  key: string;
  live: boolean;
  diagnostics: Diagnostic[];
  renderDiagnostics: Diagnostic[];
  files: Record<string, FileRecord>;
  modelHash: string;
  listingHash: string;
}

/** Thrown by openState while another build holds the state of the same out/. */
export class StateBusy extends Error {
  override name = 'StateBusy';
}

type Db = BetterSqlite3.Database;
type Row = Record<string, unknown>;

const LIGHT = 'seed, stat, input, base_slug, slug, published, key, live, diagnostics, render_diagnostics, files, model_hash, listing_hash, hash';

/**
 * A name Galley gives an article's file: `<slug>.<extension>` directly in out/, or the web page's
 * `articles/<slug>/index.html`. The build deletes the files the state names: this keeps those deletions
 * inside out/, whatever the state says.
 */
export function isArticleFileName(name: string): boolean {
  const parsed = parseArticlePath(name);
  return parsed !== null && Article.shape.slug.safeParse(parsed.slug).success;
}

// Loaded on first use, not at import: the startup snapshot cannot hold a native addon, and importing the
// package must stay free.
let sqlite: typeof BetterSqlite3 | null = null;
function driver(): typeof BetterSqlite3 {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return sqlite;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The SHA-256 a row is sealed with: of every field; the model and its listing are sealed by their hashes among them. */
export function seal(row: SeedRow): string {
  return sealTexts(row, JSON.stringify(row.diagnostics), JSON.stringify(row.renderDiagnostics), JSON.stringify(row.files));
}

// Over the JSON columns as stored: a read checks the text it has, without writing the parsed values out again.
function sealTexts(row: Omit<SeedRow, 'diagnostics' | 'renderDiagnostics' | 'files'>, diagnostics: string, renderDiagnostics: string, files: string): string {
  return sha256(JSON.stringify([row.seed, row.stat, row.input, row.baseSlug, row.slug, row.published, row.key, row.live,
    diagnostics, renderDiagnostics, files, row.modelHash, row.listingHash]));
}

function parseJson(text: unknown): unknown {
  // Most rows have no diagnostic: a build reads every row, and an empty list needs no parser.
  if (text === '[]') return [];
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The row as a SeedRow, or why it cannot be used. */
function readRow(r: Row): SeedRow | string {
  const diagnostics = parseJson(r.diagnostics);
  const renderDiagnostics = parseJson(r.render_diagnostics);
  const files = parseJson(r.files);
  for (const k of ['stat', 'input', 'base_slug', 'slug', 'key', 'model_hash', 'listing_hash', 'hash']) {
    if (typeof r[k] !== 'string') return 'a field is missing or of the wrong type';
  }
  if (typeof r.published !== 'number' || (r.live !== 0 && r.live !== 1) || !Array.isArray(diagnostics)
    || !Array.isArray(renderDiagnostics) || !isObject(files)) {
    return 'a field is missing or of the wrong type';
  }
  // A file of the row's own slug is checked with the slug, once.
  const ownSlug = Article.shape.slug.safeParse(r.slug).success;
  for (const [name, f] of Object.entries(files)) {
    if (!(ownSlug && parseArticlePath(name)?.slug === r.slug) && !isArticleFileName(name)) return `${JSON.stringify(name)} is not a file name Galley writes`;
    if (!isObject(f) || typeof f.size !== 'number' || typeof f.mtimeMs !== 'number') return `the record of ${JSON.stringify(name)} is malformed`;
  }
  const row: SeedRow = {
    seed: r.seed as string, stat: r.stat as string, input: r.input as string, baseSlug: r.base_slug as string, slug: r.slug as string,
    published: r.published, key: r.key as string, live: r.live === 1, diagnostics: diagnostics as Diagnostic[],
    renderDiagnostics: renderDiagnostics as Diagnostic[], files: files as Record<string, FileRecord>, modelHash: r.model_hash as string,
    listingHash: r.listing_hash as string,
  };
  if (sealTexts(row, r.diagnostics as string, r.render_diagnostics as string, r.files as string) !== r.hash) {
    return 'it does not match its hash (edited or damaged)';
  }
  return row;
}

const sqliteCode = (e: unknown): string => (e as { code?: unknown }).code as string ?? '';

/**
 * SQLite's faults of the disk as the errno faults the CLI words (a full disk, no permission, an I/O error),
 * so a full disk under the state is exit 2 with its one line, like one under any output.
 */
function asFileFault(e: unknown, path: string): unknown {
  const code = sqliteCode(e);
  const errno = code === 'SQLITE_FULL' ? 'ENOSPC'
    : /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) ? 'EACCES'
    : code.startsWith('SQLITE_IOERR') ? 'EIO' : null;
  return errno === null ? e : Object.assign(new Error((e as Error).message), { code: errno, path });
}

/**
 * One build's hold on the state. The connection keeps SQLite's lock from open to close (exclusive locking
 * mode), so a second build into the same out/ waits instead of interleaving its writes; the kernel drops
 * the lock when a process dies, even by SIGKILL, so no stale lock outlives a killed build.
 */
export class BuildState {
  readonly file: string;
  /** Where warnings about the state go: the build's own diagnostics. */
  readonly diagnostics: Diagnostic[];
  readonly #db: Db;
  readonly #get: BetterSqlite3.Statement;
  readonly #put: BetterSqlite3.Statement;
  readonly #putModel: BetterSqlite3.Statement;
  readonly #update: BetterSqlite3.Statement;
  readonly #remove: BetterSqlite3.Statement;
  readonly #removeModel: BetterSqlite3.Statement;
  readonly #putListing: BetterSqlite3.Statement;
  readonly #removeListing: BetterSqlite3.Statement;
  readonly #model: BetterSqlite3.Statement;
  readonly #texts: BetterSqlite3.Statement;
  readonly #bySlug: BetterSqlite3.Statement;
  readonly #addOrphan: BetterSqlite3.Statement;
  readonly #dropOrphan: BetterSqlite3.Statement;
  /** Rows found unusable this build, each warned about once and then taken as absent. */
  readonly #bad = new Set<string>();
  /** The hash of each row this build checked or wrote: the collections read them again. */
  readonly #verified = new Map<string, string>();
  /** Each listing this build checked against its hash, and whether it held. */
  readonly #listed = new Map<string, boolean>();

  constructor(db: Db, file: string, diagnostics: Diagnostic[]) {
    this.#db = db;
    this.file = file;
    this.diagnostics = diagnostics;
    this.#get = db.prepare(`SELECT ${LIGHT} FROM seeds WHERE seed = ?`);
    this.#put = db.prepare(`INSERT OR REPLACE INTO seeds (${LIGHT}) VALUES (@seed, @stat, @input, @baseSlug, @slug, @published, @key, @live,
      @diagnostics, @renderDiagnostics, @files, @modelHash, @listingHash, @hash)`);
    this.#putModel = db.prepare('INSERT OR REPLACE INTO models (seed, model) VALUES (?, ?)');
    this.#putListing = db.prepare('INSERT OR REPLACE INTO listings (seed, listing) VALUES (?, ?)');
    this.#update = db.prepare(`UPDATE seeds SET stat = @stat, input = @input, base_slug = @baseSlug, slug = @slug, published = @published,
      key = @key, live = @live, diagnostics = @diagnostics, render_diagnostics = @renderDiagnostics, files = @files, hash = @hash
      WHERE seed = @seed AND model_hash = @modelHash`);
    this.#remove = db.prepare('DELETE FROM seeds WHERE seed = ?');
    this.#removeModel = db.prepare('DELETE FROM models WHERE seed = ?');
    this.#removeListing = db.prepare('DELETE FROM listings WHERE seed = ?');
    this.#model = db.prepare('SELECT model FROM models WHERE seed = ?').pluck();
    this.#texts = db.prepare('SELECT m.model, l.listing FROM models m JOIN listings l ON l.seed = m.seed WHERE m.seed = ?');
    this.#bySlug = db.prepare('SELECT files FROM seeds WHERE slug = ?').pluck();
    this.#addOrphan = db.prepare('INSERT OR IGNORE INTO orphans (name) VALUES (?)');
    this.#dropOrphan = db.prepare('DELETE FROM orphans WHERE name = ?');
  }

  #warn(message: string): void {
    this.diagnostics.push({ severity: 'warning', file: this.file, line: null, column: null, rule: 'cache/ignored', message });
  }

  /** The seed's row when it is whole and as Galley wrote it; a warning names each one that is not. */
  row(seed: string): SeedRow | undefined {
    if (this.#bad.has(seed)) return undefined;
    const r = this.#get.get(seed) as Row | undefined;
    if (r === undefined) return undefined;
    const row = readRow(r);
    if (typeof row !== 'string') {
      this.#verified.set(seed, r.hash as string);
      return row;
    }
    this.#bad.add(seed);
    this.#warn(`ignored the entry of ${JSON.stringify(seed)}: ${row}`);
    return undefined;
  }

  /** The model a verified row stands for, or undefined when its text is not the one sealed with the row. */
  model(row: Pick<SeedRow, 'seed' | 'modelHash'>): Article | undefined {
    const text = this.#model.get(row.seed) as string | undefined;
    if (text === undefined || sha256(text) !== row.modelHash) {
      this.#bad.add(row.seed);
      this.#warn(`ignored the entry of ${JSON.stringify(row.seed)}: its model does not match its hash (edited or damaged)`);
      return undefined;
    }
    return JSON.parse(text) as Article;
  }

  /** The model and listing texts of a verified row, each as sealed; undefined (with a warning) when one is not. */
  texts(row: SeedRow): { model: string; listing: string } | undefined {
    const r = this.#texts.get(row.seed) as { model: string; listing: string } | undefined;
    if (r !== undefined && sha256(r.model) === row.modelHash && sha256(r.listing) === row.listingHash) return r;
    this.#bad.add(row.seed);
    this.#warn(`ignored the entry of ${JSON.stringify(row.seed)}: its model does not match its hash (edited or damaged)`);
    return undefined;
  }

  /**
   * Record a seed's row with the model it was built from and its listing (JSON texts, whose hashes are the
   * row's modelHash and listingHash).
   */
  put(row: SeedRow, model: string, listing: string): void {
    const columns = this.#columns(row);
    this.#put.run(columns);
    this.#verified.set(row.seed, columns.hash);
    this.#putModel.run(row.seed, model);
    this.#putListing.run(row.seed, listing);
    this.#listed.delete(row.seed);
    this.#bad.delete(row.seed);
  }

  /** The recorded stat of every seed, unverified: enough to guess how many seeds changed, never to trust one. */
  stats(): Map<string, unknown> {
    return new Map(this.#db.prepare('SELECT seed, stat FROM seeds').raw().all() as [string, unknown][]);
  }

  /** Record a row whose model did not change (a new stat, slug, outputs or live flag). */
  update(row: SeedRow): void {
    const columns = this.#columns(row);
    this.#update.run(columns);
    this.#verified.set(row.seed, columns.hash);
  }

  #columns(row: SeedRow) {
    return {
      seed: row.seed, stat: row.stat, input: row.input, baseSlug: row.baseSlug, slug: row.slug, published: row.published, key: row.key,
      live: row.live ? 1 : 0, diagnostics: JSON.stringify(row.diagnostics), renderDiagnostics: JSON.stringify(row.renderDiagnostics),
      files: JSON.stringify(row.files), modelHash: row.modelHash, listingHash: row.listingHash, hash: seal(row),
    };
  }

  remove(seed: string): void {
    this.#remove.run(seed);
    this.#removeModel.run(seed);
    this.#removeListing.run(seed);
  }

  /** Every seed the state has a row for, whole or not. */
  *seeds(): Generator<string> {
    yield* this.#db.prepare('SELECT seed FROM seeds').pluck().iterate() as Iterable<string>;
  }

  /** True when some row lists `name` among its files (an unusable row too: it only keeps a file). */
  owns(name: string): boolean {
    const parsed = parseArticlePath(name);
    if (parsed === null) return false;
    return (this.#bySlug.all(parsed.slug) as string[]).some((files) => isObject(parseJson(files)) && Object.hasOwn(parseJson(files) as object, name));
  }

  addOrphan(name: string): void {
    this.#addOrphan.run(name);
  }

  dropOrphan(name: string): void {
    this.#dropOrphan.run(name);
  }

  /** Files Galley wrote that no row owns any more, left for a build of their format to delete; only names Galley gives. */
  orphans(): string[] {
    const names = this.#db.prepare('SELECT name FROM orphans').pluck().all() as unknown[];
    return names.filter((name): name is string => {
      if (typeof name === 'string' && isArticleFileName(name)) return true;
      this.#warn(`ignored the old file ${JSON.stringify(name)}: not a file name Galley writes`);
      this.#db.prepare('DELETE FROM orphans WHERE name IS ?').run(name);
      return false;
    });
  }

  /**
   * The live articles, newest first (the feeds' and the archive's order: publication time, then slug), `limit`
   * of them (-1: all), each with its slug, its files and its model, or only its listing (`listing`: no
   * sections, no related reading). A row or text that fails its hash is left out with a warning.
   */
  *newest(limit: number, listing: boolean): Generator<{ slug: string; files: Record<string, FileRecord>; model: Article }> {
    const rows = this.#db.prepare(`SELECT s.seed, s.slug, s.files, s.model_hash, s.listing_hash, s.hash, t.${listing ? 'listing' : 'model'} AS text
      FROM seeds s JOIN ${listing ? 'listings' : 'models'} t ON t.seed = s.seed WHERE s.live = 1 ORDER BY s.published DESC, s.slug LIMIT ?`)
      .iterate(limit) as Iterable<Row>;
    for (const r of rows) {
      const seed = r.seed as string;
      // A row this build checked (every row of its seeds) is read for what the lists need, nothing more;
      // another is read whole and checked (and warned about when it fails).
      const row = this.#verified.get(seed) === r.hash
        ? { seed, slug: r.slug as string, files: JSON.parse(r.files as string) as Record<string, FileRecord>,
          modelHash: r.model_hash as string, listingHash: r.listing_hash as string }
        : this.row(seed);
      if (row === undefined) continue;
      if (this.#sound(seed, r.text, listing ? row.listingHash : row.modelHash, listing)) {
        yield { slug: row.slug, files: row.files, model: JSON.parse(r.text as string) as Article };
        continue;
      }
      if (!listing) {
        this.#warn(`ignored the entry of ${JSON.stringify(seed)}: its model does not match its hash (edited or damaged)`);
        continue;
      }
      const model = this.model(row);
      if (model !== undefined) yield { slug: row.slug, files: row.files, model: { ...model, sections: [], related: [] } };
    }
  }

  /** True when `text` is the one sealed with the row; a listing is checked once a build (the archive and the catalog each read every one). */
  #sound(seed: string, text: unknown, hash: string, listing: boolean): boolean {
    if (!listing) return typeof text === 'string' && sha256(text) === hash;
    let sound = this.#listed.get(seed);
    if (sound === undefined) {
      sound = typeof text === 'string' && sha256(text) === hash;
      this.#listed.set(seed, sound);
      if (!sound) this.#warn(`ignored the listing of ${JSON.stringify(seed)}: it does not match its hash (edited or damaged); the model stands in`);
    }
    return sound;
  }

  /** How many rows are live: the articles the collections list. */
  liveCount(): number {
    return this.#db.prepare('SELECT count(*) FROM seeds WHERE live = 1').pluck().get() as number;
  }

  meta(name: string): string | undefined {
    return this.#db.prepare('SELECT value FROM meta WHERE name = ?').pluck().get(name) as string | undefined;
  }

  setMeta(name: string, value: string): void {
    this.#db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)').run(name, value);
  }

  /** Run `work` in one transaction: all of it reaches the state, or none (a kill -9 included). */
  transaction(work: () => void): void {
    try {
      this.#db.transaction(work)();
    } catch (e) {
      throw outputFault(asFileFault(e, this.#db.name), this.#db.name);
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/** Why an open database is not a Galley build state of this version, or null when it is one. */
function foreignOrNewer(db: Db): string | null {
  const id = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
  if (id !== APPLICATION_ID && (id !== 0 || tables > 0)) return 'not a build state Galley wrote';
  if (version > SCHEMA_VERSION) return `written by a newer Galley (state version ${version}; this one reads ${SCHEMA_VERSION})`;
  return null;
}

/** Bring the schema up to date; true when rows of an older version were carried over. */
function migrate(db: Db): boolean {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return from > 0 && from < SCHEMA_VERSION;
}

/**
 * Open (or make) the state of `outDir`, take its lock and bring its schema up to date, all in one
 * transaction. A file that is not such a state (damaged, foreign, from a newer Galley) gets a warning and
 * is replaced by an empty one: every article is built again, and out/ keeps every file. Warnings go to
 * `diagnostics`, now and while the state is read. Throws StateBusy while another build holds the lock.
 */
export function openState(outDir: string, diagnostics: Diagnostic[] = [], name = STATE_NAME): BuildState {
  const dir = join(outDir, STATE_DIR);
  const path = join(dir, name);
  const file = displayPath(path);
  try {
    mkdirSync(dir, { recursive: true });
    rmSync(join(outDir, LEGACY_FILE), { force: true });
  } catch (e) {
    throw outputFault(e, dir);
  }
  for (let attempt = 0; ; attempt++) {
    let db: Db | null = null;
    try {
      db = new (driver())(path, { timeout: 0 });
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      // Each committed batch is kept through a crash of the process; a power cut may lose the last ones.
      db.pragma('synchronous = NORMAL');
      db.exec('BEGIN EXCLUSIVE');
      const fault = foreignOrNewer(db);
      if (fault !== null) throw Object.assign(new Error(fault), { code: 'GALLEY_FOREIGN' });
      const carried = migrate(db);
      db.exec('COMMIT');
      // A migration copies tables: the pages of the old ones would stay in the file, free, until reused.
      if (carried) db.exec('VACUUM');
      return new BuildState(db, file, diagnostics);
    } catch (e) {
      db?.close();
      const code = sqliteCode(e);
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new StateBusy(`${file} is held by another build`);
      if (attempt > 0 || !(code === 'GALLEY_FOREIGN' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
        throw outputFault(asFileFault(e, path), path);
      }
      const why = code === 'GALLEY_FOREIGN' ? (e as Error).message : `unreadable (${(e as Error).message})`;
      diagnostics.push({ severity: 'warning', file, line: null, column: null, rule: 'cache/ignored',
        message: `ignored: ${why}; every article is built again` });
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    }
  }
}
