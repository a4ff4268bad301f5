import { describe, it, expect } from 'vitest';
import {
  BLOCK_META,
  DEFAULT_FEATURES,
  extractFeatures,
  sideFeatures,
} from '../../../analytics/nlp/features.ts';
import type { NumericField } from '../../../analytics/nlp/features.ts';

const FIELDS: NumericField[] = [
  { name: 'likes', kind: 'count', scale: Math.log1p(1000) },
  { name: 'shares', kind: 'count', scale: Math.log1p(1000) },
];

function meta(record: Record<string, unknown>, metaCrosses: number): Map<number, number> {
  const raw = extractFeatures('tin nóng', { ...DEFAULT_FEATURES, metaCrosses }, record, FIELDS);
  const { idx, val } = raw[BLOCK_META]!;
  return new Map(Array.from(idx, (j, k) => [j, val[k]!]));
}

describe('side-field crosses', () => {
  it('add one feature per pair of fields, at the given weight, and nothing when off', () => {
    const plain = meta({ likes: 1000, shares: 3 }, 0);
    const crossed = meta({ likes: 1000, shares: 3 }, 0.3);
    const extra = [...crossed].filter(([j]) => !plain.has(j));
    expect(extra).toHaveLength(1);
    expect(extra[0]![1]).toBeCloseTo(0.3, 6);
    for (const [j, v] of plain) expect(crossed.get(j)).toBeCloseTo(v, 6);
  });

  it('tell combinations apart that the single fields cannot', () => {
    const crossOf = (record: Record<string, unknown>) => {
      const plain = meta(record, 0);
      return [...meta(record, 0.3).keys()].find((j) => !plain.has(j));
    };
    const both = crossOf({ likes: 1000, shares: 1000 });
    const likesOnly = crossOf({ likes: 1000, shares: 0 });
    const sharesOnly = crossOf({ likes: 0, shares: 1000 });
    expect(new Set([both, likesOnly, sharesOnly]).size).toBe(3);
    expect(crossOf({ likes: 900, shares: 1100 })).toBe(both);
  });

  it('cross a missing field too, and leave models without the option unchanged', () => {
    expect(meta({ likes: 5 }, 0.3).size).toBe(meta({ likes: 5 }, 0).size + 1);
    const older = { ...DEFAULT_FEATURES };
    delete older.metaCrosses;
    const before = extractFeatures('tin nóng', older, { likes: 5, shares: 1 }, FIELDS)[BLOCK_META]!;
    expect(Array.from(before.idx)).toEqual([...meta({ likes: 5, shares: 1 }, 0).keys()]);
  });
});

describe('sideFeatures', () => {
  const fields: NumericField[] = [
    { name: 'likes', kind: 'count', scale: 5 },
    { name: 'published_at', kind: 'time', scale: 1000 },
    { name: 'shares', kind: 'count', scale: 5 },
  ];

  it('gives log counts, time of day in Vietnam, count ratios and text statistics', () => {
    // 2020-06-01 17:00 UTC is Tuesday 2020-06-02 00:00 in Vietnam.
    const x = sideFeatures(
      fields,
      { likes: '9', published_at: 1591030800, shares: 0 },
      'Tin #nóng\nxem https://a.vn',
    );
    expect(Array.from(x)).toEqual([
      Math.log(10),
      1591030800 / 86400,
      0,
      2,
      0,
      Math.log(10),
      Math.log1p(26),
      2,
      1,
      1,
    ]);
  });

  it('marks missing or unreadable fields as NaN, and their ratios too', () => {
    const x = Array.from(sideFeatures(fields, { likes: 'nhiều', published_at: '' }, ''));
    expect(x.slice(0, 6).every(Number.isNaN)).toBe(true);
    expect(x.slice(6)).toEqual([0, 1, 0, 0]);
  });
});
