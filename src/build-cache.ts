// The incremental-build manifest: which outputs are current for which model, config and Galley code.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from './model/article.js';
import type { SiteConfig } from './model/config.js';

/** out/.galley-cache.json: hidden, so it is never mistaken for an article's JSON. */
export const CACHE_FILE = '.galley-cache.json';

export interface CacheEntry {
  key: string;
  /** Output file name to its sha256 and size, as written. */
  files: Record<string, { sha256: string; size: number }>;
}

export interface Manifest {
  version: 1;
  entries: Record<string, CacheEntry>;
}

let codeHash: string | null = null;

/** A hash of Galley's own code (every module beside this one), so a changed exporter invalidates the cache
 * even where the package version did not move. */
function galleyCodeHash(): string {
  if (codeHash === null) {
    const hash = createHash('sha256');
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (/\.(js|ts)$/.test(e.name)) hash.update(e.name).update(readFileSync(path));
      }
    };
    walk(dirname(fileURLToPath(import.meta.url)));
    codeHash = hash.digest('hex');
  }
  return codeHash;
}

/** Everything an article's outputs depend on: the model (which holds the seed's hash), config, formats, code. */
export function cacheKey(article: Article, config: SiteConfig, formats: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([galleyCodeHash(), config, formats, article])).digest('hex');
}

export function readManifest(outDir: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(join(outDir, CACHE_FILE), 'utf8')) as Manifest;
    return m.version === 1 && typeof m.entries === 'object' ? m : { version: 1, entries: {} };
  } catch {
    return { version: 1, entries: {} };
  }
}

/** True when every output the entry lists is on disk with the bytes it had when written. */
export function isCurrent(entry: CacheEntry | undefined, key: string, outDir: string): entry is CacheEntry {
  if (!entry || entry.key !== key) return false;
  return Object.entries(entry.files).every(([name, f]) => {
    const path = join(outDir, name);
    if (!existsSync(path)) return false;
    const bytes = readFileSync(path);
    return bytes.length === f.size && sha256(bytes) === f.sha256;
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
