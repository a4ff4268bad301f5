import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { buildDesign, type DesignUnit } from '../../../analytics/surveys/design.ts';
import { estimateSurvey, logitInterval, ratioEstimate, Z_95 } from '../../../analytics/surveys/estimate.ts';
import { makeSurvey, type UnitSpec } from './make-survey.ts';

/**
 * A stratified cluster sample small enough to compute by hand (stratum, PSU, weight w, binary y, number x, sex):
 *   A: a1 = {(2, 1, 3, m), (2, 0, 5, f)}, a2 = {(2, 1, 4, f), (2, 1, 6, m)}
 *   B: b1 = {(4, 0, 2, m), (4, 0, 1, f)}, b2 = {(4, 1, 7, f)}, b3 = {(4, 0, 3, m), (4, 1, 5, f)}
 */
const UNITS: [string, string, number, number, number, 'm' | 'f'][] = [
  ['A', 'a1', 2, 1, 3, 'm'],
  ['A', 'a1', 2, 0, 5, 'f'],
  ['A', 'a2', 2, 1, 4, 'f'],
  ['A', 'a2', 2, 1, 6, 'm'],
  ['B', 'b1', 4, 0, 2, 'm'],
  ['B', 'b1', 4, 0, 1, 'f'],
  ['B', 'b2', 4, 1, 7, 'f'],
  ['B', 'b3', 4, 0, 3, 'm'],
  ['B', 'b3', 4, 1, 5, 'f'],
];
const design = buildDesign(
  UNITS.map(([stratum, cluster, weight], i) => ({ id: `r${i}`, weight, stratum, cluster })),
);
const y = UNITS.map((u) => u[3]);
const x = UNITS.map((u) => u[4]);
const all = UNITS.map(() => 1);
const female = UNITS.map((u) => (u[5] === 'f' ? 1 : 0));

describe('ratioEstimate against hand computation', () => {
  it('proportion in a stratified cluster sample', () => {
    // W = 4·2 + 5·4 = 28, Σwy = 14 → p = 0.5. z = w(y − p)/W; PSU totals ×28: a1 0, a2 2, b1 −4, b2 2, b3 0.
    // A: mean 1, deviations ±1 → 2 × 2/1 = 4.  B: mean −2/3, deviations −10/3, 8/3, 2/3 → 168/9 × 3/2 = 28.
    // v = (4 + 28)/28² = 32/784 → se = √32/28 = 0.2020305.
    // SRS with replacement: s² = 9/8 · Σw(y−p)²/W = 9/8 · 0.25, v_srs = s²/9 = 0.03125 → deff = 1.3061224.
    const r = ratioEstimate(design, y, all);
    expect(r.estimate).toBe(0.5);
    expect(r.se).toBeCloseTo(Math.sqrt(32) / 28, 10);
    expect(r.se).toBeCloseTo(0.2020305, 7);
    expect(r.deff).toBeCloseTo(1.3061224, 7);
    expect(r.n).toBe(9);
    // logit interval: logit(0.5) ± 1.96 · se / (0.5 · 0.5)
    const [low, high] = logitInterval(r.estimate, r.se);
    expect(low).toBeCloseTo(0.170245, 5);
    expect(high).toBeCloseTo(0.829755, 5);
  });

  it('domain (subpopulation) estimate keeps the whole design', () => {
    // Women: W_d = 16, Σwy = 10 → p = 0.625; PSU totals of z ×16: a1 −1.25, a2 0.75, b1 −2.5, b2 1.5, b3 1.5.
    // A: mean −0.25, deviations ∓1 → 2 × 2 = 4.  B: mean 1/6, deviations −8/3, 4/3, 4/3 → 32/3 × 3/2 = 16.
    // v = 20/256 = 0.078125 → se = 0.2795085.  v_srs = 5/4 · p(1−p)/5 = 0.05859375 → deff = 1.3333333.
    const r = ratioEstimate(design, y, female);
    expect(r.estimate).toBe(0.625);
    expect(r.se).toBeCloseTo(0.2795085, 7);
    expect(r.deff).toBeCloseTo(4 / 3, 7);
    expect(r.n).toBe(5);
  });

  it('a domain is never a subset: PSUs without domain members still count', () => {
    // Men's mean of x: W_d = 12, Σwx = 38 → 3.1666667. PSU totals of z ×12: a1 −1/3, a2 17/3, b1 −14/3, b2 0, b3 −2/3.
    // A: deviations ∓3 → 18 × 2 = 36.  B keeps b2 (no man in it): mean −16/9, deviations −26/9, 16/9, 10/9
    // → 1032/81 × 3/2 = 19.1111.  v = 55.1111/144 → se = 0.6186405.
    const male = UNITS.map((u) => (u[5] === 'm' ? 1 : 0));
    const r = ratioEstimate(design, x, male);
    expect(r.estimate).toBeCloseTo(38 / 12, 12);
    expect(r.se).toBeCloseTo(0.6186405, 7);
    // Subsetting to men drops b2, so stratum B has 2 PSUs: v = (36 + 16)/144 → se = 0.6009252, which R's
    // svyby (and we) do not report.
    const men = UNITS.filter((u) => u[5] === 'm');
    const subset = buildDesign(
      men.map(([stratum, cluster, weight], i) => ({ id: `m${i}`, weight, stratum, cluster })),
    );
    const wrong = ratioEstimate(
      subset,
      men.map((u) => u[4]),
      men.map(() => 1),
    );
    expect(wrong.se).toBeCloseTo(0.6009252, 7);
    expect(Math.abs(wrong.se - r.se)).toBeGreaterThan(0.01);
  });

  it('mean of a number', () => {
    // Σwx = 2(3+5+4+6) + 4(2+1+7+3+5) = 36 + 72 = 108 → mean 108/28 = 3.8571429.
    const r = ratioEstimate(design, x, all);
    expect(r.estimate).toBeCloseTo(108 / 28, 12);
    expect(r.se).toBeCloseTo(0.994361, 6);
    expect(r.deff).toBeCloseTo(2.061659, 6);
  });

  it('a stratum with a single PSU is centred at the mean PSU total of the sample (lonely.psu = "adjust")', () => {
    // Add stratum C = {c1: (3, 1), (3, 1)}: W = 34, p = 20/34 = 10/17. The totals of z sum to 0, so the centre is 0
    // and c1 contributes (6 · 7/17 / 34)². With A's 4/34² and B's 30.948/34²: v = 41.052/1156 → se = 0.188446.
    const lonely = buildDesign([
      ...UNITS.map(([stratum, cluster, weight], i) => ({ id: `r${i}`, weight, stratum, cluster })),
      { id: 'c1a', weight: 3, stratum: 'C', cluster: 'c1' },
      { id: 'c1b', weight: 3, stratum: 'C', cluster: 'c1' },
    ]);
    const r = ratioEstimate(lonely, [...y, 1, 1], [...all, 1, 1]);
    expect(r.estimate).toBeCloseTo(10 / 17, 12);
    expect(r.se).toBeCloseTo(0.188446, 6);
    expect(r.deff).toBeCloseTo(1.466139, 6);
  });

  it('simple random sampling reduces to p(1 − p)/(n − 1) with design effect 1', () => {
    const n = 40;
    const srs = buildDesign(
      Array.from({ length: n }, (_, i) => ({ id: `s${i}`, weight: 1, stratum: null, cluster: null })),
    );
    const values = Array.from({ length: n }, (_, i) => (i % 5 < 2 ? 1 : 0));
    const r = ratioEstimate(
      srs,
      values,
      values.map(() => 1),
    );
    expect(r.estimate).toBe(0.4);
    expect(r.se).toBeCloseTo(Math.sqrt((0.4 * 0.6) / (n - 1)), 12);
    expect(r.deff).toBeCloseTo(1, 12);
  });

  it('equal weights scale away: the estimate and SE do not depend on the weights’ size', () => {
    const scaled = buildDesign(
      UNITS.map(([stratum, cluster, weight], i) => ({
        id: `r${i}`,
        weight: weight * 1000,
        stratum,
        cluster,
      })),
    );
    const a = ratioEstimate(design, y, all);
    const b = ratioEstimate(scaled, y, all);
    expect(b.estimate).toBeCloseTo(a.estimate, 12);
    expect(b.se).toBeCloseTo(a.se, 12);
  });
});

/** The classical ratio-estimator variance, computed from PSU totals of y and of the domain indicator. */
function textbookRatio(units: DesignUnit[], yv: number[], d: number[]) {
  const psu = new Map<string, { h: string; y: number; x: number }>();
  units.forEach((u, i) => {
    const key = `${u.stratum}|${u.cluster ?? u.id}`;
    const t = psu.get(key) ?? { h: String(u.stratum), y: 0, x: 0 };
    t.y += u.weight * d[i]! * yv[i]!;
    t.x += u.weight * d[i]!;
    psu.set(key, t);
  });
  const Y = [...psu.values()].reduce((s, t) => s + t.y, 0);
  const X = [...psu.values()].reduce((s, t) => s + t.x, 0);
  const R = Y / X;
  const byStratum = new Map<string, { y: number; x: number }[]>();
  for (const t of psu.values()) byStratum.set(t.h, [...(byStratum.get(t.h) ?? []), t]);
  const P = psu.size;
  let vy = 0;
  let vx = 0;
  let cxy = 0;
  for (const ts of byStratum.values()) {
    const n = ts.length;
    const my = n > 1 ? ts.reduce((s, t) => s + t.y, 0) / n : Y / P;
    const mx = n > 1 ? ts.reduce((s, t) => s + t.x, 0) / n : X / P;
    const f = n > 1 ? n / (n - 1) : 1;
    for (const t of ts) {
      vy += f * (t.y - my) ** 2;
      vx += f * (t.x - mx) ** 2;
      cxy += f * (t.y - my) * (t.x - mx);
    }
  }
  return { R, se: Math.sqrt(Math.max(0, (vy - 2 * R * cxy + R * R * vx) / (X * X))) };
}

describe('ratioEstimate against the textbook ratio-estimator formula', () => {
  it('agrees on random stratified cluster designs', () => {
    const unit = fc.record({
      stratum: fc.constantFrom('h1', 'h2', 'h3'),
      cluster: fc.integer({ min: 0, max: 3 }),
      weight: fc.double({ min: 0.5, max: 20, noNaN: true }),
      y: fc.double({ min: -5, max: 50, noNaN: true }),
      d: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 2, maxLength: 40 }), (rows) => {
        fc.pre(rows.some((r) => r.d));
        const units = rows.map((r, i) => ({
          id: `u${i}`,
          weight: r.weight,
          stratum: r.stratum,
          cluster: `c${r.cluster}`,
        }));
        const got = ratioEstimate(
          buildDesign(units),
          rows.map((r) => r.y),
          rows.map((r) => (r.d ? 1 : 0)),
        );
        const want = textbookRatio(
          units,
          rows.map((r) => r.y),
          rows.map((r) => (r.d ? 1 : 0)),
        );
        expect(got.estimate).toBeCloseTo(want.R, 8);
        expect(got.se).toBeCloseTo(want.se, 8);
      }),
      { numRuns: 200, seed: 20251001 },
    );
  });
});

describe('logitInterval', () => {
  it('stays within 0–1 where a Wald interval would not', () => {
    const [low, high] = logitInterval(0.02, 0.015);
    expect(0.02 - Z_95 * 0.015).toBeLessThan(0);
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(low).toBeLessThan(0.02);
    expect(high).toBeGreaterThan(0.02);
  });
  it('collapses at 0 and 1', () => {
    expect(logitInterval(0, 0)).toEqual([0, 0]);
    expect(logitInterval(1, 0)).toEqual([1, 1]);
  });
});

describe('estimateSurvey', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    const units: UnitSpec[] = UNITS.map(([stratum, cluster, weight, yv, xv, sex], i) => ({
      id: `r${i}`,
      weight,
      stratum,
      cluster,
      answers: {
        'g/hai_long': yv ? 'co' : 'khong',
        'g/so': xv,
        'g/gioi': sex,
        'g/van_de': i % 2 ? 'a b' : 'b',
      },
    }));
    units.push({
      id: 'rej',
      weight: 100,
      stratum: 'A',
      cluster: 'a1',
      status: 'not_approved',
      answers: { 'g/hai_long': 'co', 'g/gioi': 'm' },
    });
    units.push({
      id: 'nil',
      weight: 4,
      stratum: 'B',
      cluster: 'b2',
      answers: { 'g/gioi': 'f', 'g/hai_long': null },
    });
    await makeSurvey(
      db,
      'hand',
      [
        { name: 'g/hai_long', type: 'select_one', choices: ['co', 'khong'] },
        { name: 'g/so', type: 'integer' },
        { name: 'g/gioi', type: 'select_one', choices: ['m', 'f'] },
        { name: 'g/van_de', type: 'select_multiple', choices: ['a', 'b', 'c'] },
        { name: 'g/y_kien', type: 'text' },
      ],
      units,
    );
  });
  afterAll(() => db.close());

  it('gives the hand-computed proportions for the whole sample, skipping rejected and unanswered', async () => {
    const rows = await estimateSurvey(db, { survey: 'hand', question: 'hai_long' });
    expect(rows.map((r) => [r.group, r.category, r.n])).toEqual([
      [null, 'co', 5],
      [null, 'khong', 4],
    ]);
    expect(rows[0]!.estimate).toBe(0.5);
    expect(rows[0]!.se).toBeCloseTo(0.2020305, 7);
    expect(rows[0]!.deff).toBeCloseTo(1.3061224, 7);
    expect(rows[1]!.se).toBeCloseTo(rows[0]!.se, 12);
  });

  it('estimates domains with --by on the full design', async () => {
    const rows = await estimateSurvey(db, { survey: 'hand', question: 'g/hai_long', by: 'gioi' });
    const women = rows.find((r) => r.group === 'f' && r.category === 'co')!;
    expect(women.estimate).toBe(0.625);
    expect(women.se).toBeCloseTo(0.2795085, 7);
    expect(women.deff).toBeCloseTo(4 / 3, 7);
    expect(women.n).toBe(3);
    expect(rows.map((r) => r.group)).toEqual(['m', 'm', 'f', 'f']);
  });

  it('estimates means with Wald intervals, and multiple choice per choice', async () => {
    const [mean] = await estimateSurvey(db, { survey: 'hand', question: 'g/so' });
    expect(mean!.category).toBeNull();
    expect(mean!.estimate).toBeCloseTo(108 / 28, 12);
    expect(mean!.ci_low).toBeCloseTo(mean!.estimate - Z_95 * mean!.se, 12);
    const multi = await estimateSurvey(db, { survey: 'hand', question: 'g/van_de' });
    expect(multi.map((r) => r.category)).toEqual(['a', 'b', 'c']);
    expect(multi[1]!.estimate).toBe(1);
    expect(multi[2]!.estimate).toBe(0);
    expect(multi[2]!.ci_high).toBe(0);
  });

  it('refuses free text and unknown names with clear errors', async () => {
    await expect(estimateSurvey(db, { survey: 'hand', question: 'y_kien' })).rejects.toThrow(/free text/);
    await expect(estimateSurvey(db, { survey: 'hand', question: 'nope' })).rejects.toThrow(
      /unknown question "nope"/,
    );
    await expect(estimateSurvey(db, { survey: 'other', question: 'g/so' })).rejects.toThrow(
      /unknown survey "other"/,
    );
    await expect(estimateSurvey(db, { survey: 'hand', question: 'g/so', by: 'van_de' })).rejects.toThrow(
      /multiple-choice/,
    );
  });
});
