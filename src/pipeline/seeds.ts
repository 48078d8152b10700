// The seeds folder: which *.txt files are seeds, reading one safely, and the stat that says it is unchanged.
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { displayPath, seedsFault } from './fs-fault.js';

export interface SeedFile {
  name: string;
  /** The file to read: the seed itself, or the regular file its symlink points to. */
  path: string;
}

/**
 * The *.txt seeds of `seedsDir` in code-unit order (the same on every machine and locale, so -2 suffixes
 * never move), and a warning naming each *.txt that is not read: a symlink is followed only to a regular
 * file inside the seeds folder, so a seed folder from elsewhere cannot publish /etc/passwd.
 */
export function listSeeds(seedsDir: string): { seeds: SeedFile[]; skipped: Diagnostic[] } {
  let entries: Dirent[];
  let root: string;
  try {
    entries = readdirSync(seedsDir, { withFileTypes: true });
    root = realpathSync(seedsDir);
  } catch (e) {
    throw seedsFault(e, seedsDir);
  }
  const seeds: SeedFile[] = [];
  const skipped: Diagnostic[] = [];
  for (const e of entries.filter((x) => x.name.endsWith('.txt')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(seedsDir, e.name);
    const skip = (why: string) => skipped.push({ severity: 'warning', file: displayPath(path), line: null, column: null,
      rule: 'seed/skipped', message: `skipped: ${why}` });
    if (e.isFile()) {
      seeds.push({ name: e.name, path });
    } else if (!e.isSymbolicLink()) {
      skip(`${kindOf(e)}, not a file`);
    } else {
      let target: string;
      let st: Stats;
      try {
        target = realpathSync(path);
        st = statSync(target);
      } catch {
        skip('a symbolic link to nothing');
        continue;
      }
      if (!target.startsWith(root + sep)) skip(`a symbolic link to ${displayPath(target)}, outside the seeds folder`);
      else if (!st.isFile()) skip(`a symbolic link to ${kindOf(st)}`);
      else seeds.push({ name: e.name, path: target });
    }
  }
  return { seeds, skipped };
}

function kindOf(x: Dirent | Stats): string {
  if (x.isDirectory()) return 'a folder';
  if (x.isFIFO()) return 'a FIFO';
  if (x.isSocket()) return 'a socket';
  if (x.isBlockDevice() || x.isCharacterDevice()) return 'a device';
  return 'a special file';
}

/**
 * What git's index compares before it reads a file: size, modification and change times (nanoseconds) and
 * inode, here with everything else the seed's model depends on (`modelContext`: the config, the date a seed
 * without one takes, ...). Equal to the recorded one, the seed is unchanged and not read; any write, rename
 * over it or `touch` changes it, and so does a new config or site URL, and then its content hash decides.
 * Null when the seed cannot be stat'ed (its read reports why).
 */
export function seedStat(path: string, modelContextKey: string): string | null {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (st === undefined) return null;
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${modelContextKey}`;
}

/**
 * Read a seed the listing found. No following a symlink and no blocking: a file swapped for a link or a
 * FIFO since the listing fails here, as its own seed's error, instead of being read or hanging the build.
 */
export function readSeed(path: string): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${displayPath(path)} is no longer a regular file`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
