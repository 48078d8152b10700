// Render one seed in this process, every article format, without the CLI:
//   node examples/render-one.mjs seeds/putin-north-korea.txt out-one
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatDiagnostic, normalize, render } from 'galley';

const [seedPath = 'seeds/putin-north-korea.txt', outDir = 'out-one'] = process.argv.slice(2);
const config = { title: 'The Example Daily', url: 'https://news.example' };
const { article, diagnostics } = normalize(readFileSync(seedPath), {
  fileName: basename(seedPath),
  config,
  // The build's fallback for a seed without a `date`: the file's modification time.
  fallbackDate: statSync(seedPath).mtime,
});
mkdirSync(outDir, { recursive: true });
for (const format of ['pdf', 'epub', 'json', 'html']) {
  const out = await render(article, format, { config });
  diagnostics.push(...out.diagnostics);
  const file = join(outDir, `${article.slug}.${format}`);
  writeFileSync(file, out.bytes);
  console.log(`${file}: ${out.bytes.byteLength} bytes`);
}
for (const d of diagnostics) console.error(formatDiagnostic(d));
