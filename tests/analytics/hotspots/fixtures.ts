/** Synthetic scored documents for the hot-spot tests: a seeded background stream and injected bursts. */
import { createHash } from 'node:crypto';
import type { Db } from '../../../data/db.ts';
import { openDb } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { seedReference } from '../../../data/seed-reference.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A database with the schema and the bundled gazetteer and taxonomy. */
export async function hotspotDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await migrate(db);
  await seedReference(db);
  return db;
}

export interface SynthDoc {
  id: string;
  outlet: string | null;
  publishedAt: Date | null;
  locality: string | null;
  topics: string[];
  sentiment: 'negative' | 'neutral' | 'positive';
  text: string;
  title?: string;
  duplicateOf?: string;
  nearDuplicateOf?: string;
  /** Content hash; defaults to a hash of the text. */
  contentHash?: string;
}

/** Insert documents and their scores (one JSON parameter per table, so lists and nulls need no special care). */
export async function insertDocs(
  db: Db,
  docs: readonly SynthDoc[],
  ingestedAt = new Date('2026-01-01T00:00:00Z'),
): Promise<void> {
  const rows = docs.map((d) => ({
    id: d.id,
    outlet: d.outlet,
    title: d.title ?? null,
    text: d.text,
    published_at: d.publishedAt?.toISOString() ?? null,
    locality_uid: d.locality,
    content_hash: d.contentHash ?? createHash('sha256').update(d.text).digest('hex'),
    duplicate_of: d.duplicateOf ?? null,
    near_duplicate_of: d.nearDuplicateOf ?? null,
    sentiment: d.sentiment,
    topics: d.topics,
  }));
  const json = JSON.stringify(rows);
  await db.run(
    `INSERT INTO documents (id, import_source, outlet, kind, title, text, published_at, ingested_at, locality_uid,
       content_hash, duplicate_of, near_duplicate_of, classification)
     SELECT r.id, 'test', r.outlet, 'news', r.title, r.text, r.published_at::TIMESTAMPTZ, $ingested, r.locality_uid,
       r.content_hash, r.duplicate_of, r.near_duplicate_of, 0
     FROM (SELECT unnest(from_json($json, '[{"id":"VARCHAR","outlet":"VARCHAR","title":"VARCHAR","text":"VARCHAR",
       "published_at":"VARCHAR","locality_uid":"VARCHAR","content_hash":"VARCHAR","duplicate_of":"VARCHAR",
       "near_duplicate_of":"VARCHAR"}]'), recursive := true) ) r`,
    { json, ingested: ingestedAt },
  );
  await db.run(
    `INSERT INTO doc_scores (doc_id, model_version, sentiment, sentiment_score, topics, places, locality_uid, scored_at)
     SELECT r.id, 'test', r.sentiment, CASE r.sentiment WHEN 'negative' THEN -0.6 ELSE 0 END, r.topics, [],
       r.locality_uid, $ingested
     FROM (SELECT unnest(from_json($json, '[{"id":"VARCHAR","sentiment":"VARCHAR","topics":["VARCHAR"],
       "locality_uid":"VARCHAR"}]'), recursive := true)) r`,
    { json, ingested: ingestedAt },
  );
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  'dat-dai',
  'moi-truong',
  'gia-ca',
  'nong-nghiep',
  'y-te',
  'giao-duc',
  'giao-thong',
  'an-sinh',
];
const WORDS = (
  'người dân phản ánh tình trạng tại địa phương chính quyền đã kiểm tra xử lý kịp thời đường giao thông ' +
  'giá cả thị trường ổn định nông sản mùa vụ học sinh trường học bệnh viện khám chữa bệnh hỗ trợ hộ nghèo'
).split(' ');

export interface BackgroundOptions {
  start: Date;
  days: number;
  perDay: number;
  seed: number;
  places: readonly string[];
  prefix?: string;
}

/** A steady stream over `places` and eight topics, 100 outlets, a third of it negative. */
export function background(options: BackgroundOptions): SynthDoc[] {
  const random = rng(options.seed);
  const docs: SynthDoc[] = [];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  for (let day = 0; day < options.days; day++) {
    for (let k = 0; k < options.perDay; k++) {
      const words = Array.from({ length: 24 }, () => pick(WORDS)).join(' ');
      docs.push({
        id: `${options.prefix ?? 'bg'}-${day}-${k}`,
        outlet: `outlet-${Math.floor(random() * 100)}`,
        publishedAt: new Date(options.start.getTime() + day * DAY_MS + Math.floor(random() * DAY_MS)),
        locality: random() < 0.1 ? null : pick(options.places),
        topics: [pick(TOPICS)],
        sentiment: random() < 0.33 ? 'negative' : 'neutral',
        text: `${words} ${day}-${k}`,
      });
    }
  }
  return docs;
}

export interface BurstOptions {
  id: string;
  start: Date;
  hours: number;
  count: number;
  outlets: number;
  locality: string;
  topic: string;
  /** Share of negative documents (default 0.8). */
  negative?: number;
  phrase?: string;
}

/** `count` documents over `hours` from `outlets` distinct outlets, about one place and topic. */
export function burst(options: BurstOptions): SynthDoc[] {
  const random = rng(options.id.length * 7919 + options.count);
  return Array.from({ length: options.count }, (_, k) => ({
    id: `${options.id}-${k}`,
    outlet: `${options.id}-source-${k % options.outlets}`,
    publishedAt: new Date(
      options.start.getTime() + Math.floor((k / options.count) * options.hours * HOUR_MS),
    ),
    locality: options.locality,
    topics: [options.topic],
    sentiment: random() < (options.negative ?? 0.8) ? ('negative' as const) : ('neutral' as const),
    text: `${options.phrase ?? 'người dân bức xúc vì cá chết trắng suối gần nhà máy chế biến'} số ${k} ${options.id}`,
  }));
}

/** Level-3 unit uids of both eras, every `step`-th, from the seeded `units` table. */
export async function communes(db: Db, step = 3): Promise<string[]> {
  const rows = await db.all<{ uid: string }>('SELECT uid FROM units WHERE level = 3 ORDER BY uid');
  return rows.filter((_, i) => i % step === 0).map((r) => r.uid);
}

/** Empty the tables the alert and case tests write, so one seeded database serves a whole file. */
export async function clearAlertTables(db: Db): Promise<void> {
  for (const table of [
    'case_events',
    'cases',
    'notifications_outbox',
    'notification_targets',
    'routing_rules',
    'alerts',
  ]) {
    await db.run(`DELETE FROM ${table}`);
  }
}
