// File-system faults as the user reads them: one line that names the path, says what is wrong and what to do.
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** A fault of the folders the build reads or writes, not of Galley: the CLI prints the message and exits 2. */
export class FileSystemFault extends Error {
  override name = 'FileSystemFault';
}

type ErrnoError = NodeJS.ErrnoException & { code: string };

function isErrno(e: unknown): e is ErrnoError {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** A path as diagnostics show it: relative to the working folder when inside it, with `/` separators. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel === '' || rel.startsWith('..') ? path : rel).split(sep).join('/');
}

/** "no space left on device" from "ENOSPC: no space left on device, write": the reason without the call. */
function reason(e: ErrnoError): string {
  const said = /^[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1];
  return said === undefined ? e.code : `${said} (${e.code})`;
}

/** The first part of `path` that exists and is not a folder: what stands where a folder must be. */
function fileInTheWay(path: string): string | null {
  const parts: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    parts.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of parts) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (st === undefined) return null;
    if (!st.isDirectory()) return p;
  }
  return null;
}

/** The fault of reading the seeds folder, or `e` itself when it is no file-system error (a bug). */
export function seedsFault(e: unknown, seedsDir: string): unknown {
  if (!isErrno(e)) return e;
  const todo = 'give the folder that holds the *.txt seeds';
  const inTheWay = e.code === 'ENOTDIR' ? fileInTheWay(seedsDir) : null;
  if (inTheWay !== null) return new FileSystemFault(`${displayPath(inTheWay)}: is a file, not a folder; ${todo}`);
  if (e.code === 'ENOENT') return new FileSystemFault(`${displayPath(seedsDir)}: no such seeds folder; ${todo}`);
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new FileSystemFault(`${displayPath(seedsDir)}: cannot read: ${reason(e)}; make it readable for this user`);
  }
  return new FileSystemFault(`${displayPath(seedsDir)}: cannot read: ${reason(e)}; check the folder, then build again`);
}

/** A temp file of writeFileAtomic: a fault there is the target's, and it is the target the user knows. */
const isTemp = (path: string) => /^\..+\.tmp$/.test(basename(path));

/**
 * The fault of writing `target` (a file or folder in out/), or `e` itself when it is no file-system error.
 * Permission and read-only faults are the folder's, so they name it; a full disk names the file it stopped.
 */
export function outputFault(e: unknown, target: string): unknown {
  if (!isErrno(e)) return e;
  const path = typeof e.path === 'string' && !isTemp(e.path) ? e.path : target;
  const other = 'or give another --out';
  switch (e.code) {
    case 'EEXIST':
    case 'ENOTDIR': {
      const inTheWay = fileInTheWay(path);
      if (inTheWay !== null) return new FileSystemFault(`${displayPath(inTheWay)}: is a file, not a folder; move it away, ${other}`);
      break;
    }
    case 'EISDIR':
      return new FileSystemFault(`${displayPath(path)}: is a folder, where Galley writes a file; move it away, ${other}`);
    case 'EACCES':
    case 'EPERM': {
      // mkdir names the folder it could not make: the one to make writable is its parent. A file that is
      // there but read-only is itself the one to make writable.
      const target = e.syscall !== 'mkdir' && (isFolder(path) || readOnlyFile(path)) ? path : dirname(path);
      return new FileSystemFault(`${displayPath(target)}: cannot write: ${reason(e)}; make it writable for this user, ${other}`);
    }
    case 'EROFS':
      return new FileSystemFault(`${displayPath(dirname(path))}: cannot write: ${reason(e)}; give an --out on a writable disk`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new FileSystemFault(`${displayPath(path)}: cannot write: ${reason(e)}; free some space, then build again`);
  }
  return new FileSystemFault(`${displayPath(path)}: cannot write: ${reason(e)}; check the folder, then build again`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `path` with every symlink of its existing part resolved, so two spellings of one folder compare equal. */
function realish(path: string): string {
  const abs = resolve(path);
  const parent = dirname(abs);
  if (existsSync(abs)) return realpathSync(abs);
  return parent === abs ? abs : join(realish(parent), basename(abs));
}

/**
 * Refuse an out/ that is the seeds folder or inside it. out/ is uploaded whole, so one folder for both
 * publishes the sources and the hidden build state; and generated files inside seeds/ land among what
 * editors keep in version control.
 */
export function checkOutsideSeeds(seedsDir: string, outDir: string): void {
  const seeds = realish(seedsDir);
  const out = realish(outDir);
  if (out === seeds) {
    throw new FileSystemFault(`${displayPath(outDir)}: is the seeds folder too; give an --out outside the seeds folder`);
  }
  if (out.startsWith(seeds + sep)) {
    throw new FileSystemFault(`${displayPath(outDir)}: is inside the seeds folder ${displayPath(seedsDir)}; give an --out outside it`);
  }
}

function readOnlyFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return existsSync(path);
  }
}
