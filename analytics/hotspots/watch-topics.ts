/**
 * Watch topics proposed by units and agencies (table `watch_topics`): a boolean keyword query, or a taxonomy topic
 * to watch more closely, optionally within one area, tested by the hot-spot detector at a lower bar
 * (`threshold_factor` scales its minimum count and significance; detect-hotspots.ts). A proposal takes effect at the
 * next detection run; it can be switched off by the board's staff or by the unit that proposed it.
 *
 * Each active watch topic also goes out to the collaborators of its area as a question of their next monthly
 * report; their answers come back tagged with it (`report_watch_answers`, read with their report's access rule).
 */
import { unitsInArea } from '../../data/access.ts';
import type { Db } from '../../data/db.ts';
import { DlxhError, inputError, textField } from '../../data/errors.ts';
import { scrubPersonalData } from '../../data/pseudonym.ts';
import type { Reads } from '../../data/readers.ts';
import { MODEL_VERSION } from '../nlp/score.ts';
import { compileWatchQuery } from './watch-query.ts';

/** The bars a proposal may choose: a half is the default; a quarter only for what must not be missed. */
export const WATCH_FACTORS = [0.25, 0.5, 0.75] as const;
export const DEFAULT_WATCH_FACTOR = 0.5;

export interface WatchTopic {
  id: string;
  name: string;
  query: string | null;
  topic_id: string | null;
  topic_name: string | null;
  unit_uid: string | null;
  unit_name: string | null;
  threshold_factor: number;
  /** The unit or agency that proposed it (or, for rows made before proposals were recorded so, a user name). */
  proposed_by: string | null;
  proposed_by_name: string | null;
  active: boolean;
  created_at: Date;
  /** The question put to collaborators (their own wording, or one made from the name). */
  question: string;
  /** Hot-spot alerts raised on it so far. */
  alerts: number;
  /** Collaborators' answers received so far (all of them, whoever may read them). */
  answers: number;
}

export interface WatchInput {
  name?: unknown;
  query?: unknown;
  topic_id?: unknown;
  unit_uid?: unknown;
  threshold_factor?: unknown;
  question?: unknown;
}

/** SQL for the name of the unit or agency that proposed watch topic `w`. */
const PROPOSER_NAME = `coalesce((SELECT name FROM agencies WHERE uid = w.proposed_by),
  (SELECT name FROM units WHERE uid = w.proposed_by), w.proposed_by) AS proposed_by_name`;

/** The question collaborators are asked when the proposal gave none. */
export function defaultQuestion(name: string): string {
  return `Dư luận trên địa bàn về "${name}" thế nào (nội dung, mức độ, nơi xảy ra)?`;
}

/**
 * Record a proposal from `proposer` (a unit or agency uid). Throws naming the field for a missing name, a query
 * that does not parse, an unknown topic or unit, a bar not offered, or neither a query nor a topic.
 * `await proposeWatchTopic(db, 'form', { name: 'Sạt lở', query: '"sạt lở" OR "nứt đất"' }, { proposer: 'so-nong-nghiep-moi-truong', now })`
 */
export async function proposeWatchTopic(
  db: Db,
  input: string,
  body: WatchInput,
  who: { proposer: string; now: Date },
): Promise<WatchTopic> {
  const name = textField(input, 'name', body.name);
  if (!name) throw inputError(input, 'name', 'required');
  if (name.length > 120) throw inputError(input, 'name', 'longer than 120 characters');
  const question = textField(input, 'question', body.question);
  if (question && question.length > 500) throw inputError(input, 'question', 'longer than 500 characters');
  const query = textField(input, 'query', body.query);
  if (query && query.length > 1000) throw inputError(input, 'query', 'longer than 1000 characters');
  if (query) {
    try {
      compileWatchQuery(query, 'text');
    } catch (error) {
      throw inputError(input, 'query', (error as Error).message.replace(/^watch query: /, ''));
    }
  }
  const topic = textField(input, 'topic_id', body.topic_id);
  if (!query && !topic) throw inputError(input, 'query', 'give a keyword query or a topic to watch');
  const unit = textField(input, 'unit_uid', body.unit_uid);
  const factorText = textField(input, 'threshold_factor', body.threshold_factor);
  const factor = factorText === null ? DEFAULT_WATCH_FACTOR : Number(factorText);
  if (!(WATCH_FACTORS as readonly number[]).includes(factor))
    throw inputError(input, 'threshold_factor', `invalid bar "${factorText}" (${WATCH_FACTORS.join(', ')})`);
  return db.transaction(async () => {
    if (topic && !(await db.one('SELECT 1 AS found FROM topics WHERE id = $topic', { topic })))
      throw inputError(input, 'topic_id', `unknown topic "${topic}"`);
    if (unit && !(await db.one('SELECT 1 AS found FROM units WHERE uid = $unit', { unit })))
      throw inputError(input, 'unit_uid', `unknown unit "${unit}"`);
    const n = (await db.one<{ n: number }>(
      `SELECT coalesce(max(TRY_CAST(substr(id, 3) AS INTEGER)), 0) + 1 AS n FROM watch_topics WHERE starts_with(id, 'w-')`,
    ))!.n;
    const id = `w-${n}`;
    await db.run(
      `INSERT INTO watch_topics (id, name, query, topic_id, unit_uid, threshold_factor, proposed_by, active, created_at,
         question)
       VALUES ($id, $name, $query, $topic, $unit, $factor, $proposer, true, $now, $question)`,
      { id, name, query, topic, unit, factor, proposer: who.proposer, now: who.now, question },
    );
    return (await listWatchTopics(db, { id }))[0]!;
  });
}

/** Switch a watch topic on or off (the detector reads only active ones). */
export async function setWatchTopicActive(db: Db, id: string, active: boolean): Promise<WatchTopic> {
  const found = await db.one('SELECT 1 AS found FROM watch_topics WHERE id = $id', { id });
  if (!found) throw new DlxhError('NOT_FOUND', `watch topic ${id}: not found`);
  await db.run('UPDATE watch_topics SET active = $active WHERE id = $id', { id, active });
  return (await listWatchTopics(db, { id }))[0]!;
}

/** Watch topics, active first and newest first; `proposedBy` keeps those of one unit or agency. */
export async function listWatchTopics(
  db: Db,
  options: { id?: string; proposedBy?: string } = {},
): Promise<WatchTopic[]> {
  return db
    .all<WatchTopic>(
      `SELECT w.id, w.name, w.query, w.topic_id, t.name_vi AS topic_name, w.unit_uid, u.name AS unit_name,
       w.threshold_factor, w.proposed_by,
       ${PROPOSER_NAME},
       w.active, w.created_at, w.question,
       (SELECT count(*)::INTEGER FROM report_watch_answers r WHERE r.watch_topic_id = w.id) AS answers,
       (SELECT count(*)::INTEGER FROM alerts a
        WHERE a.topic = 'watch:' || w.id OR json_extract_string(a.explanation, '$.watch_topic') = w.id) AS alerts
     FROM watch_topics w
     LEFT JOIN topics t ON t.id = w.topic_id
     LEFT JOIN units u ON u.uid = w.unit_uid
     WHERE ($id::VARCHAR IS NULL OR w.id = $id) AND ($by::VARCHAR IS NULL OR w.proposed_by = $by)
     ORDER BY w.active DESC, w.created_at DESC, w.id`,
      { id: options.id ?? null, by: options.proposedBy ?? null },
    )
    .then((rows) => rows.map((w) => ({ ...w, question: w.question ?? defaultQuestion(w.name) })));
}

/** A watch topic as a question on a collaborator's report form. */
export interface WatchQuestion {
  id: string;
  question: string;
  proposed_by_name: string | null;
}

/** A watch topic as reports answer it: how a column may name it, whether it is on, and whose reports it asks. */
export interface AskedWatch extends WatchQuestion {
  name: string;
  active: boolean;
  /** The units whose collaborators it is put to (its unit, the units below and their predecessors); null: all. */
  area: ReadonlySet<string> | null;
}

/**
 * Every watch topic with the area it asks, newest first. Read once per report form, submission or file import,
 * so without the counts the watch topics page shows.
 */
export async function askedWatchTopics(reads: Reads): Promise<AskedWatch[]> {
  const rows = await reads.all<WatchQuestion & { name: string; unit_uid: string | null; active: boolean }>(
    `SELECT w.id, w.name, w.question, w.unit_uid, w.active,
       ${PROPOSER_NAME}
     FROM watch_topics w ORDER BY w.created_at DESC, w.id`,
  );
  const out: AskedWatch[] = [];
  for (const w of rows) {
    out.push({
      id: w.id,
      name: w.name,
      question: w.question ?? defaultQuestion(w.name),
      proposed_by_name: w.proposed_by_name,
      active: w.active,
      area: w.unit_uid === null ? null : new Set([w.unit_uid, ...(await unitsInArea(reads, w.unit_uid))]),
    });
  }
  return out;
}

/** Whether a report of `unitUid` (null: a report without a unit) is asked `watch`'s question. */
export function isAskedOf(watch: AskedWatch, unitUid: string | null): boolean {
  return watch.area === null || (unitUid !== null && watch.area.has(unitUid));
}

/** The active watch topics put to a collaborator of `unitUid`: those of the whole province and of areas holding it. */
export async function watchQuestionsFor(reads: Reads, unitUid: string | null): Promise<WatchQuestion[]> {
  return (await askedWatchTopics(reads))
    .filter((w) => w.active && isAskedOf(w, unitUid))
    .map(({ id, question, proposed_by_name }) => ({ id, question, proposed_by_name }));
}

/** Longest answer kept. */
export const MAX_WATCH_ANSWER = 4000;

/** Store a report's answers, scrubbed of personal data; an answer already stored for the report is kept. */
export async function saveWatchAnswers(
  db: Db,
  reportId: string,
  answers: ReadonlyMap<string, string>,
  now: Date,
): Promise<number> {
  let stored = 0;
  for (const [watchId, text] of answers) {
    const exists = await db.one(
      'SELECT 1 AS found FROM report_watch_answers WHERE report_id = $report AND watch_topic_id = $watch',
      { report: reportId, watch: watchId },
    );
    if (exists) continue;
    await db.run('INSERT INTO report_watch_answers VALUES ($report, $watch, $answer, $now)', {
      report: reportId,
      watch: watchId,
      answer: scrubPersonalData(text),
      now,
    });
    stored++;
  }
  return stored;
}

export interface WatchAnswer {
  watch_topic_id: string;
  report_id: string;
  period: string;
  unit_name: string | null;
  answer: string;
  answered_at: Date;
  /** The NLP's reading of the answer (current model version); null until scored. */
  sentiment: 'positive' | 'neutral' | 'negative' | null;
}

/** The answers the connection may read (pass a scoped one), newest first, at most `limit` per watch topic. */
export async function watchAnswers(db: Reads, limit = 20): Promise<WatchAnswer[]> {
  return db.all<WatchAnswer>(
    `SELECT watch_topic_id, report_id, period, unit_name, answer, answered_at, sentiment FROM (
       SELECT a.watch_topic_id, a.report_id, r.period, u.name AS unit_name, a.answer, a.answered_at, s.sentiment,
         row_number() OVER (PARTITION BY a.watch_topic_id ORDER BY a.answered_at DESC, a.report_id) AS k
       FROM report_watch_answers a JOIN reports r ON r.id = a.report_id LEFT JOIN units u ON u.uid = r.unit_uid
       LEFT JOIN watch_answer_scores s
         ON s.report_id = a.report_id AND s.watch_topic_id = a.watch_topic_id AND s.model_version = $version)
     WHERE k <= $limit ORDER BY watch_topic_id, answered_at DESC, report_id`,
    { limit, version: MODEL_VERSION },
  );
}

/** What the answers to one watch topic say, over all the connection may read. */
export interface WatchAnswerSummary {
  watch_topic_id: string;
  answers: number;
  /** Distinct units of the reports that answered. */
  units: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Not yet scored by the current model version. */
  unscored: number;
}

/** Per watch topic: how many answers, from how many units, and how the NLP reads them (pass a scoped connection). */
export async function watchAnswerSummaries(db: Reads): Promise<WatchAnswerSummary[]> {
  return db.all<WatchAnswerSummary>(
    `SELECT a.watch_topic_id, count(*)::INTEGER AS answers, count(DISTINCT r.unit_uid)::INTEGER AS units,
       count(*) FILTER (WHERE s.sentiment = 'negative')::INTEGER AS negative,
       count(*) FILTER (WHERE s.sentiment = 'neutral')::INTEGER AS neutral,
       count(*) FILTER (WHERE s.sentiment = 'positive')::INTEGER AS positive,
       count(*) FILTER (WHERE s.sentiment IS NULL)::INTEGER AS unscored
     FROM report_watch_answers a JOIN reports r ON r.id = a.report_id
     LEFT JOIN watch_answer_scores s
       ON s.report_id = a.report_id AND s.watch_topic_id = a.watch_topic_id AND s.model_version = $version
     GROUP BY a.watch_topic_id ORDER BY a.watch_topic_id`,
    { version: MODEL_VERSION },
  );
}
