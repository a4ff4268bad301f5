/** A survey's sampling design in memory: weights, strata, PSUs (clusters), calibration margins, and its answers. */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';

const sql = readSqlFile(new URL('./surveys.sql', import.meta.url));

export interface DesignUnit {
  id: string;
  weight: number;
  /** null: the survey has one stratum. */
  stratum: string | null;
  /** null: the unit is its own PSU. */
  cluster: string | null;
}

export interface SurveyDesign {
  ids: string[];
  index: Map<string, number>;
  weights: Float64Array;
  /** PSU of each unit; PSUs are nested in strata (the same cluster code in two strata is two PSUs). */
  psu: Int32Array;
  /** Stratum of each PSU. */
  psuStratum: Int32Array;
  psuCount: number;
  /** Number of PSUs in each stratum. */
  strataPsus: Int32Array;
  hasStrata: boolean;
  hasClusters: boolean;
  /** Calibration variables (category index of each unit, one array per margin), empty when uncalibrated. */
  calibration: Int32Array[];
  calibrationLevels: number[];
}

/**
 * The design of `units`, as R's `svydesign(ids=~cluster, strata=~stratum, weights=~weight, nest=TRUE)`.
 * `buildDesign([{ id: 'a', weight: 2, stratum: 'h1', cluster: 'c1' }, …])`
 */
export function buildDesign(
  units: readonly DesignUnit[],
  calibration: Int32Array[] = [],
  levels: number[] = [],
): SurveyDesign {
  const strata = new Map<string, number>();
  const psus = new Map<string, number>();
  const psuStratum: number[] = [];
  const psu = new Int32Array(units.length);
  const weights = new Float64Array(units.length);
  units.forEach((u, i) => {
    if (!(u.weight >= 0) || !Number.isFinite(u.weight))
      throw new DlxhError('INPUT', `respondent ${u.id}: invalid weight ${u.weight}`);
    weights[i] = u.weight;
    const stratumKey = u.stratum ?? '';
    let h = strata.get(stratumKey);
    if (h === undefined) strata.set(stratumKey, (h = strata.size));
    const psuKey = `${stratumKey}\u0000${u.cluster ?? `\u0001${u.id}`}`;
    let p = psus.get(psuKey);
    if (p === undefined) {
      psus.set(psuKey, (p = psus.size));
      psuStratum.push(h);
    }
    psu[i] = p;
  });
  const strataPsus = new Int32Array(strata.size);
  for (const h of psuStratum) strataPsus[h]!++;
  return {
    ids: units.map((u) => u.id),
    index: new Map(units.map((u, i) => [u.id, i])),
    weights,
    psu,
    psuStratum: Int32Array.from(psuStratum),
    psuCount: psus.size,
    strataPsus,
    hasStrata: units.some((u) => u.stratum !== null),
    hasClusters: units.some((u) => u.cluster !== null),
    calibration,
    calibrationLevels: levels,
  };
}

export interface SurveyInfo {
  name: string;
  title: string | null;
  sponsor: string | null;
  conducted_by: string | null;
  population: string | null;
  mode: string | null;
  weight_column: string | null;
  strata_column: string | null;
  cluster_column: string | null;
  classification: number;
}

export async function loadSurvey(db: Db, survey: string): Promise<SurveyInfo> {
  const info = await db.one<SurveyInfo>(sql('survey'), { survey });
  if (!info) throw new DlxhError('NOT_FOUND', `unknown survey "${survey}"`);
  return info;
}

export interface QuestionInfo {
  name: string;
  label: string;
  wordings: string[];
  type: string;
  choices: { value: string; label: string }[];
}

/** A question by its exact name, or by its last path segment when that is unique: `thong_tin/gioi_tinh` or `gioi_tinh`. */
export async function resolveQuestion(db: Db, survey: string, name: string): Promise<QuestionInfo> {
  const names = (await db.all<{ name: string }>(sql('question_names'), { survey })).map((r) => r.name);
  let found = names.find((n) => n === name);
  if (!found) {
    const tail = names.filter((n) => n.endsWith(`/${name}`) || n.endsWith(`-${name}`));
    if (tail.length > 1) {
      throw new DlxhError(
        'INPUT',
        `question "${name}" is ambiguous in survey "${survey}": ${tail.join(', ')}`,
      );
    }
    found = tail[0];
  }
  if (!found) throw new DlxhError('NOT_FOUND', `unknown question "${name}" in survey "${survey}"`);
  const row = (await db.one<Omit<QuestionInfo, 'choices'>>(sql('question'), { survey, question: found }))!;
  const choices = await db.all<{ value: string; label: string }>(sql('choices'), { survey, question: found });
  return { ...row, choices };
}

export interface LoadedDesign {
  design: SurveyDesign;
  weighting: { name: string; method: string; variables: string[] } | null;
  /** Submission dates of the respondents in the design. */
  from: Date | null;
  to: Date | null;
  /** Respondents left out because their submission was rejected or not approved. */
  excluded: number;
}

const EXCLUDED_STATUSES = new Set(['not_approved', 'rejected']);

/**
 * The design of a survey's respondents; submissions marked not approved or rejected are left out. With
 * `weighting`, the calibrated weights of that name replace the design weights and the calibration
 * variables are attached, so that standard errors account for the calibration.
 */
export async function loadDesign(
  db: Db,
  survey: string,
  options: { weighting?: string | null } = {},
): Promise<LoadedDesign> {
  await loadSurvey(db, survey);
  const rows = await db.all<{
    respondent: string;
    weight: number;
    stratum: string | null;
    cluster: string | null;
    validation_status: string | null;
    submitted_at: Date | null;
  }>(sql('respondents'), { survey });
  const kept = rows.filter((r) => !EXCLUDED_STATUSES.has(r.validation_status ?? ''));
  if (kept.length === 0) throw new DlxhError('NOT_FOUND', `survey "${survey}" has no respondents`);
  let from: Date | null = null;
  let to: Date | null = null;
  for (const r of kept) {
    if (!r.submitted_at) continue;
    if (!from || r.submitted_at < from) from = r.submitted_at;
    if (!to || r.submitted_at > to) to = r.submitted_at;
  }
  const units: DesignUnit[] = kept.map((r) => ({
    id: r.respondent,
    weight: r.weight,
    stratum: r.stratum,
    cluster: r.cluster,
  }));
  const excluded = rows.length - kept.length;
  if (!options.weighting) return { design: buildDesign(units), weighting: null, from, to, excluded };

  const weighting = await db.one<{ name: string; method: string; variables: string[]; margins: string }>(
    sql('weighting'),
    {
      survey,
      weighting: options.weighting,
    },
  );
  if (!weighting)
    throw new DlxhError('NOT_FOUND', `survey "${survey}" has no weighting "${options.weighting}"`);
  const calibrated = new Map(
    (
      await db.all<{ respondent: string; weight: number }>(sql('weighting_weights'), {
        survey,
        weighting: weighting.name,
      })
    ).map((r) => [r.respondent, r.weight]),
  );
  for (const u of units) {
    const w = calibrated.get(u.id);
    if (w === undefined) {
      throw new DlxhError(
        'INPUT',
        `weighting "${weighting.name}" has no weight for respondent ${u.id}; run the calibration again`,
      );
    }
    u.weight = w;
  }
  const margins = JSON.parse(weighting.margins) as Record<string, Record<string, number>>;
  const index = new Map(units.map((u, i) => [u.id, i]));
  const calibration: Int32Array[] = [];
  const levels: number[] = [];
  for (const variable of weighting.variables) {
    const categories = Object.keys(margins[variable] ?? {});
    const codes = new Int32Array(units.length).fill(-1);
    for (const a of await db.all<{ respondent: string; value: string }>(sql('answers'), {
      survey,
      question: variable,
    })) {
      const i = index.get(a.respondent);
      if (i !== undefined) codes[i] = categories.indexOf(a.value);
    }
    if (codes.some((c) => c < 0)) {
      throw new DlxhError(
        'INPUT',
        `weighting "${weighting.name}": answers to ${variable} changed since calibration; run it again`,
      );
    }
    calibration.push(codes);
    levels.push(categories.length);
  }
  return { design: buildDesign(units, calibration, levels), weighting, from, to, excluded };
}

/** Each design unit's answer to `question` (null when missing) and its numeric value (NaN when none). */
export async function loadAnswers(
  db: Db,
  survey: string,
  design: SurveyDesign,
  question: string,
): Promise<{ values: (string | null)[]; numbers: Float64Array }> {
  const values: (string | null)[] = new Array(design.ids.length).fill(null);
  const numbers = new Float64Array(design.ids.length).fill(Number.NaN);
  for (const a of await db.all<{ respondent: string; value: string; value_num: number | null }>(
    sql('answers'),
    { survey, question },
  )) {
    const i = design.index.get(a.respondent);
    if (i === undefined) continue;
    values[i] = a.value;
    if (a.value_num !== null) numbers[i] = a.value_num;
  }
  return { values, numbers };
}
