import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDraft } from '../../../analytics/hotspots/assemble-alerts.ts';
import { foldDrafts } from '../../../analytics/hotspots/assemble-alerts.ts';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import { logThreshold } from '../../../analytics/hotspots/scan-series.ts';
import { scoreSeverity, severityOf } from '../../../analytics/hotspots/severity.ts';
import { bindUsed } from '../../../analytics/hotspots/bind-used.ts';
import { readSqlFile } from '../../../data/sql-file.ts';
import { documentTerms, syllableTerms, topTerms } from '../../../analytics/hotspots/top-terms.ts';
import type { UnitTree } from '../../../analytics/hotspots/unit-tree.ts';
import { loadUnitTree } from '../../../analytics/hotspots/unit-tree.ts';
import { effectiveCount } from '../../../analytics/hotspots/count-series.ts';
import type { SeriesDoc } from '../../../analytics/hotspots/count-series.ts';
import type { Db } from '../../../data/db.ts';
import { hotspotDb } from './fixtures.ts';

describe('loadUnitTree', () => {
  let db: Db;
  let tree: UnitTree;
  beforeAll(async () => {
    db = await hotspotDb();
    tree = await loadUnitTree(db);
  });
  afterAll(() => db.close());

  const seriesOf = (locality: string) =>
    tree.mappings
      .filter((m) => m.localityUid === locality)
      .map((m) => `${m.seriesUid}=${m.namedUid}`)
      .sort();

  it('counts an old commune for its successor, its old district and the province, named the old way', () => {
    expect(seriesOf('24508/pre2025')).toEqual([
      '24490/2025=24508/pre2025',
      '654/pre2025=654/pre2025',
      '66/2025=66/pre2025',
    ]);
  });

  it('counts a new commune for itself, the old districts it came from and the province', () => {
    expect(seriesOf('24490/2025')).toEqual([
      '24490/2025=24490/2025',
      '654/pre2025=654/pre2025',
      '66/2025=66/2025',
    ]);
  });

  it('counts an old district for itself and the province, and the old Phú Yên province for the province', () => {
    expect(seriesOf('654/pre2025')).toEqual(['654/pre2025=654/pre2025', '66/2025=66/pre2025']);
    expect(seriesOf('54/pre2025')).toEqual(['66/2025=54/pre2025']);
  });

  const docs = (prefix: string, n: number, topics: string[], day = 1): SeriesDoc[] =>
    Array.from({ length: n }, (_, k) => ({
      id: `${prefix}${k}`,
      outlet: `o${k}`,
      ms: day * 86_400_000 + k,
      hour: 0,
      day,
      story: `${prefix}${k}`,
      negative: true,
      namedUid: '24490/2025',
      classification: 0,
      topics,
    }));
  const draft = (
    topic: string,
    seriesUid: string,
    level: number,
    list: SeriesDoc[],
    expected: number,
  ): AlertDraft => ({
    detector: 'topic',
    granularity: 'day',
    topic,
    seriesIndex: null,
    seriesUid,
    level,
    channel: 'stories',
    stories: { count: list.length, expected },
    startMs: 86_400_000,
    endMs: 2 * 86_400_000,
    detectedAtMs: 2 * 86_400_000,
    alpha: 0.01,
    docs: list,
    count: list.length,
    expected,
    logP: -20,
    size: Infinity,
    topTerms: [],
    spread: [],
    alsoElevated: [],
    merged: [],
    watchId: null,
  });
  it('folds one event told under two topics into one alert, and a parent explained by its child', () => {
    const shared = docs('d', 10, ['an-sinh', 'tham-nhung']);
    const welfare = draft('an-sinh', '24490/2025', 3, [...shared, ...docs('w', 4, ['an-sinh'])], 0.2);
    const corruption = draft('tham-nhung', '24490/2025', 3, shared, 0.5);
    const district = draft('an-sinh', '654/pre2025', 2, [...shared, ...docs('x', 2, ['an-sinh'])], 1);
    const config = resolveConfig();
    const folded = foldDrafts([welfare, corruption, district], tree, config, new Set(['tham-nhung']));
    expect(folded.map((d) => d.topic)).toEqual(['tham-nhung']);
    expect(folded[0]!.merged).toEqual(['an-sinh@24490/2025']);
    expect(folded[0]!.alsoElevated.map((u) => u.unit_uid)).toEqual(['654/pre2025']);
    expect(foldDrafts([welfare, corruption], tree, config).map((d) => d.topic)).toEqual(['an-sinh']);
  });

  it('keeps the earlier detection of a district alert folded into its commune', () => {
    const HOUR = 3_600_000;
    const stories = docs('g', 8, ['dat-dai']);
    const fold = (communeAt: number, districtAt: number) => {
      const commune = { ...draft('dat-dai', '24490/2025', 3, stories, 0.2), detectedAtMs: communeAt };
      const district = { ...draft('dat-dai', '654/pre2025', 2, stories, 1), detectedAtMs: districtAt };
      return foldDrafts([commune, district], tree, resolveConfig());
    };
    const folded = fold(60 * HOUR, 53 * HOUR);
    expect(folded.map((d) => d.seriesUid)).toEqual(['24490/2025']);
    expect(folded[0]!.alsoElevated.map((u) => u.unit_uid)).toEqual(['654/pre2025']);
    expect(folded[0]!.detectedAtMs).toBe(53 * HOUR);
    // A district that fired after its commune leaves the commune's own detection.
    expect(fold(60 * HOUR, 66 * HOUR)[0]!.detectedAtMs).toBe(60 * HOUR);
  });

  it('names an event by what its documents are mostly about when both topics rose alike', () => {
    // Compensation for a road: every story is tagged land first and transport second.
    const stories = docs('c', 12, ['dat-dai', 'giao-thong']);
    const roadsOnly = docs('t', 2, ['giao-thong']);
    // Lifts 12 / 0.40 = 30 (land) and 14 / 0.44 ≈ 32 (transport): alike, so the documents decide.
    const land = draft('dat-dai', '24490/2025', 3, stories, 0.4);
    const transport = draft('giao-thong', '24490/2025', 3, [...stories, ...roadsOnly], 0.44);
    const folded = foldDrafts([transport, land], tree, resolveConfig());
    expect(folded.map((d) => d.topic)).toEqual(['dat-dai']);
    expect(folded[0]!.merged).toEqual(['giao-thong@24490/2025']);
    // When transport rose far more (14 / 0.1 = 140 against 30), the rarer rise names it.
    const sharp = draft('giao-thong', '24490/2025', 3, [...stories, ...roadsOnly], 0.1);
    expect(foldDrafts([sharp, land], tree, resolveConfig()).map((d) => d.topic)).toEqual(['giao-thong']);
  });

  it('names an event by a sensitive topic only when most of its documents carry it', () => {
    const fees = docs('f', 6, ['giao-duc']);
    const rumoured = docs('r', 4, ['giao-duc', 'tin-don']);
    const education = draft('giao-duc', '24490/2025', 3, [...fees, ...rumoured], 0.5);
    const rumour = draft('tin-don', '24490/2025', 3, rumoured, 0.5);
    const folded = foldDrafts([education, rumour], tree, resolveConfig(), new Set(['tin-don']));
    expect(folded.map((d) => d.topic)).toEqual(['giao-duc']);
    expect(folded[0]!.merged).toEqual(['tin-don@24490/2025']);
  });

  it('knows paths in each era and successors today', () => {
    expect(tree.units.get('24508/pre2025')!.path).toEqual(['Tỉnh Đắk Lắk', 'Huyện Krông Pắc', 'Xã Ea Yông']);
    expect(tree.units.get('24508/pre2025')!.successors).toEqual(['24490/2025']);
    expect(tree.units.get('24490/2025')!.path).toEqual(['Tỉnh Đắk Lắk', 'Xã Krông Pắc']);
    expect(tree.seriesByLevel.get(1)).toEqual(['66/2025']);
    expect(tree.parents.get('24490/2025')).toEqual(['654/pre2025', '66/2025']);
  });
});

describe('logThreshold', () => {
  it('shares the family-wise rate among the hypotheses and the windows each series tries', () => {
    expect(logThreshold(0.05, 1, 1000)).toBeCloseTo(Math.log(5e-5), 12);
    expect(logThreshold(0.05, 1, 1000, 4)).toBeCloseTo(Math.log(1.25e-5), 12);
  });

  it('lets a weight above 1 (a sensitive or watched topic) pass a p-value that would fail', () => {
    const logP = Math.log(2e-4);
    expect(logP <= logThreshold(0.05, 1, 1000)).toBe(false);
    expect(logP <= logThreshold(0.05, 4, 1000)).toBe(true);
  });
});

describe('effectiveCount', () => {
  const doc = (id: string, outlet: string, story: string, negative = true, day = 1): SeriesDoc => ({
    id,
    outlet,
    ms: day * 86_400_000,
    hour: 0,
    day,
    story,
    negative,
    namedUid: '',
    classification: 0,
    topics: [],
  });

  it('counts copies of a story once and caps each outlet per day', () => {
    const docs = [
      doc('a', 'o1', 's1'),
      doc('b', 'o2', 's1'),
      doc('c', 'o1', 's2'),
      doc('d', 'o1', 's3', false),
      doc('e', 'o3', 's4'),
    ];
    expect(effectiveCount(docs, 2)).toEqual({ count: 3, negative: 3, outlets: 2, top: 2, negShare: 0.75 });
    expect(effectiveCount([...docs, doc('f', 'o1', 's5', true, 2)], 2).count).toBe(3);
  });

  it('counts a copy published after midnight once, for the day its story first appeared', () => {
    const docs = [
      doc('a', 'o1', 's1', true, 1),
      doc('b', 'o2', 's1', true, 2),
      doc('c', 'o3', 's2', true, 2),
    ];
    expect(effectiveCount(docs, 2)).toMatchObject({ count: 2, outlets: 2 });
  });

  it('lets no outlet count for more than one story beyond the next busiest, over days too', () => {
    const spam = Array.from({ length: 12 }, (_, k) => doc(`s${k}`, 'spammer', `spam${k}`, true, 1 + (k % 3)));
    const counted = effectiveCount([...spam, doc('x', 'o2', 'other'), doc('y', 'o3', 'more')], 10);
    expect(counted).toMatchObject({ count: 4, negative: 4, outlets: 3, top: 2 });
  });
});

describe('scoreSeverity', () => {
  it('grades the documented example', () => {
    const base = {
      count: 12,
      expected: 1,
      pValue: 1e-9,
      negShare: 0.8,
      outlets: 6,
      spreadUnits: 0,
      misinfo: 0,
      sensitive: false,
      sensitivity: 1,
      watched: false,
    };
    expect(scoreSeverity(base).severity).toBe('cao');
    expect(scoreSeverity({ ...base, sensitive: true, spreadUnits: 2 }).severity).toBe('khẩn');
    expect(scoreSeverity({ ...base, sensitivity: 0.5 }).severity).toBe('thấp');
    expect(
      scoreSeverity({ ...base, count: 3, expected: 1, pValue: 0.01, negShare: 0.3, outlets: 2 }).severity,
    ).toBe('thấp');
  });

  it('maps scores to levels at 35, 55 and 75', () => {
    expect([0, 34.9, 35, 54.9, 55, 74.9, 75, 100].map(severityOf)).toEqual([
      'thấp',
      'thấp',
      'trung bình',
      'trung bình',
      'cao',
      'cao',
      'khẩn',
      'khẩn',
    ]);
  });
});

describe('top terms', () => {
  it('splits syllables and marks phrase breaks', () => {
    expect(syllableTerms('Giá tăng, dân lo!  Thật sao')).toEqual([
      'giá',
      'tăng',
      '|',
      'dân',
      'lo',
      '|',
      'thật',
      'sao',
    ]);
    expect([...documentTerms('Giá tăng, dân lo')]).toEqual(['giá tăng', 'dân lo']);
  });

  it('ranks what sets the documents apart from the background, leaving out place names', () => {
    const own = [
      'Cá chết trắng suối ở Ea Kao',
      'Suối Ea Kao cá chết hàng loạt',
      'Dân lo vì cá chết ở suối Ea Kao',
    ];
    const background = ['Hội nghị triển khai kế hoạch năm học', 'Giá cà phê tăng', 'Suối nước trong xanh'];
    const terms = topTerms(own, background, 4, new Set(['ea', 'kao']));
    expect(terms[0]).toBe('cá chết');
    expect(terms).not.toContain('ea kao');
  });
});

describe('bindUsed', () => {
  const sql = readSqlFile(new URL('../../../analytics/hotspots/count-series.sql', import.meta.url));
  it('gives a statement only the parameters it uses, and names one that is missing', () => {
    const params = { future: new Date(), from: new Date(), to: new Date(), extra: 1 };
    expect(Object.keys(bindUsed(sql('skipped'), params))).toEqual(['future', 'from', 'to']);
    expect(() => bindUsed(sql('docs'), { from: new Date() })).toThrow(/statement needs parameter \$to/);
  });
});
