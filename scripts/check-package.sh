#!/usr/bin/env bash
# npm run check:package: Galley as another project gets it. Pack the tarball, install it into a fresh
# project, run the command there and compile and run a strict TypeScript consumer of the API. Every check
# runs even after one fails; the last line counts them, and the status is 1 if any failed.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tsc="$repo/node_modules/.bin/tsc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1" >&2; }
finish() {
  echo "package check: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

echo "== npm pack"
# pack runs prepare (the compile), so the tarball is made from the sources as they are.
if ! tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)" || [ ! -f "$tarball" ]; then
  fail 'npm pack'
  finish
fi
size=$(stat -c %s "$tarball")
# The snapshot blob and its bundle hold this machine's paths and Node build: an install makes neither.
listing=$(tar -tzf "$tarball")
local_products=$(grep -E 'galley\.blob|galley-snapshot\.cjs' <<<"$listing")
if [ "$size" -le $((10 * 1024 * 1024)) ] && [ -z "$local_products" ] && grep -qx 'package/dist/index.d.ts' <<<"$listing"; then
  pass "tarball $(basename "$tarball"): $size bytes, $(wc -l <<<"$listing") files, declarations, no snapshot"
else
  fail "tarball: $size bytes (at most 10 MiB), machine-specific files: ${local_products:-none}"
fi

echo "== npm install into a fresh project"
project="$work/consumer"
mkdir -p "$project"
cd "$project" || finish
npm init -y >/dev/null
# An ESM project: Galley is ESM only, so a CommonJS consumer would need import() (or Node 22's require(esm)).
npm pkg set type=module
# @types/node as any Node TypeScript project has it: Galley's declarations name Node's types (AbortSignal).
if ! npm install --no-audit --no-fund --prefer-offline "$tarball" '@types/node@^20' >install.log 2>&1; then
  tail -20 install.log >&2
  fail 'npm install'
  finish
fi
pass 'npm install'

version=$(npx --no-install galley --version 2>&1)
if [ "$version" = "galley $(node -p "require('$repo/package.json').version")" ]; then pass "npx galley --version: $version"; else fail "npx galley --version: $version"; fi

mkdir seeds
cp "$repo/seeds/putin-north-korea.txt" seeds/
if npx --no-install galley build seeds --out out --quiet && [ -s out/putin-seeks-to-court-north-korea-prior-to-scheduled-visit.pdf ] && [ -s out/feed.xml ]; then
  pass "npx galley build seeds --out out: $(find out -type f | wc -l) files"
else
  fail 'npx galley build seeds --out out'
fi

# Importing the package runs nothing: no output, and nothing (a timer, a worker) left to keep Node alive.
imported=$(node --input-type=module -e "await import('galley'); const r = process.getActiveResourcesInfo().filter((x) => x !== 'CloseReq'); if (r.length) console.log('active:', r.join(' '))" 2>&1)
if [ -z "$imported" ]; then pass "import('galley') has no side effect"; else fail "import('galley'): $imported"; fi

cat >tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
    "noUncheckedIndexedAccess": true, "skipLibCheck": false, "types": ["node"], "outDir": "dist"
  },
  "files": ["consumer.ts"]
}
EOF
cat >consumer.ts <<'EOF'
import { readFileSync } from 'node:fs';
import { articleSchema, normalize, render, SeedError } from 'galley';
import type { Article, Diagnostic } from 'galley';

const seed = readFileSync('seeds/putin-north-korea.txt');
const { article, diagnostics } = normalize(seed, { fileName: 'putin-north-korea.txt', fallbackDate: new Date('2024-06-18T09:00:00Z') });
const warnings: Diagnostic[] = diagnostics;
const model: Article = articleSchema.parse(JSON.parse(JSON.stringify(article)));
const magic = { pdf: '%PDF-', epub: 'PK', json: '{', html: '<!DOCTYPE html>' } as const;
for (const format of ['pdf', 'epub', 'json', 'html'] as const) {
  const { bytes } = await render(model, format, { config: { title: 'Consumer Daily' } });
  const head = new TextDecoder().decode(bytes.subarray(0, magic[format].length));
  if (head.toLowerCase() !== magic[format].toLowerCase()) throw new Error(`${format}: starts with ${JSON.stringify(head)}`);
  console.log(`${format}: ${bytes.byteLength} bytes`);
}
try {
  normalize(`${'word '.repeat(100)}\nText.\n`, { fileName: 'bad.txt' });
  throw new Error('a bad seed did not throw');
} catch (e) {
  if (!(e instanceof SeedError)) throw e;
  const d: Diagnostic = e.diagnostic;
  if (d.file !== 'bad.txt' || d.line !== 1) throw new Error(`bad seed: ${JSON.stringify(d)}`);
  console.log(`bad seed: ${d.file}:${d.line}:${d.column}: ${d.rule} (${warnings.length} warnings on the good one)`);
}
EOF
if "$tsc" -p tsconfig.json; then pass 'tsc --strict consumer compiles'; else fail 'tsc --strict consumer compiles'; fi
if [ -f dist/consumer.js ] && node dist/consumer.js; then pass 'consumer renders PDF, EPUB, JSON and HTML in-process; a bad seed throws'; else fail 'consumer run'; fi

finish
