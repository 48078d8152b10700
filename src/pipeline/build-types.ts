// What `build()` takes and gives: the library's and the CLI's contract with the pipeline.
import type { SiteConfig } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Format } from '../exporters/registry.js';
import type { Shard } from './shards/shard.js';

export interface BuildOptions {
  seedsDir: string;
  outDir: string;
  config: SiteConfig;
  formats: readonly Format[];
  /** Rebuild every article even where the state says its outputs are current. */
  force?: boolean;
  /** Called after each article, for progress. */
  onArticle?: (done: number, total: number) => void;
  /** Called once when another build holds out/'s state: this one waits for it to end. */
  onWait?: () => void;
  /**
   * Render only this shard's seeds (see shard.ts) and write no whole-build file: `collect` writes those from
   * what every shard wrote. Every seed is still read, for slugs unique across the shards.
   */
  shard?: Shard;
  /**
   * Aborting it stops the build between two files: no file is written after that, the build state records
   * what was finished, and build() rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

/** What one build did: what `build()` resolves to, and what the CLI reports and takes its exit code from. */
export interface BuildResult {
  /** Seeds read, in build order. */
  seeds: string[];
  /** Each seed whose article is in `out/` after this build (rendered now or found current), with its slug. */
  built: { seed: string; slug: string }[];
  /** How many of the built articles were rendered now rather than found current in the build state. */
  rendered: number;
  /** Seeds that failed with an error (the CLI then exits 1). */
  failed: string[];
  /** Every warning and error, in seed order; the CLI prints them. */
  diagnostics: Diagnostic[];
}
