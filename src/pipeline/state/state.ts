// The build state: out/.galley/state.db, a SQLite database of what each seed last built, and the queries a
// build asks of it. It is read as untrusted input: every row is sealed (rows.ts), and only names Galley
// gives are ever deleted.
import type BetterSqlite3 from 'better-sqlite3';
import type { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { parseArticleFile } from '../../model/layout.js';
import { isRenditionPath } from '../../model/picture.js';
import { sha256 } from '../cache-keys.js';
import { outputFault } from '../fs-fault.js';
import { asFileFault } from './faults.js';
import { isArticleFileName, isObject, LIGHT, listingOf, parseJson, readRow, seal } from './rows.js';
import type { FileRecord, Row, SeedRow } from './rows.js';

export type { FileRecord, SeedRow } from './rows.js';
export { seal } from './rows.js';

type Db = BetterSqlite3.Database;

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
  readonly #dropUses: BetterSqlite3.Statement;
  readonly #addUse: BetterSqlite3.Statement;
  readonly #used: BetterSqlite3.Statement;
  readonly #rendition: BetterSqlite3.Statement;
  readonly #putRendition: BetterSqlite3.Statement;
  /** Rows found unusable this build, each warned about once and then taken as absent. */
  readonly #bad = new Set<string>();
  /** The hash of each row this build checked or wrote: the collections read them again. */
  readonly #verified = new Map<string, string>();
  /** Live articles a list had to leave out, their row or text failing its hash: the build makes them again. */
  readonly #lost = new Set<string>();
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
    this.#dropUses = db.prepare('DELETE FROM picture_uses WHERE seed = ?');
    this.#addUse = db.prepare('INSERT OR IGNORE INTO picture_uses (name, seed) VALUES (?, ?)');
    this.#used = db.prepare('SELECT 1 FROM picture_uses WHERE name = ? LIMIT 1').pluck();
    this.#rendition = db.prepare('SELECT spec, size, mtime_ms AS mtimeMs FROM renditions WHERE name = ?');
    this.#putRendition = db.prepare('INSERT OR REPLACE INTO renditions (name, spec, size, mtime_ms) VALUES (?, ?, ?, ?)');
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
    this.#uses(row);
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
    this.#uses(row);
    this.#verified.set(row.seed, columns.hash);
  }

  /** The pictures a row's article shows, as its files list them: what keeps each one's files in out/. */
  #uses(row: SeedRow): void {
    this.#dropUses.run(row.seed);
    for (const name of Object.keys(row.files)) if (isRenditionPath(name)) this.#addUse.run(name, row.seed);
  }

  /** What the state recorded of a rendition it made: the spec it was made to, and the file's stat then. */
  rendition(name: string): { spec: string; size: number; mtimeMs: number } | undefined {
    return this.#rendition.get(name) as { spec: string; size: number; mtimeMs: number } | undefined;
  }

  putRendition(name: string, spec: string, file: FileRecord): void {
    this.#putRendition.run(name, spec, file.size, file.mtimeMs);
  }

  /** Renditions made that no article shows (its article failed, or went): a finished build deletes them. */
  unusedRenditions(): string[] {
    return this.#db.prepare('SELECT name FROM renditions WHERE name NOT IN (SELECT name FROM picture_uses)').pluck().all() as string[];
  }

  dropRendition(name: string): void {
    this.#db.prepare('DELETE FROM renditions WHERE name = ?').run(name);
  }

  #columns(row: SeedRow) {
    return {
      seed: row.seed, stat: row.stat, input: row.input, baseSlug: row.baseSlug, slug: row.slug, published: row.published, key: row.key,
      live: row.live ? 1 : 0, diagnostics: JSON.stringify(row.diagnostics), renderDiagnostics: JSON.stringify(row.renderDiagnostics),
      files: JSON.stringify(row.files), modelHash: row.modelHash, listingHash: row.listingHash, hash: seal(row),
    };
  }

  /**
   * Make the next build make the seed's article again from its seed: its row stays (and owns its files) but
   * its outputs are no longer current and its model no longer trusted; a row that fails its seal goes.
   */
  invalidate(seed: string): void {
    const row = this.row(seed);
    if (row === undefined) this.remove(seed);
    else this.update({ ...row, key: '' });
  }

  remove(seed: string): void {
    this.#remove.run(seed);
    this.#dropUses.run(seed);
    this.#removeModel.run(seed);
    this.#removeListing.run(seed);
  }

  /** Every seed the state has a row for, whole or not. */
  *seeds(): Generator<string> {
    yield* this.#db.prepare('SELECT seed FROM seeds').pluck().iterate() as Iterable<string>;
  }

  /** True when some row lists `name` among its files (an unusable row too: it only keeps a file). */
  owns(name: string): boolean {
    if (isRenditionPath(name)) return this.#used.get(name) !== undefined;
    const parsed = parseArticleFile(name);
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
   * sections, no related reading), and the hash of its model. A row or text that fails its hash is left out with a warning.
   */
  *newest(limit: number, listing: boolean, offset = 0): Generator<{ slug: string; files: Record<string, FileRecord>; model: Article; hash: string }> {
    const rows = this.#db.prepare(`SELECT s.seed, s.slug, s.files, s.model_hash, s.listing_hash, s.hash, t.${listing ? 'listing' : 'model'} AS text
      FROM seeds s JOIN ${listing ? 'listings' : 'models'} t ON t.seed = s.seed WHERE s.live = 1 ORDER BY s.published DESC, s.slug LIMIT ? OFFSET ?`)
      .iterate(limit, offset) as Iterable<Row>;
    for (const r of rows) {
      const seed = r.seed as string;
      // A row this build checked (every row of its seeds) is read for what the lists need, nothing more;
      // another is read whole and checked (and warned about when it fails).
      const row = this.#verified.get(seed) === r.hash
        ? { seed, slug: r.slug as string, files: JSON.parse(r.files as string) as Record<string, FileRecord>,
          modelHash: r.model_hash as string, listingHash: r.listing_hash as string }
        : this.row(seed);
      if (row === undefined) {
        this.#lost.add(seed);
        continue;
      }
      if (this.#sound(seed, r.text, listing ? row.listingHash : row.modelHash, listing)) {
        yield { slug: row.slug, files: row.files, model: JSON.parse(r.text as string) as Article, hash: row.modelHash };
        continue;
      }
      if (!listing) {
        this.#warn(`ignored the entry of ${JSON.stringify(seed)}: its model does not match its hash (edited or damaged)`);
        this.#lost.add(seed);
        continue;
      }
      const model = this.model(row);
      if (model !== undefined) yield { slug: row.slug, files: row.files, model: listingOf(model), hash: row.modelHash };
      else this.#lost.add(seed);
    }
  }

  /**
   * The seeds whose live article a list left out this build (see newest): their rows are dropped and the
   * build runs again, so that each is made from its seed rather than missing from the feeds and pages.
   */
  lost(): string[] {
    return [...this.#lost];
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

