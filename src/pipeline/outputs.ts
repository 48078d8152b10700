// out/ as the build writes it: atomic writes inside out/ only, removal of a slug's old files, and the
// stat that says an output is still the one written.
import { lstatSync, mkdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { outputFault } from './fs-fault.js';
import type { FileRecord } from './state/state.js';
import { removeStaleTempFiles, writeFileAtomic } from './write-atomic.js';

/** Write out/<name> atomically; nothing lands outside out/ whatever name a format gives. */
export function writeOut(outDir: string, name: string, bytes: Uint8Array): void {
  const root = resolve(outDir);
  const target = resolve(root, name);
  // Slugs are [a-z0-9-] by schema; this guard keeps the promise that nothing lands outside out/ whatever names a format uses.
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write "${name}" outside ${outDir}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, bytes);
  } catch (e) {
    throw outputFault(e, target);
  }
}

/** Removes a killed build's temp files from each folder of out/ once per build, as it is first written. */
export function sweeper(outDir: string): (dir: string) => void {
  const swept = new Set<string>();
  return (dir) => {
    if (swept.has(dir)) return;
    swept.add(dir);
    try {
      removeStaleTempFiles(join(outDir, dir));
    } catch (e) {
      throw outputFault(e, join(outDir, dir));
    }
  };
}

/**
 * The build's one way to write into out/: the stop signal checked first, so that once a build is stopped not
 * one more file changes; a killed build's temp files in the file's folder swept on its first write there.
 */
export function outputWriter(outDir: string, signal: AbortSignal | undefined, sweep = sweeper(outDir)): (name: string, bytes: Uint8Array) => void {
  return (name, bytes) => {
    signal?.throwIfAborted();
    sweep(join(name, '..'));
    writeOut(outDir, name, bytes);
  };
}

/**
 * Delete out/<name>: a file, or a symlink put in its place (the link, never what it points to); then the
 * folders it leaves empty (an old slug's `articles/<slug>/`), up to out/ itself.
 */
export function removeOutput(outDir: string, name: string): void {
  const path = join(outDir, name);
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st !== undefined && !st.isDirectory()) unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw outputFault(e, path);
  }
  for (let dir = dirname(name); dir !== '.'; dir = dirname(dir)) {
    try {
      rmdirSync(join(outDir, dir));
    } catch {
      return; // not empty (another build's temp file, a user's file), or gone: either way, left as it is
    }
  }
}

/**
 * True when every file is on disk as it was written. Size and mtime, not a hash: a stat is what keeps a
 * no-op rebuild of thousands of articles fast, and any rewrite (an editor's, or another build's rename)
 * changes the mtime, which only costs a re-render. lstat: a symlink put in place of an output is never
 * current, so the build replaces the link (not what it points to) with the article's file.
 */
export function filesCurrent(outDir: string, files: Record<string, FileRecord>): boolean {
  return Object.entries(files).every(([name, f]) => {
    const st = lstatSync(join(outDir, name), { throwIfNoEntry: false });
    return st !== undefined && st.isFile() && st.size === f.size && st.mtimeMs === f.mtimeMs;
  });
}

/** The record of a file just written. */
export function fileRecord(path: string): FileRecord {
  const st = statSync(path);
  return { size: st.size, mtimeMs: st.mtimeMs };
}
