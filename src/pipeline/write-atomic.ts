// Atomic file writes: a temp file in the target folder, then rename, so readers see the old file or the new.
import { readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let tempCounter = 0;

/** Write `bytes` to `path` so that no reader, and no crash, ever sees a partial file. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  // pid and a counter: unique among this process's writes, and other processes have other pids.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${(tempCounter++).toString(16).padStart(8, '0')}.tmp`);
  try {
    // No fsync: the rename alone makes the file whole-or-absent for every reader and every crash of this
    // process (SIGKILL included), which is the promise; flushing each of thousands of files to disk cost
    // more than a millisecond apiece and guards only against a power cut.
    writeFileSync(temp, bytes, { mode: 0o644 });
    renameSync(temp, path);
  } catch (e) {
    // A full disk leaves a partial temp file: remove it, and report the fault that made it, not this one.
    try {
      rmSync(temp, { force: true });
    } catch {}
    throw e;
  }
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Remove temp files that a killed build left in `dir`. Only those of processes that no longer run:
 * a build running at the same time into the same folder keeps its own.
 */
export function removeStaleTempFiles(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    // Only files: a folder that happens to have a temp file's name is not one of ours.
    const pid = e.isFile() ? TEMP_NAME.exec(e.name)?.[1] : undefined;
    if (pid === undefined || isRunning(Number(pid))) continue;
    try {
      unlinkSync(join(dir, e.name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // ENOENT: another build took it first
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
