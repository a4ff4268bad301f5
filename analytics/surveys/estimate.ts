/**
 * Design-based estimates of proportions and means, as R's survey package computes them by default: ratio
 * estimators with Taylor-linearisation standard errors, PSUs drawn with replacement, no finite-population
 * correction, domains (`by`) estimated on the full design, design effects against simple random sampling
 * with replacement, 95% intervals on the normal quantile (logit-transformed for proportions).
 *
 * Strata with a single PSU: R stops by default; we use its `options(survey.lonely.psu = "adjust")` rule,
 * centring that PSU's total at the average PSU total of the whole sample instead of its stratum mean.
 * It is conservative and keeps every stratum's contribution.
 */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { loadAnswers, loadDesign, resolveQuestion, type QuestionInfo, type SurveyDesign } from './design.ts';

/** qnorm(0.975), as R's confint uses for svymean. */
export const Z_95 = 1.959963984540054;

export interface EstimateRow {
  /** Value of the `by` question; null for the whole sample. */
  group: string | null;
  /** Choice code for a proportion; null for a mean. */
  category: string | null;
  /** Proportion (0–1) or mean. */
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  /** Design effect against SRS with replacement; null when the SRS variance is 0. */
  deff: number | null;
  /** Unweighted respondents: in the cell for a proportion, answering for a mean. */
  n: number;
}

export interface RatioEstimate {
  estimate: number;
  se: number;
  deff: number | null;
  /** Respondents in the domain. */
  n: number;
}

/**
 * Σ w·d·y / Σ w·d over the domain `d` (1 inside, 0 outside), with its linearisation variance
 * Σ_h n_h/(n_h−1) Σ_j (z_hj − z̄_h)², z_hj the PSU totals of z_i = w_i·d_i·(y_i − R̂)/Σ w·d.
 * With calibration, z is replaced by its residual on the calibration variables (weighted least squares).
 */
export function ratioEstimate(
  design: SurveyDesign,
  y: ArrayLike<number>,
  domain: ArrayLike<number>,
): RatioEstimate {
  const w = design.weights;
  const count = w.length;
  let total = 0;
  let weighted = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (!domain[i]) continue;
    total += w[i]!;
    weighted += w[i]! * y[i]!;
    n++;
  }
  if (n === 0 || total <= 0) throw new DlxhError('INPUT', 'empty domain: no respondent with weight in it');
  const estimate = weighted / total;
  const u = new Float64Array(count);
  let squares = 0;
  for (let i = 0; i < count; i++) {
    if (!domain[i]) continue;
    const r = y[i]! - estimate;
    u[i] = r / total;
    squares += w[i]! * r * r;
  }
  if (design.calibration.length) residualise(u, design);

  const psuTotals = new Float64Array(design.psuCount);
  for (let i = 0; i < count; i++) psuTotals[design.psu[i]!]! += w[i]! * u[i]!;
  const strataCount = design.strataPsus.length;
  const sums = new Float64Array(strataCount);
  let grand = 0;
  for (let p = 0; p < design.psuCount; p++) {
    sums[design.psuStratum[p]!]! += psuTotals[p]!;
    grand += psuTotals[p]!;
  }
  const centre = grand / design.psuCount;
  let variance = 0;
  for (let p = 0; p < design.psuCount; p++) {
    const h = design.psuStratum[p]!;
    const nh = design.strataPsus[h]!;
    if (nh > 1) {
      const dev = psuTotals[p]! - sums[h]! / nh;
      variance += (nh / (nh - 1)) * dev * dev;
    } else {
      const dev = psuTotals[p]! - centre;
      variance += dev * dev;
    }
  }
  let deff: number | null = null;
  if (n > 1) {
    const srs = ((n / (n - 1)) * (squares / total)) / n;
    if (srs > 0) deff = variance / srs;
  }
  return { estimate, se: Math.sqrt(variance), deff, n };
}

/** Weighted least-squares residual of u on the calibration categories (backfitting over the margins). */
function residualise(u: Float64Array, design: SurveyDesign): void {
  const w = design.weights;
  const scale = u.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
  for (let iteration = 0; iteration < 500; iteration++) {
    let largest = 0;
    design.calibration.forEach((codes, m) => {
      const levels = design.calibrationLevels[m]!;
      const sum = new Float64Array(levels);
      const weight = new Float64Array(levels);
      for (let i = 0; i < u.length; i++) {
        sum[codes[i]!]! += w[i]! * u[i]!;
        weight[codes[i]!]! += w[i]!;
      }
      for (let c = 0; c < levels; c++) {
        const mean = weight[c]! > 0 ? sum[c]! / weight[c]! : 0;
        sum[c] = mean;
        largest = Math.max(largest, Math.abs(mean));
      }
      for (let i = 0; i < u.length; i++) u[i]! -= sum[codes[i]!]!;
    });
    if (largest <= 1e-13 * scale) return;
  }
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Interval for a proportion on the logit scale (svyciprop method "logit"): never outside 0–1. */
export function logitInterval(p: number, se: number, z = Z_95): [number, number] {
  if (!(p > 0 && p < 1) || !(se > 0)) return [p, p];
  const half = (z * se) / (p * (1 - p));
  return [expit(logit(p) - half), expit(logit(p) + half)];
}

export type EstimateKind = 'proportion' | 'mean';

export interface EstimateOptions {
  survey: string;
  question: string;
  /** A grouping question (locality, gender, age group …): estimates for each of its values, as domains. */
  by?: string | null;
  /** Name of calibrated weights made by `calibrateSurvey`. */
  weighting?: string | null;
}

/** What a question supports: proportions for choices, means for numbers; free text has no estimate. */
export function estimateKind(
  question: QuestionInfo,
  numbers: Float64Array,
  values: (string | null)[],
): EstimateKind {
  if (question.type === 'select_one' || question.type === 'select_multiple') return 'proportion';
  if (question.type === 'integer' || question.type === 'decimal') return 'mean';
  if (question.type === 'calculate') {
    return values.every((v, i) => v === null || !Number.isNaN(numbers[i]!)) ? 'mean' : 'proportion';
  }
  throw new DlxhError(
    'INPUT',
    question.type === 'text'
      ? `question "${question.name}" is free text; estimates need a choice or a number (summarise it by topic with dlxh survey open)`
      : `question "${question.name}" is of type ${question.type}; estimates need a choice or a number`,
  );
}

/** Choice codes of a categorical question: the questionnaire's, then any other value found in the answers. */
function categoriesOf(question: QuestionInfo, values: (string | null)[], multiple: boolean): string[] {
  const out = question.choices.map((c) => c.value);
  const known = new Set(out);
  const extra = new Set<string>();
  for (const v of values) {
    if (v === null) continue;
    for (const c of multiple ? v.split(' ') : [v]) if (!known.has(c)) extra.add(c);
  }
  return [...out, ...[...extra].sort()];
}

/** A domain of the design: the value of the grouping question (null for the whole sample) and who is in it. */
export interface DomainGroup {
  group: string | null;
  /** 1 for the design units in the group, in design order. */
  member: Uint8Array;
}

/**
 * The groups of `by` (a single-choice or numeric question: locality, gender, age group …) in questionnaire order, or
 * the whole sample when `by` is absent. Respondents without an answer to `by` are in no group.
 */
export async function domainGroups(
  db: Db,
  survey: string,
  design: SurveyDesign,
  by?: string | null,
): Promise<DomainGroup[]> {
  if (!by) return [{ group: null, member: new Uint8Array(design.ids.length).fill(1) }];
  const byQuestion = await resolveQuestion(db, survey, by);
  if (byQuestion.type === 'select_multiple' || byQuestion.type === 'text') {
    throw new DlxhError(
      'INPUT',
      `cannot group by "${byQuestion.name}": it is ${byQuestion.type === 'text' ? 'free text' : 'a multiple-choice question'}`,
    );
  }
  const answers = await loadAnswers(db, survey, design, byQuestion.name);
  const order = categoriesOf(byQuestion, answers.values, false);
  const present = new Set(answers.values.filter((v): v is string => v !== null));
  return order
    .filter((c) => present.has(c))
    .map((g) => ({ group: g, member: Uint8Array.from(answers.values, (v) => (v === g ? 1 : 0)) }));
}

/**
 * Estimates for one question of a survey, for the whole sample (`group` null) or, with `by`, for each group
 * (domains of the full design, never a subset of it). Respondents without an answer are outside the domain,
 * as R's `na.rm = TRUE` does.
 * `await estimateSurvey(db, { survey: 'ks-2025', question: 'danh_gia/hai_long_tthc', by: 'dia_ban/khu_vuc' })`
 */
export async function estimateSurvey(db: Db, opts: EstimateOptions): Promise<EstimateRow[]> {
  const { design } = await loadDesign(db, opts.survey, { weighting: opts.weighting });
  const question = await resolveQuestion(db, opts.survey, opts.question);
  const { values, numbers } = await loadAnswers(db, opts.survey, design, question.name);
  const kind = estimateKind(question, numbers, values);
  const multiple = question.type === 'select_multiple';
  const count = design.ids.length;

  const groups = await domainGroups(db, opts.survey, design, opts.by);

  const rows: EstimateRow[] = [];
  const categories = kind === 'proportion' ? categoriesOf(question, values, multiple) : [];
  const chosen = multiple ? values.map((v) => new Set(v === null ? [] : v.split(' '))) : null;
  for (const { group, member } of groups) {
    const domain = Uint8Array.from(member, (m, i) => (m && values[i] !== null ? 1 : 0));
    if (!domain.some(Boolean)) continue;
    if (kind === 'mean') {
      const r = ratioEstimate(
        design,
        numbers.map((x) => (Number.isNaN(x) ? 0 : x)),
        domain,
      );
      rows.push({
        group,
        category: null,
        estimate: r.estimate,
        se: r.se,
        ci_low: r.estimate - Z_95 * r.se,
        ci_high: r.estimate + Z_95 * r.se,
        deff: r.deff,
        n: r.n,
      });
      continue;
    }
    for (const category of categories) {
      const y = new Float64Array(count);
      let cell = 0;
      for (let i = 0; i < count; i++) {
        const hit = chosen ? chosen[i]!.has(category) : values[i] === category;
        if (hit) y[i] = 1;
        if (hit && domain[i]) cell++;
      }
      const r = ratioEstimate(design, y, domain);
      const [low, high] = logitInterval(r.estimate, r.se);
      rows.push({
        group,
        category,
        estimate: r.estimate,
        se: r.se,
        ci_low: low,
        ci_high: high,
        deff: r.deff,
        n: cell,
      });
    }
  }
  return rows;
}
