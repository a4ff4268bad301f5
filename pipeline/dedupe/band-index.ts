/** An LSH band table for one batch: band key → the entries filed under it, in typed arrays rather than Maps of lists. */

const EMPTY = -1;

/**
 * Files entry numbers under band keys (integers below 2^53) and lists them back in the order they were filed.
 * Sized once for at most `capacity` filings.
 * `const index = new BandIndex(32); index.add(key, 0); index.entryOf(index.firstFiling(key))` → 0
 */
export class BandIndex {
  private readonly keys: Float64Array;
  /** Per slot: the first and the last filing under its key. */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  /** Per filing: its entry and the next filing under the same key. */
  private readonly entries: Int32Array;
  private readonly next: Int32Array;
  private readonly mask: number;
  private filed = 0;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.mask = slots - 1;
    this.keys = new Float64Array(slots);
    this.first = new Int32Array(slots).fill(EMPTY);
    this.last = new Int32Array(slots);
    this.entries = new Int32Array(Math.max(capacity, 1));
    this.next = new Int32Array(Math.max(capacity, 1));
  }

  private slot(key: number, create: boolean): number {
    let h = Math.imul((key >>> 0) ^ Math.floor(key / 0x1_0000_0000), 0x9e3779b1);
    h ^= h >>> 15;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      if (this.first[s] === EMPTY) return create ? s : EMPTY;
      if (this.keys[s] === key) return s;
    }
  }

  /** File `entry` under `key`, after the entries already filed there. */
  add(key: number, entry: number): void {
    if (this.filed === this.entries.length) throw new Error(`band index full (${this.filed} entries)`);
    const filing = this.filed++;
    this.entries[filing] = entry;
    this.next[filing] = EMPTY;
    const s = this.slot(key, true);
    if (this.first[s] === EMPTY) {
      this.keys[s] = key;
      this.first[s] = filing;
    } else this.next[this.last[s]!] = filing;
    this.last[s] = filing;
  }

  /**
   * The first filing under `key` (-1 when none); then `nextFiling` until -1, in filing order, each filing's entry
   * by `entryOf`. `for (let f = index.firstFiling(key); f !== -1; f = index.nextFiling(f)) index.entryOf(f)`
   */
  firstFiling(key: number): number {
    const s = this.slot(key, false);
    return s === EMPTY ? EMPTY : this.first[s]!;
  }

  nextFiling(filing: number): number {
    return this.next[filing]!;
  }

  entryOf(filing: number): number {
    return this.entries[filing]!;
  }
}
