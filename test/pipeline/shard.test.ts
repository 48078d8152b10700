// Sharded builds: four `galley build --shard K/4` processes, two at a time into one out/, then `galley collect`,
// give out/ byte for byte as one plain build does, slugs unique across the shards included.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthSeed } from '../../scripts/synth-seeds.mjs';
import { inShard } from '../../src/pipeline/shards/shard.js';
import { CLI, galleySync, snapshot } from '../support/cli.js';

const SITE = ['--site-url', 'https://example.org/news'];
const SAME = '---\ndate: 2024-06-19\n---\nCouncil approves the budget\nA paragraph.\n';

/** Two seed names of the same headline that fall in different shards of four. */
function splitPair(): [string, string] {
  const names = Array.from({ length: 40 }, (_, i) => `same-${String(i).padStart(2, '0')}.txt`);
  const first = names[0]!;
  const k = [1, 2, 3, 4].find((index) => inShard(first, { index, count: 4 }))!;
  return [first, names.find((n) => !inShard(n, { index: k, count: 4 }))!];
}

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('sharded builds', () => {
  it('4 shards run two at a time, then collect, equal one build byte for byte; slugs stay unique across shards', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-shard-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    for (let i = 0; i < 12; i++) writeFileSync(join(seeds, `synth-${String(i).padStart(2, '0')}.txt`), synthSeed(i));
    const pair = splitPair();
    for (const name of pair) writeFileSync(join(seeds, name), SAME);

    const one = galleySync(['build', seeds, '--out', join(root, 'one'), '--quiet', ...SITE]);
    expect(one.code, one.stderr).toBe(0);
    const out = join(root, 'sharded');
    for (const wave of [[1, 2], [3, 4]]) {
      const runs = await Promise.all(wave.map((k) => run(['build', seeds, '--out', out, '--quiet', '--shard', `${k}/4`, ...SITE])));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
    }
    for (const whole of ['feed.xml', 'feeds/feed.json', 'index.html', 'sitemap.xml', 'opds/catalog.xml', 'article.schema.json']) {
      expect(existsSync(join(out, whole)), `${whole} before collect`).toBe(false);
    }
    const collected = galleySync(['collect', '--out', out, ...SITE]);
    expect([collected.code, collected.stderr]).toEqual([0, `galley: collected 14 articles of 4 shards into ${out}\n`]);

    const expected = snapshot(join(root, 'one'));
    expect([...snapshot(out).keys()]).toEqual([...expected.keys()]);
    expect(snapshot(out)).toEqual(expected);
    expect(expected.has('council-approves-the-budget.json') && expected.has('council-approves-the-budget-2.json')).toBe(true);

    // Collected again with nothing changed: the same files, and a plain build over it finds every article current.
    expect(galleySync(['collect', '--out', out, '--quiet', ...SITE]).code).toBe(0);
    expect(snapshot(out)).toEqual(expected);
    const plain = galleySync(['build', seeds, '--out', out, ...SITE]);
    expect(plain.stderr).toContain('built 14 of 14 articles into');
    expect(plain.stderr).toContain('(14 already current)');
  }, 180_000);

  it('collect refuses, exit 2, while a shard is missing, and with other options than the shards were built with', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-shard-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    for (let i = 0; i < 3; i++) writeFileSync(join(seeds, `s${i}.txt`), synthSeed(i));
    const out = join(root, 'out');
    expect(galleySync(['collect', '--out', out]).stderr).toBe(`galley: ${out}: no shard was built into it; run galley build SEEDS --out ${out} --shard K/N for K from 1 to N first\n`);
    expect(galleySync(['build', seeds, '--out', out, '--shard', '1/2', '--formats', 'json,rss']).code).toBe(0);
    expect(galleySync(['collect', '--out', out, '--formats', 'json,rss'])).toMatchObject({ code: 2, stderr: `galley: ${out}: shard 2/2 has not been built into it\n` });
    const second = galleySync(['build', seeds, '--out', out, '--shard', '2/2', '--formats', 'json,rss']);
    const mine = ['s0.txt', 's1.txt', 's2.txt'].filter((n) => inShard(n, { index: 2, count: 2 })).length;
    expect([second.code, second.stderr.split('\n').at(-2)]).toEqual([0, `galley: built ${mine} articles, shard 2/2 of 3 seeds, into ${out}`]);
    expect(galleySync(['collect', '--out', out])).toMatchObject({ code: 2,
      stderr: `galley: ${out}: shard 1/2 was built with other formats, config or Galley code; collect with the options the shards were built with\n` });
    expect(galleySync(['collect', '--out', out, '--formats', 'json,rss']).code).toBe(0);
    expect(galleySync(['build', seeds, '--shard', '3/2'])).toMatchObject({ code: 2, stderr: 'galley: --shard takes K/N with 1 <= K <= N, not "3/2"\nTry \'galley --help\'.\n' });
  }, 60_000);

  it('collect refuses shards that read different seeds (one added between their runs), and takes them once rebuilt (issue 24, D6)', () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-shard-seeds-'));
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    const out = join(root, 'out');
    // b and a fall in different shards of two, as in the report: b's shard runs before a is added.
    const bShard = inShard('b.txt', { index: 1, count: 2 }) ? 1 : 2;
    writeFileSync(join(seeds, 'b.txt'), '---\ndate: 2024-03-01\n---\nSame headline\nB\n');
    expect(galleySync(['build', seeds, '--out', out, '--shard', `${bShard}/2`, '--quiet', ...SITE]).code).toBe(0);
    writeFileSync(join(seeds, 'a.txt'), '---\ndate: 2024-03-02\n---\nSame headline\nA\n');
    expect(galleySync(['build', seeds, '--out', out, '--shard', `${3 - bShard}/2`, '--quiet', ...SITE]).code).toBe(0);
    const refused = galleySync(['collect', '--out', out, ...SITE]);
    expect([refused.code, refused.stderr]).toEqual([2, `galley: ${out}: shard 1/2 and shard 2/2 read different seeds (one was added, `
      + 'removed, renamed or retitled between their runs); build every shard again from the same seeds, then collect\n']);
    expect(existsSync(join(out, 'feed.xml'))).toBe(false);

    expect(galleySync(['build', seeds, '--out', out, '--shard', `${bShard}/2`, '--quiet', ...SITE]).code).toBe(0);
    expect(galleySync(['collect', '--out', out, '--quiet', ...SITE]).code).toBe(0);
    const one = join(root, 'one');
    expect(galleySync(['build', seeds, '--out', one, '--quiet', ...SITE]).code).toBe(0);
    for (const file of ['feed.xml', 'same-headline.json', 'same-headline-2.json', 'index.html', 'sitemap.xml']) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(one, file), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(out, 'same-headline-2.json'), 'utf8')).source.path).toBe('seeds/b.txt');
  }, 60_000);
});
