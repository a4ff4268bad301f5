/**
 * Watch topics proposed by units and agencies (table `watch_topics`): a boolean keyword query, or a taxonomy topic
 * to watch more closely, optionally within one area, tested by the hot-spot detector at a lower bar
 * (`threshold_factor` scales its minimum count and significance; detect-hotspots.ts). A proposal takes effect at the
 * next detection run; it can be switched off by the board's staff or by the unit that proposed it.
 */
import type { Db } from '../../data/db.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
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
  /** Hot-spot alerts raised on it so far. */
  alerts: number;
}

export interface WatchInput {
  name?: unknown;
  query?: unknown;
  topic_id?: unknown;
  unit_uid?: unknown;
  threshold_factor?: unknown;
}

function optional(value: unknown): string | null {
  const s = typeof value === 'string' ? value.trim() : value == null ? '' : String(value).trim();
  return s === '' ? null : s;
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
  const name = optional(body.name);
  if (!name) throw inputError(input, 'name', 'required');
  if (name.length > 120) throw inputError(input, 'name', 'longer than 120 characters');
  const query = optional(body.query);
  if (query && query.length > 1000) throw inputError(input, 'query', 'longer than 1000 characters');
  if (query) {
    try {
      compileWatchQuery(query, 'text');
    } catch (error) {
      throw inputError(input, 'query', (error as Error).message.replace(/^watch query: /, ''));
    }
  }
  const topic = optional(body.topic_id);
  if (!query && !topic) throw inputError(input, 'query', 'give a keyword query or a topic to watch');
  const unit = optional(body.unit_uid);
  const factorText = optional(body.threshold_factor);
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
      `INSERT INTO watch_topics (id, name, query, topic_id, unit_uid, threshold_factor, proposed_by, active, created_at)
       VALUES ($id, $name, $query, $topic, $unit, $factor, $proposer, true, $now)`,
      { id, name, query, topic, unit, factor, proposer: who.proposer, now: who.now },
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
  return db.all<WatchTopic>(
    `SELECT w.id, w.name, w.query, w.topic_id, t.name_vi AS topic_name, w.unit_uid, u.name AS unit_name,
       w.threshold_factor, w.proposed_by,
       coalesce((SELECT name FROM agencies WHERE uid = w.proposed_by), (SELECT name FROM units WHERE uid = w.proposed_by),
         w.proposed_by) AS proposed_by_name,
       w.active, w.created_at,
       (SELECT count(*)::INTEGER FROM alerts a
        WHERE a.topic = 'watch:' || w.id OR json_extract_string(a.explanation, '$.watch_topic') = w.id) AS alerts
     FROM watch_topics w
     LEFT JOIN topics t ON t.id = w.topic_id
     LEFT JOIN units u ON u.uid = w.unit_uid
     WHERE ($id::VARCHAR IS NULL OR w.id = $id) AND ($by::VARCHAR IS NULL OR w.proposed_by = $by)
     ORDER BY w.active DESC, w.created_at DESC, w.id`,
    { id: options.id ?? null, by: options.proposedBy ?? null },
  );
}
