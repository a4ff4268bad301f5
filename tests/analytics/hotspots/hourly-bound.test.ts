import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountData } from '../../../analytics/hotspots/count-series.ts';
import { countSeries, dayNumber, dropCounts } from '../../../analytics/hotspots/count-series.ts';
import type { DetectorConfig } from '../../../analytics/hotspots/detector-config.ts';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import type { HourlyCounts } from '../../../analytics/hotspots/hourly-bound.ts';
import { hourlyCandidates, loadHourlyCounts } from '../../../analytics/hotspots/hourly-bound.ts';
import type { FlaggedWindow, RunningCandidate } from '../../../analytics/hotspots/scan-running.ts';
import {
  candidateChunks,
  lookbackDays,
  runningCandidates,
  scanCandidates,
} from '../../../analytics/hotspots/scan-running.ts';
import type { ScanOptions, ScanState } from '../../../analytics/hotspots/scan-series.ts';
import { scanDays } from '../../../analytics/hotspots/scan-series.ts';
import { loadUnitTree } from '../../../analytics/hotspots/unit-tree.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, burst, communes, hotspotDb, insertDocs, rng } from './fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');
const DAYS = 40;
const NOW = new Date(START.getTime() + DAYS * DAY_MS);
const at = (day: number, hour: number) => new Date(START.getTime() + day * DAY_MS + hour * HOUR_MS);

/**
 * Bursts inside days, of every size from barely-there to plain: a few stories within an hour, some spread over
 * half a day, some from one outlet repeating itself, some carried again as near copies by other outlets.
 */
function bursts(places: readonly string[]): SynthDoc[] {
  const random = rng(41);
  const topics = ['dat-dai', 'moi-truong', 'y-te', 'giao-thong'];
  const docs: SynthDoc[] = [];
  for (let k = 0; k < 24; k++) {
    const id = `burst${k}`;
    const one = burst({
      id,
      start: at(12 + Math.floor(random() * 27), random() * 22),
      hours: [0.5, 2, 6, 12][k % 4]!,
      count: 2 + Math.floor(random() * 7),
      outlets: k % 5 === 0 ? 1 : 2 + Math.floor(random() * 4),
      locality: places[Math.floor(random() * places.length)]!,
      topic: topics[k % topics.length]!,
    });
    docs.push(...one);
    if (k % 3 === 0) {
      docs.push(
        ...one.slice(0, 3).map((d, j) => ({
          ...d,
          id: `${d.id}-copy`,
          outlet: `copier-${j}`,
          publishedAt: new Date(d.publishedAt!.getTime() + 20 * 60_000),
          nearDuplicateOf: d.id,
        })),
      );
    }
  }
  return docs;
}

interface Staged {
  state: ScanState;
  options: ScanOptions;
  hourly: HourlyCounts;
}

/** Count and scan the database as `detectHotspots` does, with hourly buckets and `config`. */
async function stage(db: Db, config: DetectorConfig): Promise<Staged> {
  const tree = await loadUnitTree(db);
  const topics = (await db.all<{ id: string }>('SELECT id FROM topics')).map((t) => t.id);
  const startDay = dayNumber(START.getTime());
  const counts: CountData = await countSeries(db, tree, config, {
    startDay,
    endDay: startDay + DAYS - 1,
    future: NOW,
    topics,
    watch: [],
  });
  const options: ScanOptions = {
    config,
    firstTestDay: startDay,
    lastTestDay: startDay + DAYS - 1,
    weights: counts.series.map(() => ({ weight: 1, minCountFactor: 1, watchId: null, dismissedDays: [] })),
    unitsByLevel: new Map([...tree.seriesByLevel].map(([level, list]) => [level, list.length])),
    topicCount: topics.length,
  };
  const { state } = scanDays(counts, options);
  const hourly = await loadHourlyCounts(db, counts, startDay + state.firstTest - lookbackDays(config));
  return { state, options, hourly };
}

const key = (series: number, day: number) => `${series}/${day}`;
describe('the hourly pre-filter', () => {
  let db: Db;

  beforeAll(async () => {
    db = await hotspotDb();
    const places = await communes(db, 3);
    await insertDocs(db, background({ start: START, days: DAYS, perDay: 150, seed: 29, places }));
    await insertDocs(db, bursts(places.slice(0, 12)));
  });
  afterAll(() => db.close());

  /** Every series-day with documents, for the hour-scale windows alone: what the pre-filter must cover. */
  const everyDay = ({ state, hourly }: Staged): RunningCandidate[] =>
    state.counts.series.flatMap((s) =>
      [...new Set([...(hourly[s.index]?.hours ?? [])].map((h) => Math.floor(h / 24)))]
        .filter((day) => day >= state.firstTest && day <= state.lastTest)
        .map((day) => ({ series: s.index, day, dayScale: false, hourScale: true })),
    );

  for (const [name, overrides] of [
    ['the defaults', {}],
    [
      'a lax configuration that flags many borderline windows',
      { alpha: 5, hourlyAlphaFactor: 1, minCount: { 1: 2, 2: 2, 3: 2 }, minRatio: 1, minOutlets: 1 },
    ],
  ] as const) {
    it(`never drops a series-day the running test flags (${name}), and passes few others`, async () => {
      const config = resolveConfig({ granularity: 'hour', ...overrides });
      try {
        const staged = await stage(db, config);
        const all = everyDay(staged);
        const flagged = await scanCandidates(db, staged.state, staged.options, all);
        const flaggedKeys = new Set(
          flagged.map((w) => key(w.series.index, dayNumber(w.endMs - 1) - staged.state.counts.day0)),
        );
        const passed = new Set(
          hourlyCandidates(staged.state, staged.options, staged.hourly).map((c) => key(c.series, c.day)),
        );
        expect(flaggedKeys.size).toBeGreaterThan(0);
        for (const k of flaggedKeys) expect(passed.has(k), `flagged ${k} dropped`).toBe(true);
        // Tight as well as valid: most days with documents never come near the threshold.
        expect(passed.size).toBeLessThan(0.1 * all.length);
        expect(passed.size).toBeLessThanOrEqual(3 * flaggedKeys.size + 20);
      } finally {
        await dropCounts(db);
      }
    });
  }

  it('flags the same windows reading the documents in chunks as all at once', async () => {
    const config = resolveConfig({
      granularity: 'hour',
      alpha: 5,
      hourlyAlphaFactor: 1,
      minCount: { 1: 2, 2: 2, 3: 2 },
      minRatio: 1,
    });
    try {
      const staged = await stage(db, config);
      const { state, options } = staged;
      const candidates = runningCandidates(state, options, [], staged.hourly);
      expect(candidateChunks(state, config, candidates, 50).length).toBeGreaterThan(3);
      const whole = await scanCandidates(db, state, options, candidates, Number.POSITIVE_INFINITY);
      const chunked = await scanCandidates(db, state, options, candidates, 50);
      const view = (w: FlaggedWindow) => [
        w.series.index,
        w.channel,
        w.startMs,
        w.endMs,
        w.detectedAtMs,
        w.count,
      ];
      expect(whole.length).toBeGreaterThan(0);
      expect(chunked.map(view)).toEqual(whole.map(view));
    } finally {
      await dropCounts(db);
    }
  });
});
