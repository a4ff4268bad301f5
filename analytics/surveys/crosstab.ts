/** Two-way tables of survey estimates, with a design-adjusted test of independence. */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { loadAnswers, loadDesign, resolveQuestion, type QuestionInfo } from './design.ts';
import { logitInterval, ratioEstimate, type EstimateRow } from './estimate.ts';

export interface CrossTabOptions {
  survey: string;
  /** Question whose choices are the rows (e.g. `dia_ban/khu_vuc`). */
  row: string;
  /** Question whose choices are the columns. */
  column: string;
  weighting?: string | null;
}

export interface IndependenceTest {
  /** Pearson X² on the weighted shares, scaled to the unweighted sample size. */
  pearson: number;
  /** Mean design effect δ̄ of the table (Rao–Scott first order). */
  meanDeff: number;
  /** X² / δ̄, referred to χ² with `df` degrees of freedom. */
  statistic: number;
  df: number;
  pValue: number;
}

export interface CrossTab {
  row: string;
  column: string;
  /** Joint shares of respondents answering both: `group` = row choice, `category` = column choice. */
  cells: EstimateRow[];
  /** Column shares within each row choice (domains), as `estimateSurvey({ question: column, by: row })`. */
  rowShares: EstimateRow[];
  test: IndependenceTest | null;
}

function lnGamma(x: number): number {
  const c = [
    76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179,
    -0.000005395239384953,
  ];
  let y = x;
  const t = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let s = 1.000000000190015;
  for (const k of c) s += k / ++y;
  return -t + Math.log((Math.sqrt(2 * Math.PI) * s) / x);
}

/** Upper tail of χ²(df) at x: the regularised incomplete gamma Q(df/2, x/2) (series or continued fraction). */
export function chiSquareTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  const a = df / 2;
  const z = x / 2;
  const front = Math.exp(-z + a * Math.log(z) - lnGamma(a));
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += term *= z / (a + n);
    return Math.max(0, 1 - sum * front);
  }
  let b = z + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return Math.min(1, front * h);
}

function categorical(q: QuestionInfo, values: (string | null)[]): string[] {
  if (q.type !== 'select_one')
    throw new DlxhError('INPUT', `cross-tabulation needs single-choice questions; ${q.name} is ${q.type}`);
  const present = new Set(values.filter((v): v is string => v !== null));
  const ordered = q.choices.map((c) => c.value).filter((v) => present.has(v));
  return [...ordered, ...[...present].filter((v) => !ordered.includes(v)).sort()];
}

/**
 * Cross-tabulate two single-choice questions over respondents who answered both. The test of independence
 * divides Pearson's X² by the mean design effect δ̄ = [Σ(1−p_ij)d_ij − Σ(1−p_i·)d_i· − Σ(1−p_·j)d_·j] / df
 * (Rao & Scott's first-order correction from cell and marginal design effects).
 * `await crossTabSurvey(db, { survey: 'ks-2025', row: 'khu_vuc', column: 'hai_long_tthc' })`
 */
export async function crossTabSurvey(db: Db, opts: CrossTabOptions): Promise<CrossTab> {
  const { design } = await loadDesign(db, opts.survey, { weighting: opts.weighting });
  const rowQ = await resolveQuestion(db, opts.survey, opts.row);
  const colQ = await resolveQuestion(db, opts.survey, opts.column);
  const rowValues = (await loadAnswers(db, opts.survey, design, rowQ.name)).values;
  const colValues = (await loadAnswers(db, opts.survey, design, colQ.name)).values;
  const rows = categorical(rowQ, rowValues);
  const cols = categorical(colQ, colValues);
  const count = design.ids.length;
  const both = Uint8Array.from(rowValues, (v, i) => (v !== null && colValues[i] !== null ? 1 : 0));
  if (!both.some(Boolean))
    throw new DlxhError('INPUT', `no respondent answered both ${rowQ.name} and ${colQ.name}`);
  const indicator = (test: (i: number) => boolean) =>
    Float64Array.from({ length: count }, (_, i) => (test(i) ? 1 : 0));
  const counted = (test: (i: number) => boolean) => {
    let n = 0;
    for (let i = 0; i < count; i++) if (both[i] && test(i)) n++;
    return n;
  };

  const cells: EstimateRow[] = [];
  const rowShares: EstimateRow[] = [];
  const joint: number[][] = [];
  let deffSum = 0;
  for (const a of rows) {
    const line: number[] = [];
    const inRow = Uint8Array.from(both, (b, i) => (b && rowValues[i] === a ? 1 : 0));
    for (const b of cols) {
      const test = (i: number) => rowValues[i] === a && colValues[i] === b;
      const r = ratioEstimate(design, indicator(test), both);
      const [low, high] = logitInterval(r.estimate, r.se);
      cells.push({
        group: a,
        category: b,
        estimate: r.estimate,
        se: r.se,
        ci_low: low,
        ci_high: high,
        deff: r.deff,
        n: counted(test),
      });
      line.push(r.estimate);
      deffSum += (1 - r.estimate) * (r.deff ?? 0);
      const share = ratioEstimate(
        design,
        indicator((i) => colValues[i] === b),
        inRow,
      );
      const [sl, sh] = logitInterval(share.estimate, share.se);
      rowShares.push({
        group: a,
        category: b,
        estimate: share.estimate,
        se: share.se,
        ci_low: sl,
        ci_high: sh,
        deff: share.deff,
        n: counted(test),
      });
    }
    joint.push(line);
  }
  const marginal = (values: (string | null)[], v: string) =>
    ratioEstimate(
      design,
      indicator((i) => values[i] === v),
      both,
    );
  const rowMargins = rows.map((a) => marginal(rowValues, a));
  const colMargins = cols.map((b) => marginal(colValues, b));
  for (const m of [...rowMargins, ...colMargins]) deffSum -= (1 - m.estimate) * (m.deff ?? 0);

  const df = (rows.length - 1) * (cols.length - 1);
  let test: IndependenceTest | null = null;
  const n = counted(() => true);
  if (df > 0) {
    let pearson = 0;
    rows.forEach((_, i) =>
      cols.forEach((_, j) => {
        const expected = rowMargins[i]!.estimate * colMargins[j]!.estimate;
        if (expected > 0) pearson += (n * (joint[i]![j]! - expected) ** 2) / expected;
      }),
    );
    const meanDeff = deffSum / df;
    if (meanDeff > 0) {
      const statistic = pearson / meanDeff;
      test = { pearson, meanDeff, statistic, df, pValue: chiSquareTail(statistic, df) };
    }
  }
  return { row: rowQ.name, column: colQ.name, cells, rowShares, test };
}
