// Intl objects, built once per process and kept in one place.

const made = new Map<string, unknown>();

/** The Intl object `make` builds, memoized by `key`: formatters cost ~1 ms to build and recur in every article. */
export function intl<T>(key: string, make: () => T): T {
  let value = made.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    made.set(key, value);
  }
  return value;
}

/**
 * Drop every memoized Intl object. A V8 startup snapshot cannot hold one (each wraps a native ICU object),
 * so the snapshot builder calls this after its warm-up render; they are rebuilt on first use.
 */
export function forgetIntl(): void {
  made.clear();
}
