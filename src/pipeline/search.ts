// Search in the web edition (issue 23): a static index of the article pages, made at build time by Pagefind
// (its binary comes as an npm package), which out/pagefind/ holds with its search box's script: no server, no
// other host; a query loads only the index fragments it needs, and each language gets an index of its own.
import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Diagnostic } from '../model/diagnostic.js';
import { SEARCH_FOLDER } from '../model/layout.js';
import { displayPath } from './fs-fault.js';

const run = promisify(execFile);

/** Pagefind's command (its npm package's runner, which starts the binary for this platform), or null. */
function pagefindRunner(): string | null {
  // Resolved by hand: the package exports only an ES module entry, which the startup snapshot cannot import.
  for (const dir of createRequire(import.meta.url).resolve.paths('pagefind') ?? []) {
    const runner = join(dir, 'pagefind', 'lib', 'runner', 'bin.cjs');
    if (existsSync(runner)) return runner;
  }
  return null;
}

/**
 * Index the article pages where the build writes them and the collections were written again (an article, or
 * what they depend on, changed), or the index is missing: a no-op build never indexes.
 */
export async function updateSearch(outDir: string, formats: readonly string[], changed: boolean, diagnostics: Diagnostic[]): Promise<void> {
  if (formats.includes('html') && (changed || !existsSync(join(outDir, SEARCH_FOLDER)))) await indexSearch(outDir, diagnostics);
}

/**
 * Index every article page of out/ into out/pagefind/, made beside it and swapped in whole, so a reader never
 * meets half an index. A machine Pagefind has no binary for gets a warning, and pages whose search says so.
 */
async function indexSearch(outDir: string, diagnostics: Diagnostic[]): Promise<void> {
  const target = join(outDir, SEARCH_FOLDER);
  // Hidden names, as the build's temp files have: never served, never taken for the index.
  const fresh = join(outDir, `.${SEARCH_FOLDER}.${process.pid}.tmp`);
  const old = join(outDir, `.${SEARCH_FOLDER}.${process.pid}.old`);
  const warn = (why: string) => diagnostics.push({ severity: 'warning', file: displayPath(target), line: null, column: null, rule: 'search/not-indexed', message: `the search index was not made: ${why}` });
  const runner = pagefindRunner();
  if (runner === null) {
    warn('Pagefind is not installed (npm ci installs it)');
    return;
  }
  try {
    rmSync(fresh, { recursive: true, force: true });
    await run(process.execPath, [runner, '--site', outDir, '--glob', 'articles/*/index.html', '--output-path', fresh, '--silent'], { maxBuffer: 16 << 20 });
    if (existsSync(target)) renameSync(target, old);
    renameSync(fresh, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    const said = (e as { stderr?: string }).stderr?.trim().split('\n').pop();
    warn(said !== undefined && said !== '' ? said : (e as Error).message.split('\n')[0]!);
  }
}
