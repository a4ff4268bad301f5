import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import { storeAlerts } from '../../../analytics/hotspots/store-alerts.ts';
import {
  listWatchTopics,
  proposeWatchTopic,
  setWatchTopicActive,
} from '../../../analytics/hotspots/watch-topics.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, communes, hotspotDb, insertDocs } from './fixtures.ts';

const START = new Date('2026-05-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 25 * DAY_MS);
const PLACE = '24163/2025';

function landslide(day: number, n: number, topics: string[]): SynthDoc[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `ls-${day}-${k}`,
    outlet: `nhóm-${k}`,
    publishedAt: new Date(START.getTime() + day * DAY_MS + (6 + k) * HOUR_MS),
    locality: PLACE,
    topics,
    sentiment: 'negative' as const,
    text: `Nứt đất và sạt lở sau mưa ở thôn ${k}, dân sợ lắm`,
  }));
}

describe('watch topics and topic sensitivity', () => {
  let db: Db;
  beforeAll(async () => {
    db = await hotspotDb();
    const places = await communes(db, 4);
    await insertDocs(db, background({ start: START, days: 25, perDay: 80, seed: 3, places }));
    await insertDocs(db, landslide(20, 2, []));
    await insertDocs(db, landslide(22, 2, ['thien-tai']));
  });
  afterAll(() => db.close());

  it('a query watch topic counts matching documents as its own series, at a lower bar', async () => {
    expect(
      (await detectHotspots(db, { now: NOW, store: false })).some((a) => a.docIds.includes('ls-20-0')),
    ).toBe(false);
    await db.run(
      `INSERT INTO watch_topics (id, name, query, threshold_factor, proposed_by)
       VALUES ('sat-lo', 'Sạt lở đất', '"sạt lở" OR "nứt đất"', 0.5, 'Sở Nông nghiệp và Môi trường')`,
    );
    const alerts = await detectHotspots(db, { now: NOW, store: false });
    const watched = alerts.find((a) => a.topic === 'watch:sat-lo' && a.docIds.includes('ls-20-0'));
    expect(watched).toBeDefined();
    expect(watched!.label).toBe('Chủ đề theo dõi: Sạt lở đất');
    expect(watched!.explanation.watch_topic).toBe('sat-lo');
    expect(watched!.explanation.severity_factors.watch_topic).toBe(10);
    await db.run('DELETE FROM watch_topics');
  });

  it('a watch topic on a taxonomy topic and unit lowers the bar there only', async () => {
    const find = async () =>
      (await detectHotspots(db, { now: NOW, store: false })).find(
        (a) => a.topic === 'thien-tai' && a.docIds.includes('ls-22-0'),
      );
    expect(await find()).toBeUndefined();
    await db.run(
      `INSERT INTO watch_topics (id, name, topic_id, unit_uid, threshold_factor) VALUES ('tt', 'Thiên tai', 'thien-tai', '24163/2025', 0.5)`,
    );
    expect(await find()).toBeDefined();
    await db.run(`UPDATE watch_topics SET unit_uid = '24490/2025'`);
    expect(await find()).toBeUndefined();
    await db.run('DELETE FROM watch_topics');
  });

  it('a unit\u2019s proposal is tested from the next run, counts its alerts, and stops when switched off', async () => {
    const proposed = await proposeWatchTopic(
      db,
      'form',
      { name: 'Nứt đất, sạt lở', query: '"sạt lở" OR "nứt đất"', threshold_factor: '0.5' },
      { proposer: 'so-nong-nghiep-moi-truong', now: NOW },
    );
    expect(proposed).toMatchObject({
      id: 'w-1',
      proposed_by_name: 'Sở Nông nghiệp và Môi trường',
      active: true,
      alerts: 0,
    });
    const watched = () =>
      detectHotspots(db, { now: NOW }).then((alerts) => alerts.filter((a) => a.topic === 'watch:w-1'));
    expect((await watched()).length).toBeGreaterThan(0);
    expect((await listWatchTopics(db, { id: 'w-1' }))[0]!.alerts).toBeGreaterThan(0);
    await setWatchTopicActive(db, 'w-1', false);
    await db.run('DELETE FROM alerts');
    expect(await watched()).toEqual([]);
    await db.run('DELETE FROM watch_topics');
  });

  it('refuses a proposal naming the field at fault', async () => {
    const propose = (body: Record<string, unknown>) =>
      proposeWatchTopic(db, 'POST /api/watch-topics', body, { proposer: 'so-y-te', now: NOW });
    await expect(propose({ query: 'sốt xuất huyết' })).rejects.toThrow(
      'POST /api/watch-topics: name: required',
    );
    await expect(propose({ name: ['a', 'b'], query: 'x' })).rejects.toThrow('name: expected text');
    await expect(propose({ name: 'x' })).rejects.toThrow('query: give a keyword query or a topic to watch');
    await expect(propose({ name: 'x', query: '"sốt xuất huyết AND' })).rejects.toThrow(
      /query: invalid query/,
    );
    await expect(propose({ name: 'x', topic_id: 'bong-da' })).rejects.toThrow(
      'topic_id: unknown topic "bong-da"',
    );
    await expect(propose({ name: 'x', topic_id: 'y-te', unit_uid: '1/2025' })).rejects.toThrow(
      'unit_uid: unknown unit',
    );
    await expect(propose({ name: 'x', topic_id: 'y-te', threshold_factor: '0.01' })).rejects.toThrow(
      'threshold_factor: invalid bar "0.01"',
    );
    expect(await listWatchTopics(db)).toEqual([]);
  });

  it('a higher topic sensitivity makes flagging easier and raises the score', async () => {
    await db.run(`INSERT INTO topic_settings VALUES ('thien-tai', 20)`);
    const alert = (await detectHotspots(db, { now: NOW, store: false })).find((a) =>
      a.docIds.includes('ls-22-0'),
    );
    expect(alert?.explanation.severity_factors.sensitivity).toBe(20);
    expect(alert?.severity).toBe('khẩn');
    await db.run('DELETE FROM topic_settings');
  });

  it('stores an alert that continues an earlier one of the same series under the earlier id', async () => {
    await db.run(`INSERT INTO topic_settings VALUES ('thien-tai', 20)`);
    const first = (await detectHotspots(db, { now: NOW, store: false })).find((a) =>
      a.docIds.includes('ls-22-0'),
    )!;
    await db.run('DELETE FROM topic_settings');
    const earlier = {
      ...first,
      id: 'hs-earlier',
      firstSeen: new Date(first.firstSeen.getTime() - DAY_MS),
      status: 'dismissed' as const,
    };
    await storeAlerts(db, [earlier], 2);
    const [stored] = await storeAlerts(db, [first], 2);
    expect(stored!.id).toBe('hs-earlier');
    expect(stored!.status).toBe('dismissed');
    expect(stored!.firstSeen).toEqual(earlier.firstSeen);
    expect((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM alerts'))!.n).toBe(1);
  });
});
