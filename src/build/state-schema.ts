// The build state's tables, version by version: a state written by an older Galley is migrated in place.

/** Marks a SQLite file as Galley's build state (PRAGMA application_id), so a foreign database is never read as one. */
export const APPLICATION_ID = 0x47616c6c; // "Gall"

/**
 * Each step takes the schema from the version before it (its index) to the next. The state holds only
 * what a build can make again from the seeds, so a step may drop what it cannot carry over.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE seeds (
     seed TEXT PRIMARY KEY,
     -- size, mtime, ctime, inode and fallback date: equal, the seed is taken as unchanged unread (git's index)
     stat TEXT NOT NULL,
     input TEXT NOT NULL,
     base_slug TEXT NOT NULL,
     slug TEXT NOT NULL,
     published INTEGER NOT NULL,
     key TEXT NOT NULL,
     -- 1 when the last build that reached the seed built it; 0 when it failed and keeps its last good files
     live INTEGER NOT NULL,
     diagnostics TEXT NOT NULL,
     render_diagnostics TEXT NOT NULL,
     files TEXT NOT NULL,
     model_hash TEXT NOT NULL,
     listing_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   ) WITHOUT ROWID;
   -- Apart from the rows, which a no-op build reads all of: the article as built, and as the lists show it
   -- (no sections, no related reading), each sealed by its hash in the seed's row.
   CREATE TABLE models (seed TEXT PRIMARY KEY, listing TEXT NOT NULL, model TEXT NOT NULL);
   CREATE INDEX seeds_newest ON seeds (live, published DESC, slug);
   CREATE INDEX seeds_slug ON seeds (slug);
   CREATE TABLE orphans (name TEXT PRIMARY KEY) WITHOUT ROWID;
   CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
