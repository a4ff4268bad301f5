import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../web/response-cache.ts';

/** A cache on a hand-moved clock, and a counter of computations. */
function setup(ttlMs = 60_000) {
  let clock = 0;
  const cache = new ResponseCache<string>(() => clock, { ttlMs });
  let computed = 0;
  const compute = (label: string) => () => {
    computed++;
    return Promise.resolve(`${label}#${computed}`);
  };
  return {
    cache,
    compute,
    computed: () => computed,
    tick: (ms: number) => (clock += ms),
  };
}

describe('ResponseCache', () => {
  it('computes once per key and version, concurrent requests included', async () => {
    const { cache, compute, computed } = setup();
    const [a, b] = await Promise.all([cache.get('k', 1, compute('a')), cache.get('k', 1, compute('a'))]);
    expect([a, b]).toEqual(['a#1', 'a#1']);
    expect(await cache.get('k', 2, compute('a'))).toBe('a#2');
    expect(computed()).toBe(2);
  });

  it('keeps an entry across a new version while the fingerprint of what it reads is unchanged', async () => {
    const { cache, compute, computed } = setup();
    let rows = 'alerts:3';
    let reads = 0;
    const print = () => {
      reads++;
      return Promise.resolve(rows);
    };
    expect(await cache.get('k', 1, compute('x'), print)).toBe('x#1');
    expect(await cache.get('k', 2, compute('x'), print)).toBe('x#1');
    expect(await cache.get('k', 2, compute('x'), print)).toBe('x#1');
    expect(reads).toBe(2); // once for version 1, once for version 2
    rows = 'alerts:4';
    expect(await cache.get('k', 3, compute('x'), print)).toBe('x#2');
    expect(computed()).toBe(2);
  });

  it('computes anew when the fingerprint cannot be read, and after the time limit', async () => {
    const { cache, compute, computed, tick } = setup(1_000);
    const broken = () => Promise.reject(new Error('no such table'));
    expect(await cache.get('k', 1, compute('y'), broken)).toBe('y#1');
    expect(await cache.get('k', 2, compute('y'), broken)).toBe('y#2');
    const steady = () => Promise.resolve('same');
    expect(await cache.get('k', 3, compute('y'), steady)).toBe('y#3');
    tick(1_500);
    expect(await cache.get('k', 4, compute('y'), steady)).toBe('y#4');
    expect(computed()).toBe(4);
  });

  it('forgets a computation that failed', async () => {
    const { cache, compute } = setup();
    await expect(cache.get('k', 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', 1, compute('z'))).toBe('z#1');
  });
});
