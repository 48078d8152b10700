// The build state (out/.galley/state.db) is untrusted input: sealed rows, names kept inside out/, a damaged or
// foreign file replaced with a warning, and one build at a time.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { seal } from '../../src/pipeline/state/state.js';
import { openState } from '../../src/pipeline/state/open.js';
import type { SeedRow } from '../../src/pipeline/state/state.js';
import { selectFormats } from '../../src/exporters/registry.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const DATED = (title: string) => `---\ndate: 2024-06-19\n---\n${title}\nA paragraph.\n`;
const json = selectFormats(['json']);

function seeds(files: Record<string, string>): { seedsDir: string; outDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'galley-state-'));
  const seedsDir = join(root, 'seeds');
  mkdirSync(seedsDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(seedsDir, name), text);
  return { seedsDir, outDir: join(root, 'out') };
}

const stateFile = (out: string) => join(out, '.galley', 'state.db');
const visible = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
const ignored = (r: { diagnostics: { rule: string; file: string; message: string }[] }) =>
  r.diagnostics.filter((d) => d.rule === 'cache/ignored').map((d) => [d.file.endsWith('out/.galley/state.db'), d.message]);

/** Change the state as someone with write access to out/ would, outside any build. */
function edit(out: string, work: (db: BetterSqlite3.Database) => void): void {
  const db = new Database(stateFile(out));
  try {
    work(db);
  } finally {
    db.close();
  }
}

type Raw = Record<string, unknown>;
/** A row as a forger who knows the format rewrites it: fields changed, the seal recomputed. */
function reseal(db: BetterSqlite3.Database, seed: string, change: (row: SeedRow) => SeedRow, as = seed): void {
  const r = db.prepare('SELECT * FROM seeds WHERE seed = ?').get(seed) as Raw;
  const row = change({
    seed: as, stat: r.stat as string, input: r.input as string, baseSlug: r.base_slug as string, slug: r.slug as string,
    published: r.published as number, key: r.key as string, live: r.live === 1, diagnostics: JSON.parse(r.diagnostics as string),
    renderDiagnostics: JSON.parse(r.render_diagnostics as string), files: JSON.parse(r.files as string), modelHash: r.model_hash as string,
    listingHash: r.listing_hash as string,
  });
  db.prepare(`INSERT OR REPLACE INTO seeds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row.seed, row.stat, row.input, row.baseSlug,
    row.slug, row.published, row.key, row.live ? 1 : 0, JSON.stringify(row.diagnostics), JSON.stringify(row.renderDiagnostics),
    JSON.stringify(row.files), row.modelHash, row.listingHash, seal(row));
  db.prepare('INSERT OR REPLACE INTO models SELECT ?, model FROM models WHERE seed = ?').run(as, seed);
  db.prepare('INSERT OR REPLACE INTO listings SELECT ?, listing FROM listings WHERE seed = ?').run(as, seed);
}

describe('the build state is untrusted input', () => {
  it('deletes no file outside out/ that a row or the orphan list names, and warns about each', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    const root = dirname(dirs.outDir);
    const elsewhere = mkdtempSync(join(tmpdir(), 'galley-victim-'));
    writeFileSync(join(root, 'victim.json'), '{"mine": true}');
    writeFileSync(join(elsewhere, 'keep.epub'), 'mine');
    edit(dirs.outDir, (db) => {
      const files = { '../victim.json': { size: 1, mtimeMs: 1 }, [join(elsewhere, 'keep.epub')]: { size: 1, mtimeMs: 1 } };
      reseal(db, 'a.txt', (row) => ({ ...row, files }), 'gone.txt');
      for (const name of ['../victim.json', 'sub/x.json']) db.prepare('INSERT INTO orphans VALUES (?)').run(name);
    });

    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: selectFormats(['json', 'epub']) });
    expect(readFileSync(join(root, 'victim.json'), 'utf8')).toBe('{"mine": true}');
    expect(readFileSync(join(elsewhere, 'keep.epub'), 'utf8')).toBe('mine');
    expect(ignored(result)).toEqual([
      [true, 'ignored the entry of "gone.txt": "../victim.json" is not a file name Galley writes'],
      [true, 'ignored the old file "../victim.json": not a file name Galley writes'],
      [true, 'ignored the old file "sub/x.json": not a file name Galley writes'],
    ]);
    edit(dirs.outDir, (db) => {
      expect(db.prepare('SELECT name FROM orphans').pluck().all()).toEqual([]);
      expect(db.prepare('SELECT seed FROM seeds').pluck().all()).toEqual(['a.txt']);
    });
  });

  it('builds again, not publishes, a cached model edited in the state', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    edit(dirs.outDir, (db) => db.prepare("UPDATE models SET model = replace(model, '\"title\":\"One\"', '\"title\":\"Injected title\"')").run());
    rmSync(join(dirs.outDir, 'one.json')); // so the model, not only the file, would reach out/

    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(ignored(result)).toEqual([[true, 'ignored the entry of "a.txt": its model does not match its hash (edited or damaged)']]);
    expect(JSON.parse(readFileSync(join(dirs.outDir, 'one.json'), 'utf8')).title).toBe('One');
    edit(dirs.outDir, (db) => expect(db.prepare('SELECT model FROM models').pluck().get()).not.toContain('Injected'));
  });

  it('lists an article whose listing was edited in the state from its model, and says so once', async () => {
    const dirs = seeds({ 'a.txt': DATED('One'), 'b.txt': DATED('Two') });
    const formats = selectFormats(['json', 'site', 'opds']);
    await build({ ...dirs, config: DEFAULT_CONFIG, formats });
    edit(dirs.outDir, (db) => db.prepare("UPDATE listings SET listing = replace(listing, '\"title\":\"One\"', '\"title\":\"Injected\"')").run());
    writeFileSync(join(dirs.seedsDir, 'b.txt'), DATED('Three')); // so the lists are written again

    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats });
    expect(ignored(result)).toEqual([[true, 'ignored the listing of "a.txt": it does not match its hash (edited or damaged); the model stands in']]);
    for (const page of ['index.html', 'opds/latest.xml']) {
      const text = readFileSync(join(dirs.outDir, page), 'utf8');
      expect([text.includes('>One<'), text.includes('Injected')], page).toEqual([true, false]);
    }
  });

  it('builds again an article whose row was edited (its slug), and names the row', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    edit(dirs.outDir, (db) => db.prepare("UPDATE seeds SET slug = 'other'").run());
    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(ignored(result)).toEqual([[true, 'ignored the entry of "a.txt": it does not match its hash (edited or damaged)']]);
    expect([result.rendered, visible(dirs.outDir)]).toEqual([1, ['article.schema.json', 'one.json']]);
  });

  it.each([
    ['damaged', (file: string) => writeFileSync(file, 'SQLite format 3\u0000 but then nothing a database holds'.repeat(200)),
      /^ignored: unreadable \(.+\); every article is built again$/],
    ['foreign', (file: string) => {
      const db = new Database(file);
      db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
      db.close();
    }, /^ignored: not a build state Galley wrote; every article is built again$/],
    ['from a newer Galley', (file: string) => {
      const db = new Database(file);
      db.pragma('user_version = 99');
      db.close();
    }, /^ignored: written by a newer Galley \(state version 99; this one reads 3\); every article is built again$/],
  ])('replaces a %s state file with a warning, builds every article again, and keeps out/', async (_, spoil, message) => {
    const dirs = seeds({ 'a.txt': DATED('One'), 'b.txt': DATED('Two') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    const before = visible(dirs.outDir);
    for (const suffix of ['', '-wal', '-shm']) rmSync(stateFile(dirs.outDir) + suffix, { force: true });
    spoil(stateFile(dirs.outDir));

    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    const warnings = ignored(result);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toBe(true);
    expect(warnings[0]![1]).toMatch(message);
    expect([result.rendered, visible(dirs.outDir)]).toEqual([2, before]);
    const again = await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect([again.rendered, ignored(again)]).toEqual([0, []]);
  });

  it('carries the rows of a state of version 1 over: nothing is built again', async () => {
    const dirs = seeds({ 'a.txt': DATED('One'), 'b.txt': DATED('Two') });
    const formats = selectFormats(['json', 'site']);
    await build({ ...dirs, config: DEFAULT_CONFIG, formats });
    // Back to version 1's tables, rows kept: rows WITHOUT ROWID, the listings beside the models.
    edit(dirs.outDir, (db) => db.exec(`
      CREATE TABLE v1 (seed TEXT PRIMARY KEY, stat TEXT NOT NULL, input TEXT NOT NULL, base_slug TEXT NOT NULL, slug TEXT NOT NULL,
        published INTEGER NOT NULL, key TEXT NOT NULL, live INTEGER NOT NULL, diagnostics TEXT NOT NULL, render_diagnostics TEXT NOT NULL,
        files TEXT NOT NULL, model_hash TEXT NOT NULL, listing_hash TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO v1 SELECT * FROM seeds;
      DROP TABLE seeds;
      ALTER TABLE v1 RENAME TO seeds;
      CREATE INDEX seeds_newest ON seeds (live, published DESC, slug);
      CREATE INDEX seeds_slug ON seeds (slug);
      CREATE TABLE m1 (seed TEXT PRIMARY KEY, listing TEXT NOT NULL, model TEXT NOT NULL);
      INSERT INTO m1 SELECT m.seed, l.listing, m.model FROM models m JOIN listings l ON l.seed = m.seed;
      DROP TABLE models;
      DROP TABLE listings;
      ALTER TABLE m1 RENAME TO models;
      DROP TABLE renditions;
      DROP TABLE picture_uses;
      PRAGMA user_version = 1;`));

    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats });
    expect([result.rendered, result.built.length, ignored(result)]).toEqual([0, 2, []]);
    edit(dirs.outDir, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare('SELECT count(*) FROM listings').pluck().get()).toBe(2);
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'seeds'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    });
    // The archive lists the carried-over listing of a beside the new one of b.
    writeFileSync(join(dirs.seedsDir, 'b.txt'), DATED('Three'));
    expect((await build({ ...dirs, config: DEFAULT_CONFIG, formats })).rendered).toBe(1);
    const home = readFileSync(join(dirs.outDir, 'index.html'), 'utf8');
    expect([...home.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]).sort()).toEqual(['One', 'Three']);
  });

  it('removes the JSON manifest of older Galleys, which no build reads', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    mkdirSync(dirs.outDir);
    writeFileSync(join(dirs.outDir, '.galley-cache.json'), '{"version": 3}');
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    expect(existsSync(join(dirs.outDir, '.galley-cache.json'))).toBe(false);
  });
});

describe('two builds into one out/', () => {
  it('the second waits for the first to let go of the state, says so once, then builds', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: json });
    const held = openState(dirs.outDir);
    let waits = 0;
    let finished = false;
    const second = build({ ...dirs, config: DEFAULT_CONFIG, formats: json, force: true, onWait: () => waits++ }).then((r) => {
      finished = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect([waits, finished]).toEqual([1, false]);
    held.close();
    const result = await second;
    expect([waits, result.rendered]).toEqual([1, 1]);
  });

  it('a waiting build stops at once on its signal', async () => {
    const dirs = seeds({ 'a.txt': DATED('One') });
    mkdirSync(dirs.outDir);
    const held = openState(dirs.outDir);
    const stop = new AbortController();
    const reason = new Error('stopped by SIGTERM');
    const waiting = build({ ...dirs, config: DEFAULT_CONFIG, formats: json, signal: stop.signal, onWait: () => stop.abort(reason) });
    await expect(waiting).rejects.toBe(reason);
    held.close();
    expect(visible(dirs.outDir)).toEqual([]);
  });
});

/** Every file of out/ but the build state, by its path, with its bytes. */
function outFiles(dir: string, root = dir, into = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.galley') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) outFiles(path, root, into);
    else into.set(path.slice(root.length + 1), readFileSync(path).toString('base64'));
  }
  return into;
}

/** out/ as a fresh build of the same seeds writes it. */
async function fresh(dirs: { seedsDir: string; outDir: string }, formats = json): Promise<Map<string, string>> {
  const outDir = `${dirs.outDir}-fresh`;
  await build({ seedsDir: dirs.seedsDir, outDir, config: DEFAULT_CONFIG, formats });
  return outFiles(outDir);
}

describe('a state damaged where a build reads it (issue 24, D4, D5)', () => {
  const everything = selectFormats(['json', 'rss', 'jsonfeed', 'site', 'opds']);
  const many = () => seeds(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`s${i}.txt`, DATED(`Story number ${i}`)])));

  it.each([
    ['a page of random bytes inside the file', false, (file: string) => {
      const bytes = readFileSync(file);
      expect(bytes.length).toBeGreaterThan(9 * 4096);
      // What `dd if=/dev/urandom bs=4096 seek=8 count=1 conv=notrunc` does, with bytes that are the same every run.
      for (let i = 0; i < 4096; i++) bytes[8 * 4096 + i] = (i * 151 + 7) & 0xff;
      writeFileSync(file, bytes);
    }, /^ignored: unreadable \(.+\); every article is built again$/],
    ['an empty database that says it is of this version', true, (file: string) => {
      const db = new Database(file);
      db.pragma('user_version = 2');
      db.close();
    }, /^ignored: unreadable \(no table "seeds"\); every article is built again$/],
    ['an empty database of version -1', true, (file: string) => {
      const db = new Database(file);
      db.pragma('user_version = -1');
      db.close();
    }, /^ignored: not a build state Galley wrote; every article is built again$/],
  ])('%s: warns, builds every article again, and out/ equals a fresh build', async (_, replaced, spoil, message) => {
    const dirs = many();
    await build({ ...dirs, config: DEFAULT_CONFIG, formats: everything });
    for (const suffix of [...(replaced ? [''] : []), '-wal', '-shm']) rmSync(stateFile(dirs.outDir) + suffix, { force: true });
    spoil(stateFile(dirs.outDir));

    const result = await build({ ...dirs, config: DEFAULT_CONFIG, formats: everything });
    expect(result.failed).toEqual([]);
    expect(result.built).toHaveLength(40);
    const warnings = ignored(result);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.at(-1)![1]).toMatch(message);
    expect(outFiles(dirs.outDir)).toEqual(await fresh(dirs, everything));
    const again = await build({ ...dirs, config: DEFAULT_CONFIG, formats: everything });
    expect([again.rendered, ignored(again)]).toEqual([0, []]);
  });

  it('builds an article again from its seed when its cached model and listing were edited, so no list loses it', async () => {
    const dirs = seeds({ 'a.txt': DATED('One'), 'b.txt': DATED('Two') });
    const formats = selectFormats(['json', 'html', 'rss', 'jsonfeed', 'site', 'opds']);
    const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };
    await build({ ...dirs, config, formats });
    edit(dirs.outDir, (db) => {
      db.prepare("UPDATE models SET model = replace(model, '\"title\":\"Two\"', '\"title\":\"Forged\"') WHERE seed = 'b.txt'").run();
      db.prepare("UPDATE listings SET listing = replace(listing, '\"title\":\"Two\"', '\"title\":\"Forged\"') WHERE seed = 'b.txt'").run();
    });
    writeFileSync(join(dirs.seedsDir, 'a.txt'), DATED('One, edited')); // so the lists are written again

    const result = await build({ ...dirs, config, formats });
    expect(result.built.map((b) => b.slug)).toEqual(['one-edited', 'two']);
    expect(ignored(result).length).toBeGreaterThanOrEqual(1);
    for (const list of ['feed.xml', 'feeds/feed.json', 'index.html', 'sitemap.xml', 'opds/latest.xml']) {
      const text = readFileSync(join(dirs.outDir, list), 'utf8');
      expect(text, list).toContain('articles/two/');
      expect(text, list).not.toContain('Forged');
    }
    const outDir = `${dirs.outDir}-fresh`;
    await build({ seedsDir: dirs.seedsDir, outDir, config, formats });
    expect(outFiles(dirs.outDir)).toEqual(outFiles(outDir));
    const again = await build({ ...dirs, config, formats });
    expect([again.rendered, ignored(again)]).toEqual([0, []]);
  });
});
