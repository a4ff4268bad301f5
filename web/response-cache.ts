interface Entry<T> {
  version: number | string;
  at: number;
  value: Promise<T>;
  /** The rows' fingerprint read before `value` was computed (undefined when none could be read). */
  fingerprint?: Promise<string | undefined>;
}

/**
 * Answers computed from the database, kept per key (a user's scope and filters) while the data they came from
 * is unchanged: an entry is used only for the same data version and for at most `ttlMs`; concurrent requests
 * for a missing entry share one computation; the least recently used entry goes first beyond `max`.
 */
export class ResponseCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(
    private readonly now: () => number,
    options: { ttlMs?: number; max?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.max = options.max ?? 200;
  }

  /**
   * `await cache.get(key, version, () => compute())`: the cached answer, or a new one computed once.
   *
   * `fingerprint`: a cheap value that changes whenever the rows the answer reads change (`contentVersion`). When the
   * version has moved on (any write to the database), it is read once for the new version and, if it equals the one
   * read before the entry was computed, the entry is kept: a hot-spot list survives a document ingest.
   */
  get(
    key: string,
    version: number | string,
    compute: () => Promise<T>,
    fingerprint?: () => Promise<string>,
  ): Promise<T> {
    const at = this.now();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    const fresh = hit !== undefined && at - hit.at < this.ttlMs;
    if (fresh && hit.version === version) {
      this.entries.set(key, hit);
      return hit.value;
    }
    // Read before computing, so that rows changed while computing show as a new fingerprint next time.
    const print = fingerprint?.().catch(() => undefined);
    let value: Promise<T>;
    let since = at;
    if (print && fresh && hit.fingerprint) {
      const earlier = hit;
      since = hit.at;
      value = Promise.all([print, earlier.fingerprint]).then(async ([now, then]) =>
        now !== undefined && now === then ? earlier.value : compute(),
      );
    } else value = print ? print.then(() => compute()) : compute();
    const entry: Entry<T> = { version, at: since, value, fingerprint: print };
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
