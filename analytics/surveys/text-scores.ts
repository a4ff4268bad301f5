/**
 * NLP scores (sentiment, topics, places) of open-ended survey answers, of collaborator/organisation reports and of
 * their answers to watch topics' questions.
 */
import type { Db, SqlValue } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { MODEL_VERSION, scoreBatch, type DocumentScore, type ScoreInput } from '../nlp/score.ts';

const sql = readSqlFile(new URL('./text-scores.sql', import.meta.url));

export interface TextScoreOptions {
  /** Score again what the current model version already scored (after a lexicon or model change). */
  rescore?: boolean;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** A text the NLP could not score gets the empty score; this hears about it. */
  onError?: (what: string, error: unknown) => void;
}

export interface AnswerSelection extends TextScoreOptions {
  /** Only this survey (default: every survey). */
  survey?: string | null;
  /** Only these respondents (e.g. the ones an import just added). */
  respondents?: readonly string[];
}

export interface ReportSelection extends TextScoreOptions {
  /** Only these reports (e.g. the ones an import just stored). */
  ids?: readonly string[];
}

function scoreColumns(score: DocumentScore): SqlValue[] {
  return [
    score.model_version,
    score.sentiment.label,
    Number(score.sentiment.score.toFixed(4)),
    score.topics.map((t) => t.topic_id),
    JSON.stringify(
      Object.fromEntries(score.topics.map((t) => [t.topic_id, Number(t.confidence.toFixed(4))])),
    ),
    [...new Set(score.places.map((p) => p.uid))],
  ];
}

/** Score `items` in batches, each written in one transaction; returns how many were scored. */
async function scoreInBatches<T extends { text: string }>(
  db: Db,
  table: string,
  items: readonly T[],
  key: (item: T) => SqlValue[],
  input: (item: T) => ScoreInput,
  describe: (item: T) => string,
  options: TextScoreOptions,
  now: () => Date,
): Promise<number> {
  const size = options.batchSize ?? 2000;
  let done = 0;
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    const scores = scoreBatch(batch.map(input), (i, error) => options.onError?.(describe(batch[i]!), error));
    const at = now();
    await db.transaction(() =>
      db.append(
        table,
        batch.map((item, i) => [...key(item), ...scoreColumns(scores[i]!), at]),
      ),
    );
    done += batch.length;
    options.onProgress?.(done, items.length);
  }
  return done;
}

/**
 * Score the free-text answers (questions of type text, `_other` texts included) not yet scored by the current NLP
 * model version; with `rescore`, score the selected surveys' answers again. Returns the number of answers scored.
 * `await scoreSurveyAnswers(db, { survey: 'ks-2025', respondents: report.newRespondents }, () => new Date())`
 */
export async function scoreSurveyAnswers(db: Db, options: AnswerSelection, now: () => Date): Promise<number> {
  const survey = options.survey ?? '';
  if (options.rescore) {
    await db.run(sql('clear_answers'), { version: MODEL_VERSION, all_surveys: !survey, survey });
  }
  const pending = await db.all<{ survey: string; respondent: string; question: string; text: string }>(
    sql('pending_answers'),
    {
      version: MODEL_VERSION,
      all_surveys: !survey,
      survey,
      all_respondents: options.respondents === undefined,
      respondents: [...(options.respondents ?? [])],
    },
  );
  return scoreInBatches(
    db,
    'survey_text_scores',
    pending,
    (a) => [a.survey, a.respondent, a.question],
    (a) => ({ text: a.text }),
    (a) => `survey ${a.survey}: respondent ${a.respondent}: ${a.question}`,
    options,
    now,
  );
}

/**
 * Score the reports' summary and proposals not yet scored by the current NLP model version (with `rescore`: again).
 * Places are read in the units of the report's period. Returns the number of reports scored.
 * `await scoreReports(db, { ids: report.newIds }, () => new Date())`
 */
export async function scoreReports(db: Db, options: ReportSelection, now: () => Date): Promise<number> {
  const params = reportParams(options);
  if (options.rescore) await db.run(sql('clear_reports'), params);
  const pending = await db.all<{ id: string; period: string; text: string }>(sql('pending_reports'), params);
  return scoreInBatches(
    db,
    'report_scores',
    pending,
    (r) => [r.id],
    (r) => ({ text: r.text, published_at: `${r.period}-01T00:00:00+07:00` }),
    (r) => `report ${r.id}`,
    options,
    now,
  );
}

function reportParams(options: ReportSelection) {
  return { version: MODEL_VERSION, all_reports: options.ids === undefined, ids: [...(options.ids ?? [])] };
}

/**
 * Score the answers to watch topics' questions (of the reports `ids`, else of all) not yet scored by the current NLP
 * model version (with `rescore`: again). Places are read in the units of the report's period. Returns how many.
 * `await scoreWatchAnswers(db, {}, () => new Date())`
 */
export async function scoreWatchAnswers(db: Db, options: ReportSelection, now: () => Date): Promise<number> {
  const params = reportParams(options);
  if (options.rescore) await db.run(sql('clear_watch_answers'), params);
  const pending = await db.all<{ report_id: string; watch_topic_id: string; period: string; text: string }>(
    sql('pending_watch_answers'),
    params,
  );
  return scoreInBatches(
    db,
    'watch_answer_scores',
    pending,
    (a) => [a.report_id, a.watch_topic_id],
    (a) => ({ text: a.text, published_at: `${a.period}-01T00:00:00+07:00` }),
    (a) => `report ${a.report_id}: answer to ${a.watch_topic_id}`,
    options,
    now,
  );
}
