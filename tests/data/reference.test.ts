import { describe, it, expect } from 'vitest';
import {
  ancestors,
  currentSuccessors,
  isUnitValidAt,
  loadTopics,
  loadUnits,
  unitByUid,
} from '../../data/reference/index.ts';
import { normalizeToneMarks } from '../../data/text/normalize.ts';

describe('loadUnits', () => {
  it('reads the gazetteer once', () => {
    expect(loadUnits()).toBe(loadUnits());
    expect(loadUnits().length).toBe(415);
  });

  it('looks units up by uid', () => {
    expect(unitByUid('24163/pre2025')?.name).toBe('Xã Ea Tu');
    expect(unitByUid('24163/2025')?.name).toBe('Phường Tân An');
    expect(unitByUid('24163')).toBeUndefined();
  });

  it('walks ancestors nearest first', () => {
    expect(ancestors('24163/pre2025').map((u) => u.uid)).toEqual(['643/pre2025', '66/pre2025']);
    expect(ancestors('24163/2025').map((u) => u.uid)).toEqual(['66/2025']);
    expect(ancestors('66/2025')).toEqual([]);
  });

  it('follows successors to the units valid now', () => {
    expect(currentSuccessors('24163/pre2025').map((u) => u.name)).toEqual(['Phường Tân An']);
    expect(currentSuccessors('24550/pre2025').map((u) => u.uid)).toEqual(['24544/2025', '24561/2025']);
    expect(currentSuccessors('54/pre2025').map((u) => u.uid)).toEqual(['66/2025']);
    expect(currentSuccessors('24175/2025').map((u) => u.uid)).toEqual(['24175/2025']);
    expect(currentSuccessors('643/pre2025')).toHaveLength(6);
  });

  it('can follow successors to a given day', () => {
    const before = new Date('2025-06-30T12:00:00+07:00');
    expect(currentSuccessors('24163/pre2025', before).map((u) => u.uid)).toEqual(['24163/pre2025']);
    expect(
      currentSuccessors('24163/pre2025', new Date('2025-07-01T00:30:00+07:00')).map((u) => u.uid),
    ).toEqual(['24163/2025']);
  });

  it('checks validity on the Vietnamese calendar day', () => {
    const unit = unitByUid('24163/2025')!;
    expect(isUnitValidAt(unit, new Date('2025-06-30T16:59:00Z'))).toBe(false);
    expect(isUnitValidAt(unit, new Date('2025-06-30T17:00:00Z'))).toBe(true);
  });
});

describe('loadTopics', () => {
  const topics = loadTopics();
  const ids = [
    'dat-dai',
    'moi-truong',
    'gia-ca',
    'nong-nghiep',
    'y-te',
    'giao-duc',
    'an-ninh',
    'tham-nhung',
    'dan-toc-ton-giao',
    'giao-thong',
    'thu-tuc-hanh-chinh',
    'an-sinh',
    'thien-tai',
    'nuoc-sinh-hoat',
    'tin-don',
  ];

  it('holds the board taxonomy', () => {
    expect(topics.map((t) => t.id)).toEqual(expect.arrayContaining(ids));
    expect(new Set(topics.map((t) => t.id)).size).toBe(topics.length);
    expect(
      topics
        .filter((t) => t.sensitive)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['an-ninh', 'dan-toc-ton-giao', 'tham-nhung', 'tin-don']);
  });

  it('has 25–150 normalised, unique keywords per topic (official terms and the everyday phrasings people write)', () => {
    for (const t of topics) {
      expect(t.keywords.length, t.id).toBeGreaterThanOrEqual(25);
      expect(t.keywords.length, t.id).toBeLessThanOrEqual(150);
      expect(new Set(t.keywords).size, t.id).toBe(t.keywords.length);
      for (const k of t.keywords) expect(k, t.id).toBe(normalizeToneMarks(k).trim());
      expect(t.name_vi && t.name_en && t.description_vi, t.id).toBeTruthy();
    }
    expect(topics.find((t) => t.id === 'dat-dai')?.keywords).toEqual(
      expect.arrayContaining(['giải phóng mặt bằng', 'bồi thường', 'tái định cư', 'sổ đỏ', 'thu hồi đất']),
    );
  });
});
