// npm run bench: per-exporter cost, cold start, batch throughput and memory, incremental rebuild.
// Figures, not assertions: a table on stdout, or the results as JSON with --json. Progress goes to stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHostileSeeds } from './hostile-seeds.mjs';
import { synthSeed, writeSynthSeeds } from './synth-seeds.mjs';
import { measure } from './tree-rss.mjs';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1,100,1000,10000' },
    samples: { type: 'string', default: '200' },
    'skip-hostile': { type: 'boolean', default: false },
    // The archive rows: 100,000 articles (json,rss), first build and no-op rebuild. Minutes: off by default.
    archive: { type: 'boolean', default: false },
    'archive-size': { type: 'string', default: '100000' },
    'archive-formats': { type: 'string', default: 'json,rss' },
    // The editions rows: an archive of N articles (daily editions of the synthetic dates) with editions off and
    // on, first build, no-op and one edit; formats from --editions-formats. Minutes: off by default (0).
    editions: { type: 'string', default: '0' },
    'editions-formats': { type: 'string', default: 'json,rss,site,opds,epub,pdf' },
    'editions-modes': { type: 'string', default: 'off,on' },
    // The pictures rows: N articles each with its own 2,560 x 1,600 JPEG lead photo, all formats, 2 threads.
    pictures: { type: 'string', default: '300' },
    // The search rows: N article pages indexed by Pagefind (the build's own step, timed alone), comma-separated.
    search: { type: 'string', default: '1000,10000' },
  },
});
// What a user runs (the startup snapshot, which hands batches to the compiled CLI), and the compiled CLI alone.
const BIN = resolve('bin/galley');
const CLI = resolve('dist/cli/cli.js');
const sizes = values.sizes.split(',').map(Number);
const samples = Number(values.samples);
const results = { hostile: [], scripts: {}, machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`, exporters: {}, cold: null, batch: [], incremental: null, noop: [], archive: null };

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

// 1b. The world's scripts, warm: the PDF of each script fixture (median of 20 renders), and the first
// render of a CJK article in a process that has rendered only Latin (opening the Han face).
{
  const { normalize } = await import('../dist/normalize/index.js');
  const { exportPdf } = await import('../dist/exporters/pdf.js');
  const { DEFAULT_CONFIG } = await import('../dist/model/config.js');
  const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };
  const fixture = (name) => normalize(readFileSync(`test/fixtures/scripts/${name}.txt`), `${name}.txt`, { config, fallbackDate: null }).article;
  for (const name of ['ar-floods', 'he-cycling', 'hi-mumbai-rain', 'th-songkran', 'zh-hans-bike-sharing', 'ja-sakura']) {
    const article = fixture(name);
    await exportPdf(article, { config });
    const times = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await exportPdf(article, { config });
      times.push(performance.now() - t);
    }
    results.scripts[name] = { msPerArticle: median(times) };
  }
  log(`scripts: ${JSON.stringify(results.scripts)}`);
  const probe = `import { readFileSync } from 'node:fs';
    const { normalize } = await import('./dist/normalize/index.js');
    const { exportPdf } = await import('./dist/exporters/pdf.js');
    const { DEFAULT_CONFIG } = await import('./dist/model/config.js');
    const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };
    const read = (f) => normalize(readFileSync(f), 'x.txt', { config, fallbackDate: null }).article;
    await exportPdf(read('test/fixtures/scripts/ru-snowfall.txt'), { config });
    const ja = read('test/fixtures/scripts/ja-sakura.txt');
    let t = performance.now(); const { bytes } = await exportPdf(ja, { config }); const first = performance.now() - t;
    t = performance.now(); await exportPdf(ja, { config }); const second = performance.now() - t;
    console.log(JSON.stringify({ first, second, bytes: bytes.length }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`CJK probe failed: ${r.stderr}`);
  const { first, second, bytes } = JSON.parse(r.stdout);
  results.scripts.firstCjk = { msFirst: first, msSecond: second, addedMs: first - second, pdfBytes: bytes };
  log(`first CJK article in a process: ${first.toFixed(0)} ms (then ${second.toFixed(0)} ms), PDF ${bytes} bytes`);
}

// 1c. The API in a long-running process: RSS after 200, 1,000 and 2,000 render() calls (the four article
// formats in turn, over 50 synthetic articles), in a fresh process, collected before each reading. Flat
// from 1,000 on means no cache grows with the number of renders (up to 1,000 the fonts' glyph caches and
// the compiled code still fill).
{
  const probe = `import { synthSeed } from './scripts/synth-seeds.mjs';
    const { normalize, render } = await import('galley');
    const articles = Array.from({ length: 50 }, (_, i) => normalize(synthSeed(i), { fileName: 'synth-' + i + '.txt', fallbackDate: new Date(0) }).article);
    const formats = ['pdf', 'epub', 'json', 'html'];
    const rss = {};
    for (let i = 1; i <= 2000; i++) {
      await render(articles[i % articles.length], formats[i % formats.length]);
      if (i === 200 || i === 1000 || i === 2000) { globalThis.gc(); rss[i] = process.memoryUsage().rss / 2 ** 20; }
    }
    console.log(JSON.stringify(rss));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', probe], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`API memory probe failed: ${r.stderr}`);
  const rss = JSON.parse(r.stdout);
  results.apiMemory = { rssMbAfter200: rss[200], rssMbAfter1000: rss[1000], rssMbAfter2000: rss[2000] };
  log(`API renders: RSS ${rss[200].toFixed(0)} MB after 200, ${rss[1000].toFixed(0)} after 1,000, ${rss[2000].toFixed(0)} after 2,000`);
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
log(`cold start: ${results.cold.msWall.toFixed(0)} ms (bin/galley), ${results.cold.msWallWithoutSnapshot.toFixed(0)} ms (node dist/cli/cli.js)`);

// 3. Full builds of N synthetic seeds, all formats, in a fresh out/ each: wall time and the peak RSS of
// the whole process tree (bin/galley, the snapshot and the compiled CLI it hands a batch to, summed).
async function timedBuild(seeds, out, extra = [], env = {}) {
  const r = await measure(BIN, ['build', seeds, '--out', out, '--quiet', ...extra], { env: { ...process.env, ...env } });
  if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`);
  return { seconds: r.seconds, peakRssMb: r.peakRssMb };
}
let largest = null;
for (const n of sizes) {
  const root = mkdtempSync(join(tmpdir(), `galley-bench-${n}-`));
  writeSynthSeeds(join(root, 'seeds'), n);
  const r = await timedBuild(join(root, 'seeds'), join(root, 'out'));
  const row = { articles: n, ...r, articlesPerSecond: n / r.seconds };
  results.batch.push(row);
  log(`batch ${n}: ${r.seconds.toFixed(2)} s, ${row.articlesPerSecond.toFixed(0)} articles/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  // 3b. A no-op rebuild: nothing changed, nothing is rendered.
  const noop = await timedBuild(join(root, 'seeds'), join(root, 'out'));
  results.noop.push({ articles: n, ...noop });
  log(`no-op rebuild ${n}: ${noop.seconds.toFixed(2)} s, peak RSS ${noop.peakRssMb.toFixed(0)} MB`);
  if (largest) rmSync(largest.root, { recursive: true, force: true });
  largest = { root, n };
}

// 4. Incremental: change one seed of the largest batch and rebuild.
if (largest) {
  const seed = join(largest.root, 'seeds', `synth-${String(Math.floor(largest.n / 2)).padStart(5, '0')}.txt`);
  appendFileSync(seed, 'One more paragraph, added after a correction.\n');
  const r = await timedBuild(join(largest.root, 'seeds'), join(largest.root, 'out'));
  results.incremental = { changed: 1, of: largest.n, seconds: r.seconds, peakRssMb: r.peakRssMb };
  log(`incremental 1 of ${largest.n}: ${r.seconds.toFixed(2)} s`);
  rmSync(largest.root, { recursive: true, force: true });
}

// 4b. The archive (--archive): N articles in json and rss, first build and no-op rebuild.
if (values.archive) {
  const n = Number(values['archive-size']);
  const root = mkdtempSync(join(tmpdir(), `galley-bench-archive-`));
  writeSynthSeeds(join(root, 'seeds'), n);
  const extra = ['--formats', values['archive-formats']];
  const first = await timedBuild(join(root, 'seeds'), join(root, 'out'), extra);
  const noop = await timedBuild(join(root, 'seeds'), join(root, 'out'), extra);
  results.archive = { articles: n, first, noop };
  log(`archive ${n} ${values['archive-formats']}: ${first.seconds.toFixed(1)} s, peak RSS ${first.peakRssMb.toFixed(0)} MB; no-op ${noop.seconds.toFixed(2)} s, peak RSS ${noop.peakRssMb.toFixed(0)} MB`);
  rmSync(root, { recursive: true, force: true });
}

// 4b'. Editions (--editions N): the same archive built with editions off, then on (daily, 50 at most), each
// first build, no-op and one edit; the edit touches one article, so one edition.
if (Number(values.editions) > 0) {
  const n = Number(values.editions);
  results.editions = { articles: n, formats: values['editions-formats'] };
  // --editions-modes on: only the build with editions (the one without is what --archive measures).
  for (const on of values['editions-modes'].split(',').map((m) => m === 'on')) {
    const root = mkdtempSync(join(tmpdir(), `galley-bench-editions-`));
    writeSynthSeeds(join(root, 'seeds'), n);
    const config = join(root, 'galley.config.json');
    writeFileSync(config, JSON.stringify({ url: 'https://news.example', ...(on ? { editions: { period: 'day', max: 50 } } : {}) }));
    const extra = ['--formats', values['editions-formats'], '--config', config];
    const first = await timedBuild(join(root, 'seeds'), join(root, 'out'), extra);
    const noop = await timedBuild(join(root, 'seeds'), join(root, 'out'), extra);
    appendFileSync(join(root, 'seeds', `synth-${String(Math.floor(n / 2)).padStart(5, '0')}.txt`), 'One more paragraph, added after a correction.\n');
    const edit = await timedBuild(join(root, 'seeds'), join(root, 'out'), extra);
    // Counted from the state's record of them: a build without epub, pdf or site writes no edition folder.
    const db = on ? new Database(join(root, 'out', '.galley', 'state.db'), { readonly: true }) : null;
    const recorded = db?.prepare("SELECT value FROM meta WHERE name = 'editions'").pluck().get() ?? 'null';
    db?.close();
    const editions = Object.keys(JSON.parse(recorded)?.editions ?? {}).length;
    results.editions[on ? 'on' : 'off'] = { first, noop, edit, editions };
    log(`editions ${on ? 'on' : 'off'}, ${n} articles (${editions} editions): first ${first.seconds.toFixed(1)} s, ${first.peakRssMb.toFixed(0)} MB; no-op ${noop.seconds.toFixed(2)} s, ${noop.peakRssMb.toFixed(0)} MB; one edit ${edit.seconds.toFixed(2)} s, ${edit.peakRssMb.toFixed(0)} MB`);
    rmSync(root, { recursive: true, force: true });
  }
}

// 4c. Pictures: N articles, each with its own 2,560 x 1,600 JPEG lead photo, all formats, on 2 threads; the
// same seeds without the photo; a text edit of one; and @11ty/eleventy-img making WebP and JPEG at 480, 960
// and 1,600 px of the same photos, two at a time, side by side in this run.
if (Number(values.pictures) > 0) {
  const n = Number(values.pictures);
  const { createRequire } = await import('node:module');
  const sharp = createRequire(import.meta.url)('sharp');
  const root = mkdtempSync(join(tmpdir(), 'galley-bench-pictures-'));
  const seeds = join(root, 'seeds');
  const plain = join(root, 'plain');
  writeSynthSeeds(seeds, n);
  writeSynthSeeds(plain, n);
  mkdirSync(join(seeds, 'img'));
  const base = await sharp('test/fixtures/pictures/img/launch.jpg').autoOrient().resize(2560, 1600, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  const photos = [];
  for (let i = 0; i < n; i++) {
    const file = join(seeds, 'img', `photo-${i}.jpg`);
    // Each its own: another hue, so no two sources share a hash.
    await sharp(base.data, { raw: base.info }).modulate({ hue: (i * 7) % 360, brightness: 1 + (i % 5) / 50 }).jpeg({ quality: 88 }).toFile(file);
    photos.push(file);
    const name = join(seeds, `synth-${String(i).padStart(5, '0')}.txt`);
    writeFileSync(name, readFileSync(name, 'utf8').replace('---\n', `---\nimage: img/photo-${i}.jpg\nimage_alt: A launch pad at dusk, photo ${i}\n`));
  }
  const env = { GALLEY_THREADS: '2' };
  const withPictures = await timedBuild(seeds, join(root, 'out'), [], env);
  const textOnly = await timedBuild(plain, join(root, 'plain-out'), [], env);
  const edited = join(seeds, 'synth-00007.txt');
  appendFileSync(edited, 'One more paragraph, added after a correction.\n');
  const edit = await timedBuild(seeds, join(root, 'out'), [], env);
  // @11ty/eleventy-img itself (a devDependency, with its own sharp), the same six files per photo, two at a time.
  const { default: Image } = await import('@11ty/eleventy-img');
  const t = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < photos.length) {
      const photo = photos[next++];
      await Image(photo, { widths: [480, 960, 1600], formats: ['webp', 'jpeg'], outputDir: join(root, 'eleventy-img'), useCache: false });
    }
  };
  await Promise.all([lane(), lane()]);
  const eleventyImgSeconds = (performance.now() - t) / 1000;
  results.pictures = { articles: n, withPictures, textOnly, pictureSeconds: withPictures.seconds - textOnly.seconds, edit, eleventyImgSeconds };
  log(`pictures ${n}: ${withPictures.seconds.toFixed(1)} s (${(n / withPictures.seconds).toFixed(1)} articles/s), peak RSS ${withPictures.peakRssMb.toFixed(0)} MB; text only ${textOnly.seconds.toFixed(1)} s; pictures cost ${(withPictures.seconds - textOnly.seconds).toFixed(1)} s vs @11ty/eleventy-img ${eleventyImgSeconds.toFixed(1)} s; one text edit ${edit.seconds.toFixed(2)} s`);
  rmSync(root, { recursive: true, force: true });
}

// 4d. Search: N synthetic articles' pages (--formats html), and Pagefind indexing them alone, as the build runs it.
results.search = [];
for (const n of values.search.split(',').map(Number).filter((x) => x > 0)) {
  const root = mkdtempSync(join(tmpdir(), `galley-bench-search-${n}-`));
  writeSynthSeeds(join(root, 'seeds'), n);
  const built = await timedBuild(join(root, 'seeds'), join(root, 'out'), ['--formats', 'html']);
  const runner = resolve('node_modules/pagefind/lib/runner/bin.cjs');
  const r = await measure(process.execPath, [runner, '--site', join(root, 'out'), '--glob', 'articles/*/index.html', '--output-path', join(root, 'index'), '--silent']);
  results.search.push({ articles: n, buildSeconds: built.seconds, indexSeconds: r.seconds, indexPeakRssMb: r.peakRssMb });
  log(`search ${n}: build (html, indexed) ${built.seconds.toFixed(1)} s; indexing alone ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  rmSync(root, { recursive: true, force: true });
}

// 5. Hostile seeds toward the 1 MiB limit, each built alone in all formats.
if (!values['skip-hostile']) {
  const root = mkdtempSync(join(tmpdir(), 'galley-bench-hostile-'));
  for (const { name, dir, bytes } of writeHostileSeeds(root)) {
    const config = join(dir, 'galley.config.json');
    const extra = existsSync(config) ? ['--config', config] : [];
    const r = await timedBuild(dir, join(root, `${name}-out`), extra);
    results.hostile.push({ name, bytes, ...r, secondsPerMb: r.seconds / (bytes / 2 ** 20) });
    log(`hostile ${name}: ${bytes} bytes, ${r.seconds.toFixed(2)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  }
  rmSync(root, { recursive: true, force: true });
}

const fmt = (x, d = 1) => (x === undefined || x === null ? '–' : x.toFixed(d));
const lines = [
  `machine: ${results.machine}`,
  '',
  '| exporter | ms per article (median, warm) |',
  '| --- | ---: |',
  ...Object.entries(results.exporters).map(([k, v]) => `| ${k} | ${v.msPerArticle !== undefined ? fmt(v.msPerArticle, 2) : `${fmt(v.msPerFeedOf1000, 0)} ms per feed of 1,000`} |`),
  '',
  `seed PDF: ${results.seedPdfBytes} bytes; cold \`bin/galley build seeds\` (all formats): ${fmt(results.cold.msWall, 0)} ms (${fmt(results.cold.msWallWithoutSnapshot, 0)} ms as \`node dist/cli/cli.js\`, without the snapshot)`,
  '',
  '| articles | wall s | articles/s | peak RSS MB (process tree) | no-op rebuild s | no-op peak RSS MB |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.batch.map((b, i) => `| ${b.articles} | ${fmt(b.seconds, 2)} | ${fmt(b.articlesPerSecond, 0)} | ${fmt(b.peakRssMb, 0)} | ${fmt(results.noop[i]?.seconds, 2)} | ${fmt(results.noop[i]?.peakRssMb, 0)} |`),
  '',
  results.incremental ? `incremental rebuild, 1 of ${results.incremental.of} seeds changed: ${fmt(results.incremental.seconds, 2)} s` : '',
  results.pictures ? `pictures, ${results.pictures.articles} articles each with its own 2,560 x 1,600 JPEG, all formats, 2 threads: ${fmt(results.pictures.withPictures.seconds, 1)} s (${fmt(results.pictures.articles / results.pictures.withPictures.seconds, 1)} articles/s), peak RSS ${fmt(results.pictures.withPictures.peakRssMb, 0)} MB; text only ${fmt(results.pictures.textOnly.seconds, 1)} s; picture cost ${fmt(results.pictures.pictureSeconds, 1)} s vs ${fmt(results.pictures.eleventyImgSeconds, 1)} s for @11ty/eleventy-img; one text edit ${fmt(results.pictures.edit.seconds, 2)} s` : '',
  ...results.search.map((r) => `search, ${r.articles} articles: build of their pages (html, indexed) ${fmt(r.buildSeconds, 1)} s; Pagefind indexing alone ${fmt(r.indexSeconds, 1)} s, peak RSS ${fmt(r.indexPeakRssMb, 0)} MB`),
  results.archive ? `archive, ${results.archive.articles} articles (${values['archive-formats']}): first build ${fmt(results.archive.first.seconds, 1)} s, peak RSS ${fmt(results.archive.first.peakRssMb, 0)} MB; no-op rebuild ${fmt(results.archive.noop.seconds, 2)} s, peak RSS ${fmt(results.archive.noop.peakRssMb, 0)} MB` : '',
  '',
  '| script fixture | PDF ms per article (median, warm) |',
  '| --- | ---: |',
  ...Object.entries(results.scripts).filter(([k]) => k !== 'firstCjk').map(([k, v]) => `| ${k} | ${fmt(v.msPerArticle, 2)} |`),
  '',
  results.apiMemory ? `API in one process: RSS ${fmt(results.apiMemory.rssMbAfter200, 0)} MB after 200 render() calls, ${fmt(results.apiMemory.rssMbAfter1000, 0)} after 1,000, ${fmt(results.apiMemory.rssMbAfter2000, 0)} after 2,000` : '',
  '',
  results.scripts.firstCjk ? `first CJK article in a process: +${fmt(results.scripts.firstCjk.addedMs, 0)} ms over a warm one; its PDF ${results.scripts.firstCjk.pdfBytes} bytes` : '',
  '',
  ...(results.hostile.length > 0 ? [
    '| hostile seed | bytes | wall s (all formats) | s per MB | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.hostile.map((h) => `| ${h.name} | ${h.bytes} | ${fmt(h.seconds, 2)} | ${fmt(h.secondsPerMb, 2)} | ${fmt(h.peakRssMb, 0)} |`),
  ] : []),
];
process.stdout.write(values.json ? JSON.stringify(results, null, 2) + '\n' : lines.join('\n') + '\n');
