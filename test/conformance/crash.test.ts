// Crash safety, signals and concurrency: a killed or stopped build, or two builds at once, leave only
// complete files in out/ and a whole build state, and nothing writes on after the command ended.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { binSpawn, CLI, galleySpawn, galleySync, snapshot } from '../support/cli.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

// Pooled builds (the pool's threshold lowered to this corpus), so the killed build is a pooled one.
const N = 16;
const POOLED = { ...process.env, GALLEY_POOL_MIN: '12' };
const FORMATS = ['--formats', 'json,pdf,epub,rss,jsonfeed'];

let built: ReturnType<typeof buildTwoVersions> | undefined;
/** Two versions of N seeds and a reference build of each, made once for both tests. */
function twoVersions() {
  built ??= buildTwoVersions();
  return built;
}

function buildTwoVersions() {
  const root = mkdtempSync(join(tmpdir(), 'galley-crash-'));
  for (const v of ['v1', 'v2']) {
    mkdirSync(join(root, v));
    for (let i = 0; i < N; i++) {
      const text = synthSeed(i) + (v === 'v2' ? 'A correction added in the second version.\n' : '');
      writeFileSync(join(root, v, `s${String(i).padStart(2, '0')}.txt`), text);
    }
  }
  const ref = (v: string) => {
    const out = join(root, `ref-${v}`);
    const r = galleySync(['build', join(root, v), '--out', out, '--quiet', ...FORMATS], undefined, POOLED);
    expect(r.code, r.stderr).toBe(0);
    return snapshot(out);
  };
  return { root, old: ref('v1'), fresh: ref('v2') };
}

describe('crash safety', () => {
  it('a build killed with SIGKILL while writing leaves each file old or new, never partial; the next build succeeds', async () => {
    const { root, old, fresh } = twoVersions();
    const out = join(root, 'out');
    cpSync(join(root, 'ref-v1'), out, { recursive: true });
    const child = galleySpawn(['build', join(root, 'v2'), '--out', out, '--quiet', ...FORMATS], undefined, POOLED);
    // Kill as soon as the first new file has landed: the build is then mid-way through writing.
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        const landed = [...fresh.keys()].some((f) => f.endsWith('.pdf') && !old.get(f)!.equals(readFileSync(join(out, f))) );
        if (landed) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        }
      }, 2);
    });
    await new Promise((r) => child.on('exit', r));
    const after = snapshot(out);
    let updated = 0;
    for (const [name, bytes] of after) {
      const isOld = old.get(name)?.equals(bytes) ?? false;
      const isNew = fresh.get(name)?.equals(bytes) ?? false;
      expect(isOld || isNew, `${name} is neither the old nor the new version`).toBe(true);
      if (isNew && !isOld) updated++;
    }
    expect(updated).toBeGreaterThan(0);
    expect(updated).toBeLessThan(fresh.size - 2); // it really was killed part-way

    const r = galleySync(['build', join(root, 'v2'), '--out', out, '--quiet', ...FORMATS], undefined, POOLED);
    expect(r.code, r.stderr).toBe(0);
    expect(snapshot(out)).toEqual(fresh);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

describe('crash safety of the build state', () => {
  it('a build killed with SIGKILL between batches keeps the batches it committed; the state is whole, the rest is built next', async () => {
    const { root, fresh } = twoVersions();
    const out = join(root, 'killed-between-batches');
    const env = { ...POOLED, GALLEY_BATCH: '4' };
    const child = galleySpawn(['build', join(root, 'v2'), '--out', out, '--quiet', ...FORMATS], undefined, env);
    // Six PDFs on disk: the first batch of four was committed before the second was written.
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (existsSync(out) && readdirSync(out).filter((f) => f.endsWith('.pdf')).length >= 6) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        }
      }, 2);
    });
    await new Promise((r) => child.on('exit', r));
    const db = new Database(join(out, '.galley', 'state.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const committed = db.prepare('SELECT count(*) FROM seeds').pluck().get() as number;
    db.close();
    expect(committed % 4).toBe(0);
    expect(committed).toBeGreaterThanOrEqual(4);
    expect(committed).toBeLessThan(N);

    const r = galleySync(['build', join(root, 'v2'), '--out', out, ...FORMATS], undefined, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`built ${N} of ${N} articles into ${out} (${committed} already current)`);
    expect(snapshot(out)).toEqual(fresh);
  }, 120_000);
});

describe('concurrency', () => {
  it('two builds into the same out/ at once both succeed and leave the same files as one build', async () => {
    const { root, fresh } = twoVersions();
    const out = join(root, 'shared-out');
    const runs = [0, 1].map(() => galleySpawn(['build', join(root, 'v2'), '--out', out, '--quiet', '--force', ...FORMATS], undefined, POOLED));
    const codes = await Promise.all(runs.map((c) => new Promise((r) => c.on('exit', r))));
    expect(codes).toEqual([0, 0]);
    expect(snapshot(out)).toEqual(fresh);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

describe('signals', () => {
  // A batch for the pool, large enough that the build is still writing when the signal comes.
  const SEEDS = 48;
  let corpus: string | undefined;
  function seedsDir(): string {
    if (corpus === undefined) {
      corpus = mkdtempSync(join(tmpdir(), 'galley-signal-seeds-'));
      for (let i = 0; i < SEEDS; i++) writeFileSync(join(corpus, `s${String(i).padStart(2, '0')}.txt`), synthSeed(i));
    }
    return corpus;
  }
  const BLOB = resolve('dist/cli/galley.blob');
  // With a current snapshot, bin/galley runs the snapshot as its child, which hands a pool batch back; the
  // compiled CLI then takes bin/galley's own process over. `npm test` builds the snapshot first.
  const handsOff = existsSync(BLOB) && statSync(BLOB).mtimeMs > statSync(CLI).mtimeMs;
  if (process.env.CI === 'true' && !handsOff) throw new Error('dist/cli/galley.blob is missing or older than the CLI: `npm run compile` made no current startup snapshot');
  const POOLED = { ...process.env, GALLEY_POOL_MIN: '1' };

  /** Every file under `dir`, hidden ones included, with its size and mtime. */
  function listing(dir: string): string[] {
    return readdirSync(dir, { recursive: true }).map(String).sort().map((f) => {
      const st = lstatSync(join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    });
  }

  /** Pids of the processes whose parent is `pid`, and theirs (Linux /proc). */
  function descendants(pid: number): number[] {
    const children = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(p)] : [];
      } catch {
        return []; // ended while listed
      }
    });
    return children.flatMap((c) => [c, ...descendants(c)]);
  }

  /** Running, and not a zombie waiting to be reaped. */
  function alive(pid: number): boolean {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  }

  async function until(test: () => boolean, what: string, ms = 60_000): Promise<void> {
    for (const start = Date.now(); !test(); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    }
  }

  /** Start a build, and once its first article is written, send `signal` to its pid alone. */
  async function stopMidway(start: (out: string) => ChildProcess, signal: NodeJS.Signals) {
    const out = join(mkdtempSync(join(tmpdir(), 'galley-signal-')), 'out');
    const child = start(out);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await until(() => existsSync(out) && readdirSync(out).some((f) => f.endsWith('.pdf')), 'the first article');
    const helpers = descendants(child.pid!);
    const command = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    process.kill(child.pid!, signal);
    const [code, killedBy] = await exited;
    return { out, helpers, command, stderr, status: code ?? 128 + constants.signals[killedBy!] };
  }

  async function expectNothingMoves(out: string, helpers: number[]): Promise<void> {
    const atExit = listing(out);
    await new Promise((r) => setTimeout(r, 1500));
    expect(listing(out)).toEqual(atExit);
    expect(helpers.filter(alive)).toEqual([]);
    expect(atExit.filter((f) => f.endsWith('.pdf')).length, 'stopped part-way').toBeLessThan(SEEDS);
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s to bin/galley alone stops every thread and child; nothing is written after it ends (%i)', async (signal, status) => {
    const r = await stopMidway((out) => binSpawn(['build', seedsDir(), '--out', out, '--quiet'], POOLED), signal);
    expect([r.status, r.stderr]).toEqual([status, `galley: stopped by ${signal}; every file written is whole, and the next build finishes the rest\n`]);
    // Handed off: the compiled CLI is bin/galley's own process, and no parent holds memory beside it.
    if (handsOff) expect([r.command.some((a) => a.endsWith('dist/cli/cli.js')), r.helpers]).toEqual([true, []]);
    await expectNothingMoves(r.out, r.helpers);
    if (signal !== 'SIGTERM') return;
    // The state is consistent: the next build keeps what was finished, renders the rest, leaves no temp file.
    const next = galleySync(['build', seedsDir(), '--out', r.out], undefined, POOLED);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`built ${SEEDS} of ${SEEDS} articles into .* \\([1-9]\\d* already current\\)`));
    expect(readdirSync(r.out, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('SIGTERM to `node dist/cli/cli.js` alone stops its pool threads before it ends', async () => {
    const r = await stopMidway((out) => galleySpawn(['build', seedsDir(), '--out', out, '--quiet'], undefined, POOLED), 'SIGTERM');
    expect(r.status).toBe(143);
    await expectNothingMoves(r.out, r.helpers);
  }, 120_000);

  it.runIf(handsOff)('the snapshot child stops by itself when bin/galley is killed outright (SIGKILL)', async () => {
    // Few enough for the snapshot to build them itself, as bin/galley's child.
    const r = await stopMidway((out) => binSpawn(['build', seedsDir(), '--out', out, '--quiet'], { ...process.env, GALLEY_POOL_MIN: '1000' }), 'SIGKILL');
    expect(r.status).toBe(137);
    expect(r.helpers.length).toBeGreaterThan(0);
    await until(() => !r.helpers.some(alive), 'the orphaned child to stop', 5000);
    await expectNothingMoves(r.out, r.helpers);
  }, 120_000);
});
