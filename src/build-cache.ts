// The incremental-build manifest: which outputs are current for which model, config and Galley code.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from './model/article.js';
import type { SiteConfig } from './model/config.js';
import type { Diagnostic } from './model/diagnostic.js';

/** out/.galley-cache.json: hidden, so it is never mistaken for an article's JSON. */
export const CACHE_FILE = '.galley-cache.json';

export interface CacheEntry {
  /** What the model depends on: seed bytes, fallback date, config, code. Equal: `model` is still the seed's. */
  input: string;
  /** The normalized article before the build made its slug unique, and the normalizer's warnings. */
  model: Article;
  diagnostics: Diagnostic[];
  /** What the outputs depend on (see cacheKey). */
  key: string;
  /** The exporters' warnings, shown again on every build that reuses these outputs. */
  renderDiagnostics: Diagnostic[];
  /** Output file name to its size and modification time, as written. */
  files: Record<string, { size: number; mtimeMs: number }>;
}

const CACHE_VERSION = 2;

export interface Manifest {
  version: typeof CACHE_VERSION;
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

/** Everything a seed's model depends on, so an unchanged seed is not even normalized again. */
export function inputKey(bytes: Uint8Array, fallback: unknown, sourcePath: string, config: SiteConfig): string {
  return createHash('sha256').update(JSON.stringify([galleyCodeHash(), config, fallback, sourcePath])).update(bytes).digest('hex');
}

/** Everything an article's outputs depend on: the model (which holds the seed's hash), config, formats, code. */
export function cacheKey(article: Article, config: SiteConfig, formats: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([galleyCodeHash(), config, formats, article])).digest('hex');
}

export function readManifest(outDir: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(join(outDir, CACHE_FILE), 'utf8')) as Manifest;
    return m.version === CACHE_VERSION && typeof m.entries === 'object' ? m : { version: CACHE_VERSION, entries: {} };
  } catch {
    return { version: CACHE_VERSION, entries: {} };
  }
}

/**
 * True when every output the entry lists is on disk as it was written. Size and mtime, not a hash: a stat
 * is what keeps a no-op rebuild of thousands of articles fast, and any rewrite (an editor's, or another
 * build's rename) changes the mtime, which only costs a re-render.
 */
export function isCurrent(entry: CacheEntry | undefined, key: string, outDir: string): entry is CacheEntry {
  if (!entry || entry.key !== key) return false;
  return Object.entries(entry.files).every(([name, f]) => {
    const st = statSync(join(outDir, name), { throwIfNoEntry: false });
    return st !== undefined && st.size === f.size && st.mtimeMs === f.mtimeMs;
  });
}

/** The cache record of a file just written. */
export function fileRecord(path: string): { size: number; mtimeMs: number } {
  const st = statSync(path);
  return { size: st.size, mtimeMs: st.mtimeMs };
}
