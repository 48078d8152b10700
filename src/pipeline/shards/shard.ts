// Sharded builds: which seeds are shard K's of N, a stable partition by file name, the same on every machine.
import { sha256 } from '../cache-keys.js';

export interface Shard {
  /** From 1 to count. */
  index: number;
  count: number;
}

/** `K/N` as given to --shard, or null when it is not one (1 <= K <= N). */
export function parseShard(text: string): Shard | null {
  const m = /^([1-9]\d{0,5})\/([1-9]\d{0,5})$/.exec(text);
  if (m === null) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index <= count ? { index, count } : null;
}

/** True when the seed `name` is rendered by `shard`. By a hash of the name: even shares, and a new seed moves no other. */
export function inShard(name: string, shard: Shard): boolean {
  return Number.parseInt(sha256(name).slice(0, 12), 16) % shard.count === shard.index - 1;
}

/** The file, in out/.galley/, of a shard's build state: each shard has its own, so shards run at once. */
export function shardStateName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.db`;
}

export const SHARD_STATE_NAME = /^shard-([1-9]\d*)-of-([1-9]\d*)\.db$/;
