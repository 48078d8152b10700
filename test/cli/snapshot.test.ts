// bin/galley starts from the startup snapshot (dist/cli/galley.blob): the same files as the compiled CLI, in
// the thread, in the pool it hands large batches to, and for every script and fallback font of the corpus.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binSync, galleySync, snapshot } from '../support/cli.js';

const CORPUS = resolve('test/fixtures/corpus');
const CONFIG = join(CORPUS, 'galley.config.json');
const BLOB = resolve('dist/cli/galley.blob');
const version = (JSON.parse((await import('node:fs')).readFileSync('package.json', 'utf8')) as { version: string }).version;

// `npm test` builds first, which makes the snapshot; CI must never pass by silently skipping this.
if (!existsSync(BLOB) && process.env.CI) throw new Error('dist/cli/galley.blob is missing: `npm run compile` made no startup snapshot');
const describeWithSnapshot = existsSync(BLOB) ? describe : describe.skip;

describeWithSnapshot('bin/galley from the startup snapshot', () => {
  it('answers --version and --help itself, not Node', () => {
    expect(binSync(['--version']).stdout).toBe(`galley ${version}\n`);
    expect(binSync(['--help']).stdout).toMatch(/^Usage: galley build/);
    const r = binSync(['frobnicate']);
    expect([r.code, r.stderr]).toEqual([2, 'galley: unknown command "frobnicate"\nTry \'galley --help\'.\n']);
  });

  it('writes the same bytes as the compiled CLI, in the thread and through the pool', () => {
    const out = (name: string) => join(mkdtempSync(join(tmpdir(), `galley-snap-${name}-`)), 'out');
    const args = (dir: string) => ['build', CORPUS, '--out', dir, '--config', CONFIG, '--quiet'];
    const oneThread = { ...process.env, GALLEY_THREADS: '1' };
    // The reference: no snapshot, no pool, no warm-up article rendered first.
    const plain = out('plain');
    expect(galleySync(args(plain), undefined, oneThread).code).toBe(0);
    // From the snapshot, whose heap already holds decoded fonts and the warm-up article's caches.
    const fromSnapshot = out('snapshot');
    expect(binSync(args(fromSnapshot), oneThread).code).toBe(0);
    // A batch for the pool: the snapshot hands it to the compiled CLI, whose pool threads warm up first.
    const pooled = out('pool');
    expect(binSync(args(pooled), { ...process.env, GALLEY_POOL_MIN: '2' }).code).toBe(0);
    const expected = snapshot(plain);
    expect(expected.size).toBeGreaterThan(60);
    expect(snapshot(fromSnapshot)).toEqual(expected);
    expect(snapshot(pooled)).toEqual(expected);
  }, 180_000);

  it('hands a rebuild to the pool when the config changed every article, though no seed changed', () => {
    // Run from the blob directly, a batch that needs the pool ends with bin/galley's hand-off status.
    const HAND_OFF = 75;
    const root = mkdtempSync(join(tmpdir(), 'galley-context-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    for (let i = 0; i < 4; i++) writeFileSync(join(seeds, `s${i}.txt`), `---\ndate: 2024-06-1${i}\n---\nHeadline ${i}\nA paragraph.\n`);
    const config = join(root, 'galley.config.json');
    writeFileSync(config, JSON.stringify({ title: 'First' }));
    const args = ['build', seeds, '--out', join(root, 'out'), '--config', config, '--formats', 'json,pdf', '--quiet'];
    // Batches of 2, under the pool's minimum of 3: only the whole build's estimate can start the pool.
    const env = { ...process.env, GALLEY_POOL_MIN: '3', GALLEY_BATCH: '2' };
    const fromBlob = () => spawnSync(process.execPath, ['--snapshot-blob', BLOB, '--', ...args], { env, encoding: 'utf8' }).status;
    expect(binSync(args, env).code).toBe(0);
    expect(fromBlob()).toBe(0); // nothing to render: no pool
    writeFileSync(config, JSON.stringify({ title: 'Second' }));
    expect(fromBlob()).toBe(HAND_OFF);
    expect(binSync(args, env).code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'out', 'headline-0.json'), 'utf8'))).toMatchObject({ title: 'Headline 0' });
    expect(fromBlob()).toBe(0);
  }, 120_000);

  it('says that it replaced a damaged state file once, when it hands the rebuild to the pool', () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-damaged-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    for (let i = 0; i < 4; i++) writeFileSync(join(seeds, `s${i}.txt`), `---\ndate: 2024-06-1${i}\n---\nHeadline ${i}\nA paragraph.\n`);
    const out = join(root, 'out');
    const args = ['build', seeds, '--out', out, '--formats', 'json'];
    const env = { ...process.env, GALLEY_POOL_MIN: '3' };
    expect(binSync(args, env).code).toBe(0);
    const state = join(out, '.galley', 'state.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(state + suffix, { force: true });
    writeFileSync(state, 'not a database at all'.repeat(300));
    const r = binSync(args, env);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/\[cache\/ignored\]/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/state\.db: warning: ignored: unreadable .*; every article is built again/);
  }, 120_000);

  it('runs the compiled CLI beside the blob when the project was moved after the build', () => {
    // A project built in one folder, then renamed: the heap's paths (the lazily opened Hangul and emoji
    // fonts, the worker, package.json) point at a folder that is gone.
    const root = mkdtempSync(join(tmpdir(), 'galley-moved-'));
    const built = join(root, 'built');
    mkdirSync(built);
    for (const part of ['bin', 'dist', 'scripts', 'package.json']) cpSync(resolve(part), join(built, part), { recursive: true });
    rmSync(join(built, 'dist', 'cli', 'galley.blob'));
    symlinkSync(resolve('node_modules'), join(built, 'node_modules'));
    expect(spawnSync(process.execPath, ['scripts/build-snapshot.mjs'], { cwd: built }).status).toBe(0);
    const moved = join(root, 'moved');
    renameSync(built, moved);
    mkdirSync(join(moved, 'seeds'));
    writeFileSync(join(moved, 'seeds', 'a.txt'), '---\ndate: 2024-06-19\n---\nMoved house\nA paragraph about 한국어 and 🎉.\n');
    const r = spawnSync(join(moved, 'bin', 'galley'), ['build', 'seeds', '--out', 'out', '--quiet'], { cwd: moved, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const reference = join(root, 'reference');
    expect(galleySync(['build', join(moved, 'seeds'), '--out', reference, '--quiet']).code).toBe(0);
    expect(snapshot(join(moved, 'out'))).toEqual(snapshot(reference));
  }, 120_000);
});
