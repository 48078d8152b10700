// Atomic file writes: a temp file in the target folder, then rename, so readers see the old file or the new.
import { closeSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let tempCounter = 0;

// pid and a counter: unique among this process's writes, and other processes have other pids.
const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${(tempCounter++).toString(16).padStart(8, '0')}.tmp`);

/** Write `bytes` to `path` so that no reader, and no crash, ever sees a partial file. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temp = tempPath(path);
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

/**
 * A file written a piece at a time (a list of every article, never held whole), then put in place at once:
 * readers see the old file until `commit`; `abandon` (or a crash) leaves it as it was.
 */
export function streamFileAtomic(path: string): { write: (bytes: Uint8Array) => void; commit: () => void; abandon: () => void } {
  const temp = tempPath(path);
  const fd = openSync(temp, 'w', 0o644);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (bytes) => {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    },
    commit: () => {
      close();
      renameSync(temp, path);
    },
    abandon: () => {
      close();
      rmSync(temp, { force: true });
    },
  };
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
