// Make dist/cli/galley.blob, the CLI's startup snapshot: bundle dist/cli/snapshot.js into one CommonJS file (a
// snapshot cannot load user modules), then let Node run it and freeze the heap. A failure is not fatal:
// the CLI loads its modules itself when there is no snapshot, only more slowly.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLE = 'dist/cli/galley-snapshot.cjs';
const BLOB = 'dist/cli/galley.blob';
rmSync(BLOB, { force: true });
try {
  await build({
    entryPoints: ['dist/cli/snapshot.js'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // import.meta.url, for files found next to the compiled code (worker, package.json): the bundle's own
    // URL, which is in dist/ like the modules it replaces.
    define: { 'import.meta.url': '__galley_url' },
    banner: { js: 'const __galley_url = require("node:url").pathToFileURL(__filename).href;' },
    // piscina starts its workers from a file beside its own code, so it must load from node_modules.
    // better-sqlite3 is a native addon, which no snapshot can hold: required on first use, from node_modules.
    external: ['piscina', 'better-sqlite3'],
    // epub-gen-memory can fetch remote images; Galley never gives it any, and node-fetch loads the http
    // module, which cannot go into a snapshot.
    alias: { 'node-fetch': './scripts/snapshot-stubs/node-fetch.cjs' },
  });
  const made = spawnSync(process.execPath, ['--no-warnings', '--snapshot-blob', BLOB, '--build-snapshot', BUNDLE], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`node --build-snapshot failed (${made.status ?? made.signal}):\n${made.stderr.slice(-2000)}`);
} catch (e) {
  rmSync(BLOB, { force: true });
  process.stderr.write(`galley: no startup snapshot; the CLI will start without one (slower). ${e instanceof Error ? e.message : e}\n`);
}
