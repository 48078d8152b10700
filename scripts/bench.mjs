// npm run bench: per-exporter cost, cold start, batch throughput and memory, incremental rebuild.
// Figures, not assertions: a table on stdout, or the results as JSON with --json. Progress goes to stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthSeed, writeSynthSeeds } from './synth-seeds.mjs';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1,100,1000,10000' },
    samples: { type: 'string', default: '200' },
  },
});
// What a user runs (the startup snapshot, which hands batches to the compiled CLI), and the compiled CLI alone.
const BIN = resolve('bin/galley');
const CLI = resolve('dist/cli.js');
const sizes = values.sizes.split(',').map(Number);
const samples = Number(values.samples);
const results = { machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`, exporters: {}, cold: null, batch: [], incremental: null };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (s) => process.stderr.write(s + '\n');

// 1. Each exporter in one process, warm: the median over `samples` synthetic articles.
{
  const { normalize } = await import('../dist/normalize/index.js');
  const { FORMATS } = await import('../dist/exporters/registry.js');
  const { DEFAULT_CONFIG } = await import('../dist/model/config.js');
  const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };
  const articles = Array.from({ length: samples }, (_, i) =>
    normalize(synthSeed(i), `synth-${i}.txt`, { config, fallbackDate: null }).article);
  const t0 = performance.now();
  for (let i = 0; i < samples; i++) normalize(synthSeed(i), `synth-${i}.txt`, { config, fallbackDate: null });
  results.exporters.normalize = { msPerArticle: (performance.now() - t0) / samples };
  for (const f of FORMATS) {
    const render = await f.load();
    if (f.kind === 'article') {
      await render(articles[0], { config }); // warm-up: fonts, templates
      const times = [];
      for (const a of articles) {
        const t = performance.now();
        await render(a, { config });
        times.push(performance.now() - t);
      }
      results.exporters[f.name] = { msPerArticle: median(times) };
    } else {
      const many = Array.from({ length: 1000 }, (_, i) => articles[i % articles.length]);
      const sizesMap = new Map(many.map((a) => [a.slug, { pdf: 50000 }]));
      const t = performance.now();
      await render(many, { config, sizes: sizesMap });
      results.exporters[f.name] = { msPerFeedOf1000: performance.now() - t };
    }
  }
  log(`exporters: ${JSON.stringify(results.exporters)}`);
}

// 2. Cold start: the whole command on the repo's single seed, all formats, each run a new process.
function cold(command) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const out = mkdtempSync(join(tmpdir(), 'galley-bench-cold-'));
    const t = performance.now();
    execFileSync(command[0], [...command.slice(1), 'build', 'seeds', '--out', out, '--quiet']);
    times.push(performance.now() - t);
    if (i === 0) results.seedPdfBytes = readFileSync(join(out, 'putin-seeks-to-court-north-korea-prior-to-scheduled-visit.pdf')).length;
    rmSync(out, { recursive: true, force: true });
  }
  return median(times);
}
results.cold = { msWall: cold([BIN]), msWallWithoutSnapshot: cold([process.execPath, CLI]) };
log(`cold start: ${results.cold.msWall.toFixed(0)} ms (bin/galley), ${results.cold.msWallWithoutSnapshot.toFixed(0)} ms (node dist/cli.js)`);

// 3. Full builds of N synthetic seeds, all formats, in a fresh out/ each: wall time and peak RSS.
function timedBuild(seeds, out, extra = []) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', BIN, 'build', seeds, '--out', out, '--quiet', ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  const [wall, rssKb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds: wall, peakRssMb: rssKb / 1024 };
}
let thousand = null;
for (const n of sizes) {
  const root = mkdtempSync(join(tmpdir(), `galley-bench-${n}-`));
  writeSynthSeeds(join(root, 'seeds'), n);
  const r = timedBuild(join(root, 'seeds'), join(root, 'out'));
  const row = { articles: n, ...r, articlesPerSecond: n / r.seconds };
  results.batch.push(row);
  log(`batch ${n}: ${r.seconds.toFixed(2)} s, ${row.articlesPerSecond.toFixed(0)} articles/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  if (n === 1000) thousand = root;
  else rmSync(root, { recursive: true, force: true });
}

// 4. Incremental: change one seed of 1,000 and rebuild.
if (thousand) {
  const seed = join(thousand, 'seeds', 'synth-00500.txt');
  appendFileSync(seed, 'One more paragraph, added after a correction.\n');
  const r = timedBuild(join(thousand, 'seeds'), join(thousand, 'out'));
  results.incremental = { changed: 1, of: 1000, seconds: r.seconds };
  log(`incremental 1 of 1000: ${r.seconds.toFixed(2)} s`);
  rmSync(thousand, { recursive: true, force: true });
}

const fmt = (x, d = 1) => (x === undefined || x === null ? '–' : x.toFixed(d));
const lines = [
  `machine: ${results.machine}`,
  '',
  '| exporter | ms per article (median, warm) |',
  '| --- | ---: |',
  ...Object.entries(results.exporters).map(([k, v]) => `| ${k} | ${v.msPerArticle !== undefined ? fmt(v.msPerArticle, 2) : `${fmt(v.msPerFeedOf1000, 0)} ms per feed of 1,000`} |`),
  '',
  `seed PDF: ${results.seedPdfBytes} bytes; cold \`bin/galley build seeds\` (all formats): ${fmt(results.cold.msWall, 0)} ms (${fmt(results.cold.msWallWithoutSnapshot, 0)} ms as \`node dist/cli.js\`, without the snapshot)`,
  '',
  '| articles | wall s | articles/s | peak RSS MB |',
  '| ---: | ---: | ---: | ---: |',
  ...results.batch.map((b) => `| ${b.articles} | ${fmt(b.seconds, 2)} | ${fmt(b.articlesPerSecond, 0)} | ${fmt(b.peakRssMb, 0)} |`),
  '',
  results.incremental ? `incremental rebuild, 1 of 1,000 seeds changed: ${fmt(results.incremental.seconds, 2)} s` : '',
];
process.stdout.write(values.json ? JSON.stringify(results, null, 2) + '\n' : lines.join('\n') + '\n');
