// The pool's threads have a capped heap: an article too large for a thread is rendered again in the main
// thread, which has none, and comes out as it would from a build without the pool.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { galleySync, snapshot } from '../support/cli.js';

describe('pool threads with a capped heap', () => {
  it('renders an article that runs a thread out of memory in the main thread instead, with the same bytes', () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-pool-memory-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    for (let i = 0; i < 2; i++) writeFileSync(join(seeds, `s${i}.txt`), synthSeed(i));
    // Tens of thousands of list items: a PDF far larger than a 64 MB heap can lay out.
    writeFileSync(join(seeds, 'big.txt'), `---\ndate: 2024-06-19\n---\nMany items\nItems:\n${'- item\n'.repeat(40_000)}`);
    const args = (out: string) => ['build', seeds, '--out', join(root, out), '--formats', 'json,pdf', '--quiet'];
    const pooled = galleySync(args('pooled'), undefined, { ...process.env, GALLEY_POOL_MIN: '1', GALLEY_THREADS: '2', GALLEY_THREAD_HEAP_MB: '64' });
    expect([pooled.code, pooled.stderr]).toEqual([0, '']);
    expect(galleySync(args('one-thread'), undefined, { ...process.env, GALLEY_THREADS: '1' }).code).toBe(0);
    // By hash: a deep comparison of megabytes of PDF, byte by byte, takes the test runner minutes.
    const hashes = (out: string) => [...snapshot(join(root, out))].map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]);
    const expected = hashes('one-thread');
    expect(expected.map(([name]) => name)).toContain('many-items.pdf');
    expect(hashes('pooled')).toEqual(expected);
  }, 120_000);
});
