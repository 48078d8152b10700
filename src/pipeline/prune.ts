// Letting go of what the build state no longer owns: the rows of seeds that went, and the files no article
// owns any more.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS, parseArticlePath } from '../exporters/registry.js';
import { isRenditionPath } from '../model/picture.js';
import { removeOutput } from './outputs.js';
import type { BuildState } from './state/state.js';

/** The rows of seeds not in `kept` go; their files are added to `replaced`, for removeUnowned. */
export function dropRowsBut(state: BuildState, kept: ReadonlySet<string>, replaced: Set<string>): void {
  const gone = [...state.seeds()].filter((s) => !kept.has(s));
  state.transaction(() => {
    for (const seed of gone) {
      for (const name of Object.keys(state.row(seed)?.files ?? {})) replaced.add(name);
      state.remove(seed);
    }
  });
}

/**
 * The outputs an earlier build wrote that no article owns now (`replaced`, and the state's recorded
 * orphans): a corrected headline moves an article to a new slug, and the old files would otherwise stay
 * published beside it. A finished build (`finished`) deletes those of its formats, unless a whole-site list
 * it did not write (a feed, the home page, the catalog of a format left out of `--formats`) may still link
 * them; the others, and all of a stopped build's, are recorded for a later build to delete.
 */
export function removeUnowned(state: BuildState, outDir: string, formats: readonly string[], replaced: ReadonlySet<string>, finished: boolean): void {
  const selected = new Set(formats);
  const candidates = new Set([...state.orphans(), ...replaced]);
  const deleting = finished && !staleListIn(outDir, selected);
  state.transaction(() => {
    for (const name of candidates) {
      if (state.owns(name)) state.dropOrphan(name);
      else if (deleting && (isRenditionPath(name) || selected.has(parseArticlePath(name)?.format.name ?? ''))) {
        removeOutput(outDir, name);
        state.dropOrphan(name);
        state.dropRendition(name);
      } else state.addOrphan(name);
    }
    // A picture made for an article that then failed, or whose last user went: no page shows it.
    if (deleting) {
      for (const name of state.unusedRenditions()) {
        removeOutput(outDir, name);
        state.dropRendition(name);
      }
    }
  });
}

/** True when out/ holds a whole-site list of a format this build does not write: it still names the articles it listed. */
function staleListIn(outDir: string, selected: ReadonlySet<string>): boolean {
  return FORMATS.some((f) => f.kind === 'collection' && !selected.has(f.name) && existsSync(join(outDir, f.fileName)));
}
