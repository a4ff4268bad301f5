/**
 * The second detector, for issues outside the taxonomy: syllable bigrams whose stories burst against their own
 * 28-day history, and stories copied by unusually many outlets, clustered by shared documents and labelled by
 * their top terms. Works per local day on the documents `countSeries` staged.
 */
import type { Db } from '../../data/db.ts';
import type { Logger } from '../../data/logger.ts';
import { localDay } from '../../data/time.ts';
import type { AlertDraft } from './assemble-alerts.ts';
import type { SeriesDoc } from './count-series.ts';
import { dayStartMs, effectiveCount } from './count-series.ts';
import type { DetectorConfig } from './detector-config.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { bindUsed } from './bind-used.ts';
import { logPoissonUpperTail } from './tail-probability.ts';
import { PHRASE_BREAKS, isContentTerm } from './top-terms.ts';
import type { UnitTree } from './unit-tree.ts';
import { PROVINCE_UID } from './unit-tree.ts';

const sql = readSqlFile(new URL('./detect-terms.sql', import.meta.url));
const HISTORY_DAYS = 28;
const MIN_HISTORY_DAYS = 7;
const MIN_LIFT = 5;
/**
 * A phrase cluster needs this many bursting phrases: one short one alone is usually a name in one story's coverage,
 * or a stock phrase ("cơ quan có thẩm quyền") that a busy day happens to repeat.
 */
const MIN_CLUSTER_PHRASES = 2;
/** One phrase of this many bursting bigrams (five syllables) is enough on its own. */
const LONG_PHRASE_BIGRAMS = 4;
/** Days just before a cluster whose topic share is compared with the history before them. */
const LEAD_DAYS = 3;

export interface TermsOptions {
  config: DetectorConfig;
  tree: UnitTree;
  firstTestDay: number;
  lastTestDay: number;
  logger?: Logger;
}

interface Burst {
  term: string;
  day: number;
  docs: number;
  past: number;
  /** Stories per document of the day's volume in the term's history (smoothed). */
  rate: number;
  logP: number;
}

interface Cluster {
  day: number;
  terms: Burst[];
  ids: Set<string>;
  /** For a copied story: outlets carrying it and the usual most (99.5th percentile). */
  copies?: { outlets: number; usual: number };
}

/** A doc of a cluster with the place it was counted at. */
interface TermDoc extends SeriesDoc {
  localityUid: string | null;
}

interface TermRange {
  from: number;
  testFrom: number;
  /** Share of the history days' documents read (hash sample); history counts are scaled back by it. */
  sample: number;
}

/**
 * The days the terms detector reads: the latest tested days holding at most half the budget, and the 28 days
 * before them, sampled down to the other half when they hold more.
 */
function chooseRange(volume: Map<number, number>, options: TermsOptions): TermRange | null {
  const { firstTestDay, lastTestDay, config } = options;
  const days = [...volume.keys()].sort((a, b) => a - b);
  if (days.length === 0) return null;
  const firstData = days[0]!;
  const docsBetween = (a: number, b: number) =>
    days.filter((d) => d >= a && d <= b).reduce((n, d) => n + volume.get(d)!, 0);
  const earliest = Math.max(firstTestDay, firstData + MIN_HISTORY_DAYS);
  if (earliest > lastTestDay) return null;
  let testFrom = earliest;
  while (testFrom < lastTestDay && docsBetween(testFrom, lastTestDay) > config.termMaxDocs / 2) testFrom++;
  if (testFrom > earliest) {
    options.logger?.warn(
      `hotspots: new-term detection covers the last ${lastTestDay - testFrom + 1} days only (more than ${config.termMaxDocs / 2} documents)`,
    );
  }
  const history = docsBetween(testFrom - HISTORY_DAYS, testFrom - 1);
  const sample = history > config.termMaxDocs / 2 ? config.termMaxDocs / 2 / history : 1;
  return { from: testFrom - HISTORY_DAYS, testFrom, sample };
}

/**
 * How far `topic`'s share of all stories rose in the `LEAD_DAYS` days before `day` against the history before
 * those (at least 1). A season setting in (school in late August, floods in October) lifts every phrase of its
 * topic; a cluster of such phrases is measured against that lift, or every season would read as a new issue.
 * The days before the cluster leave its own stories out, so an event does not cancel itself.
 */
export function topicLift(
  perDay: ReadonlyMap<number, number>,
  volume: ReadonlyMap<number, number>,
  day: number,
): number {
  const sum = (map: ReadonlyMap<number, number>, from: number, to: number) => {
    let n = 0;
    for (let d = from; d <= to; d++) n += map.get(d) ?? 0;
    return n;
  };
  const beforeFrom = day - LEAD_DAYS - HISTORY_DAYS;
  const beforeVolume = sum(volume, beforeFrom, day - LEAD_DAYS - 1);
  const recentVolume = sum(volume, day - LEAD_DAYS, day - 1);
  if (beforeVolume === 0 || recentVolume === 0) return 1;
  // Stories of the topic in the lead days against what its earlier share predicts (one pseudo-story each side).
  const predicted = (sum(perDay, beforeFrom, day - LEAD_DAYS - 1) / beforeVolume) * recentVolume;
  return Math.max(1, (sum(perDay, day - LEAD_DAYS, day - 1) + 1) / (predicted + 1));
}

/**
 * The phrases a set of bursting bigrams makes, as their lengths in bigrams: bigrams that chain (one's last syllable
 * is the next one's first) are read as one longer phrase, so the two halves of "có thẩm quyền" count once.
 * `phraseLengths(['có thẩm', 'thẩm quyền', 'giá điện'])` → `[2, 1]`.
 */
export function phraseLengths(bigrams: Iterable<string>): number[] {
  const terms = [...new Set(bigrams)];
  const parent = terms.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const byFirst = new Map<string, number[]>();
  terms.forEach((t, i) => {
    const first = t.split(' ')[0]!;
    if (byFirst.has(first)) byFirst.get(first)!.push(i);
    else byFirst.set(first, [i]);
  });
  terms.forEach((t, i) => {
    const words = t.split(' ');
    for (const j of byFirst.get(words[words.length - 1]!) ?? []) if (j !== i) parent[root(j)] = root(i);
  });
  const sizes = new Map<number, number>();
  terms.forEach((_, i) => sizes.set(root(i), (sizes.get(root(i)) ?? 0) + 1));
  return [...sizes.values()].sort((a, b) => b - a);
}

/**
 * Whether bursting bigrams say more than a stock phrase: two separate phrases, or one long enough to be a sentence
 * copied from post to post (a rumour passed on word for word) rather than a common turn of phrase.
 */
export function enoughPhrases(bigrams: Iterable<string>): boolean {
  const lengths = phraseLengths(bigrams);
  return lengths.length >= MIN_CLUSTER_PHRASES || (lengths[0] ?? 0) >= LONG_PHRASE_BIGRAMS;
}

function clusterDay(bursts: Burst[], idsOf: Map<string, string[]>): Cluster[] {
  const clusters: Cluster[] = [];
  for (const burst of [...bursts].sort((a, b) => b.docs - a.docs || (a.term < b.term ? -1 : 1))) {
    const ids = idsOf.get(`${burst.day}|${burst.term}`) ?? [];
    if (ids.length === 0) continue;
    let home: Cluster | undefined;
    for (const c of clusters) {
      const shared = ids.filter((id) => c.ids.has(id)).length;
      if (shared / Math.min(ids.length, c.ids.size) >= 0.6) {
        home = c;
        break;
      }
    }
    if (home) {
      home.terms.push(burst);
      for (const id of ids) home.ids.add(id);
    } else clusters.push({ day: burst.day, terms: [burst], ids: new Set(ids) });
  }
  return clusters;
}

function placeOf(tree: UnitTree, docs: TermDoc[]): { seriesUid: string | null; level: number | null } {
  const located = docs.filter((d) => d.localityUid && tree.byLocality.has(d.localityUid));
  if (located.length === 0) return { seriesUid: null, level: null };
  for (const level of [3, 2, 1]) {
    const votes = new Map<string, number>();
    for (const d of located) {
      for (const m of tree.byLocality.get(d.localityUid!)!) {
        if (m.level === level) votes.set(m.seriesUid, (votes.get(m.seriesUid) ?? 0) + 1);
      }
    }
    const best = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best && best[1] >= 0.5 * located.length) return { seriesUid: best[0], level };
  }
  return { seriesUid: PROVINCE_UID, level: 1 };
}

/**
 * The first day by whose close the clusters of one linked group, with their documents up to that day, make an
 * emerging issue: two bursting phrases (or one long one) or one widely copied story, and enough stories, outlets
 * and negative share among the documents that carry it. Outside a copied story, a document counts only when it
 * holds two of the phrases (or the long one) itself: posts that share one common phrase with the rest are not
 * near-similar documents. Null when they never do.
 */
function firstPassingDay(
  clusters: readonly Cluster[],
  members: readonly TermDoc[],
  supporting: ReadonlySet<string>,
  config: DetectorConfig,
) {
  const days = [...new Set(clusters.map((c) => c.day))].sort((a, b) => a - b);
  for (const day of days) {
    const upTo = clusters.filter((c) => c.day <= day);
    const copied = upTo.some((c) => c.copies);
    if (!copied && !enoughPhrases(upTo.flatMap((c) => c.terms.map((t) => t.term)))) continue;
    const { count, outlets, negShare } = effectiveCount(
      members.filter((d) => d.day <= day && (copied || supporting.has(d.id))),
      config.capPerOutlet[3] ?? 2,
    );
    if (outlets >= config.termMinOutlets && count >= config.termMinDocs && negShare >= config.minNegShare)
      return day;
  }
  return null;
}

/** Drafts of the terms detector over the tested days (see the file comment). */
export async function detectTermBursts(db: Db, options: TermsOptions): Promise<AlertDraft[]> {
  const { config, tree } = options;
  const volumeRows = await db.all<{ day: number; n: number }>(sql('day_volume'));
  const volume = new Map(volumeRows.map((r) => [r.day, r.n]));
  const range = chooseRange(volume, options);
  if (!range) return [];
  try {
    const params = {
      chars: config.termTextChars,
      breaks: `${PHRASE_BREAKS}\n\r\t`,
      bars: `${'|'.repeat([...PHRASE_BREAKS].length)}   `,
      day_from: range.from,
      day_to: options.lastTestDay,
      test_from: range.testFrom,
      sample_per_10000: Math.ceil(range.sample * 10_000),
      min_docs: config.termMinDocs,
      min_outlets: config.termMinOutlets + 2,
    };
    await db.run(sql('term_docs'), bindUsed(sql('term_docs'), params));
    await db.run(sql('term_counts'));
    const topicDays = new Map<string, Map<number, number>>();
    for (const r of await db.all<{ day: number; topic: string; n: number }>(sql('topic_volume'))) {
      const days = topicDays.get(r.topic) ?? new Map<number, number>();
      days.set(r.day, r.n);
      topicDays.set(r.topic, days);
    }
    const termsPerDay = new Map(
      (await db.all<{ day: number; n: number }>(sql('terms_per_day'))).map((r) => [r.day, r.n]),
    );
    const rows = await db.all<{ term: string; day: number; docs: number; past: number }>(
      sql('term_bursts'),
      bindUsed(sql('term_bursts'), params),
    );
    const bursts: Burst[] = [];
    for (const row of rows) {
      if (!isContentTerm(row.term)) continue;
      let pastVolume = 0;
      let pastDays = 0;
      for (let d = row.day - HISTORY_DAYS; d < row.day; d++) {
        if (d < range.from) continue;
        pastDays++;
        pastVolume += volume.get(d) ?? 0;
      }
      if (pastDays < MIN_HISTORY_DAYS || pastVolume === 0) continue;
      const rate = (row.past / range.sample + 0.5) / pastVolume;
      const expected = rate * (volume.get(row.day) ?? 0);
      if (row.docs < MIN_LIFT * expected) continue;
      const logP = logPoissonUpperTail(row.docs, expected);
      if (logP > Math.log(config.termAlpha / Math.max(1, termsPerDay.get(row.day) ?? 1))) continue;
      bursts.push({ term: row.term, day: row.day, docs: row.docs, past: row.past, rate, logP });
    }

    const clusters: Cluster[] = [];
    /** The bursting bigrams each document (story key) holds. */
    const termsOfKey = new Map<string, Set<string>>();
    if (bursts.length > 0) {
      await db.run(sql('burst_table'));
      await db.append(
        'hs_term_bursts',
        bursts.map((b) => [b.term, b.day]),
      );
      const lists = await db.all<{ term: string; day: number; ids: string[] }>(sql('burst_docs'));
      const idsOf = new Map(lists.map((l) => [`${l.day}|${l.term}`, l.ids]));
      for (const l of lists) {
        for (const id of l.ids) termsOfKey.set(id, (termsOfKey.get(id) ?? new Set()).add(l.term));
      }
      const byDay = new Map<number, Burst[]>();
      for (const b of bursts) byDay.set(b.day, [...(byDay.get(b.day) ?? []), b]);
      for (const day of [...byDay.keys()].sort((a, b) => a - b))
        clusters.push(...clusterDay(byDay.get(day)!, idsOf));
    }
    const stories = await db.all<{ day: number; outlets: number; usual: number; ids: string[] }>(
      sql('story_bursts'),
      bindUsed(sql('story_bursts'), params),
    );
    for (const s of stories) {
      clusters.push({
        day: s.day,
        terms: [],
        ids: new Set(s.ids),
        copies: { outlets: s.outlets, usual: s.usual },
      });
    }
    if (clusters.length === 0) return [];

    const allIds = [...new Set(clusters.flatMap((c) => [...c.ids]))];
    await db.run(sql('ids_table'));
    await db.append(
      'hs_term_ids',
      allIds.map((id) => [id]),
    );
    const docRows = await db.all<{
      key: string;
      id: string;
      outlet: string;
      ms: number;
      hour: number;
      day: number;
      story: string;
      negative: boolean;
      locality_uid: string | null;
      topics: string[];
      classification: number;
    }>(sql('id_docs'));
    const docs = new Map<string, TermDoc[]>();
    for (const r of docRows) {
      const list = docs.get(r.key) ?? [];
      list.push({
        id: r.id,
        outlet: r.outlet,
        ms: r.ms,
        hour: r.hour,
        day: r.day,
        story: r.story,
        negative: r.negative,
        namedUid: '',
        classification: r.classification,
        localityUid: r.locality_uid,
        topics: r.topics,
      });
      docs.set(r.key, list);
    }

    const linked: { clusters: Cluster[]; lastDay: number; terms: Set<string>; ids: Set<string> }[] = [];
    for (const c of [...clusters].sort((a, b) => a.day - b.day)) {
      const terms = new Set(c.terms.map((t) => t.term));
      const open = linked.find(
        (l) =>
          c.day - l.lastDay <= config.mergeGapDays &&
          ([...terms].some((t) => l.terms.has(t)) ||
            [...c.ids].filter((id) => l.ids.has(id)).length >= 0.5 * c.ids.size),
      );
      if (open) {
        open.clusters.push(c);
        open.lastDay = Math.max(open.lastDay, c.day);
        for (const t of terms) open.terms.add(t);
        for (const id of c.ids) open.ids.add(id);
      } else linked.push({ clusters: [c], lastDay: c.day, terms, ids: new Set(c.ids) });
    }

    const drafts: AlertDraft[] = [];
    for (const group of linked) {
      const byId = new Map<string, TermDoc>();
      for (const key of group.ids) for (const d of docs.get(key) ?? []) byId.set(d.id, d);
      const members = [...byId.values()].sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1));
      const supporting = new Set<string>();
      for (const key of group.ids) {
        const own = [...(termsOfKey.get(key) ?? [])].filter((t) => group.terms.has(t));
        if (enoughPhrases(own)) for (const d of docs.get(key) ?? []) supporting.add(d.id);
      }
      const detectedDay = firstPassingDay(group.clusters, members, supporting, config);
      if (detectedDay === null) continue;
      const { count, outlets } = effectiveCount(members, config.capPerOutlet[3] ?? 2);
      const place = placeOf(tree, members);
      for (const d of members) {
        const mapping = d.localityUid
          ? tree.byLocality.get(d.localityUid)?.find((m) => m.seriesUid === place.seriesUid)
          : undefined;
        d.namedUid = mapping?.namedUid ?? '';
      }
      const topicVotes = new Map<string, number>();
      for (const d of members) for (const t of d.topics) topicVotes.set(t, (topicVotes.get(t) ?? 0) + 1);
      const topTopic = [...topicVotes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      const termStats = new Map<string, Burst>();
      for (const c of group.clusters) {
        for (const t of c.terms) {
          const prev = termStats.get(t.term);
          if (!prev || t.docs > prev.docs) termStats.set(t.term, t);
        }
      }
      const ranked = [...termStats.values()].sort((a, b) => b.docs - a.docs || (a.term < b.term ? -1 : 1));
      const firstDay = Math.min(...group.clusters.map((c) => c.day));
      const lastDay = Math.max(...group.clusters.map((c) => c.day));
      let dayVolume = 0;
      for (let d = firstDay; d <= lastDay; d++) dayVolume += volume.get(d) ?? 0;
      const copies = group.clusters.find((c) => c.copies)?.copies;
      const topic = topTopic && topTopic[1] >= 0.5 * members.length ? topTopic[0] : null;
      const lift = topic === null ? 1 : topicLift(topicDays.get(topic) ?? new Map(), volume, firstDay);
      const observed = ranked.length > 0 ? count : (copies?.outlets ?? outlets);
      const expected =
        ranked.length > 0 ? ranked[0]!.rate * dayVolume * lift : Math.max(1, copies?.usual ?? 1);
      const clusterLogP = logPoissonUpperTail(observed, expected);
      const hypotheses = Math.max(1, termsPerDay.get(firstDay) ?? 1);
      if (ranked.length > 0 && clusterLogP > Math.log(config.termAlpha / hypotheses)) continue;
      const dayCounts = new Map<number, number>();
      for (const d of members) dayCounts.set(d.day, (dayCounts.get(d.day) ?? 0) + 1);
      drafts.push({
        detector: 'terms',
        granularity: 'day',
        topic,
        seriesIndex: null,
        seriesUid: place.seriesUid,
        level: place.level,
        channel: 'stories',
        stories: { count: observed, expected },
        startMs: dayStartMs(firstDay),
        endMs: dayStartMs(lastDay + 1),
        detectedAtMs: dayStartMs(detectedDay + 1),
        alpha: config.termAlpha,
        docs: members,
        count: observed,
        expected,
        logP: clusterLogP,
        size: Number.POSITIVE_INFINITY,
        topTerms: ranked.slice(0, 8).map((r) => r.term),
        terms: ranked.slice(0, 10).map((r) => ({ term: r.term, documents: r.docs, history: r.past })),
        spread: [],
        alsoElevated: [],
        merged: [],
        watchId: null,
        series: [...Array(lastDay - firstDay + 1).keys()].map((i) => ({
          day: localDay(new Date(dayStartMs(firstDay + i))),
          count: dayCounts.get(firstDay + i) ?? 0,
          expected: 0,
        })),
      });
    }
    return drafts;
  } finally {
    await db.run(sql('drop'));
  }
}
