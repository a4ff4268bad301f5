/** Imports collaborator and organisation reports (files, or records from the web) into `reports`, informants protected. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { errorMessage, inputError } from '../../data/errors.ts';
import { scoreReports, scoreWatchAnswers } from '../../analytics/surveys/text-scores.ts';
import {
  MAX_WATCH_ANSWER,
  askedWatchTopics,
  isAskedOf,
  saveWatchAnswers,
  type AskedWatch,
} from '../../analytics/hotspots/watch-topics.ts';
import {
  pseudonymEntry,
  recordPseudonyms,
  scrubPersonalData,
  type PseudonymEntry,
} from '../../data/pseudonym.ts';
import { loadTopics, loadUnits, type Topic, type Unit } from '../../data/reference/index.ts';
import { foldDiacritics, normalizeText } from '../../data/text/normalize.ts';
import { extractPlaces, mostSpecificLocality } from '../../analytics/nlp/places.ts';
import { localDay } from '../../data/time.ts';
import { parseDocumentDate } from '../dates/parse-date.ts';
import { recordFileImport, startRun } from '../job-runs.ts';
import { createLocalityResolver, type LocalityResolver } from '../locality/resolve-locality.ts';
import { Messages } from '../messages.ts';
import { readLines } from '../read-lines.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { readFileBytes, readTable } from '../survey/read-table.ts';
import type { IngestContext, RunReport } from '../types.ts';
import {
  moodScore,
  parseClassification,
  parsePeriod,
  petitionKind,
  reportField,
  watchAnswerColumn,
  type ReportField,
} from './report-fields.ts';

const sql = readSqlFile(new URL('./ingest-reports.sql', import.meta.url));

export interface ReportOptions {
  /** The import's name (default: the file name). */
  source?: string | null;
  /** Classification for reports that give none. */
  classification?: number | null;
  /** The dlxh user who submits or imports the file (contributors see only their own reports). */
  submittedBy?: string | null;
  units?: readonly Unit[];
  topics?: readonly Topic[];
  maxBytes?: number;
  /** Values for fields a record leaves empty (the web form: the submitter's unit, the time of submission). */
  defaults?: Partial<Record<ReportField, unknown>>;
  /** A further rule a record must pass once its places are resolved: returns the problem, or null to accept it. */
  check?: (record: CheckedReport) => string | null;
}

/** What `ReportOptions.check` is shown of a valid record. */
export interface CheckedReport {
  unitUid: string | null;
  unitText: string;
  localityUid: string | null;
  classification: number;
}

/** What became of one record: stored as `new`, already stored (`duplicate`), or `failed` (see the errors). */
export interface ReportOutcome {
  position: string;
  id: string | null;
  status: 'new' | 'duplicate' | 'failed';
}

export interface ReportContext extends IngestContext {
  secret: string;
  /** Called as records are processed, for a progress bar. */
  progress?: (done: number, total: number) => void;
}

export interface ReportRunReport extends RunReport {
  /** Ids of the reports this run stored. */
  newIds: string[];
  /** Reports this run scored with the NLP (sentiment, topics, places of the summary and proposals). */
  scored: number;
  /** One per record read, in order. */
  outcomes: ReportOutcome[];
  /** Answers to watch topics' questions stored with the reports (`report_watch_answers`). */
  watchAnswers: number;
}

/** One answer to a watch topic's question as a record gives it: the column or key, the watch topic, the value. */
interface AnswerCell {
  field: string;
  watchId: string;
  value: unknown;
}

interface SourceRecord {
  position: string;
  fields: Partial<Record<ReportField, unknown>>;
  answers: AnswerCell[];
  problem?: string;
}

/** How the keys of a record are read: the watch topics a column may answer, and the keys no field uses. */
interface KeyReader {
  watches: readonly AskedWatch[];
  unknown: Set<string>;
}

/**
 * A record's report fields and its answers to watch topics: a `watch_answers` object (`{"w-1": "…"}`, as the web
 * form and API send them) or a column naming a watch topic (`w-1`, or its question or name, as in a file).
 */
function toRecord(raw: Record<string, unknown>, keys: KeyReader): Omit<SourceRecord, 'position'> {
  const fields: SourceRecord['fields'] = {};
  const answers: AnswerCell[] = [];
  let problem: string | undefined;
  for (const [key, value] of Object.entries(raw)) {
    const field = reportField(key);
    if (field !== null) {
      if (fields[field] === undefined || fields[field] === '') fields[field] = value;
    } else if (key === 'watch_answers') {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value))
        problem = 'watch_answers: expected an object of watch topic id → answer';
      else
        for (const [id, answer] of Object.entries(value as Record<string, unknown>))
          answers.push({ field: `watch_answers.${id}`, watchId: id, value: answer });
    } else {
      const watchId = watchAnswerColumn(key, keys.watches);
      if (watchId === null) keys.unknown.add(key);
      else answers.push({ field: `column "${key}"`, watchId, value });
    }
  }
  return { fields, answers, ...(problem ? { problem } : {}) };
}

/**
 * The answers a report may carry: each to a watch topic put to the report's unit, as text of at most
 * `MAX_WATCH_ANSWER` characters, once; blank answers are no answers. Returns them, or the problems.
 */
function readAnswers(
  cells: readonly AnswerCell[],
  watches: readonly AskedWatch[],
  unitUid: string | null,
  unitName: string | null,
): { answers: Map<string, string>; problems: string[] } {
  const answers = new Map<string, string>();
  const problems: string[] = [];
  for (const { field, watchId, value } of cells) {
    if (value !== null && typeof value === 'object') {
      problems.push(`${field}: expected text`);
      continue;
    }
    const answer = text(value);
    if (!answer) continue;
    const watch = watches.find((w) => w.id === watchId);
    if (!watch) problems.push(`${field}: unknown watch topic "${watchId}"`);
    else if (!isAskedOf(watch, unitUid))
      problems.push(`${field}: not a question for ${unitName ?? 'reports without a unit'}`);
    else if (answer.length > MAX_WATCH_ANSWER)
      problems.push(`${field}: longer than ${MAX_WATCH_ANSWER} characters`);
    else if (answers.has(watchId)) problems.push(`${field}: watch topic ${watchId} answered twice`);
    else answers.set(watchId, answer);
  }
  return { answers, problems };
}

async function readRecords(
  file: string,
  opts: ReportOptions,
  keys: KeyReader,
  warnings: Messages,
): Promise<SourceRecord[]> {
  if (/\.jsonl$|\.ndjson$/i.test(file)) {
    readFileBytes(file, opts.maxBytes);
    const out: SourceRecord[] = [];
    for await (const line of readLines(file)) {
      const position = `line ${line.number}`;
      if (line.text === null) out.push({ position, fields: {}, answers: [], problem: line.problem });
      else if (line.text.trim() !== '') out.push(parseJsonRecord(line.text, position, keys));
    }
    return out;
  }
  if (/\.json$/i.test(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(readFileBytes(file, opts.maxBytes)),
      );
    } catch (error) {
      throw inputError(file, null, `invalid JSON (${errorMessage(error)})`);
    }
    const items = Array.isArray(parsed) ? parsed : (parsed as { reports?: unknown })?.reports;
    if (!Array.isArray(items))
      throw inputError(file, null, 'expected an array of reports or {"reports": [...]}');
    return itemRecords(items, keys);
  }
  // Registers exported by units often open with a title block (the unit, the register's name, the period): the
  // header is the first row naming at least two report fields.
  const table = await readTable(file, {
    maxBytes: opts.maxBytes,
    findHeader: (cells) => cells.filter((c) => reportField(c) !== null).length >= 2,
  });
  warnings.push(...table.notes);
  return table.rows.map((row) => {
    const raw: Record<string, string> = {};
    table.headers.forEach((h, i) => {
      if (h) raw[h] = row.cells[i]!;
    });
    const record = toRecord(raw, keys);
    return { position: `row ${row.row}`, ...record, problem: row.problem ?? record.problem };
  });
}

function itemRecords(items: readonly unknown[], keys: KeyReader): SourceRecord[] {
  return items.map((item, i) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? { position: `item ${i + 1}`, ...toRecord(item as Record<string, unknown>, keys) }
      : { position: `item ${i + 1}`, fields: {}, answers: [], problem: 'not an object' },
  );
}

function parseJsonRecord(text: string, position: string, keys: KeyReader): SourceRecord {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { position, fields: {}, answers: [], problem: 'not a JSON object' };
    return { position, ...toRecord(value as Record<string, unknown>, keys) };
  } catch (error) {
    return { position, fields: {}, answers: [], problem: `invalid JSON (${errorMessage(error)})` };
  }
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join('; ');
  return normalizeText(String(value));
}

function topicMatcher(topics: readonly Topic[]): (raw: string) => string | null {
  const byId = new Map(topics.map((t) => [t.id, t.id]));
  const named = topics.map((t) => ({ id: t.id, key: foldDiacritics(t.name_vi) }));
  return (raw) => {
    const key = foldDiacritics(raw).trim();
    if (byId.has(raw.trim())) return raw.trim();
    const exact = named.find((t) => t.key === key);
    if (exact) return exact.id;
    const prefixed = key.length >= 4 ? named.filter((t) => t.key.startsWith(key)) : [];
    return prefixed.length === 1 ? prefixed[0]!.id : null;
  };
}

interface Prepared {
  index: number;
  id: string;
  position: string;
  hash: string;
  values: Record<string, string | number | Date | null>;
  reporter: PseudonymEntry | null;
  answers: Map<string, string>;
}

/**
 * Import a file of reports `{id?, reporter, organisation?, unit, period (YYYY-MM), locality?, topics, summary,
 * mood?, proposals?, submitted_at?, classification?}` (Vietnamese column names too: "Kỳ báo cáo", "Tóm tắt dư
 * luận", "Kiến nghị, đề xuất" …). Reporters become pseudonyms, free text is scrubbed, a report without id gets
 * `R-` + a content hash; re-importing changes nothing. Bad records are reported as `file: row N: problem`.
 * `await ingestReports('bao-cao-thang-8.csv', {}, { db, logger, now, secret })`
 */
export async function ingestReports(
  file: string,
  opts: ReportOptions,
  ctx: ReportContext,
): Promise<ReportRunReport> {
  const source = opts.source?.trim() || path.basename(file);
  return runImport(file, source, opts, ctx, (keys, warnings) => readRecords(file, opts, keys, warnings));
}

/**
 * Import reports held in memory (the web API and form), each an object with the fields `ingestReports` reads,
 * through the same validation, protection, idempotency, scoring and job record. `input` names where they came
 * from in messages: `POST /api/reports: item 2: missing summary`.
 * `await ingestReportRecords('POST /api/reports', [{ period: '2026-03', summary: '…' }], { source: 'web' }, ctx)`
 */
export async function ingestReportRecords(
  input: string,
  items: readonly unknown[],
  opts: ReportOptions,
  ctx: ReportContext,
): Promise<ReportRunReport> {
  const source = opts.source?.trim() || input;
  return runImport(input, source, opts, ctx, async (keys) => itemRecords(items, keys));
}

async function runImport(
  input: string,
  source: string,
  opts: ReportOptions,
  ctx: ReportContext,
  read: (keys: KeyReader, warnings: Messages) => Promise<SourceRecord[]>,
): Promise<ReportRunReport> {
  const runId = await startRun(ctx.db, `report:${source}`, ctx.now());
  const errors = new Messages();
  const warnings = new Messages();
  const report: ReportRunReport = {
    job_run_id: runId,
    in: 0,
    new: 0,
    duplicate: 0,
    nearDuplicate: 0,
    failed: 0,
    errors: [],
    warnings: [],
    newIds: [],
    scored: 0,
    outcomes: [],
    watchAnswers: 0,
  };
  return recordFileImport(ctx, input, runId, report, { errors, warnings }, 'reports', async () => {
    const keys: KeyReader = { watches: await askedWatchTopics(ctx.db), unknown: new Set() };
    const records = await read(keys, warnings);
    if (keys.unknown.size) warnings.push(`${input}: columns not used: ${[...keys.unknown].join(', ')}`);
    await importReports(input, records, source, keys.watches, opts, ctx, report, errors, warnings);
  });
}

async function importReports(
  file: string,
  records: readonly SourceRecord[],
  source: string,
  watches: readonly AskedWatch[],
  opts: ReportOptions,
  ctx: ReportContext,
  report: ReportRunReport,
  errors: Messages,
  warnings: Messages,
): Promise<void> {
  const units = opts.units ?? loadUnits();
  const resolve: LocalityResolver = createLocalityResolver(units);
  const unitNames = new Map(units.map((u) => [u.uid, u.name]));
  const matchTopic = topicMatcher(opts.topics ?? loadTopics());
  const now = ctx.now();
  const prepared: Prepared[] = [];
  report.in = records.length;
  report.outcomes = records.map((r) => ({ position: r.position, id: null, status: 'failed' }));
  const fail = (position: string, problems: string[]) => {
    report.failed++;
    errors.push(...problems.map((p) => `${file}: ${position}: ${p}`));
  };

  for (const [i, record] of records.entries()) {
    ctx.progress?.(i + 1, records.length);
    const at = `${file}: ${record.position}`;
    const row = Number(/\d+/.exec(record.position)?.[0] ?? 0);
    if (record.problem) {
      fail(record.position, [record.problem]);
      continue;
    }
    const f = { ...record.fields };
    for (const [field, value] of Object.entries(opts.defaults ?? {}) as [ReportField, unknown][]) {
      if (text(f[field]) === '') f[field] = value;
    }
    const problems: string[] = [];
    for (const [field, value] of Object.entries(f)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        problems.push(`invalid ${field} (expected text, not an object)`);
    }
    const summary = scrubPersonalData(text(f.summary));
    if (!summary) problems.push('missing summary');
    const classificationRaw = text(f.classification);
    const classification = classificationRaw
      ? parseClassification(classificationRaw)
      : (opts.classification ?? 0);
    if (classification === null)
      problems.push(`invalid classification "${classificationRaw}" (0–3 or Thường/Mật/Tối mật/Tuyệt mật)`);
    const submittedRaw = f.submitted_at;
    const submittedAt = text(submittedRaw)
      ? parseDocumentDate(typeof submittedRaw === 'number' ? submittedRaw : text(submittedRaw))
      : null;
    if (text(submittedRaw) && !submittedAt) problems.push(`invalid submitted_at "${text(submittedRaw)}"`);
    // A petition register gives the day it was received, not a reporting period: the period is that day's month.
    const periodRaw = text(f.period);
    const period = periodRaw
      ? parsePeriod(periodRaw)
      : submittedAt
        ? localDay(submittedAt).slice(0, 7)
        : null;
    if (!periodRaw && !text(submittedRaw)) problems.push('missing period');
    else if (periodRaw && !period)
      problems.push(`invalid period "${periodRaw}" (expected YYYY-MM or MM/YYYY)`);
    const peopleRaw = text(f.people);
    const people = /^\d{1,6}$/.test(peopleRaw) ? Number(peopleRaw) : null;
    if (peopleRaw && (people === null || people < 1))
      problems.push(`invalid people "${peopleRaw}" (expected a whole number of people)`);
    if (problems.length) {
      fail(record.position, problems);
      continue;
    }

    const periodStart = new Date(`${period}-01T00:00:00+07:00`);
    const place = (raw: string, what: string) => {
      if (!raw) return null;
      const found = resolve(raw, periodStart);
      if (found.uid !== null) return found.uid;
      // An address ("Thôn 3, xã Ea Tu, TP. Buôn Ma Thuột"): the most specific unit it names.
      const named = mostSpecificLocality(extractPlaces(raw, { at: periodStart }));
      if (named === null) warnings.push(`${at}: ${what}: ${found.problem}`);
      return named;
    };
    const unitText = text(f.unit);
    const unitUid = place(unitText, 'unit');
    const localityText = text(f.locality);
    const localityShown = scrubPersonalData(localityText);
    const localityUid = localityText ? place(localityText, 'locality') : unitUid;
    const refused = opts.check?.({ unitUid, unitText, localityUid, classification: classification! });
    if (refused) {
      fail(record.position, [refused]);
      continue;
    }
    const { answers, problems: answerProblems } = readAnswers(
      record.answers,
      watches,
      unitUid,
      unitUid === null ? null : (unitNames.get(unitUid) ?? unitText),
    );
    if (answerProblems.length) {
      fail(record.position, answerProblems);
      continue;
    }
    const topicsRaw = Array.isArray(f.topics) ? f.topics.map(text) : text(f.topics).split(/\s*[;,|]\s*/);
    const topics: string[] = [];
    for (const t of topicsRaw.filter(Boolean)) {
      const id = matchTopic(t);
      if (id === null) warnings.push(`${at}: unknown topic "${t}"`);
      else if (!topics.includes(id)) topics.push(id);
    }
    const mood = text(f.mood) || null;
    const score = mood === null ? null : moodScore(mood);
    if (mood !== null && score === null)
      warnings.push(`${at}: mood "${mood}" not recognised; stored without a score`);
    const reporterRaw = text(f.reporter);
    const reporter = reporterRaw
      ? pseudonymEntry(ctx.secret, 'collaborator', reporterRaw.toLowerCase())
      : null;
    const proposals = scrubPersonalData(text(f.proposals)) || null;
    const kind = petitionKind(text(f.kind));
    const content = {
      reporter: reporter?.pseudonym ?? null,
      unitText,
      period,
      localityText,
      topics,
      summary,
      mood,
      proposals,
      // Only when given, so reports imported before these fields existed keep their ids.
      ...(kind !== null ? { kind } : {}),
      ...(people !== null ? { people } : {}),
    };
    const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    const id = text(f.id) || `R-${hash.slice(0, 16)}`;
    prepared.push({
      index: i,
      id,
      position: record.position,
      hash,
      reporter,
      answers,
      values: {
        id,
        import_source: source,
        reporter: reporter?.pseudonym ?? null,
        organisation: text(f.organisation) || null,
        unit_uid: unitUid,
        unit_text: unitText || null,
        period: period!,
        locality_uid: localityUid,
        locality_text: localityShown || null,
        topics: JSON.stringify(topics),
        topics_text: text(f.topics) || null,
        summary,
        mood,
        mood_score: score,
        proposals,
        submitted_at: submittedAt,
        ingested_at: now,
        classification: classification!,
        submitted_by: opts.submittedBy ?? null,
        content_hash: hash,
        source_file: file,
        source_row: row,
        kind,
        people,
      },
    });
  }

  const ids = [...new Set(prepared.map((p) => p.id))];
  const stored = new Map(
    ids.length
      ? (
          await ctx.db.all<{ id: string; content_hash: string }>(sql('existing'), {
            ids: JSON.stringify(ids),
          })
        ).map((r) => [r.id, r.content_hash])
      : [],
  );
  const fresh: Prepared[] = [];
  // Answers are kept with the report they came with: a new one, or one stored (or earlier in this batch) with the
  // same content, which keeps the answers it already has.
  const answered: Prepared[] = [];
  const seen = new Map<string, Prepared>();
  for (const p of prepared) {
    const earlier = seen.get(p.id);
    const storedHash = stored.get(p.id);
    report.outcomes[p.index] = {
      position: p.position,
      id: p.id,
      status: earlier || storedHash !== undefined ? 'duplicate' : 'new',
    };
    if (earlier || storedHash !== undefined) {
      report.duplicate++;
      if ((earlier?.hash ?? storedHash) !== p.hash) {
        const where = earlier ? `in ${earlier.position}` : 'stored';
        warnings.push(
          `${file}: ${p.position}: report ${p.id} already ${where} with other content; kept the first`,
        );
      } else if (p.answers.size) answered.push(p);
      continue;
    }
    seen.set(p.id, p);
    fresh.push(p);
    if (p.answers.size) answered.push(p);
  }
  await ctx.db.transaction(async () => {
    await recordPseudonyms(
      ctx.db,
      fresh.flatMap((p) => (p.reporter ? [p.reporter] : [])),
      now,
    );
    for (const p of fresh) await ctx.db.run(sql('insert'), p.values);
    for (const p of answered) report.watchAnswers += await saveWatchAnswers(ctx.db, p.id, p.answers, now);
  });
  report.new = fresh.length;
  report.newIds = fresh.map((p) => p.id);
  // Every report still unscored: this file's, and those of a run stopped before it scored them.
  try {
    const scoring = {
      onError: (what: string, error: unknown) =>
        warnings.push(`${what}: not scored (${errorMessage(error)})`),
    };
    report.scored = await scoreReports(ctx.db, scoring, ctx.now);
    await scoreWatchAnswers(ctx.db, scoring, ctx.now);
  } catch (error) {
    warnings.push(`${file}: reports stored but not scored (${errorMessage(error)}); the score job retries`);
  }
}
