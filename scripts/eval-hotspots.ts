/**
 * Measures hot-spot detection on the demo streams with known injected events: event recall, alert precision,
 * median detection delay (daily and hourly buckets) and false alarms per simulated week on the background alone
 * (the default stream's and the alternative stream's, without their events). Beside the delay it prints the
 * evidence floor: hours from an event's first document until its documents, as the scoring read them, first
 * hold the least stories and outlets a topic alert needs at the event's commune or district — no topic alert
 * can fire earlier whatever its threshold (the terms detector, which also reads documents without a locality,
 * sometimes does), so delay minus floor is roughly what the statistics cost.
 * `node --import tsx scripts/eval-hotspots.ts [--days N] [--seed N] [--seeds N,N] [--scale X] [--keep DIR] [--verbose]
 * [--buckets day,hour] [--config JSON]`
 * (`--seed` runs both event sets over another background: a check on streams the detector was never tuned on;
 * `--seeds` adds both event sets over each further seed, and a row pooling every event of each set; `--buckets`
 * picks the granularities run; `--config` overrides the detector's defaults, e.g. `'{"hourMinCount":{"2":2,"3":2}}'`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scoreDocuments } from '../analytics/nlp/score-documents.ts';
import { detectHotspots } from '../analytics/hotspots/detect-hotspots.ts';
import type { DetectorConfig } from '../analytics/hotspots/detector-config.ts';
import type { Alert } from '../analytics/hotspots/types.ts';
import { openDatabase } from '../data/database.ts';
import type { Db } from '../data/db.ts';
import { ALT_SEED, generateDemo } from '../data/demo/index.ts';
import type { DemoDocument, GroundTruthEvent } from '../data/demo/index.ts';
import { memoryLogger } from '../data/logger.ts';
import { resolveConfig } from '../analytics/hotspots/detector-config.ts';
import { ingestJsonl } from '../pipeline/jsonl/ingest-jsonl.ts';
import { silentLogger } from '../pipeline/types.ts';
import { loadUnitTree } from '../analytics/hotspots/unit-tree.ts';

const HOUR_MS = 3_600_000;

/** What the scoring needs of a ground-truth event. */
export type EventTruth = Pick<
  GroundTruthEvent,
  'id' | 'topic' | 'unit_uid' | 'old_unit_uid' | 'district_uid' | 'start' | 'end'
>;

/** Ingest the documents from a JSONL file and score them as `dlxh ingest jsonl` does (same code path). */
export async function loadStream(
  db: Db,
  documents: readonly DemoDocument[],
  dir: string,
  now: Date,
): Promise<void> {
  const file = path.join(dir, 'documents.jsonl');
  fs.writeFileSync(file, documents.map((d) => JSON.stringify(d)).join('\n') + '\n');
  await ingestJsonl(file, { source: 'demo' }, { db, logger: silentLogger, now: () => now });
  await scoreDocuments(db, {}, () => now);
}

export interface EventOutcome {
  id: string;
  detected: boolean;
  /** Hours from the event's first document to the first matching alert's detection. */
  delayHours: number | null;
}

/** One event document as the scoring read it. */
export interface EventDoc {
  ms: number;
  outlet: string;
  /** Copies of one story share this key. */
  story: string;
  topics: readonly string[];
  /** The series units the document's locality counts for. */
  series: readonly string[];
}

/**
 * The earliest instant at which one of `places` (an event's commune and district series) holds, among the
 * event's documents carrying `topic`, `minStories` distinct stories from `minOutlets` outlets: before it no
 * topic alert on the event's place can be eligible, whatever its threshold. Null when that never happens.
 * `evidenceFloorMs(docs, 'dat-dai', new Set(['24490/2025']), 3, 2)`.
 */
export function evidenceFloorMs(
  docs: readonly EventDoc[],
  topic: string,
  places: ReadonlySet<string>,
  minStories: number,
  minOutlets: number,
): number | null {
  const seen = new Map<string, { stories: Set<string>; outlets: Set<string> }>();
  for (const d of [...docs].sort((a, b) => a.ms - b.ms)) {
    if (!d.topics.includes(topic)) continue;
    for (const uid of d.series) {
      if (!places.has(uid)) continue;
      const at = seen.get(uid) ?? { stories: new Set<string>(), outlets: new Set<string>() };
      seen.set(uid, at);
      if (at.stories.has(d.story)) continue;
      at.stories.add(d.story);
      at.outlets.add(d.outlet);
      if (at.stories.size >= minStories && at.outlets.size >= minOutlets) return d.ms;
    }
  }
  return null;
}

export interface Quality {
  events: number;
  alerts: number;
  recall: number;
  precision: number;
  medianDelayHours: number | null;
  outcomes: EventOutcome[];
  falseAlerts: Alert[];
}

function levelOf(
  alert: Alert,
  event: EventTruth,
  successors: Map<string, string[]>,
): 'commune' | 'district' | null {
  const uid = alert.unitUid ?? '';
  const current = alert.currentUid ?? '';
  const communes = new Set([
    event.unit_uid,
    event.old_unit_uid ?? '',
    ...(successors.get(event.old_unit_uid ?? '') ?? []),
  ]);
  if (communes.has(uid) || (communes.has(current) && alert.unitLevel === 3)) return 'commune';
  if (event.district_uid && (uid === event.district_uid || alert.seriesUid === event.district_uid))
    return 'district';
  return null;
}

function median(values: readonly number[]): number | null {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

/**
 * Score alerts against ground truth: an alert is correct when its topic is the event's, its unit is the event's
 * commune (old or new), its district or their successor, and it fires inside the event window; a second alert
 * on an already alerted event at the same level counts as a false one.
 */
export function scoreAlerts(
  alerts: readonly Alert[],
  events: readonly EventTruth[],
  firstDocMs: Map<string, number>,
  successors: Map<string, string[]>,
): Quality {
  const outcomes = new Map<string, EventOutcome>(
    events.map((e) => [e.id, { id: e.id, detected: false, delayHours: null }]),
  );
  const usedLevels = new Map<string, Set<string>>();
  let correct = 0;
  const falseAlerts: Alert[] = [];
  for (const alert of [...alerts].sort((a, b) => +a.detectedAt - +b.detectedAt)) {
    const match = events.find((e) => {
      if (alert.topic !== e.topic) return false;
      const fired = +alert.detectedAt;
      return fired >= Date.parse(e.start) && fired <= Date.parse(e.end) && levelOf(alert, e, successors);
    });
    const level = match ? levelOf(alert, match, successors)! : null;
    const used = match ? (usedLevels.get(match.id) ?? new Set<string>()) : null;
    if (!match || !level || used!.has(level)) {
      falseAlerts.push(alert);
      continue;
    }
    used!.add(level);
    usedLevels.set(match.id, used!);
    correct++;
    const outcome = outcomes.get(match.id)!;
    if (!outcome.detected) {
      outcome.detected = true;
      const first = firstDocMs.get(match.id) ?? Date.parse(match.start);
      outcome.delayHours = Math.max(0, (+alert.detectedAt - first) / HOUR_MS);
    }
  }
  const delays = [...outcomes.values()]
    .flatMap((o) => (o.delayHours === null ? [] : [o.delayHours]))
    .sort((a, b) => a - b);
  return {
    events: events.length,
    alerts: alerts.length,
    recall: events.length ? [...outcomes.values()].filter((o) => o.detected).length / events.length : 1,
    precision: alerts.length ? correct / alerts.length : 1,
    medianDelayHours: median(delays),
    outcomes: [...outcomes.values()],
    falseAlerts,
  };
}

export interface StreamRun {
  name: string;
  days: number;
  db: Db;
  events: GroundTruthEvent[];
  firstDocMs: Map<string, number>;
  /** Per event: its documents as the scoring read them, and its commune (old and new) and district series. */
  eventDocs: Map<string, { docs: EventDoc[]; communes: Set<string>; districts: Set<string> }>;
  now: Date;
}

async function readEventDocs(db: Db, events: readonly GroundTruthEvent[]): Promise<StreamRun['eventDocs']> {
  const tree = await loadUnitTree(db);
  const successors = await successorMap(db);
  const out: StreamRun['eventDocs'] = new Map();
  for (const e of events) {
    const rows = await db.all<{
      ms: number;
      outlet: string;
      story: string;
      topics: string[];
      loc: string | null;
    }>(
      `SELECT epoch_ms(d.published_at) AS ms, coalesce(d.outlet, '') AS outlet,
         coalesce(d.near_duplicate_of, d.duplicate_of, d.id) AS story, s.topics, s.locality_uid AS loc
       FROM documents d JOIN doc_scores s ON s.doc_id = d.id
       WHERE d.id IN (SELECT unnest($ids::VARCHAR[]))`,
      { ids: e.document_ids },
    );
    const docs = rows.map((r) => ({
      ms: Number(r.ms),
      outlet: r.outlet,
      story: r.story,
      topics: r.topics,
      series: (tree.byLocality.get(r.loc ?? '') ?? []).map((m) => m.seriesUid),
    }));
    const communes = [e.unit_uid, e.old_unit_uid ?? '', ...(successors.get(e.old_unit_uid ?? '') ?? [])];
    out.set(e.id, { docs, communes: new Set(communes), districts: new Set([e.district_uid ?? '']) });
  }
  return out;
}

/**
 * Per event: hours from its first document to its evidence floor under `config` (null: never reached). Daily
 * buckets need `minCount`; hourly ones also test hour-scale windows, which need `hourMinCount`, so their floor is
 * the earlier of the two.
 */
export function eventFloors(run: StreamRun, config: DetectorConfig): Map<string, number | null> {
  const minima = [config.minCount, ...(config.granularity === 'hour' ? [config.hourMinCount] : [])];
  const out = new Map<string, number | null>();
  for (const e of run.events) {
    const { docs, communes, districts } = run.eventDocs.get(e.id)!;
    const floors = minima
      .flatMap((minCount) => [
        evidenceFloorMs(docs, e.topic, communes, minCount[3] ?? 3, config.minOutlets),
        evidenceFloorMs(docs, e.topic, districts, minCount[2] ?? 3, config.minOutlets),
      ])
      .filter((ms): ms is number => ms !== null);
    const first = run.firstDocMs.get(e.id) ?? Date.parse(e.start);
    out.set(e.id, floors.length ? (Math.min(...floors) - first) / HOUR_MS : null);
  }
  return out;
}

/** Generate a demo stream ('default', 'alt', or 'background': the default stream without its events) into a temp database. */
export async function prepareStream(
  name: 'default' | 'alt' | 'background',
  days: number,
  dir: string,
  options: { seed?: number; scale?: number } = {},
): Promise<StreamRun> {
  const demo = generateDemo({ events: name === 'alt' ? 'alt' : 'default', days, ...options });
  let documents = demo.documents;
  let events = demo.groundTruth;
  if (name === 'background') {
    const eventDocs = new Set(demo.labels.filter((l) => l.event_id).map((l) => l.id));
    documents = documents.filter((d) => !eventDocs.has(d.id));
    events = [];
  }
  const last = Math.max(...documents.map((d) => Date.parse(d.published_at)));
  const now = new Date(last + HOUR_MS);
  const streamDir = fs.mkdtempSync(path.join(dir, `${name}-`));
  const db = await openDatabase(path.join(streamDir, 'eval.duckdb'));
  await loadStream(db, documents, streamDir, now);
  const byId = new Map(documents.map((d) => [d.id, Date.parse(d.published_at)]));
  const firstDocMs = new Map(
    events.map((e) => [e.id, Math.min(...e.document_ids.map((id) => byId.get(id) ?? Infinity))]),
  );
  const eventDocs = await readEventDocs(db, events);
  return { name, days, db, events, firstDocMs, eventDocs, now };
}

async function successorMap(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.all<{ uid: string; successor_uid: string }>(
    'SELECT uid, successor_uid FROM unit_successors',
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.uid, [...(out.get(r.uid) ?? []), r.successor_uid]);
  return out;
}

/** Detect over the whole stream with `config` and score it. */
export async function evaluate(
  run: StreamRun,
  config: Partial<DetectorConfig>,
): Promise<Quality & { weeks: number }> {
  await run.db.run('DELETE FROM alerts');
  const alerts = await detectHotspots(run.db, { now: run.now, config, logger: memoryLogger() });
  const quality = scoreAlerts(alerts, run.events, run.firstDocMs, await successorMap(run.db));
  return { ...quality, weeks: run.days / 7 };
}

function fmt(x: number | null, digits = 2): string {
  return x === null ? '—' : x.toFixed(digits);
}

interface Row {
  stream: string;
  granularity: 'day' | 'hour';
  quality: Quality & { weeks: number };
  floors: (number | null)[];
}

function medianFloor(floors: readonly (number | null)[]): number | null {
  return median(floors.flatMap((f) => (f === null ? [] : [f])));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '120' },
      seed: { type: 'string' },
      seeds: { type: 'string' },
      scale: { type: 'string' },
      keep: { type: 'string' },
      verbose: { type: 'boolean' },
      config: { type: 'string' },
      buckets: { type: 'string', default: 'day,hour' },
    },
  });
  const overrides = JSON.parse(values.config ?? '{}') as Partial<DetectorConfig>;
  const bucketList = values.buckets
    .split(',')
    .filter((b): b is 'day' | 'hour' => b === 'day' || b === 'hour');
  const days = Number(values.days);
  const seed = values.seed ? Number(values.seed) : undefined;
  const scale = values.scale ? Number(values.scale) : undefined;
  const extraSeeds = (values.seeds ?? '').split(',').filter(Boolean).map(Number);
  const dir = values.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-eval-hotspots-'));
  fs.mkdirSync(dir, { recursive: true });
  const streams: { label: string; name: 'default' | 'alt' | 'background'; seed?: number }[] = [
    { label: 'default', name: 'default', seed },
    { label: 'alt', name: 'alt', seed },
    { label: 'background', name: 'background', seed },
    { label: 'alt background', name: 'background', seed: seed === undefined ? ALT_SEED : seed + 1 },
    ...extraSeeds.flatMap((s) => [
      { label: `default (seed ${s})`, name: 'default' as const, seed: s },
      { label: `alt (seed ${s})`, name: 'alt' as const, seed: s },
    ]),
  ];
  const rows: Row[] = [];
  try {
    for (const stream of streams) {
      const run = await prepareStream(stream.name, days, dir, { seed: stream.seed, scale });
      try {
        for (const granularity of bucketList) {
          const config = resolveConfig({ ...overrides, granularity });
          const quality = await evaluate(run, config);
          const floorHours = eventFloors(run, config);
          const floors = run.events.map((e) => floorHours.get(e.id) ?? null);
          rows.push({ stream: stream.label, granularity, quality, floors });
          if (!values.verbose) continue;
          for (const o of quality.outcomes)
            console.error(
              `  ${stream.label}/${granularity} ${o.id}: ${o.detected ? `${fmt(o.delayHours, 1)} h` : 'missed'} (floor ${fmt(floorHours.get(o.id) ?? null, 1)} h)`,
            );
          for (const a of quality.falseAlerts) {
            console.error(
              `  ${stream.label}/${granularity} false: ${a.detector} ${a.topic} ${a.unitUid} ${a.detectedAt.toISOString()} n=${a.count} exp=${a.expected.toFixed(2)} ${a.topTerms.slice(0, 3).join(', ')}`,
            );
          }
        }
      } finally {
        run.db.close();
      }
    }
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  const table = rows.map(({ stream, granularity, quality: q, floors }) => {
    const background = q.events === 0;
    const falsePerWeek = background ? q.alerts / q.weeks : q.falseAlerts.length / q.weeks;
    return [
      stream,
      granularity,
      String(q.events),
      String(q.alerts),
      background ? '—' : fmt(q.recall),
      background ? '—' : fmt(q.precision),
      fmt(q.medianDelayHours, 1),
      fmt(medianFloor(floors), 1),
      fmt(falsePerWeek),
    ];
  });
  if (extraSeeds.length > 0) {
    for (const set of ['default', 'alt']) {
      for (const granularity of bucketList) {
        const own = rows.filter(
          (r) => r.granularity === granularity && (r.stream === set || r.stream.startsWith(`${set} (seed`)),
        );
        const outcomes = own.flatMap((r) => r.quality.outcomes);
        const alerts = own.reduce((n, r) => n + r.quality.alerts, 0);
        const falseAlerts = own.reduce((n, r) => n + r.quality.falseAlerts.length, 0);
        const weeks = own.reduce((n, r) => n + r.quality.weeks, 0);
        table.push([
          `${set} (all ${own.length} seeds)`,
          granularity,
          String(outcomes.length),
          String(alerts),
          fmt(outcomes.filter((o) => o.detected).length / Math.max(1, outcomes.length)),
          fmt(alerts ? (alerts - falseAlerts) / alerts : 1),
          fmt(median(outcomes.flatMap((o) => (o.delayHours === null ? [] : [o.delayHours]))), 1),
          fmt(medianFloor(own.flatMap((r) => r.floors)), 1),
          fmt(falseAlerts / weeks),
        ]);
      }
    }
  }
  const header = [
    'stream',
    'buckets',
    'events',
    'alerts',
    'recall',
    'precision',
    'median delay (h)',
    'evidence floor (h)',
    'false/week',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of table) console.log(line(r));
  console.log(
    'targets: recall ≥ 0.90, precision ≥ 0.85, median delay ≤ 24 h (daily) / ≤ 6 h (hourly), ≤ 1 false alarm/week',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
