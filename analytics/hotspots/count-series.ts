/** Counts documents per topic × unit × local day (and volume per hour) in DuckDB, for the topic detector. */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import type { DetectorConfig } from './detector-config.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { bindUsed } from './bind-used.ts';
import type { UnitTree } from './unit-tree.ts';
import { compileWatchQuery } from './watch-query.ts';

const sql = readSqlFile(new URL('./count-series.sql', import.meta.url));

export const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

/** Local (UTC+7) day number since the epoch of an instant. */
export function dayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The instant local midnight of day number `day` begins. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

/** Daily counts of one topic in one series unit, indexed by day − `CountData.day0`. */
export interface SeriesCounts {
  index: number;
  topic: string;
  seriesUid: string;
  level: number;
  /** Stories with each outlet capped at its level's cap. */
  capped: Int32Array;
  /** The largest one outlet's capped stories. */
  topCapped: Int32Array;
  /** Distinct outlets that originated stories. */
  origins: Int32Array;
  stories: Int32Array;
  /** Negative stories, capped per outlet like `capped`. */
  neg: Int32Array;
}

export interface CountData {
  /** First day number counted (the start of the baseline history). */
  day0: number;
  nDays: number;
  /** First day with any counted document, or null for an empty window. */
  firstDataDay: number | null;
  series: SeriesCounts[];
  /** Documents per hour, index (day − day0) × 24 + local hour. */
  hourTotal: Float64Array;
  hourByTopic: Map<string, Float64Array>;
  skipped: { noDate: number; tooOld: number; future: number; unscored: number; unlocated: number };
}

export interface WatchTopicTag {
  topic: string;
  query: string;
}

export interface CountOptions {
  /** Counting starts at local midnight of this day number and ends before `endDay + 1`. */
  startDay: number;
  endDay: number;
  /** Documents published at or after this instant are in the future and left out. */
  future: Date;
  /** The topics to count (taxonomy ids and `watch:<id>` pseudo-topics); others in the scores are ignored. */
  topics: readonly string[];
  /** Watch topics defined by a query; their matching documents get the pseudo-topic `topic`. */
  watch: WatchTopicTag[];
  /** Called after each statement with its duration, for benchmarks. */
  onStep?: (step: string, ms: number) => void;
}

function parseCells(cells: string | null, width: number): number[][] {
  if (!cells) return [];
  return cells.split(';').map((cell) => {
    const values = cell.split(',').map(Number);
    return values.length === width ? values : [...values, ...Array<number>(width - values.length).fill(0)];
  });
}

/**
 * Stage the counted documents in temp tables and read the daily series. Call `dropCounts` when done.
 * Documents without date, before 2000, in the future or without scores are left out (and counted in `skipped`);
 * documents without a known locality count only for the terms detector and the volume.
 */
export async function countSeries(
  db: Db,
  tree: UnitTree,
  config: DetectorConfig,
  options: CountOptions,
): Promise<CountData> {
  const from = new Date(dayStartMs(options.startDay));
  const endMs = Math.min(dayStartMs(options.endDay + 1), options.future.getTime());
  const to = new Date(Math.max(endMs, from.getTime()));
  let mark = performance.now();
  const step = (name: string) => {
    const at = performance.now();
    options.onStep?.(name, at - mark);
    mark = at;
  };
  await db.run(sql('unit_map'));
  const seriesList = [...new Set(tree.mappings.map((m) => m.seriesUid))].sort();
  const seriesNo = new Map(seriesList.map((uid, i) => [uid, i]));
  const levelOf = new Map(tree.mappings.map((m) => [m.seriesUid, m.level]));
  await db.append(
    'hs_unit_map',
    tree.mappings.map((m) => [m.localityUid, m.seriesUid, m.level, m.namedUid, seriesNo.get(m.seriesUid)!]),
  );
  const versions = await db.one<{ n: number }>(sql('score_versions'));
  await db.run(sql((versions?.n ?? 0) > 1 ? 'scores_latest' : 'scores_single'));
  await db.run(sql('docs'), bindUsed(sql('docs'), { from, to }));
  step('count: documents');
  for (const watch of options.watch) {
    const compiled = compileWatchQuery(watch.query, "coalesce(title, '') || ' ' || text");
    const statement = sql('watch_tag').replace('%PREDICATE%', compiled.sql);
    await db.run(statement, { ...compiled.params, topic: watch.topic, from, to });
  }
  await db.run(sql('stories'));
  step('count: stories');

  const skippedRow = await db.one<Record<string, number>>(sql('skipped'), {
    future: options.future,
    from,
    to,
  });
  const located = await db.one<{ unlocated: number; counted: number }>(sql('unlocated'));
  const firstDay = await db.one<{ first_day: number | null }>(sql('first_day'));
  const nDays = options.endDay - options.startDay + 1;
  step('count: skipped');
  const topics = [...options.topics].sort();
  if (topics.length >= 512 || seriesList.length >= 1024) {
    throw new DlxhError(
      'CONFIG',
      `hotspots: too many topics (${topics.length}) or units (${seriesList.length}) to count`,
    );
  }
  const daily = (
    await db.all<{ topic_no: number; series_no: number; cells: string }>(sql('daily'), {
      topics,
      start_day: options.startDay,
      cap1: config.capPerOutlet[1] ?? 10,
      cap2: config.capPerOutlet[2] ?? 3,
      cap3: config.capPerOutlet[3] ?? 2,
    })
  ).map((r) => {
    const seriesUid = seriesList[r.series_no]!;
    return {
      topic: topics[r.topic_no - 1]!,
      series_uid: seriesUid,
      level: levelOf.get(seriesUid)!,
      cells: r.cells,
    };
  });
  daily.sort((a, b) => (a.topic === b.topic ? cmp(a.series_uid, b.series_uid) : cmp(a.topic, b.topic)));
  const series: SeriesCounts[] = daily.map((row, index) => {
    const s: SeriesCounts = {
      index,
      topic: row.topic,
      seriesUid: row.series_uid,
      level: row.level,
      capped: new Int32Array(nDays),
      topCapped: new Int32Array(nDays),
      origins: new Int32Array(nDays),
      stories: new Int32Array(nDays),
      neg: new Int32Array(nDays),
    };
    for (const [day, capped, top, origins, stories, neg] of parseCells(row.cells, 6)) {
      const i = day! - options.startDay;
      if (i < 0 || i >= nDays) continue;
      s.capped[i] = capped!;
      s.topCapped[i] = top!;
      s.origins[i] = origins!;
      s.stories[i] = stories!;
      s.neg[i] = neg!;
    }
    return s;
  });

  step('count: daily series');
  const hourTotal = new Float64Array(nDays * 24);
  const hourByTopic = new Map<string, Float64Array>();
  const volume = await db.all<{ topic: string | null; cells: string | null }>(sql('hourly_volume'));
  const firstHour = options.startDay * 24;
  for (const row of volume) {
    const target = row.topic === null ? hourTotal : new Float64Array(nDays * 24);
    if (row.topic !== null) hourByTopic.set(row.topic, target);
    for (const [hour, n] of parseCells(row.cells, 2)) {
      const i = hour! - firstHour;
      if (i >= 0 && i < target.length) target[i] = n!;
    }
  }

  step('count: hourly volume');
  return {
    day0: options.startDay,
    nDays,
    firstDataDay: firstDay?.first_day ?? null,
    series,
    hourTotal,
    hourByTopic,
    skipped: {
      noDate: skippedRow?.no_date ?? 0,
      tooOld: skippedRow?.too_old ?? 0,
      future: skippedRow?.future ?? 0,
      unscored: Math.max(0, (skippedRow?.in_window ?? 0) - (located?.counted ?? 0)),
      unlocated: located?.unlocated ?? 0,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One document of a candidate series, as `candidateDocs` returns it. */
export interface SeriesDoc {
  id: string;
  outlet: string;
  ms: number;
  hour: number;
  day: number;
  story: string;
  negative: boolean;
  namedUid: string;
  classification: number;
  topics: string[];
}

export interface EffectiveCount {
  /** Independent stories: each outlet's capped at `cap` per local day, the busiest at one more than the next. */
  count: number;
  /** Negative stories, counted the same way. */
  negative: number;
  /** Distinct outlets that originated the stories. */
  outlets: number;
  /** The busiest outlet's stories as counted. */
  top: number;
  /** Share of the (uncapped) stories that are negative. */
  negShare: number;
}

/** Running totals of one measure per outlet that only grow, with the two largest kept as they do. */
class OutletTotals {
  private readonly totals = new Map<string, number>();
  private first: string | null = null;
  private second: string | null = null;
  sum = 0;

  add(outlet: string): void {
    const value = (this.totals.get(outlet) ?? 0) + 1;
    this.totals.set(outlet, value);
    this.sum++;
    if (outlet === this.first) return;
    if (this.first === null || value > this.of(this.first)) {
      this.second = this.first;
      this.first = outlet;
    } else if (outlet !== this.second && (this.second === null || value > this.of(this.second))) {
      this.second = outlet;
    }
  }

  /** The total with the busiest outlet counting at most one more than the next, and what it counts. */
  capped(): { total: number; top: number } {
    const top = Math.min(this.of(this.first), this.of(this.second) + 1);
    return { total: this.sum - this.of(this.first) + top, top };
  }

  private of(outlet: string | null): number {
    return outlet === null ? 0 : (this.totals.get(outlet) ?? 0);
  }
}

/**
 * Independent stories among documents added oldest first (a window of a few days): copies of one story count
 * once, credited to the outlet that carried it first on the day it first appeared; one outlet's stories count at
 * most `cap` a day, and the busiest outlet's at most one more than the next busiest's, so no single source makes
 * a burst on its own. Adding a document and reading the count are cheap, for windows tested as they grow.
 */
export class StoryCounter {
  private readonly seen = new Set<string>();
  private readonly perOutletDay = new Map<string, { all: number; negative: number }>();
  private readonly all = new OutletTotals();
  private readonly negatives = new OutletTotals();
  private readonly outlets = new Set<string>();
  private negativeStories = 0;

  constructor(private readonly cap: number) {}

  add(doc: SeriesDoc): void {
    if (this.seen.has(doc.story)) return;
    this.seen.add(doc.story);
    this.outlets.add(doc.outlet);
    const k = `${doc.day}|${doc.outlet}`;
    const entry = this.perOutletDay.get(k) ?? { all: 0, negative: 0 };
    this.perOutletDay.set(k, entry);
    if (++entry.all <= this.cap) this.all.add(doc.outlet);
    if (!doc.negative) return;
    this.negativeStories++;
    if (++entry.negative <= this.cap) this.negatives.add(doc.outlet);
  }

  counted(): EffectiveCount {
    const all = this.all.capped();
    return {
      count: all.total,
      negative: this.negatives.capped().total,
      outlets: this.outlets.size,
      top: all.top,
      negShare: this.seen.size > 0 ? this.negativeStories / this.seen.size : 0,
    };
  }
}

/** `StoryCounter` over `docs` (oldest first): `effectiveCount(docs, 2).count`. */
export function effectiveCount(docs: readonly SeriesDoc[], cap: number): EffectiveCount {
  const counter = new StoryCounter(cap);
  for (const doc of docs) counter.add(doc);
  return counter.counted();
}

export interface CandidateRange {
  topic: string;
  seriesUid: string;
  dayFrom: number;
  dayTo: number;
}

/** The documents of each (topic, series, day range), oldest first, in the order of `ranges`. */
export async function candidateDocs(db: Db, ranges: CandidateRange[]): Promise<SeriesDoc[][]> {
  const out: SeriesDoc[][] = ranges.map(() => []);
  if (ranges.length === 0) return out;
  await db.run(sql('candidates_table'));
  const keys: [number, string, string, number][] = [];
  ranges.forEach((r, i) => {
    for (let day = r.dayFrom; day <= r.dayTo; day++) keys.push([i, r.topic, r.seriesUid, day]);
  });
  await db.append('hs_candidates', keys);
  const rows = await db.all<{
    key: number;
    id: string;
    outlet: string;
    ms: number;
    hour: number;
    day: number;
    story: string;
    negative: boolean;
    named_uid: string;
    classification: number;
    topics: string[];
  }>(sql('candidate_docs'));
  for (const r of rows) {
    out[r.key]!.push({
      id: r.id,
      outlet: r.outlet,
      ms: r.ms,
      hour: r.hour,
      day: r.day,
      story: r.story,
      negative: r.negative,
      namedUid: r.named_uid,
      classification: r.classification,
      topics: r.topics,
    });
  }
  return out;
}

/** Remove the temp tables `countSeries` made. */
export async function dropCounts(db: Db): Promise<void> {
  await db.run(sql('drop'));
}
