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
  // A row of seeds is near a kilobyte: past what a WITHOUT ROWID page keeps in place, so each one took a page
  // and an overflow page, and looking seeds up cost two reads a row. An ordinary table packs several rows to
  // a page. The listings get a table of their own, so the lists read them without the models' pages.
  `CREATE TABLE seeds_v2 (
     seed TEXT PRIMARY KEY,
     stat TEXT NOT NULL,
     input TEXT NOT NULL,
     base_slug TEXT NOT NULL,
     slug TEXT NOT NULL,
     published INTEGER NOT NULL,
     key TEXT NOT NULL,
     live INTEGER NOT NULL,
     diagnostics TEXT NOT NULL,
     render_diagnostics TEXT NOT NULL,
     files TEXT NOT NULL,
     model_hash TEXT NOT NULL,
     listing_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   INSERT INTO seeds_v2 SELECT seed, stat, input, base_slug, slug, published, key, live, diagnostics, render_diagnostics, files,
     model_hash, listing_hash, hash FROM seeds;
   DROP TABLE seeds;
   ALTER TABLE seeds_v2 RENAME TO seeds;
   CREATE INDEX seeds_newest ON seeds (live, published DESC, slug);
   CREATE INDEX seeds_slug ON seeds (slug);
   CREATE TABLE listings (seed TEXT PRIMARY KEY, listing TEXT NOT NULL);
   INSERT INTO listings SELECT seed, listing FROM models;
   CREATE TABLE models_v2 (seed TEXT PRIMARY KEY, model TEXT NOT NULL);
   INSERT INTO models_v2 SELECT seed, model FROM models;
   DROP TABLE models;
   ALTER TABLE models_v2 RENAME TO models;`,
  // Pictures: each rendition made (by its content name) with the spec it was made to and its file's stat, so
  // a rebuild encodes nothing it has; and which seed's article uses which, so one no article uses goes.
  `CREATE TABLE renditions (name TEXT PRIMARY KEY, spec TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL) WITHOUT ROWID;
   CREATE TABLE picture_uses (name TEXT NOT NULL, seed TEXT NOT NULL, PRIMARY KEY (name, seed)) WITHOUT ROWID;
   CREATE INDEX picture_uses_seed ON picture_uses (seed);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The tables a state of this version has: one that lacks any is damaged, whatever its version says. */
export const TABLES: readonly string[] = ['seeds', 'models', 'listings', 'orphans', 'meta', 'renditions', 'picture_uses'];
