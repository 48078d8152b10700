// Opening the build state: its file under out/.galley/, SQLite's lock, the schema check and migration. A file
// that is not a state this Galley can read is replaced, with a warning, and every article is built again.
import { createRequire } from 'node:module';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Diagnostic } from '../../model/diagnostic.js';
import { displayPath, outputFault } from '../fs-fault.js';
import { asFileFault, isDamage, sqliteCode, StateBusy } from './faults.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, TABLES } from './schema.js';
import { BuildState } from './state.js';

/** Hidden, so it is never published and never mistaken for an output. */
export const STATE_DIR = '.galley';
export const STATE_NAME = 'state.db';
/** The JSON manifest of Galley before the database: removed, since no build reads it any more. */
const LEGACY_FILE = '.galley-cache.json';

type Db = BetterSqlite3.Database;

// Loaded on first use, not at import: the startup snapshot cannot hold a native addon, and importing the
// package must stay free.
let sqlite: typeof BetterSqlite3 | null = null;
function driver(): typeof BetterSqlite3 {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return sqlite;
}

/** Why an open database is not a Galley build state of this version, or null when it is one. */
function foreignOrNewer(db: Db): string | null {
  const id = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
  if ((id !== APPLICATION_ID && (id !== 0 || tables > 0)) || version < 0) return 'not a build state Galley wrote';
  if (version > SCHEMA_VERSION) return `written by a newer Galley (state version ${version}; this one reads ${SCHEMA_VERSION})`;
  return null;
}

/** Bring the schema up to date; true when rows of an older version were carried over. */
function migrate(db: Db): boolean {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  const have = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  const missing = TABLES.find((t) => !have.has(t));
  if (missing !== undefined) throw Object.assign(new Error(`no table "${missing}"`), { code: 'SQLITE_CORRUPT' });
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
      if (attempt > 0 || !isDamage(e)) throw outputFault(asFileFault(e, path), path);
      diagnostics.push(damageWarning(file, e));
      removeState(outDir, name);
    }
  }
}

/** The warning for a state file that is replaced: why, and that every article is built again. */
export function damageWarning(file: string, e: unknown): Diagnostic {
  const why = sqliteCode(e) === 'GALLEY_FOREIGN' ? (e as Error).message : `unreadable (${(e as Error).message})`;
  return { severity: 'warning', file, line: null, column: null, rule: 'cache/ignored', message: `ignored: ${why}; every article is built again` };
}

/** Delete the state file `name` of `outDir` (with its journal): the next open makes an empty one. */
export function removeState(outDir: string, name = STATE_NAME): void {
  const path = join(outDir, STATE_DIR, name);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * The state of `outDir` (or its state file `name`), waiting while another build holds it: `onWait` is called
 * once, and `signal` stops the wait.
 */
export async function holdState(outDir: string, options: { onWait?: () => void; signal?: AbortSignal }, diagnostics: Diagnostic[],
  name?: string): Promise<BuildState> {
  for (let told = false; ; await new Promise((r) => setTimeout(r, 100))) {
    options.signal?.throwIfAborted();
    try {
      return openState(outDir, diagnostics, name);
    } catch (e) {
      if (!(e instanceof StateBusy)) throw e;
      if (!told) options.onWait?.();
      told = true;
    }
  }
}
