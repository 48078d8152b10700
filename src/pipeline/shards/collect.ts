// galley collect: once every shard of a sharded build has run into one out/, merge their states into out/'s
// own and write the whole-build files (feeds, pages, sitemap, catalog, schema) from it, as one build would.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../../exporters/registry.js';
import type { SiteConfig } from '../../model/config.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { contextKey } from '../cache-keys.js';
import { writeSiteFiles } from '../site-files.js';
import { displayPath } from '../fs-fault.js';
import { outputWriter } from '../outputs.js';
import { dropRowsBut, removeUnowned } from '../prune.js';
import { holdState } from '../state/open.js';
import { inShard, SHARD_STATE_NAME } from './shard.js';
import type { Shard } from './shard.js';
import { seal } from '../state/state.js';
import { StateBusy } from '../state/faults.js';
import { openState, STATE_DIR } from '../state/open.js';
import type { BuildState } from '../state/state.js';

/** Why the shards in out/ cannot be collected: a fact to fix and run again (exit 2). */
export class CollectError extends Error {
  override name = 'CollectError';
}

export interface CollectOptions {
  outDir: string;
  config: SiteConfig;
  /** The formats every shard was built with. */
  formats: readonly Format[];
  onWait?: () => void;
  signal?: AbortSignal;
}

export interface CollectResult {
  shards: number;
  /** Articles in the collections: those the shards built. */
  articles: number;
  diagnostics: Diagnostic[];
}

/** Merge the shards' states into out/'s own, then write the collections and remove files no article owns. */
export async function collect(options: CollectOptions): Promise<CollectResult> {
  const { outDir, config, formats, signal } = options;
  const formatNames = formats.map((f) => f.name);
  const context = contextKey(config, formatNames);
  const shards = shardStates(outDir);
  const diagnostics: Diagnostic[] = [];
  const state = await holdState(outDir, options, diagnostics);
  const replaced = new Set<string>();
  const kept = new Set<string>();
  const built: [string, string][] = [];
  try {
    const seen = new Map<string, string[]>();
    for (const { name, shard } of shards) {
      let from: BuildState;
      try {
        from = openState(outDir, diagnostics, name);
      } catch (e) {
        if (e instanceof StateBusy) throw new CollectError(`${displayPath(outDir)}: shard ${shard.index}/${shard.count} is still building; collect once every shard has finished`);
        throw e;
      }
      try {
        if (from.meta('context') !== context) {
          throw new CollectError(`${displayPath(outDir)}: shard ${shard.index}/${shard.count} was built with other formats, config or Galley code; collect with the options the shards were built with`);
        }
        const seeds = from.meta('seeds') ?? '';
        seen.set(seeds, [...(seen.get(seeds) ?? []), `${shard.index}/${shard.count}`]);
        if (seen.size > 1) throw new CollectError(differentSeeds(outDir, [...seen.values()]));
        state.transaction(() => merge(from, state, shard, { replaced, kept, built }));
      } finally {
        from.close();
      }
    }
    dropRowsBut(state, kept, replaced);
    // The order one build hashes its articles in: the seeds' names, by code unit.
    built.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const hash = createHash('sha256');
    for (const [, h] of built) hash.update(h);
    await writeSiteFiles(state, options, outputWriter(outDir, signal), context, hash.digest('hex'), diagnostics);
    removeUnowned(state, outDir, formatNames, replaced, true);
  } finally {
    state.close();
  }
  if (config.url === null && formats.some((f) => f.kind === 'collection')) {
    diagnostics.push({ severity: 'warning', file: displayPath(outDir), line: null, column: null, rule: 'feed/no-site-url',
      message: 'no site URL: feed items have no links or enclosures; pass --site-url or set "url" in galley.config.json' });
  }
  return { shards: shards.length, articles: built.length, diagnostics };
}

/**
 * Why shards that read different seeds cannot be collected: a seed added, removed, renamed or retitled
 * between their runs would give two articles one slug, or lose one.
 */
function differentSeeds(outDir: string, groups: string[][]): string {
  const which = groups.map((g) => `shard${g.length > 1 ? 's' : ''} ${g.join(', ')}`).join(' and ');
  return `${displayPath(outDir)}: ${which} read different seeds (one was added, removed, renamed or retitled between their runs); `
    + 'build every shard again from the same seeds, then collect';
}

/** The rows of the shard's own seeds, with their models, into out/'s state; the files they replace, and the shard's orphans. */
function merge(from: BuildState, into: BuildState, shard: Shard, found: { replaced: Set<string>; kept: Set<string>; built: [string, string][] }): void {
  for (const seed of [...from.seeds()]) {
    if (!inShard(seed, shard)) continue;
    const row = from.row(seed);
    const texts = row && from.texts(row);
    if (row === undefined || texts === undefined) continue;
    for (const file of Object.keys(into.row(seed)?.files ?? {})) if (!(file in row.files)) found.replaced.add(file);
    into.put(row, texts.model, texts.listing);
    found.kept.add(seed);
    if (row.live) found.built.push([seed, seal(row)]);
  }
  for (const name of from.orphans()) into.addOrphan(name);
}

/** The state files of shards 1 to N in out/.galley/, all of one N, or why they cannot be collected. */
function shardStates(outDir: string): { name: string; shard: Shard }[] {
  let names: string[];
  try {
    names = readdirSync(join(outDir, STATE_DIR));
  } catch {
    names = [];
  }
  const found = names.flatMap((name) => {
    const m = SHARD_STATE_NAME.exec(name);
    return m === null ? [] : [{ name, shard: { index: Number(m[1]), count: Number(m[2]) } }];
  }).sort((a, b) => a.shard.index - b.shard.index);
  const out = displayPath(outDir);
  if (found.length === 0) throw new CollectError(`${out}: no shard was built into it; run galley build SEEDS --out ${out} --shard K/N for K from 1 to N first`);
  const counts = [...new Set(found.map((f) => f.shard.count))];
  if (counts.length > 1) {
    throw new CollectError(`${out}: holds shards of ${counts.join(' and ')}; remove the state files of the other run (${out}/${STATE_DIR}/shard-*-of-N.db)`);
  }
  const count = counts[0]!;
  for (let k = 1; k <= count; k++) {
    if (!found.some((f) => f.shard.index === k && f.shard.count === count)) throw new CollectError(`${out}: shard ${k}/${count} has not been built into it`);
  }
  return found.filter((f) => f.shard.index <= count);
}
