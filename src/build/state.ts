// The incremental-build manifest: which outputs are current for which model, config and Galley code.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticlePath } from '../exporters/registry.js';
import { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { displayPath } from './fs-fault.js';

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
  /** SHA-256 of the fields above as JSON: an entry edited or damaged in out/ is built again, not published. */
  hash: string;
}

const CACHE_VERSION = 3;

export interface Manifest {
  version: typeof CACHE_VERSION;
  entries: Record<string, CacheEntry>;
  /**
   * Files Galley wrote that no entry owns any more, left for a build of their format to remove: a build of
   * other formats, or one stopped by a signal or a fault, must not lose track of them.
   */
  orphans: string[];
}

// No prototype: a seed named by an untrusted manifest (`__proto__`) is a key like any other.
export const emptyManifest = (): Manifest => ({ version: CACHE_VERSION, entries: Object.create(null) as Record<string, CacheEntry>, orphans: [] });

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

/** An entry with its hash, as the build records it. */
export function sealEntry(fields: Omit<CacheEntry, 'hash'>): CacheEntry {
  return { ...fields, hash: entryHash(fields) };
}

// Re-serializing the parsed JSON gives back the very text that was hashed: same keys in the same order.
function entryHash(fields: Omit<CacheEntry, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * A name Galley gives an article's file: `<slug>.<extension>` directly in out/, or the web page's
 * `articles/<slug>/index.html`. The manifest is read from a folder others may write (a CI artifact, a synced
 * bucket), and the build deletes the files it names: this keeps those deletions inside out/, whatever the
 * manifest says.
 */
export function isArticleFileName(name: string): boolean {
  const parsed = parseArticlePath(name);
  return parsed !== null && Article.shape.slug.safeParse(parsed.slug).success;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why the manifest's entry cannot be used, or null when it is whole and as Galley wrote it. */
function entryFault(entry: unknown): string | null {
  if (!isObject(entry)) return 'not an object';
  const { hash, ...fields } = entry;
  if (typeof fields.input !== 'string' || typeof fields.key !== 'string' || typeof hash !== 'string' || !isObject(fields.model)
    || !Array.isArray(fields.diagnostics) || !Array.isArray(fields.renderDiagnostics) || !isObject(fields.files)) {
    return 'a field is missing or of the wrong type';
  }
  for (const [name, f] of Object.entries(fields.files)) {
    if (!isArticleFileName(name)) return `${JSON.stringify(name)} is not a file name Galley writes`;
    if (!isObject(f) || typeof f.size !== 'number' || typeof f.mtimeMs !== 'number') return `the record of ${JSON.stringify(name)} is malformed`;
  }
  if (entryHash(fields as Omit<CacheEntry, 'hash'>) !== hash) return 'it does not match its hash (edited or damaged)';
  return null;
}

/**
 * The manifest in `outDir`, with only the entries that are whole, unedited and name files inside out/; a
 * warning names each one left out. No manifest, or one of another version: an empty one, silently.
 */
export function readManifest(outDir: string): { manifest: Manifest; diagnostics: Diagnostic[] } {
  const file = displayPath(join(outDir, CACHE_FILE));
  const diagnostics: Diagnostic[] = [];
  const warn = (message: string) => diagnostics.push({ severity: 'warning', file, line: null, column: null, rule: 'cache/ignored', message });
  const manifest = emptyManifest();
  let text: string;
  try {
    text = readFileSync(join(outDir, CACHE_FILE), 'utf8');
  } catch {
    return { manifest, diagnostics };
  }
  let read: unknown;
  try {
    read = JSON.parse(text);
  } catch (e) {
    warn(`ignored: not JSON (${(e as Error).message}); every article is built again`);
    return { manifest, diagnostics };
  }
  if (!isObject(read) || read.version !== CACHE_VERSION) return { manifest, diagnostics };
  if (!isObject(read.entries) || !Array.isArray(read.orphans)) {
    warn('ignored: not a build state Galley wrote; every article is built again');
    return { manifest, diagnostics };
  }
  for (const [seed, entry] of Object.entries(read.entries)) {
    const fault = seed.endsWith('.txt') && !seed.includes('/') ? entryFault(entry) : 'not the name of a seed file';
    if (fault === null) manifest.entries[seed] = entry as CacheEntry;
    else warn(`ignored the entry of ${JSON.stringify(seed)}: ${fault}`);
  }
  for (const name of read.orphans) {
    if (typeof name === 'string' && isArticleFileName(name)) manifest.orphans.push(name);
    else warn(`ignored the old file ${JSON.stringify(name)}: not a file name Galley writes`);
  }
  return { manifest, diagnostics };
}

/**
 * True when every output the entry lists is on disk as it was written. Size and mtime, not a hash: a stat
 * is what keeps a no-op rebuild of thousands of articles fast, and any rewrite (an editor's, or another
 * build's rename) changes the mtime, which only costs a re-render. lstat: a symlink put in place of an
 * output is never current, so the build replaces the link (not what it points to) with the article's file.
 */
export function isCurrent(entry: CacheEntry | undefined, key: string, outDir: string): entry is CacheEntry {
  if (!entry || entry.key !== key) return false;
  return Object.entries(entry.files).every(([name, f]) => {
    const st = lstatSync(join(outDir, name), { throwIfNoEntry: false });
    return st !== undefined && st.isFile() && st.size === f.size && st.mtimeMs === f.mtimeMs;
  });
}

/** The cache record of a file just written. */
export function fileRecord(path: string): { size: number; mtimeMs: number } {
  const st = statSync(path);
  return { size: st.size, mtimeMs: st.mtimeMs };
}
