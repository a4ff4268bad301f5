import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { openDb, type Db } from '../../../data/db.ts';
import { listMigrations, migrate } from '../../../data/migrate.ts';
import { seedReference } from '../../../data/seed-reference.ts';
import { generateBriefing } from '../../../analytics/briefings/generate-briefing.ts';
import { inlineParams } from '../../../analytics/briefings/query-log.ts';
import { renderBriefingText } from '../../../analytics/briefings/render-text.ts';
import type { Briefing } from '../../../analytics/briefings/types.ts';
import { buildBriefingFixture, fixtureDocuments, FIXTURE_NOW } from './briefing-fixture.ts';
import { expectGolden } from './golden.ts';

let db: Db;
let week: Briefing;

beforeAll(async () => {
  db = await openDb(':memory:');
  await buildBriefingFixture(db);
  week = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW });
});
afterAll(() => db.close());

function inWeek(day: string): boolean {
  return day >= '2026-11-16' && day <= '2026-11-22';
}

describe('generateBriefing on the fixture', () => {
  it('matches the golden text and chart SVGs (Vietnamese, weekly)', () => {
    expectGolden('briefing-week-vi.txt', renderBriefingText(week));
    const charts = week.sections.flatMap((s) => s.charts);
    expect(charts.map((c) => c.id)).toEqual(['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5']);
    for (const chart of charts) expectGolden(`week-vi-${chart.id}.svg`, `${chart.svg}\n`);
  });

  it('matches the golden text in English and for a month', async () => {
    const en = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW, lang: 'en' });
    expectGolden('briefing-week-en.txt', renderBriefingText(en));
    const month = await generateBriefing(db, { period: 'month', from: '2026-11-01', now: FIXTURE_NOW });
    expect(month.subtitle).toBe('Tình hình dư luận xã hội tháng 11/2026');
    expectGolden('briefing-month-vi.txt', renderBriefingText(month));
  });

  it('gives the same briefing for the same data and clock', async () => {
    const again = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(week));
  });

  it('counts what the fixture holds: exact duplicates out, previous week beside it', () => {
    const docs = fixtureDocuments().filter((d) => d.duplicateOf === null);
    const current = docs.filter((d) => inWeek(d.day));
    const previous = docs.filter((d) => d.day >= '2026-11-09' && d.day <= '2026-11-15');
    const figure = (key: string) => week.figures.find((f) => f.key === key)!;
    expect(figure('documents').value).toBe(current.length);
    expect(figure('documents').previous).toBe(previous.length);
    expect(figure('originals').value).toBe(current.filter((d) => d.nearDuplicateOf === null).length);
    expect(figure('outlets').value).toBe(new Set(current.map((d) => d.outlet)).size);
    expect(figure('negative_share').value).toBeCloseTo(
      current.filter((d) => d.sentiment === 'negative').length / current.length,
      12,
    );
    expect(figure('documents').display).toBe(String(current.length));
  });

  it('lists every query, and each one re-runs with its values written in to the same rows', async () => {
    expect(week.queries.length).toBeGreaterThan(15);
    for (const q of week.queries) {
      const rows = await db.all(inlineParams(q.sql, q.params));
      expect(rows.length, `${q.id} ${q.name}`).toBe(q.rows);
    }
    const referenced = week.sections.flatMap((s) => [
      ...s.queryIds,
      ...s.charts.map((c) => c.queryId),
      ...s.tables.map((t) => t.queryId),
    ]);
    const ids = new Set(week.queries.map((q) => q.id));
    for (const id of referenced) expect(ids.has(id), id).toBe(true);
  });

  it('takes the highest classification of its sources, and leaves classified records out on request', async () => {
    expect(week.classification).toBe(1);
    expect(week.classificationLabel).toBe('Mật');
    expect(week.sections.find((s) => s.id === 'headline')!.classification).toBe(1);
    const open = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW, maxClassification: 0 });
    expect(open.classification).toBe(0);
    expect(open.id).toBe('bc-week-2026-11-16-2026-11-22-tinh-m0-vi');
    const documents = (b: Briefing) => b.figures.find((f) => f.key === 'documents')!.value;
    expect(documents(open)).toBe(documents(week)! - 1);
  });

  it('suppresses counts under 5 from reports and surveys', () => {
    const reports = week.sections.find((s) => s.id === 'reports')!;
    expect(reports.paragraphs.join(' ')).toMatch(/bức xúc \(< 5\)/);
    expect(reports.tables[0]!.rows).toContainEqual(['Y tế', '< 5']);
    const survey = week.sections.find((s) => s.id === 'surveys')!;
    const choice = survey.tables.find((t) => t.caption.startsWith('Ông/bà'))!;
    expect(choice.rows.find((r) => r[0] === 'Không biết')).toEqual([
      'Không biết',
      'không công bố',
      '—',
      '< 5',
    ]);
    expect(survey.paragraphs.join('\n')).toMatch(/Sai số tối đa \(độ tin cậy 95%\)/);
  });

  it('reports hot spots with the state of their cases', () => {
    const hotspots = week.sections.find((s) => s.id === 'hotspots')!;
    expect(hotspots.tables[0]!.rows.map((r) => r[0])).toEqual(['Môi trường', 'Y tế']);
    expect(hotspots.tables[0]!.rows[0]![5]).toBe('đang xác minh, quá hạn');
    expect(hotspots.paragraphs.at(-1)).toBe(
      'Tình hình xử lý đến thời điểm lập báo cáo: 2 vụ việc mới trong kỳ, 1 vụ việc đã giải quyết trong kỳ; còn 1 vụ việc đang xử lý, trong đó 1 quá hạn.',
    );
  });

  it('counts a misinformation candidate in the week of its document, even when it was scanned later', async () => {
    const misinfo = (b: Briefing) => b.sections.find((s) => s.id === 'misinformation')!.paragraphs[0]!;
    expect(misinfo(week)).toMatch(/^Trong tuần từ 16\/11\/2026 đến 22\/11\/2026 phát hiện 4 nội dung/);
    // A backfill: the same candidates found by a scan run after the week.
    await db.run(`UPDATE claim_candidates SET created_at = '2026-11-25T07:00:00+07:00'`);
    try {
      const later = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW });
      expect(misinfo(later)).toBe(misinfo(week));
    } finally {
      await db.run(`UPDATE claim_candidates SET created_at = '2026-11-18T16:00:00+07:00'`);
    }
  });

  it('counts old communes in their successors, a split one in both parts', () => {
    const sentiment = week.sections.find((s) => s.id === 'sentiment')!;
    const units = new Map(sentiment.tables[0]!.rows.map((r) => [r[0], Number(r[1])]));
    const current = fixtureDocuments().filter((d) => d.duplicateOf === null && inWeek(d.day));
    const count = (...uids: string[]) => current.filter((d) => uids.includes(d.locality ?? '')).length;
    expect(units.get('Phường Buôn Ma Thuột')).toBe(count('24133/2025', '24136/pre2025'));
    expect(units.get('Phường Tuy Hòa')).toBe(count('22024/pre2025'));
    expect(units.get('Phường Bình Kiến')).toBe(count('22024/pre2025'));
  });

  it('limits a unit briefing to the unit’s area (its old units included)', async () => {
    const unit = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW, unitUid: '24133' });
    expect(unit.scope).toEqual({
      unitUid: '24133/2025',
      unitName: 'Phường Buôn Ma Thuột',
      maxClassification: 3,
    });
    expect(unit.subtitle).toContain('trên địa bàn Phường Buôn Ma Thuột');
    const expected = fixtureDocuments().filter(
      (d) =>
        d.duplicateOf === null && inWeek(d.day) && ['24133/2025', '24136/pre2025'].includes(d.locality ?? ''),
    ).length;
    expect(unit.figures.find((f) => f.key === 'documents')!.value).toBe(expected);
    await expect(
      generateBriefing(db, { period: 'week', now: FIXTURE_NOW, unitUid: 'nowhere' }),
    ).rejects.toThrow('--unit: unknown unit "nowhere"');
  });

  it('refuses bad options with the option named', async () => {
    await expect(
      generateBriefing(db, { period: 'week', now: FIXTURE_NOW, from: '2026-13-01' }),
    ).rejects.toThrow('--from: invalid date "2026-13-01"');
    await expect(generateBriefing(db, { period: 'fortnight' as 'week', now: FIXTURE_NOW })).rejects.toThrow(
      '--period: invalid period "fortnight"',
    );
  });
});

describe('briefing.sql', () => {
  it('binds every statement on the fixture', async () => {
    const text = fs.readFileSync(
      new URL('../../../analytics/briefings/briefing.sql', import.meta.url),
      'utf8',
    );
    const values: Record<string, string | number | string[]> = {
      from: '2026-11-16T00:00:00+07:00',
      to: '2026-11-23T00:00:00+07:00',
      prev_from: '2026-11-09T00:00:00+07:00',
      first_day: '2026-11-16',
      last_day: '2026-11-22',
      now: '2026-11-25T08:00:00+07:00',
      since: '2026-08-25T00:00:00+07:00',
      model: 'nlp-1',
      limit: 10,
      survey: 'ks-moi-truong-2026',
      question: 'danh_gia/hai_long',
      month: '2026-11',
      previous_month: '2026-10',
      due_day: 5,
      alert: 'a-1',
      lang: 'vi',
      ids: ['d-1'],
      area: ['24133/2025'],
      topic: 'dat-dai',
      watch: 'w-1',
      version: 'nlp-8',
    };
    const statements = text.split(/^-- name: /m).slice(1);
    expect(statements.length).toBeGreaterThan(25);
    for (const part of statements) {
      const name = part.slice(0, part.indexOf('\n')).trim();
      const sql = part.slice(part.indexOf('\n') + 1);
      const used = Object.fromEntries([...sql.matchAll(/\$([a-z_]+)/g)].map((m) => [m[1]!, values[m[1]!]!]));
      const rows = await db.all(sql, used);
      expect(Array.isArray(rows), name).toBe(true);
    }
    const alerts = await db.all<{ id: string }>(
      text.split('-- name: alerts_period\n')[1]!.split('-- name:')[0]!,
      {
        from: values.from!,
        to: values.to!,
      },
    );
    expect(alerts.map((a) => a.id)).toEqual(['hs-moi-truong', 'hs-y-te']);
  });
});

describe('generateBriefing on a database without the later modules', () => {
  it('marks the sections whose tables are missing "chưa có dữ liệu" and makes the rest', async () => {
    const bare = await openDb(':memory:');
    try {
      await migrate(
        bare,
        listMigrations().filter((m) => m.version < 10),
      );
      await seedReference(bare);
      const briefing = await generateBriefing(bare, { period: 'week', now: FIXTURE_NOW });
      const byId = new Map(briefing.sections.map((s) => [s.id, s]));
      for (const id of ['hotspots', 'misinformation', 'surveys', 'reports'] as const) {
        expect(byId.get(id)!.available, id).toBe(false);
        expect(byId.get(id)!.paragraphs[0]).toMatch(/^Chưa có dữ liệu: /);
      }
      expect(byId.get('headline')!.paragraphs[0]).toBe(
        'Trong tuần từ 16/11/2026 đến 22/11/2026 chưa ghi nhận tin, bài nào (tuần trước: 0).',
      );
      expect(briefing.sections.flatMap((s) => s.charts)).toEqual([]);
      expect(briefing.classification).toBe(0);
    } finally {
      bare.close();
    }
  });
});
