// A bounded memo for the exporters' per-process caches (shaped words, widths, hyphenations).

/**
 * Keeps what was used lately, in two generations: when the newer fills, the older is dropped and the newer
 * takes its place, and a hit in the older is copied into the newer. It holds at most twice `limit` entries,
 * so a render thread's memory levels off however many articles it sets, while the words a text keeps using
 * survive each turnover (clearing a full map lost them all, and every one was shaped again).
 */
export class Recent<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const hit = this.newer.get(key);
    if (hit !== undefined) return hit;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  /** The value kept for `key`, or the one `make` returns, kept from now on. */
  obtain(key: K, make: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make();
      this.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (this.newer.size >= this.limit) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, value);
  }
}

/** The memo kept under `key` in `memos` (one per face, per hyphenator...), made with `limit` when first asked for. */
export function recentIn<G, K, V>(memos: { get(key: G): Recent<K, V> | undefined; set(key: G, memo: Recent<K, V>): unknown }, key: G, limit: number): Recent<K, V> {
  let memo = memos.get(key);
  if (memo === undefined) {
    memo = new Recent(limit);
    memos.set(key, memo);
  }
  return memo;
}
