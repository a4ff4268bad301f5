import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveScope, withScopedDb } from '../../data/access.ts';
import { archiveDocuments, restoreArchive } from '../../data/archive.ts';
import { refreshDailyCounts } from '../../data/daily-counts.ts';
import type { Db } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { parseTime, toLocalIso } from '../../data/time.ts';
import { tempDir } from '../helpers/temp.ts';
import { NOW, login, makeFixture, type Agent, type Fixture, type UserName } from './fixtures.ts';

const direct = readSqlFile(new URL('./overview-direct.sql', import.meta.url));
const DAY_MS = 86_400_000;
const SOME_FILTERS = ['', '?from=2026-01-01&to=2026-12-31', '?unit=24133/2025&topic=y-te'];
const READERS: UserName[] = ['admin', 'analyst1', 'leader', 'officer0', 'officer2', 'health1'];
const FILTERS = [
  '',
  '?from=2026-03-01&to=2026-03-20',
  '?from=2026-01-01&to=2026-12-31',
  '?unit=24133/2025',
  '?unit=24133/2025&topic=y-te',
  '?topic=dat-dai',
  '?unit=22015/2025&from=2026-03-15',
];

let f: Fixture;
const agents = {} as Record<UserName, Agent>;

function startOfLocalDay(date: Date): Date {
  const local = date.getTime() + 7 * 3600_000;
  return new Date(local - (local % DAY_MS) - 7 * 3600_000);
}

const iso = (d: Date | null) => (d ? toLocalIso(d) : null);

/** The overview counted straight from documents and scores, as the page did before the daily counts. */
async function directOverview(db: Db, user: UserName, query: string) {
  const params = new URLSearchParams(query);
  const scope = await resolveScope(db, f.users[user]);
  return withScopedDb(db, scope, async (scoped) => {
    const s = scoped.db;
    let to: Date;
    if (params.get('to')) to = new Date(startOfLocalDay(parseTime(params.get('to')!)!).getTime() + DAY_MS);
    else {
      const latest = (await s.one<{ latest: Date | null }>(direct('latest_day'), { now: f.clock.now }))
        ?.latest;
      to = new Date(startOfLocalDay(latest ?? f.clock.now).getTime() + DAY_MS);
    }
    const from = params.get('from')
      ? startOfLocalDay(parseTime(params.get('from')!)!)
      : new Date(to.getTime() - 30 * DAY_MS);
    const unit = params.get('unit');
    const counted = (await s.one<Record<string, unknown>>(direct('overview'), {
      from,
      to,
      unit: unit ?? null,
      topic: params.get('topic') ?? null,
    }))!;
    const freshness = (
      await s.all<{ source: string; documents: number; latest_published: Date; latest_ingested: Date }>(
        direct('freshness'),
      )
    ).map((r) => ({
      ...r,
      latest_published: iso(r.latest_published),
      latest_ingested: iso(r.latest_ingested),
    }));
    return { window: { from: iso(from), to: iso(to) }, ...counted, freshness };
  });
}

async function counted(user: UserName, query: string) {
  const response = await agents[user].get(`/api/overview${query}`);
  expect(response.status).toBe(200);
  const body = response.body as Record<string, unknown> & { freshness: Record<string, unknown>[] };
  const { window, totals, series, topics, units } = body;
  const freshness = body.freshness.map((r) => ({
    source: r.source,
    documents: r.documents,
    latest_published: r.latest_published,
    latest_ingested: r.latest_ingested,
  }));
  return { window, totals, series, topics, units, freshness };
}

async function expectSameAsDirect(filters = FILTERS): Promise<number> {
  let documents = 0;
  for (const user of READERS) {
    for (const query of filters) {
      const want = await directOverview(f.db, user, query);
      expect({ user, query, ...(await counted(user, query)) }).toEqual({ user, query, ...want });
      documents += (want as unknown as { totals: { documents: number } }).totals.documents;
    }
  }
  return documents;
}

async function addDocument(
  id: string,
  doc: {
    published: Date | null;
    locality: string | null;
    classification?: number;
    source?: string;
    outlet?: string | null;
    duplicateOf?: string;
  },
): Promise<void> {
  await f.db.run(
    `INSERT INTO documents (id, import_source, outlet, kind, url, title, text, published_at, ingested_at,
       locality_uid, lang, content_hash, classification, duplicate_of)
     VALUES ($id, $source, $outlet, 'news', NULL, $id, 'Nội dung', $published, $ingested, $locality, 'vi', $id, $c, $dup)`,
    {
      id,
      source: doc.source ?? 'fixture',
      outlet: doc.outlet === undefined ? 'Báo Đắk Lắk' : doc.outlet,
      published: doc.published,
      ingested: NOW,
      locality: doc.locality,
      c: doc.classification ?? 0,
      dup: doc.duplicateOf ?? null,
    },
  );
}

async function addScore(
  id: string,
  version: string,
  score: { sentiment: string; topics: string[]; locality: string | null; at: Date },
): Promise<void> {
  await f.db.run(
    `INSERT INTO doc_scores VALUES ($id, $version, $sentiment, 0, $topics::VARCHAR[], NULL, [], $locality, $at)`,
    { id, version, ...score },
  );
}

beforeAll(async () => {
  f = await makeFixture();
  const at = (iso: string) => parseTime(iso)!;
  // Beyond the fixture: a document never scored, an exact duplicate, one re-scored by a newer model that moved
  // it to another place and topic, one without a date, one about two topics, outlets missing and of another
  // source, one published later on the current day and one next week, one at local midnight.
  await addDocument('x-unscored', { published: at('2026-03-18T09:00'), locality: '24133/2025' });
  await addDocument('x-dup', {
    published: at('2026-03-18T09:00'),
    locality: '24133/2025',
    duplicateOf: 'x-unscored',
  });
  await addScore('x-dup', 'test-1', {
    sentiment: 'negative',
    topics: ['y-te'],
    locality: '24133/2025',
    at: NOW,
  });
  await addDocument('x-rescored', { published: at('2026-03-17T20:00'), locality: null, classification: 1 });
  await addScore('x-rescored', 'test-0', {
    sentiment: 'negative',
    topics: ['dat-dai'],
    locality: '22015/2025',
    at: at('2026-03-17T21:00'),
  });
  await addScore('x-rescored', 'test-1', {
    sentiment: 'positive',
    topics: ['y-te', 'giao-duc'],
    locality: '24133/2025',
    at: at('2026-03-18T21:00'),
  });
  await addDocument('x-nodate', { published: null, locality: '22015/2025', source: 'rss-x' });
  await addScore('x-nodate', 'test-1', {
    sentiment: 'neutral',
    topics: ['y-te'],
    locality: '22015/2025',
    at: NOW,
  });
  await addDocument('x-multi', {
    published: at('2026-03-16T08:00'),
    locality: '24136/pre2025',
    outlet: null,
  });
  await addScore('x-multi', 'test-1', {
    sentiment: 'negative',
    topics: ['dat-dai', 'y-te'],
    locality: '24136/pre2025',
    at: NOW,
  });
  await addDocument('x-later-today', {
    published: at('2026-03-20T18:00'),
    locality: '22015/2025',
    source: 'rss-x',
  });
  await addDocument('x-next-week', { published: at('2026-03-27T08:00'), locality: '24133/2025' });
  await addDocument('x-midnight', { published: at('2026-03-19T00:00'), locality: null, outlet: null });
  await addScore('x-midnight', 'test-1', {
    sentiment: 'negative',
    topics: ['gia-ca'],
    locality: null,
    at: NOW,
  });
  await refreshDailyCounts(f.db);
  for (const user of READERS) agents[user] = (await login(f.app, user)).agent;
});
afterAll(() => f.db.close());

describe('overview from the daily counts', () => {
  it('equals a direct count of the documents for users of every scope and for every filter', async () => {
    expect(await expectSameAsDirect()).toBeGreaterThan(100);
    const officer = await counted('officer0', '?from=2026-01-01&to=2026-12-31');
    const health = await counted('health1', '?from=2026-01-01&to=2026-12-31');
    const admin = await counted('admin', '?from=2026-01-01&to=2026-12-31');
    const n = (o: { totals: unknown }) => (o.totals as { documents: number }).documents;
    expect(n(officer)).toBeLessThan(n(admin));
    expect(n(health)).toBeLessThan(n(admin));
  });

  it('stays equal after a re-scoring, new documents, an archive run and a restore', async () => {
    const before = await counted('health1', '?from=2026-01-01&to=2026-12-31');
    await addScore('d-0-here-dat-dai', 'test-2', {
      sentiment: 'negative',
      topics: ['y-te'],
      locality: '24133/2025',
      at: new Date(NOW.getTime() + 60_000),
    });
    const rescored = await refreshDailyCounts(f.db, { ids: ['d-0-here-dat-dai'] });
    expect(rescored.days).toHaveLength(1);
    const after = await counted('health1', '?from=2026-01-01&to=2026-12-31');
    expect((after.totals as { documents: number }).documents).toBe(
      (before.totals as { documents: number }).documents + 1,
    );
    await expectSameAsDirect(SOME_FILTERS);

    await addDocument('x-new', { published: parseTime('2026-02-25T10:00')!, locality: '22015/2025' });
    await addScore('x-new', 'test-1', {
      sentiment: 'positive',
      topics: ['y-te'],
      locality: '22015/2025',
      at: NOW,
    });
    expect((await refreshDailyCounts(f.db)).days).toEqual(['2026-02-25']);
    expect((await refreshDailyCounts(f.db)).days).toEqual([]);
    await expectSameAsDirect(SOME_FILTERS);

    const dir = tempDir();
    const archived = await archiveDocuments(f.db, {
      before: parseTime('2026-03-15')!,
      now: NOW,
      dir,
      defaultDir: dir,
    });
    expect(archived.documents).toBeGreaterThan(10);
    expect((await refreshDailyCounts(f.db)).days).toEqual([]);
    await expectSameAsDirect(SOME_FILTERS);

    await restoreArchive(f.db);
    expect((await refreshDailyCounts(f.db)).days).toEqual([]);
    await expectSameAsDirect(SOME_FILTERS);
  });

  it('shows only the counts of documents the user may see through the SQL explorer', async () => {
    for (const user of ['officer0', 'health1', 'analyst1'] as const) {
      const scope = await resolveScope(f.db, f.users[user]);
      const [viaCounts, viaDocuments] = await withScopedDb(f.db, scope, async (s) => [
        (await s.db.one<{ n: number }>('SELECT sum(documents)::BIGINT AS n FROM daily_counts'))!.n,
        (await s.db.one<{ n: number }>('SELECT count(*) AS n FROM documents WHERE duplicate_of IS NULL'))!.n,
      ]);
      expect({ user, n: viaCounts }).toEqual({ user, n: viaDocuments });
    }
    const contributor = await resolveScope(f.db, f.users.contributor);
    const rows = await withScopedDb(f.db, contributor, (s) => s.db.all('SELECT * FROM daily_counts'));
    expect(rows).toEqual([]);
  });
});
