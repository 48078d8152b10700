// Crash safety and concurrency: a killed build or two builds at once leave only complete files in out/.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { galleySpawn, galleySync, snapshot } from '../support/cli.js';

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
