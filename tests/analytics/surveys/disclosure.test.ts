import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { crossTabSurvey, chiSquareTail } from '../../../analytics/surveys/crosstab.ts';
import {
  disclosureFor,
  formatDisclosureVi,
  publishEstimates,
  suppressSmallCells,
} from '../../../analytics/surveys/disclosure.ts';
import { estimateSurvey, Z_95, type EstimateRow } from '../../../analytics/surveys/estimate.ts';
import { setSurveyInfo } from '../../../analytics/surveys/survey-info.ts';
import { makeSurvey, type UnitSpec } from './make-survey.ts';

const now = () => new Date('2025-10-01T00:00:00Z');

function row(group: string | null, category: string, n: number): EstimateRow {
  return { group, category, estimate: n / 20, se: 0.1, ci_low: 0, ci_high: 1, deff: 1, n };
}

describe('suppressSmallCells', () => {
  it('blanks cells under the minimum and a second cell where one blank could be recovered', () => {
    const rows = [
      row('a', 'x', 2),
      row('a', 'y', 8),
      row('a', 'z', 10),
      row('b', 'x', 1),
      row('b', 'y', 3),
      row('b', 'z', 16),
    ];
    expect(suppressSmallCells(rows, { sumsToOne: true }).map((r) => r.suppressed)).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(suppressSmallCells(rows).map((r) => r.suppressed)).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(suppressSmallCells(rows, { minCount: 1 }).every((r) => !r.suppressed)).toBe(true);
  });
});

describe('published survey results', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    const units: UnitSpec[] = [];
    for (let i = 0; i < 60; i++) {
      units.push({
        id: `r${String(i).padStart(2, '0')}`,
        weight: i < 30 ? 2 : 3,
        stratum: i < 30 ? 'u' : 'r',
        cluster: `c${Math.floor(i / 10)}`,
        answers: {
          vung: i < 30 ? 'u' : 'r',
          hl: i % 7 === 0 ? 'rat' : i % 3 === 0 ? 'khong' : 'co',
          so: i % 10,
        },
      });
    }
    await makeSurvey(
      db,
      'pub',
      [
        { name: 'vung', type: 'select_one', choices: ['u', 'r'], label: 'Khu vực' },
        {
          name: 'hl',
          type: 'select_one',
          choices: ['rat', 'co', 'khong'],
          label: 'Ông/bà có hài lòng không?',
        },
        { name: 'so', type: 'integer', label: 'Số lần' },
      ],
      units,
    );
    await setSurveyInfo(
      db,
      'pub',
      {
        sponsor: 'Ban Tuyên giáo Tỉnh ủy',
        population: 'Người từ 18 tuổi',
        mode: 'Phỏng vấn trực tiếp',
        classification: 1,
      },
      { now },
    );
  });
  afterAll(() => db.close());

  it('labels rows, suppresses small cells and attaches the disclosure block', async () => {
    const { rows, disclosure } = await publishEstimates(db, { survey: 'pub', question: 'hl', by: 'vung' });
    expect(rows).toHaveLength(6);
    const small = rows.filter((r) => r.suppressed);
    expect(small.length).toBeGreaterThan(0);
    for (const r of small)
      expect([r.estimate, r.se, r.ci_low, r.ci_high, r.deff, r.n]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    expect(rows[0]!.group_label).toBe('U');
    expect(rows[0]!.category_label).toBe('RAT');
    const whole = await estimateSurvey(db, { survey: 'pub', question: 'hl' });
    expect(disclosure.margin_of_error).toBeCloseTo(Math.max(...whole.map((r) => Z_95 * r.se)), 12);
    expect(disclosure).toMatchObject({
      survey: 'pub',
      sponsor: 'Ban Tuyên giáo Tỉnh ủy',
      population: 'Người từ 18 tuổi',
      mode: 'Phỏng vấn trực tiếp',
      sample_size: 60,
      respondents: 60,
      question_wording: 'Ông/bà có hài lòng không?',
      dates: { from: '2025-03-10', to: '2025-03-14' },
      weighting: {
        weight_column: 'w',
        strata_column: 'h',
        strata: 2,
        cluster_column: 'c',
        psus: 6,
        calibration: null,
      },
      classification: 1,
      estimate_kind: 'proportion',
    });
  });

  it('formats the block in Vietnamese', async () => {
    const block = await disclosureFor(db, { survey: 'pub', question: 'so' });
    const text = formatDisclosureVi(block);
    expect(text).toContain('Thời gian thu thập: 10/03/2025 – 14/03/2025');
    expect(text).toContain('Cỡ mẫu: 60 người trả lời câu hỏi');
    expect(text).toContain('Câu hỏi: "Số lần"');
    expect(text).toContain('Độ mật: Mật');
    expect(text).toMatch(/Sai số tối đa \(độ tin cậy 95%\): ±\d+,\d\d$/m);
  });

  it('cross-tabulates with joint shares, row shares and a design-adjusted test', async () => {
    const table = await crossTabSurvey(db, { survey: 'pub', row: 'vung', column: 'hl' });
    expect(table.cells.reduce((s, c) => s + c.estimate, 0)).toBeCloseTo(1, 12);
    const byRow = await estimateSurvey(db, { survey: 'pub', question: 'hl', by: 'vung' });
    table.rowShares.forEach((r, i) => {
      expect(r.group).toBe(byRow[i]!.group);
      expect(r.estimate).toBeCloseTo(byRow[i]!.estimate, 12);
      expect(r.se).toBeCloseTo(byRow[i]!.se, 12);
    });
    expect(table.test!.df).toBe(2);
    expect(table.test!.statistic).toBeCloseTo(table.test!.pearson / table.test!.meanDeff, 12);
    expect(table.test!.pValue).toBeGreaterThan(0);
    expect(table.test!.pValue).toBeLessThanOrEqual(1);
  });
});

describe('chiSquareTail', () => {
  it('matches published critical values', () => {
    expect(chiSquareTail(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareTail(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
    expect(chiSquareTail(23.20925115604, 10)).toBeCloseTo(0.01, 9);
    expect(chiSquareTail(0.5, 3)).toBeCloseTo(0.9188914, 6);
    expect(chiSquareTail(0, 4)).toBe(1);
  });
});

describe('cross-tabs under simple random sampling', () => {
  it('has a mean design effect of 1, so the statistic is Pearson’s', async () => {
    const db = await openDb(':memory:');
    await migrate(db);
    const units: UnitSpec[] = Array.from({ length: 200 }, (_, i) => ({
      id: `s${i}`,
      weight: 1,
      answers: { a: i % 2 ? 'x' : 'y', b: i % 3 === 0 || i % 4 === 1 ? 'p' : 'q' },
    }));
    await makeSurvey(
      db,
      'srs',
      [
        { name: 'a', type: 'select_one', choices: ['x', 'y'] },
        { name: 'b', type: 'select_one', choices: ['p', 'q'] },
      ],
      units,
    );
    const table = await crossTabSurvey(db, { survey: 'srs', row: 'a', column: 'b' });
    // every cell and margin has deff 1, so δ̄ = [(rc − 1) − (r − 1) − (c − 1)] / ((r − 1)(c − 1)) = 1
    expect(table.test!.meanDeff).toBeCloseTo(1, 10);
    expect(table.test!.statistic).toBeCloseTo(table.test!.pearson, 8);
    db.close();
  });
});
