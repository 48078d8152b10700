// The build state's faults: SQLite's errors as the file-system faults the CLI words, or as a damaged state
// that the build replaces.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Thrown by openState while another build holds the state of the same out/. */
export class StateBusy extends Error {
  override name = 'StateBusy';
}

export const sqliteCode = (e: unknown): string => (e as { code?: unknown }).code as string ?? '';

/**
 * SQLite's faults of the disk as the errno faults the CLI words (a full disk, no permission, an I/O error),
 * so a full disk under the state is exit 2 with its one line, like one under any output.
 */
export function asFileFault(e: unknown, path: string): unknown {
  const code = sqliteCode(e);
  const errno = code === 'SQLITE_FULL' ? 'ENOSPC'
    : /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) ? 'EACCES'
    // SQLite says "disk I/O error" where it could not take its lock or open its journal for want of
    // permission (a read-only state file): the cause to name is the permission.
    : code.startsWith('SQLITE_IOERR') ? (writable(path) ? 'EIO' : 'EACCES') : null;
  return errno === null ? e : Object.assign(new Error((e as Error).message), { code: errno, path });
}

/** True when this process may write the file at `path` (where it exists) and its folder. */
export function writable(path: string): boolean {
  try {
    if (existsSync(path)) accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True for an error that says the state file is damaged or not what this Galley wrote (a page that does
 * not parse, a table or column missing): the build then warns, replaces the file and builds every article.
 */
export function isDamage(e: unknown): boolean {
  const code = sqliteCode(e);
  if (code === 'GALLEY_FOREIGN' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_MISMATCH'
    || code === 'SQLITE_FORMAT') return true;
  return code === 'SQLITE_ERROR' && /no such (table|column)|malformed|has no column/.test((e as Error).message);
}
