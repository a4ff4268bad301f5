/** Imports a KoboToolbox / ODK Central / Google Forms export (CSV or XLSX) into the long-format survey tables. */
import { createHash } from 'node:crypto';
import type { SqlValue } from '../../data/db.ts';
import { errorMessage, inputError } from '../../data/errors.ts';
import { scoreSurveyAnswers } from '../../analytics/surveys/text-scores.ts';
import {
  pseudonymEntry,
  recordPseudonyms,
  scrubPersonalData,
  type PseudonymEntry,
} from '../../data/pseudonym.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import { parseTime } from '../../data/time.ts';
import { parseDocumentDate } from '../dates/parse-date.ts';
import { recordFileImport, startRun } from '../job-runs.ts';
import { Messages } from '../messages.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import type { IngestContext, RunReport } from '../types.ts';
import {
  binaryAnswer,
  detectBinaryGroups,
  inferType,
  parseAnswer,
  parseNumber,
  planColumns,
  widenType,
  type ColumnPlan,
  type QuestionDef,
} from './column-plan.ts';
import { readCheckboxColumn } from './checkbox-answers.ts';
import { readTable, type Table } from './read-table.ts';
import { readXlsForm, type Form, type FormChoice, type FormQuestion, type QuestionType } from './xlsform.ts';

const sql = readSqlFile(new URL('./ingest-survey.sql', import.meta.url));

export interface SurveyOptions {
  /** The survey's name; several files (form versions, export formats) go into one survey. */
  survey: string;
  /** XLSForm of this export's version. Without it, questions known from earlier forms are still validated. */
  form?: string | null;
  /** Export column names of the design variables; default: those of the survey's earlier imports. */
  weight?: string | null;
  strata?: string | null;
  cluster?: string | null;
  maxBytes?: number;
}

export interface SurveyContext extends IngestContext {
  /** The pseudonym secret (`loadOrCreateSecret`). */
  secret: string;
  /** Called as rows are processed, for a progress bar. */
  progress?: (done: number, total: number) => void;
}

export interface SurveyRunReport extends RunReport {
  /** Questions of the survey this file has columns for. */
  questions: number;
  /** Free-text questions (open-ended answers and `_other` texts) for the NLP to score. */
  textQuestions: string[];
  /** Pseudonyms of the respondents this run added. */
  newRespondents: string[];
  /** Free-text answers of the survey this run scored with the NLP (sentiment, topics, places). */
  textsScored: number;
}

interface StoredQuestion {
  name: string;
  label: string;
  wordings: string[];
  type: QuestionType;
  type_source: 'form' | 'inferred';
  list_name: string | null;
  choices: string[];
  other_of: string | null;
  versions: string[];
  position: number;
}

interface Stored {
  survey: {
    title: string | null;
    weight_column: string | null;
    strata_column: string | null;
    cluster_column: string | null;
  } | null;
  questions: Map<string, StoredQuestion>;
  choices: Map<string, FormChoice[]>;
}

interface Design {
  weight: number | null;
  stratum: number | null;
  cluster: number | null;
}

/** Questions carried over from earlier forms sort after the given form's own. */
const STORED_ORDER = 100_000;
const RESPONSE_BATCH = 100_000;
const versionOrder = new Intl.Collator('en', { numeric: true });

const REJECTED = /not.?approved|khong duyet|rejected|tu choi/;

/** Kobo's labels and JSON codes, ODK Central's review states → one vocabulary. */
export function normalizeValidation(raw: string): string | null {
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/^validation_status_/, '')
    .replace(/\s+/g, '_');
  if (!v) return null;
  if (REJECTED.test(v.replace(/_/g, ' '))) return v.includes('reject') ? 'rejected' : 'not_approved';
  if (v === 'approved' || v === 'da_duyet') return 'approved';
  if (v === 'on_hold') return 'on_hold';
  if (v === 'hasissues' || v === 'has_issues') return 'has_issues';
  return v;
}

function submissionTime(header: string, raw: string): Date | null {
  const value = raw.trim();
  if (!value) return null;
  // Kobo writes _submission_time in UTC without an offset.
  if (header === '_submission_time' && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(value)) return parseTime(`${value}Z`);
  return parseTime(value) ?? parseDocumentDate(value);
}

async function loadStored(ctx: SurveyContext, survey: string): Promise<Stored> {
  const row = await ctx.db.one<NonNullable<Stored['survey']>>(sql('survey'), { survey });
  const questions = await ctx.db.all<StoredQuestion>(sql('questions'), { survey });
  const choiceRows = await ctx.db.all<{ question: string; value: string; label: string }>(sql('choices'), {
    survey,
  });
  const choices = new Map<string, FormChoice[]>();
  for (const c of choiceRows) {
    const list = choices.get(c.question) ?? [];
    list.push({ name: c.value, label: c.label, labels: [c.label] });
    choices.set(c.question, list);
  }
  return { survey: row ?? null, questions: new Map(questions.map((q) => [q.name, q])), choices };
}

/** The given form, plus questions earlier forms of the survey defined that it lacks (older versions). */
function effectiveForm(given: Form | null, stored: Stored): Form | null {
  const fromStore = [...stored.questions.values()].filter((q) => q.type_source === 'form');
  if (!given && fromStore.length === 0) return null;
  const form: Form = given
    ? { ...given, questions: [...given.questions], lists: new Map(given.lists) }
    : {
        file: '',
        formId: null,
        title: null,
        version: '',
        questions: [],
        lists: new Map(),
        dropped: new Set(),
        enumeratorField: null,
      };
  const known = new Set(form.questions.map((q) => q.path));
  for (const q of fromStore) {
    if (known.has(q.name)) continue;
    const listName = q.list_name === null ? null : `stored:${q.name}`;
    if (listName) form.lists.set(listName, stored.choices.get(q.name) ?? []);
    const question: FormQuestion = {
      path: q.name,
      name: q.name.split('/').pop()!,
      type: q.type,
      label: q.label,
      labels: q.wordings,
      listName,
      orOther: false,
      otherOf: q.other_of,
      row: STORED_ORDER + q.position,
    };
    form.questions.push(question);
  }
  return form;
}

function designColumn(
  table: Table,
  plan: ColumnPlan,
  name: string | null,
  flag: string,
  file: string,
): number | null {
  if (!name) return null;
  const exact = table.headers.indexOf(name);
  if (exact >= 0) return exact;
  const viaForm = plan.valueColumn.get(name);
  if (viaForm !== undefined) return viaForm;
  throw inputError(file, null, `no column "${name}" for ${flag}`);
}

function choicesOf(names: string[]): FormChoice[] {
  return names.map((name) => ({ name, label: name, labels: [] }));
}

function mergeChoices(a: FormChoice[], b: FormChoice[]): FormChoice[] {
  const out = [...a];
  for (const c of b) {
    const at = out.findIndex((x) => x.name === c.name);
    if (at < 0) out.push(c);
    else if (c.label !== c.name) out[at] = c;
  }
  return out;
}

/** Types the questions no form describes from their values, widening what earlier imports inferred. */
function inferTypes(
  plan: ColumnPlan,
  cells: string[][],
  stored: Stored,
  warnings: Messages,
  file: string,
): void {
  for (const def of plan.questions) {
    if (!plan.pending.has(def.name)) continue;
    const col = plan.valueColumn.get(def.name);
    const values = col === undefined ? [] : cells.map((r) => r[col]!);
    const binary = plan.binaryColumns.get(def.name);
    const before = stored.questions.get(def.name);
    const checkboxes =
      col === undefined || (before?.type_source === 'inferred' && before.type === 'text')
        ? null
        : readCheckboxColumn(values, stored.choices.get(def.name));
    if (checkboxes) {
      checkboxes.answers.forEach((answer, row) => (cells[row]![col!] = answer));
      def.type = 'select_multiple';
      def.choices = checkboxes.choices;
      continue;
    }
    let { type, choices } = inferType(values);
    if (binary) {
      type = 'select_multiple';
      choices = [
        ...new Set([...binary.map((b) => b.choice), ...values.flatMap((v) => (v ? v.split(/\s+/) : []))]),
      ];
    }
    if (before && before.type_source === 'inferred' && before.type !== type) {
      const wider = widenType(before.type, type);
      if (wider !== before.type)
        warnings.push(`${file}: column ${def.name}: type widened from ${before.type} to ${wider}`);
      type = wider;
    }
    def.type = type;
    const isSelect = type === 'select_one' || type === 'select_multiple';
    def.choices = isSelect ? mergeChoices(stored.choices.get(def.name) ?? [], choicesOf(choices)) : [];
    if (def.name.endsWith('_other') && plan.valueColumn.has(def.name.slice(0, -6)))
      def.otherOf = def.name.slice(0, -6);
  }
}

interface Respondent {
  entry: PseudonymEntry;
  row: number;
  submittedAt: Date | null;
  version: string | null;
  validation: string | null;
  enumerator: PseudonymEntry | null;
  weight: number;
  stratum: string | null;
  cluster: string | null;
  answers: { question: string; value: string; num: number | null }[];
}

/**
 * Import one survey export. Rows are keyed by submission uuid (`_uuid`, `meta/instanceID`, `KEY`; a content
 * hash for Google Forms), so re-running changes nothing; respondents become keyed pseudonyms and free text is
 * scrubbed of personal data. A bad row (unknown choice, bad number, weight ≤ 0, wrong field count) is
 * reported as `file: row N: problem` and skipped; the good rows are stored in one transaction.
 * `await ingestSurvey('kobo.csv', { survey: 'ks-2025', form: 'form.xlsx', weight: 'w' }, { db, logger, now, secret })`
 */
export async function ingestSurvey(
  file: string,
  opts: SurveyOptions,
  ctx: SurveyContext,
): Promise<SurveyRunReport> {
  if (!opts.survey?.trim()) throw inputError(file, null, 'a survey name is required (--survey NAME)');
  const survey = opts.survey.trim();
  const runId = await startRun(ctx.db, `survey:${survey}`, ctx.now());
  const errors = new Messages();
  const warnings = new Messages();
  const report: SurveyRunReport = {
    job_run_id: runId,
    in: 0,
    new: 0,
    duplicate: 0,
    nearDuplicate: 0,
    failed: 0,
    errors: [],
    warnings: [],
    questions: 0,
    textQuestions: [],
    newRespondents: [],
    textsScored: 0,
  };
  return recordFileImport(ctx, file, runId, report, { errors, warnings }, 'rows', () =>
    importFile(file, survey, opts, ctx, report, errors, warnings),
  );
}

async function importFile(
  file: string,
  survey: string,
  opts: SurveyOptions,
  ctx: SurveyContext,
  report: SurveyRunReport,
  errors: Messages,
  warnings: Messages,
): Promise<void> {
  const table = await readTable(file, { maxBytes: opts.maxBytes });
  warnings.push(...table.notes);
  const stored = await loadStored(ctx, survey);
  const given = opts.form ? await readXlsForm(opts.form) : null;
  const plan = planColumns(table.headers, effectiveForm(given, stored));
  const names = {
    weight: opts.weight ?? stored.survey?.weight_column ?? null,
    strata: opts.strata ?? stored.survey?.strata_column ?? null,
    cluster: opts.cluster ?? stored.survey?.cluster_column ?? null,
  };
  const design: Design = {
    weight: designColumn(table, plan, names.weight, '--weight', file),
    stratum: designColumn(table, plan, names.strata, '--strata', file),
    cluster: designColumn(table, plan, names.cluster, '--cluster', file),
  };
  const designCols = new Set([design.weight, design.stratum, design.cluster]);
  const defByCol = new Map<number, QuestionDef>();
  for (const def of plan.questions) {
    const col = plan.valueColumn.get(def.name);
    if (col !== undefined) defByCol.set(col, def);
  }
  const scrub = (col: number) => {
    if (designCols.has(col)) return false;
    const def = defByCol.get(col);
    if (!def) return false;
    return !plan.fromForm.has(col) || def.type === 'text' || def.type === 'calculate';
  };
  const metaCols = new Set(Object.values(plan.meta));
  const cells = table.rows.map((r) =>
    r.cells.map((cell, col) => {
      if (metaCols.has(col)) return cell.trim();
      const text = normalizeText(cell);
      return text && scrub(col) ? scrubPersonalData(text) : text;
    }),
  );
  detectBinaryGroups(plan, table.headers, (col) => cells.map((r) => r[col]!));
  inferTypes(plan, cells, stored, warnings, file);
  for (const { header, why } of plan.ignored) {
    if (why.startsWith('second column')) warnings.push(`${file}: column ${header} ignored (${why})`);
  }
  errors.push(...table.problems);
  report.in = table.rows.length + table.problems.length;
  report.failed = table.problems.length;
  report.questions = plan.questions.length;

  const existing = new Set(
    (await ctx.db.all<{ respondent: string }>(sql('respondents'), { survey })).map((r) => r.respondent),
  );
  const inFile = new Map<string, { row: number; hash: string }>();
  const respondents: Respondent[] = [];
  const headerOf = (col: number | undefined) => (col === undefined ? '' : table.headers[col]!);
  const version = given?.version || null;

  table.rows.forEach((tableRow, i) => {
    ctx.progress?.(i + 1, table.rows.length);
    const row = cells[i]!;
    const at = `${file}: row ${tableRow.row}`;
    if (tableRow.problem) {
      report.failed++;
      errors.push(`${at}: ${tableRow.problem}`);
      return;
    }
    const cell = (col: number | null | undefined) => (col === null || col === undefined ? '' : row[col]!);
    const contentHash = createHash('sha256').update(JSON.stringify(tableRow.cells)).digest('hex');
    let uuid = cell(plan.meta.uuid).replace(/^uuid:/i, '');
    if (!uuid) {
      if (plan.meta.uuid !== undefined) warnings.push(`${at}: no submission uuid; identified by content`);
      uuid = `row:${contentHash.slice(0, 32)}`;
    }
    const entry = pseudonymEntry(ctx.secret, 'respondent', `${survey}/${uuid}`);
    const earlier = inFile.get(entry.pseudonym);
    if (earlier) {
      report.duplicate++;
      if (earlier.hash !== contentHash) {
        warnings.push(
          `${at}: submission ${uuid} repeats row ${earlier.row} with different answers; kept row ${earlier.row}`,
        );
      }
      return;
    }
    if (existing.has(entry.pseudonym)) {
      report.duplicate++;
      inFile.set(entry.pseudonym, { row: tableRow.row, hash: contentHash });
      return;
    }

    const problems: string[] = [];
    let weight = 1;
    if (design.weight !== null) {
      const raw = cell(design.weight);
      const n = parseNumber(raw);
      if (n === null || !(n > 0)) {
        problems.push(
          `invalid weight "${raw}" in column ${headerOf(design.weight)} (must be a positive number)`,
        );
      } else weight = n;
    }
    const part = (col: number | null, what: string) => {
      if (col === null) return null;
      const v = cell(col);
      if (!v) problems.push(`missing ${what} in column ${headerOf(col)}`);
      return v || null;
    };
    const stratum = part(design.stratum, 'stratum');
    const cluster = part(design.cluster, 'cluster');

    const answers: Respondent['answers'] = [];
    for (const def of plan.questions) {
      const col = plan.valueColumn.get(def.name);
      const raw = cell(col);
      const column = col !== undefined && headerOf(col) !== def.name ? ` (column ${headerOf(col)})` : '';
      if (raw !== '') {
        const answer = parseAnswer(def, raw);
        if ('problem' in answer) problems.push(answer.problem + column);
        else answers.push({ question: def.name, value: answer.value, num: answer.num });
        continue;
      }
      const binary = plan.binaryColumns.get(def.name);
      if (!binary) continue;
      const answer = binaryAnswer(
        def,
        binary.map(({ choice, col: c }) => ({ choice, value: cell(c) })),
      );
      if (answer === null) continue;
      if ('problem' in answer) problems.push(answer.problem);
      else answers.push({ question: def.name, value: answer.value, num: null });
    }
    if (problems.length) {
      report.failed++;
      errors.push(...problems.map((p) => `${at}: ${p}`));
      return;
    }
    inFile.set(entry.pseudonym, { row: tableRow.row, hash: contentHash });
    const submittedRaw = cell(plan.meta.submittedAt);
    const submittedAt = submissionTime(headerOf(plan.meta.submittedAt), submittedRaw);
    if (submittedRaw && !submittedAt) warnings.push(`${at}: unreadable submission time "${submittedRaw}"`);
    const enumerator = cell(plan.meta.enumerator);
    respondents.push({
      entry,
      row: tableRow.row,
      submittedAt,
      version: cell(plan.meta.version) || version,
      validation: normalizeValidation(cell(plan.meta.validation)),
      enumerator: enumerator ? pseudonymEntry(ctx.secret, 'enumerator', enumerator) : null,
      weight,
      stratum,
      cluster,
      answers,
    });
  });

  const now = ctx.now();
  await ctx.db.transaction(async () => {
    await ctx.db.run(sql('upsert_survey'), {
      survey,
      title: given?.title ?? null,
      weight: names.weight,
      strata: names.strata,
      cluster: names.cluster,
      now,
    });
    if (given) {
      await ctx.db.run(sql('upsert_form'), {
        survey,
        version: given.version,
        form_id: given.formId,
        title: given.title,
        file: opts.form!,
        now,
      });
    }
    await storeQuestions(ctx, survey, plan, stored, version);
    await recordPseudonyms(
      ctx.db,
      respondents.flatMap((r) => (r.enumerator ? [r.entry, r.enumerator] : [r.entry])),
      now,
    );
    const respondentRows: SqlValue[][] = respondents.map((r) => [
      survey,
      r.entry.pseudonym,
      r.submittedAt,
      r.version,
      r.validation,
      r.enumerator?.pseudonym ?? null,
      r.weight,
      r.stratum,
      r.cluster,
      file,
      r.row,
      now,
    ]);
    await ctx.db.append('survey_respondents', respondentRows);
    await insertResponses(ctx, survey, respondents);
  });
  report.new = respondents.length;
  report.newRespondents = respondents.map((r) => r.entry.pseudonym);
  report.textQuestions = plan.questions.filter((q) => q.type === 'text').map((q) => q.name);
  if (report.textQuestions.length === 0) return;
  // Every answer of the survey still unscored: this file's, and those of a run stopped before it scored them.
  try {
    report.textsScored = await scoreSurveyAnswers(
      ctx.db,
      {
        survey,
        onError: (what, error) => warnings.push(`${what}: not scored (${errorMessage(error)})`),
      },
      ctx.now,
    );
  } catch (error) {
    warnings.push(`${file}: answers stored but not scored (${errorMessage(error)}); the score job retries`);
  }
}

/** Column-wise JSON through unnest: several times faster than the appender for hundreds of thousands of answers. */
async function insertResponses(ctx: SurveyContext, survey: string, respondents: Respondent[]): Promise<void> {
  const batch = {
    respondents: [] as string[],
    questions: [] as string[],
    answers: [] as string[],
    numbers: [] as (number | null)[],
  };
  const flush = async () => {
    if (batch.respondents.length === 0) return;
    await ctx.db.run(sql('insert_responses'), {
      survey,
      respondents: JSON.stringify(batch.respondents),
      questions: JSON.stringify(batch.questions),
      answers: JSON.stringify(batch.answers),
      numbers: JSON.stringify(batch.numbers),
    });
    for (const list of Object.values(batch)) list.length = 0;
  };
  for (const r of respondents) {
    for (const a of r.answers) {
      batch.respondents.push(r.entry.pseudonym);
      batch.questions.push(a.question);
      batch.answers.push(a.value);
      batch.numbers.push(a.num);
    }
    if (batch.respondents.length >= RESPONSE_BATCH) await flush();
  }
  await flush();
}

async function storeQuestions(
  ctx: SurveyContext,
  survey: string,
  plan: ColumnPlan,
  stored: Stored,
  version: string | null,
): Promise<void> {
  let next = Math.max(0, ...[...stored.questions.values()].map((q) => q.position + 1));
  const ordered = [...plan.questions].sort((a, b) => a.order - b.order);
  for (const def of ordered) {
    const before = stored.questions.get(def.name);
    const restated = def.typeSource === 'form' && def.order < STORED_ORDER;
    const newest = (before?.versions ?? []).every(
      (v) => version === null || versionOrder.compare(version, v) >= 0,
    );
    const label = !before || (restated && newest) ? def.label : before.label;
    const wordings = [...(before?.wordings ?? [])];
    if (!wordings.includes(def.label) && (restated || !before)) wordings.push(def.label);
    const versions = [...(before?.versions ?? [])];
    if (version !== null && restated && !versions.includes(version)) versions.push(version);
    const choices = mergeChoices(stored.choices.get(def.name) ?? [], def.choices);
    await ctx.db.run(sql('put_question'), {
      survey,
      name: def.name,
      label,
      wordings: JSON.stringify(wordings),
      type: def.type,
      type_source: def.typeSource,
      list_name: restated ? def.listName : (before?.list_name ?? def.listName),
      choices: JSON.stringify(choices.map((c) => c.name)),
      other_of: def.otherOf ?? before?.other_of ?? null,
      versions: JSON.stringify(versions),
      position: before?.position ?? next++,
    });
    for (const [position, choice] of choices.entries()) {
      await ctx.db.run(sql('put_choice'), {
        survey,
        question: def.name,
        value: choice.name,
        label: choice.label,
        position,
      });
    }
  }
}
