import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { calibrateSurvey, rake, readMargins } from '../../../analytics/surveys/calibrate.ts';
import { buildDesign } from '../../../analytics/surveys/design.ts';
import { estimateSurvey, ratioEstimate } from '../../../analytics/surveys/estimate.ts';
import { makeSurvey, type UnitSpec } from './make-survey.ts';

const now = () => new Date('2025-10-01T00:00:00Z');

function totals(weights: Float64Array, codes: Int32Array, levels: number): number[] {
  const out = new Array<number>(levels).fill(0);
  codes.forEach((c, i) => (out[c] += weights[i]!));
  return out;
}

describe('rake', () => {
  const base = Float64Array.from([1, 2, 1, 3, 2, 1, 1, 2, 4, 1]);
  const sex = Int32Array.from([0, 1, 0, 1, 1, 0, 0, 1, 0, 1]);
  const area = Int32Array.from([0, 0, 1, 1, 2, 2, 0, 1, 2, 0]);
  const sexTargets = Float64Array.from([520, 480]);
  const areaTargets = Float64Array.from([300, 450, 250]);

  it('converges to every margin', () => {
    const r = rake(base, [sex, area], [sexTargets, areaTargets]);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.maxError).toBeLessThan(1e-10);
    totals(r.weights, sex, 2).forEach((t, k) => expect(t).toBeCloseTo(sexTargets[k]!, 6));
    totals(r.weights, area, 3).forEach((t, k) => expect(t).toBeCloseTo(areaTargets[k]!, 6));
  });

  it('post-stratifies in one pass and keeps within-cell proportions', () => {
    const r = rake(base, [sex], [sexTargets]);
    expect(r.iterations).toBe(1);
    expect(r.weights[1]! / r.weights[3]!).toBeCloseTo(2 / 3, 12);
    totals(r.weights, sex, 2).forEach((t, k) => expect(t).toBeCloseTo(sexTargets[k]!, 9));
  });

  it('reports when it did not converge', () => {
    const r = rake(base, [sex, area], [sexTargets, areaTargets], { maxIterations: 1 });
    expect(r.converged).toBe(false);
    expect(r.maxError).toBeGreaterThan(1e-10);
  });
});

describe('variance after calibration', () => {
  it('post-stratified SRS: residuals from the cell means, as computed by hand', () => {
    // Six units, two post-strata of three: a → N = 60 (w = 20), b → N = 40 (w = 40/3). y: a 1,0,1; b 0,0,1.
    // p = (20·2 + 40/3)/100 = 0.5333. Residuals y − ȳ_cell: a (1/3, −2/3, 1/3), b (−1/3, −1/3, 2/3);
    // z = w·e/100: a (1/15, −2/15, 1/15), b (−4/90, −4/90, 8/90). v = 6/5 · Σz² = 6/5 · 0.0385185 = 0.0462222.
    const cell = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const raked = rake(new Float64Array(6).fill(1), [cell], [Float64Array.from([60, 40])]);
    const units = Array.from(raked.weights, (weight, i) => ({
      id: `u${i}`,
      weight,
      stratum: null,
      cluster: null,
    }));
    const y = [1, 0, 1, 0, 0, 1];
    const calibrated = buildDesign(units, [cell], [2]);
    const r = ratioEstimate(
      calibrated,
      y,
      y.map(() => 1),
    );
    expect(r.estimate).toBeCloseTo(160 / 300, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(0.0462222), 6);
    // Without the calibration structure the same weights give a larger SE.
    const naive = ratioEstimate(
      buildDesign(units),
      y,
      y.map(() => 1),
    );
    expect(naive.se).toBeGreaterThan(r.se);
    // The share of a calibration variable is fixed by the margins: no sampling error left.
    const share = ratioEstimate(
      calibrated,
      [1, 1, 1, 0, 0, 0],
      y.map(() => 1),
    );
    expect(share.estimate).toBeCloseTo(0.6, 12);
    expect(share.se).toBeLessThan(1e-12);
  });
});

describe('readMargins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-margins-'));
  it('reads the CSV fixture', () => {
    expect(readMargins('tests/fixtures/surveys/margins.csv')).toEqual({
      'dia_ban/khu_vuc': { thanh_thi: 720000, nong_thon: 1480000 },
      'thong_tin/gioi_tinh': { nam: 1091000, nu: 1109000 },
    });
  });
  it('reads JSON and rejects bad totals naming the row', () => {
    const json = path.join(dir, 'm.json');
    fs.writeFileSync(json, JSON.stringify({ gioi: { m: 0.49, f: 0.51 } }));
    expect(readMargins(json)).toEqual({ gioi: { m: 0.49, f: 0.51 } });
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'variable,category,total\ngioi,m,100\ngioi,f,-3\n');
    expect(() => readMargins(bad)).toThrow(`${bad}: row 3: invalid total "-3"`);
  });
});

describe('calibrateSurvey', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    const units: UnitSpec[] = [];
    for (let i = 0; i < 24; i++) {
      units.push({
        id: `r${String(i).padStart(2, '0')}`,
        weight: 1 + (i % 3),
        stratum: i < 12 ? 'urban' : 'rural',
        cluster: `c${Math.floor(i / 4)}`,
        answers: {
          gioi: i % 2 ? 'f' : 'm',
          vung: i < 12 ? 'u' : 'r',
          hl: i % 5 < 2 ? 'yes' : 'no',
          tuoi: 20 + i,
        },
      });
    }
    units.push({
      id: 'z-no-answer',
      weight: 1,
      stratum: 'rural',
      cluster: 'c5',
      answers: { vung: 'r', hl: 'yes' },
    });
    await makeSurvey(
      db,
      'cal',
      [
        { name: 'gioi', type: 'select_one', choices: ['m', 'f'] },
        { name: 'vung', type: 'select_one', choices: ['u', 'r'] },
        { name: 'hl', type: 'select_one', choices: ['yes', 'no'] },
        { name: 'tuoi', type: 'integer' },
      ],
      units,
    );
  });
  afterAll(() => db.close());

  it('needs every respondent to answer every calibration variable', async () => {
    await expect(
      calibrateSurvey(db, { survey: 'cal', name: 'x', margins: { gioi: { m: 500, f: 500 } } }, { now }),
    ).rejects.toThrow('margins: 1 respondents have no answer to gioi');
  });

  it('rakes to the margins, stores the weights and uses them in estimates', async () => {
    await db.run(`INSERT INTO survey_responses VALUES ('cal', 'z-no-answer', 'gioi', 'm', NULL)`);
    const report = await calibrateSurvey(
      db,
      { survey: 'cal', name: 'pop', margins: { gioi: { m: 480, f: 520 }, vung: { u: 300, r: 700 } } },
      { now },
    );
    expect(report.converged).toBe(true);
    expect(report.respondents).toBe(25);
    const sums = await db.all<{ v: string; total: number }>(
      `SELECT r.value AS v, sum(w.weight) AS total FROM survey_weights w
       JOIN survey_responses r ON r.survey = w.survey AND r.respondent = w.respondent
       WHERE w.weighting = 'pop' AND r.question IN ('gioi', 'vung') GROUP BY r.value ORDER BY r.value`,
    );
    expect(Object.fromEntries(sums.map((s) => [s.v, Math.round(s.total * 1e6) / 1e6]))).toEqual({
      f: 520,
      m: 480,
      r: 700,
      u: 300,
    });
    const sex = await estimateSurvey(db, { survey: 'cal', question: 'gioi', weighting: 'pop' });
    expect(sex[0]!.estimate).toBeCloseTo(0.48, 10);
    expect(sex[0]!.se).toBeLessThan(1e-9);
    const unweighted = await estimateSurvey(db, { survey: 'cal', question: 'hl' });
    const weighted = await estimateSurvey(db, { survey: 'cal', question: 'hl', weighting: 'pop' });
    expect(weighted[0]!.estimate).not.toBeCloseTo(unweighted[0]!.estimate, 4);
    const again = await calibrateSurvey(
      db,
      { survey: 'cal', name: 'pop', margins: { gioi: { m: 0.5, f: 0.5 } }, method: 'poststratify' },
      { now },
    );
    expect(again.iterations).toBe(1);
    expect(
      (await db.one<{ n: number }>(`SELECT count(*) AS n FROM survey_weights WHERE weighting = 'pop'`))!.n,
    ).toBe(25);
  });

  it('rejects margins that do not fit the sample', async () => {
    const run = (margins: Record<string, Record<string, number>>, method?: 'poststratify') =>
      calibrateSurvey(db, { survey: 'cal', name: 'bad', margins, method }, { now });
    await expect(run({ gioi: { m: 1 } })).rejects.toThrow('gioi has no total for "f"');
    await expect(run({ gioi: { m: 1, f: 1, x: 1 } })).rejects.toThrow('no respondent in gioi = x');
    await expect(run({ gioi: { m: 500, f: 500 }, vung: { u: 100, r: 100 } })).rejects.toThrow(
      'disagree on the population total',
    );
    await expect(run({ gioi: { m: 1, f: 1 }, vung: { u: 1, r: 1 } }, 'poststratify')).rejects.toThrow(
      'takes one variable',
    );
    await expect(estimateSurvey(db, { survey: 'cal', question: 'hl', weighting: 'bad' })).rejects.toThrow(
      'has no weighting "bad"',
    );
  });
});
