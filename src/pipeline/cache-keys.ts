// What the build state's entries depend on: the seed, the config, the formats and Galley's own code.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../model/config.js';

let codeHash: string | null = null;

/**
 * A hash of Galley's own code (every module beside this one), so a changed exporter invalidates the state
 * even where the package version did not move.
 */
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
    walk(dirname(dirname(fileURLToPath(import.meta.url))));
    codeHash = hash.digest('hex');
  }
  return codeHash;
}

export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

const configTexts = new WeakMap<SiteConfig, string>();

/**
 * Everything a seed's model depends on but its bytes: Galley's code, the config (the site URL and the default
 * author reach every model), the date it falls back on and the name the model gives it. Part of the seed's
 * recorded stat, so that a seed whose file did not change is still read again when any of these did.
 */
export function modelContext(config: SiteConfig, fallback: unknown, sourcePath: string): string {
  let text = configTexts.get(config);
  if (text === undefined) configTexts.set(config, (text = JSON.stringify([galleyCodeHash(), config])));
  return sha256(JSON.stringify([text, fallback, sourcePath]));
}

/** Everything a seed's model depends on, so an unchanged seed is not even normalized again. */
export function inputKey(bytes: Uint8Array, modelContextKey: string): string {
  return createHash('sha256').update(modelContextKey).update(bytes).digest('hex');
}

/** What every article's outputs share: code, config and the formats written (a page links only files that exist). */
export function contextKey(config: SiteConfig, formats: readonly string[]): string {
  return sha256(JSON.stringify([galleyCodeHash(), config, formats]));
}

/**
 * Everything an article's outputs depend on. The model is a function of `input`, and the written article of
 * the model and its unique slug, so the key needs neither model: a current article is never parsed.
 */
export function outputKey(context: string, input: string, slug: string): string {
  return sha256(JSON.stringify([context, input, slug]));
}
