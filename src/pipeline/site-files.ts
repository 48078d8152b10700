// The whole-site files, after the articles: the collections (feeds, pages, catalog), the editions, and the
// search index of the article pages. What a build and `collect` write once every article is in out/.
import type { Diagnostic } from '../model/diagnostic.js';
import type { SiteConfig } from '../model/config.js';
import type { Format } from '../exporters/registry.js';
import { writeCollections } from './collections.js';
import { writeEditions } from './editions/write.js';
import { updateSearch } from './search.js';
import type { BuildState } from './state/state.js';

/** `built` stands for every article this build built (their row hashes in seed order), `context` for the code and config. */
export async function writeSiteFiles(state: BuildState, options: { outDir: string; config: SiteConfig; formats: readonly Format[] },
  write: (name: string, bytes: Uint8Array) => void, context: string, built: string, diagnostics: Diagnostic[]): Promise<void> {
  const changed = await writeCollections(state, options, write, context, built, diagnostics);
  await writeEditions(state, options, write, context, built, diagnostics);
  await updateSearch(options.outDir, options.formats.map((f) => f.name), changed, diagnostics);
}
