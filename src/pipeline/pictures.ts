// The pictures a seed names, found and read (rules 11 and 12): only regular files inside the seeds folder,
// never the network; each read and checked from its header once a build, however many seeds name it.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { SeedError } from '../model/diagnostic.js';
import type { PictureFacts } from '../model/picture.js';
import type { PictureLookup, PictureRef } from '../normalize/index.js';
import { PictureError, probePicture, sizeError } from '../render/pictures.js';

/** A seed's pictures, read: the lookup normalize takes, and what the seed's recorded stat and input key add. */
export interface SeedPictures {
  lookup: PictureLookup;
  /** Each picture's path and stat: equal at the next build, the pictures are taken as unchanged unread. */
  deps: string;
  /** The facts of each picture: part of the seed's input key, since the model holds them. */
  key: string;
  /** Each picture's source by its SHA-256, with the first place the seed names it (for errors). */
  sources: Map<string, { file: string; ref: PictureRef }>;
}

/** The reading of every picture of one build: a source named by many seeds is read and probed once. */
export class PictureReader {
  readonly #root: string;
  readonly #probed = new Map<string, { stat: string; facts: PictureFacts } | PictureError>();

  constructor(readonly seedsDir: string) {
    this.#root = realpathSync(seedsDir);
  }

  /** Find, read and check every picture `refs` names. Throws a SeedError naming the line and path of the first that fails. */
  async read(seedPath: string, display: string, refs: readonly PictureRef[]): Promise<SeedPictures> {
    const found = new Map<string, PictureFacts>();
    const deps: [string, string][] = [];
    const sources = new Map<string, { file: string; ref: PictureRef }>();
    for (const ref of refs) {
      if (found.has(ref.path)) continue;
      const fail = (rule: string, why: string): never => {
        throw new SeedError(display, ref.line, ref.column, rule, `the picture "${ref.path}" ${why}`);
      };
      const { joined, real } = this.#locate(seedPath, ref.path, fail);
      const stat = fileStat(real);
      let probed = this.#probed.get(real);
      if (probed === undefined || (!(probed instanceof PictureError) && probed.stat !== stat)) {
        probed = await probe(real, stat);
        this.#probed.set(real, probed);
      }
      if (probed instanceof PictureError) fail('picture/unreadable', `cannot be published: ${probed.message}`);
      const { facts } = probed as { facts: PictureFacts };
      found.set(ref.path, facts);
      deps.push([joined, `${real}:${stat}`]);
      if (!sources.has(facts.sha256)) sources.set(facts.sha256, { file: real, ref });
    }
    return {
      lookup: (ref) => found.get(ref.path)!,
      deps: deps.length === 0 ? '' : JSON.stringify(deps),
      key: JSON.stringify([...found]),
      sources,
    };
  }

  /** Rule 11: the file PATH names, relative to the seed's folder, a regular file inside the seeds folder. */
  #locate(seedPath: string, path: string, fail: (rule: string, why: string) => never): { joined: string; real: string } {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      fail('picture/url', 'is a URL; a picture must be a file in the seeds folder (the build never fetches anything from the network)');
    }
    if (isAbsolute(path) || path.startsWith('\\')) fail('picture/absolute', 'is an absolute path; name it relative to the seed\'s folder');
    const joined = resolve(dirname(seedPath), path);
    if (!inside(this.#root, realDir(joined))) fail('picture/outside', 'is outside the seeds folder; a picture must be inside it');
    let real: string;
    try {
      real = realpathSync(joined);
    } catch {
      return fail('picture/missing', 'is missing: there is no such file');
    }
    if (!inside(this.#root, real)) fail('picture/outside', 'is a link to a file outside the seeds folder; a picture must be inside it');
    const st = statSync(real);
    if (st.isDirectory()) fail('picture/folder', 'is a folder, not a picture file');
    if (!st.isFile()) fail('picture/not-file', 'is not a regular file');
    return { joined, real };
  }
}

/** The source file of a picture, read again for encoding (no following a link swapped in since it was found). */
export function readPicture(file: string): Uint8Array {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new PictureError('it is no longer a regular file');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** True while every picture recorded in `deps` (SeedPictures.deps) is the same file, unchanged. */
export function depsCurrent(deps: string): boolean {
  try {
    return (JSON.parse(deps) as [string, string][]).every(([joined, recorded]) => {
      const real = realpathSync(joined);
      return `${real}:${fileStat(real)}` === recorded;
    });
  } catch {
    return false;
  }
}

async function probe(file: string, stat: string): Promise<{ stat: string; facts: PictureFacts } | PictureError> {
  try {
    const tooLarge = sizeError(statSync(file).size);
    if (tooLarge !== null) return tooLarge;
    const { format: _, ...facts } = await probePicture(readPicture(file));
    return { stat, facts };
  } catch (e) {
    return e instanceof PictureError ? e : new PictureError(e instanceof Error ? e.message : String(e));
  }
}

function fileStat(file: string): string {
  const st = statSync(file, { bigint: true });
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
}

const inside = (root: string, path: string) => path.startsWith(root + sep);

/** The real path of `path`'s folder joined with its name: where a `..` or a linked folder really leads. */
function realDir(path: string): string {
  try {
    return join(realpathSync(dirname(path)), path.slice(dirname(path).length + 1));
  } catch {
    return path;
  }
}
