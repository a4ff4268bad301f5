/** Post-stratification and raking of survey weights to population margins, stored as a named weight set. */
import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Db } from '../../data/db.ts';
import { DlxhError, errorMessage, inputError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { loadAnswers, loadDesign, resolveQuestion } from './design.ts';

const sql = readSqlFile(new URL('./surveys.sql', import.meta.url));

/** Population totals (or shares) per category of each calibration variable: `{ 'thong_tin/gioi_tinh': { nam: 1091000, nu: 1109000 } }`. */
export type Margins = Record<string, Record<string, number>>;

export interface RakeResult {
  weights: Float64Array;
  iterations: number;
  converged: boolean;
  /** Largest |weighted total − target| / target over all categories after the last iteration. */
  maxError: number;
}

/**
 * Iterative proportional fitting: scale the weights margin by margin until every weighted category total
 * matches its target within `tolerance` (relative). With one margin this is post-stratification (one pass).
 * `rake(w, [sexCodes], [Float64Array.of(1091000, 1109000)])`
 */
export function rake(
  base: ArrayLike<number>,
  codes: readonly Int32Array[],
  targets: readonly Float64Array[],
  options: { maxIterations?: number; tolerance?: number } = {},
): RakeResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const weights = Float64Array.from(base);
  const error = () => {
    let worst = 0;
    codes.forEach((c, m) => {
      const totals = new Float64Array(targets[m]!.length);
      for (let i = 0; i < weights.length; i++) totals[c[i]!]! += weights[i]!;
      totals.forEach((t, k) => (worst = Math.max(worst, Math.abs(t - targets[m]![k]!) / targets[m]![k]!)));
    });
    return worst;
  };
  let maxError = error();
  let iterations = 0;
  while (maxError > tolerance && iterations < maxIterations) {
    iterations++;
    codes.forEach((c, m) => {
      const totals = new Float64Array(targets[m]!.length);
      for (let i = 0; i < weights.length; i++) totals[c[i]!]! += weights[i]!;
      for (let i = 0; i < weights.length; i++) weights[i]! *= targets[m]![c[i]!]! / totals[c[i]!]!;
    });
    maxError = error();
  }
  return { weights, iterations, converged: maxError <= tolerance, maxError };
}

/**
 * Read margins from CSV (`variable,category,total`; also `bien,nhom,tong` or a `share` column) or JSON
 * (`{variable: {category: total}}`).
 */
export function readMargins(file: string): Margins {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  } catch {
    throw inputError(file, null, 'file not found');
  }
  if (/\.json$/i.test(file) || text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw inputError(file, null, `invalid JSON (${errorMessage(error)})`);
    }
    const margins: Margins = {};
    for (const [variable, cats] of Object.entries((parsed ?? {}) as Record<string, unknown>)) {
      if (!cats || typeof cats !== 'object') throw inputError(file, variable, 'expected {category: total}');
      margins[variable] = {};
      for (const [category, total] of Object.entries(cats as Record<string, unknown>)) {
        margins[variable][category] = marginTotal(String(total), file, `${variable}/${category}`);
      }
    }
    return margins;
  }
  const rows = parseCsv(text, {
    columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  const margins: Margins = {};
  rows.forEach((row, i) => {
    const variable = row.variable ?? row.bien;
    const category = row.category ?? row.value ?? row.nhom;
    const total = row.total ?? row.population ?? row.share ?? row.tong;
    if (!variable || !category || total === undefined) {
      throw inputError(file, `row ${i + 2}`, 'expected columns variable, category, total');
    }
    (margins[variable] ??= {})[category] = marginTotal(total, file, `row ${i + 2}`);
  });
  return margins;
}

function marginTotal(raw: string, file: string, where: string): number {
  const n = Number(raw.replace(/\s/g, ''));
  if (!Number.isFinite(n) || n <= 0)
    throw inputError(file, where, `invalid total "${raw}" (must be a positive number)`);
  return n;
}

export interface CalibrateOptions {
  survey: string;
  /** Name of the weight set, used later as `estimateSurvey({ weighting })`. */
  name: string;
  margins: Margins;
  /** 'poststratify' takes one variable (its categories are the post-strata); 'rake' any number. */
  method?: 'rake' | 'poststratify';
  maxIterations?: number;
  tolerance?: number;
}

export interface CalibrateReport extends Omit<RakeResult, 'weights'> {
  name: string;
  method: 'rake' | 'poststratify';
  respondents: number;
}

/**
 * Calibrate a survey's design weights to population margins and store them as weight set `name`. Margins
 * given as shares (each variable summing to 1) are scaled to the sample's weighted total. Every respondent
 * needs an answer to every variable, every answer a margin, and every margin category a respondent.
 * `await calibrateSurvey(db, { survey: 'ks-2025', name: 'dan-so-2024', margins: readMargins('margins.csv') }, { now })`
 */
export async function calibrateSurvey(
  db: Db,
  opts: CalibrateOptions,
  ctx: { now: () => Date },
): Promise<CalibrateReport> {
  const method = opts.method ?? 'rake';
  const variables = Object.keys(opts.margins);
  if (variables.length === 0) throw new DlxhError('INPUT', 'margins: no variable given');
  if (method === 'poststratify' && variables.length !== 1) {
    throw new DlxhError(
      'INPUT',
      'post-stratification takes one variable (its categories are the cells); use rake for several margins',
    );
  }
  const { design } = await loadDesign(db, opts.survey);
  const baseTotal = design.weights.reduce((a, b) => a + b, 0);
  const totals = variables.map((v) => Object.values(opts.margins[v]!).reduce((a, b) => a + b, 0));
  const shares = totals.every((t) => Math.abs(t - 1) < 1e-6);
  if (!shares && totals.some((t) => Math.abs(t - totals[0]!) > 0.005 * totals[0]!)) {
    throw new DlxhError(
      'INPUT',
      `margins disagree on the population total: ${variables.map((v, i) => `${v} ${totals[i]}`).join(', ')}`,
    );
  }
  const codes: Int32Array[] = [];
  const targets: Float64Array[] = [];
  const margins: Margins = {};
  for (const variable of variables) {
    const question = await resolveQuestion(db, opts.survey, variable);
    const categories = Object.keys(opts.margins[variable]!);
    const { values } = await loadAnswers(db, opts.survey, design, question.name);
    const c = new Int32Array(values.length);
    const seen = new Set<number>();
    let missing = 0;
    const unknown = new Set<string>();
    values.forEach((v, i) => {
      const k = v === null ? -1 : categories.indexOf(v);
      if (v === null) missing++;
      else if (k < 0) unknown.add(v);
      c[i] = k;
      seen.add(k);
    });
    if (missing)
      throw new DlxhError(
        'INPUT',
        `margins: ${missing} respondents have no answer to ${question.name}; calibration needs every respondent`,
      );
    if (unknown.size)
      throw new DlxhError(
        'INPUT',
        `margins: ${question.name} has no total for ${[...unknown].map((u) => `"${u}"`).join(', ')}`,
      );
    const empty = categories.filter((_, k) => !seen.has(k));
    if (empty.length)
      throw new DlxhError(
        'INPUT',
        `margins: no respondent in ${question.name} = ${empty.join(', ')}; merge it with a neighbouring category`,
      );
    codes.push(c);
    const scale = shares ? baseTotal : 1;
    targets.push(Float64Array.from(categories, (k) => opts.margins[variable]![k]! * scale));
    margins[question.name] = Object.fromEntries(categories.map((k, i) => [k, targets.at(-1)![i]!]));
  }
  const result = rake(design.weights, codes, targets, {
    maxIterations: opts.maxIterations,
    tolerance: opts.tolerance,
  });
  const now = ctx.now();
  await db.transaction(async () => {
    await db.run(sql('delete_weights'), { survey: opts.survey, weighting: opts.name });
    await db.run(sql('put_weighting'), {
      survey: opts.survey,
      name: opts.name,
      method,
      variables: JSON.stringify(Object.keys(margins)),
      margins: JSON.stringify(margins),
      iterations: result.iterations,
      converged: result.converged,
      max_error: result.maxError,
      now,
    });
    await db.append(
      'survey_weights',
      design.ids.map((id, i) => [opts.survey, opts.name, id, result.weights[i]!]),
    );
  });
  return {
    name: opts.name,
    method,
    iterations: result.iterations,
    converged: result.converged,
    maxError: result.maxError,
    respondents: design.ids.length,
  };
}
