import { describe, expect, it } from 'vitest';
import { BandIndex } from '../../../pipeline/dedupe/band-index.ts';

const list = (index: BandIndex, key: number) => {
  const out: number[] = [];
  for (let f = index.firstFiling(key); f !== -1; f = index.nextFiling(f)) out.push(index.entryOf(f));
  return out;
};

describe('BandIndex', () => {
  it('lists the entries filed under each key in filing order, and nothing for an unknown key', () => {
    const index = new BandIndex(8);
    const high = 15 * 0x1_0000_0000 + 0xffff_ffff;
    index.add(high, 3);
    index.add(7, 1);
    index.add(high, 0);
    index.add(7 + 0x1_0000_0000, 2);
    index.add(high, 5);
    expect(list(index, high)).toEqual([3, 0, 5]);
    expect(list(index, 7)).toEqual([1]);
    expect(list(index, 7 + 0x1_0000_0000)).toEqual([2]);
    expect(list(index, 8)).toEqual([]);
  });

  it('agrees with a Map of lists on many colliding keys, up to its capacity and no further', () => {
    const capacity = 5000;
    const index = new BandIndex(capacity);
    const reference = new Map<number, number[]>();
    let seed = 1;
    for (let i = 0; i < capacity; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const key = (seed % 16) * 0x1_0000_0000 + (seed % 997);
      index.add(key, i);
      reference.set(key, [...(reference.get(key) ?? []), i]);
    }
    for (const [key, entries] of reference) expect(list(index, key)).toEqual(entries);
    expect(() => index.add(1, 0)).toThrow('band index full (5000 entries)');
  });
});
