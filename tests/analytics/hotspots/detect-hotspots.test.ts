import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsToJson, formatAlertsText } from '../../../analytics/hotspots/alerts-to-json.ts';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import type { Db } from '../../../data/db.ts';
import { memoryLogger } from '../../../data/logger.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, burst, communes, hotspotDb, insertDocs } from './fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 40 * DAY_MS);
const at = (day: number, hour = 8) => new Date(START.getTime() + day * DAY_MS + hour * HOUR_MS);

/** Ea Yông, a commune dissolved on 1 July 2025 into Xã Krông Pắc (24490/2025). */
const OLD_COMMUNE = '24508/pre2025';
const SPAM_COMMUNE = '24163/2025';
const NOWHERE_TEXT = 'nghe nói sắp có bão lửa thiêu rụi cả vùng cao nguyên';

function spammerDocs(): SynthDoc[] {
  const docs: SynthDoc[] = [];
  for (let k = 0; k < 40; k++) {
    docs.push({
      id: `spam-${k}`,
      outlet: 'Trang rác 24h',
      publishedAt: at(25, 1 + k * 0.5),
      locality: SPAM_COMMUNE,
      topics: ['gia-ca'],
      sentiment: 'negative',
      text: `giá cả leo thang không ai chịu nổi lần thứ ${k}`,
    });
  }
  for (let k = 0; k < 20; k++) {
    docs.push({
      id: `spam-copy-${k}`,
      outlet: 'Trang rác 24h',
      publishedAt: at(25, 2 + k * 0.5),
      locality: SPAM_COMMUNE,
      topics: ['gia-ca'],
      sentiment: 'negative',
      text: 'giá cả leo thang không ai chịu nổi lần thứ 0',
      duplicateOf: 'spam-0',
    });
  }
  docs.push({
    id: 'spam-other-outlet',
    outlet: 'Báo khác',
    publishedAt: at(25, 20),
    locality: SPAM_COMMUNE,
    topics: ['gia-ca'],
    sentiment: 'negative',
    text: 'giá thịt heo tăng nhẹ tại chợ phường',
  });
  return docs;
}

function badInput(): SynthDoc[] {
  return [
    ...burst({
      id: 'nowhere',
      start: at(20),
      hours: 10,
      count: 12,
      outlets: 6,
      locality: '66/2025',
      topic: 'an-ninh',
    }).map((d) => ({ ...d, locality: null })),
    ...burst({
      id: 'future',
      start: new Date(NOW.getTime() + 5 * DAY_MS),
      hours: 10,
      count: 12,
      outlets: 6,
      locality: OLD_COMMUNE,
      topic: 'y-te',
    }),
    ...burst({
      id: 'ancient',
      start: new Date('1999-06-01T00:00:00+07:00'),
      hours: 10,
      count: 12,
      outlets: 6,
      locality: OLD_COMMUNE,
      topic: 'y-te',
    }),
    {
      id: 'undated',
      outlet: 'x',
      publishedAt: null,
      locality: OLD_COMMUNE,
      topics: ['y-te'],
      sentiment: 'negative',
      text: 'không ngày',
    },
    ...burst({
      id: 'notices',
      start: at(33),
      hours: 8,
      count: 12,
      outlets: 6,
      locality: '24121/2025',
      topic: 'nuoc-sinh-hoat',
      negative: 0,
      phrase: 'thông báo tạm ngừng cấp nước để bảo trì đường ống',
    }),
  ];
}

function unlabelled(): SynthDoc[] {
  return Array.from({ length: 10 }, (_, k) => ({
    id: `rumour-${k}`,
    outlet: `nhóm-${k % 5}`,
    publishedAt: at(36, 2 + k),
    locality: null,
    topics: [],
    sentiment: 'negative' as const,
    text: `${NOWHERE_TEXT}, mọi người cẩn thận nha, tin số ${k}`,
  }));
}

describe('detectHotspots on a synthetic province', () => {
  let db: Db;
  let alerts: Alert[];
  const logger = memoryLogger();

  beforeAll(async () => {
    db = await hotspotDb();
    const places = await communes(db, 3);
    await insertDocs(db, background({ start: START, days: 40, perDay: 120, seed: 7, places }));
    await insertDocs(
      db,
      burst({
        id: 'ev',
        start: at(30),
        hours: 30,
        count: 16,
        outlets: 8,
        locality: OLD_COMMUNE,
        topic: 'dat-dai',
      }),
    );
    await insertDocs(db, spammerDocs());
    await insertDocs(db, badInput());
    await insertDocs(db, unlabelled());
    alerts = await detectHotspots(db, { now: NOW, logger });
  });
  afterAll(() => db.close());

  const topicAlerts = () => alerts.filter((a) => a.detector === 'topic');

  it('finds the injected event and names it as the documents do, with its successor today', () => {
    const event = topicAlerts().find((a) => a.topic === 'dat-dai' && a.unitUid === OLD_COMMUNE);
    expect(event).toBeDefined();
    expect(event!.currentUid).toBe('24490/2025');
    expect(event!.explanation.unit?.path).toEqual(['Tỉnh Đắk Lắk', 'Huyện Krông Pắc', 'Xã Ea Yông']);
    expect(event!.docIds.filter((id) => id.startsWith('ev-')).length).toBe(16);
    expect(event!.firstSeen.getTime()).toBeGreaterThanOrEqual(at(30, 0).getTime());
    expect(event!.detectedAt.getTime()).toBeLessThan(at(31, 14).getTime());
    expect(event!.count).toBeGreaterThan(event!.expected * 10);
    expect(event!.pValue).toBeLessThan(1e-6);
    expect(event!.explanation.series.length).toBeGreaterThan(10);
    expect(event!.explanation.representative_doc_ids.length).toBeGreaterThan(0);
    expect(event!.topTerms.join(' ')).toMatch(/cá chết|chết trắng|bức xúc/);
  });

  it('raises nothing else from the background', () => {
    const others = topicAlerts().filter((a) => !a.docIds.some((id) => id.startsWith('ev-')));
    expect(others.map((a) => `${a.topic}@${a.unitUid}`)).toEqual([]);
  });

  it('does not let one outlet make a hot spot, however many posts or copies', () => {
    expect(alerts.filter((a) => a.docIds.some((id) => id.startsWith('spam-')))).toEqual([]);
  });

  it('ignores documents without date, before 2000 or in the future, and says so', () => {
    expect(alerts.some((a) => a.docIds.some((id) => /^(future|ancient|undated)/.test(id)))).toBe(false);
    const warning = logger.lines.find((l) => l.includes('left out'));
    expect(warning).toMatch(
      /1 documents without date, 12 documents dated before 2000, 12 documents dated in the future/,
    );
  });

  it('does not place documents without locality, and a burst of neutral notices is no hot spot', () => {
    expect(topicAlerts().some((a) => a.docIds.some((id) => id.startsWith('nowhere-')))).toBe(false);
    expect(alerts.some((a) => a.docIds.some((id) => id.startsWith('notices-')))).toBe(false);
  });

  it('reports a burst of a new phrase outside the taxonomy as an emerging issue', () => {
    const emerging = alerts.find(
      (a) => a.detector === 'terms' && a.docIds.some((id) => id.startsWith('rumour-')),
    );
    expect(emerging).toBeDefined();
    expect(emerging!.topic).toBeNull();
    expect(emerging!.unitUid).toBeNull();
    expect(emerging!.topTerms.join(' ')).toMatch(/bão lửa|thiêu rụi|cao nguyên/);
    expect(emerging!.label).toMatch(/^Vấn đề mới nổi/);
  });

  it('is idempotent: a second run over the same window stores nothing new and changes nothing', async () => {
    const before = await db.all<{ id: string; updated_at: Date }>(
      'SELECT id, updated_at FROM alerts ORDER BY id',
    );
    const again = await detectHotspots(db, { now: NOW });
    expect(again.map((a) => a.id).sort()).toEqual(alerts.map((a) => a.id).sort());
    expect(await db.all('SELECT id, updated_at FROM alerts ORDER BY id')).toEqual(before);
  });

  it('keeps the id of an alert when the window starts later', async () => {
    const event = topicAlerts().find((a) => a.topic === 'dat-dai')!;
    const later = await detectHotspots(db, { now: NOW, since: at(29) });
    expect(later.map((a) => a.id)).toContain(event.id);
    const count = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM alerts');
    expect(count!.n).toBe(alerts.length);
  });

  it('writes the CLI JSON with +07:00 times, the GSO code and the old names', () => {
    const [json] = alertsToJson(alerts.filter((a) => a.topic === 'dat-dai'));
    expect(json).toMatchObject({
      topic: 'dat-dai',
      topic_name: 'Đất đai, bồi thường và giải phóng mặt bằng',
      unit_id: '24508',
      unit_name: 'Xã Ea Yông',
      unit_path: ['Tỉnh Đắk Lắk', 'Huyện Krông Pắc', 'Xã Ea Yông'],
      current_unit: { id: '24490', uid: '24490/2025', name: 'Xã Krông Pắc' },
    });
    expect(json!.first_seen).toMatch(/^2026-03-31T\d\d:\d\d:\d\d\+07:00$/);
    expect(json!.doc_ids).toContain('ev-0');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('formats alerts as Vietnamese text with dd/mm/yyyy dates', () => {
    const text = formatAlertsText(alerts.filter((a) => a.topic === 'dat-dai'));
    expect(text).toMatch(
      /^\[(THẤP|TRUNG BÌNH|CAO|KHẨN)\] Đất đai.* — Xã Ea Yông, Huyện Krông Pắc, Tỉnh Đắk Lắk \(nay Xã Krông Pắc\)/,
    );
    expect(text).toContain('Từ 31/03/2026');
    expect(formatAlertsText([])).toBe('Không phát hiện điểm nóng nào trong khoảng thời gian này.\n');
  });
});

describe('detectHotspots edge cases', () => {
  it('returns no alerts on an empty database', async () => {
    const db = await hotspotDb();
    try {
      expect(await detectHotspots(db, { now: NOW })).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('returns no alerts when every document is in the future', async () => {
    const db = await hotspotDb();
    try {
      await insertDocs(
        db,
        burst({
          id: 'f',
          start: new Date(NOW.getTime() + DAY_MS),
          hours: 5,
          count: 20,
          outlets: 5,
          locality: OLD_COMMUNE,
          topic: 'y-te',
        }),
      );
      expect(await detectHotspots(db, { now: NOW })).toEqual([]);
    } finally {
      db.close();
    }
  });
});
