/**
 * Answers computed from the database, kept per key (a user's scope and filters) while the data they came from
 * is unchanged: an entry is used only for the same data version and for at most `ttlMs`; concurrent requests
 * for a missing entry share one computation; the least recently used entry goes first beyond `max`.
 */
export class ResponseCache<T> {
  private readonly entries = new Map<string, { version: number | string; at: number; value: Promise<T> }>();
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(
    private readonly now: () => number,
    options: { ttlMs?: number; max?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.max = options.max ?? 200;
  }

  /** `await cache.get(key, version, () => compute())`: the cached answer, or a new one computed once. */
  get(key: string, version: number | string, compute: () => Promise<T>): Promise<T> {
    const at = this.now();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.version === version && at - hit.at < this.ttlMs) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const entry = { version, at, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(old);
    }
    return value;
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }
}
