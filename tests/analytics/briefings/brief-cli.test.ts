import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../../analytics/briefings/format.ts';
import { inlineParams } from '../../../analytics/briefings/query-log.ts';
import { saveSubscription } from '../../../analytics/briefings/subscriptions.ts';
import type { Briefing } from '../../../analytics/briefings/types.ts';
import { openDb } from '../../../data/db.ts';
import { runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';
import { buildBriefingFixture, FIXTURE_NOW } from './briefing-fixture.ts';

const ID = 'bc-week-2026-11-16-2026-11-22-tinh-vi';
let dbFile: string;
let out: string;
let briefing: Briefing;
let stderr: string;

/** Run one recorded query of the briefing through `dlxh sql`, as a reader of the appendix would. */
async function sqlRows(queryId: string): Promise<Record<string, unknown>[]> {
  const query = briefing.queries.find((q) => q.id === queryId)!;
  const result = await runCli([
    '--db',
    dbFile,
    'sql',
    inlineParams(query.sql, query.params),
    '--format',
    'json',
  ]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

beforeAll(async () => {
  const dir = tempDir();
  dbFile = path.join(dir, 'fixture.duckdb');
  out = path.join(dir, 'out');
  const db = await openDb(dbFile);
  try {
    await buildBriefingFixture(db);
    await saveSubscription(
      db,
      { unit: '66', period: 'week', clearance: 3, email: 'ubnd@daklak.gov.vn' },
      { now: FIXTURE_NOW },
    );
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
  const result = await runCli([
    '--db',
    dbFile,
    'brief',
    '--period',
    'week',
    '--from',
    '2026-11-16',
    '--to',
    '2026-11-22',
    '--out',
    out,
    '--no-pdf',
  ]);
  expect(result.code, result.stderr).toBe(0);
  stderr = result.stderr;
  expect(result.stdout.split('\n')).toEqual([path.join(out, `${ID}.html`), path.join(out, `${ID}.docx`), '']);
  briefing = JSON.parse(fs.readFileSync(path.join(out, `${ID}.json`), 'utf8')) as Briefing;
}, 120_000);

describe('dlxh brief', () => {
  it('gives headline figures that `dlxh sql` finds again with the recorded query', async () => {
    const figure = (key: string) => briefing.figures.find((f) => f.key === key)!;
    expect(new Set(briefing.figures.map((f) => f.queryId)).size).toBe(1);
    const rows = await sqlRows(figure('documents').queryId);
    const current = rows.find((r) => r.period === 'current')!;
    const previous = rows.find((r) => r.period === 'previous')!;
    for (const key of ['documents', 'originals', 'outlets']) {
      expect(figure(key).value, key).toBe(current[key]);
      expect(figure(key).previous, key).toBe(previous[key]);
      expect(figure(key).display, key).toBe(formatNumber(Number(current[key]), 'vi'));
    }
    expect(figure('negative_share').value).toBeCloseTo(Number(current.negative) / Number(current.scored), 12);
    expect(figure('positive_share').previous).toBeCloseTo(
      Number(previous.positive) / Number(previous.scored),
      12,
    );
    expect(Number(current.documents)).toBeGreaterThan(0);
  });

  it('gives a topic table and a daily chart whose numbers `dlxh sql` finds again', async () => {
    const topics = briefing.sections.find((s) => s.id === 'topics')!.tables[0]!;
    const rows = await sqlRows(topics.queryId);
    expect(topics.rows.length).toBeGreaterThan(2);
    for (const cells of topics.rows) {
      const row = rows.find((r) => r.name_vi === cells[0])!;
      expect(row, cells[0]).toBeDefined();
      expect(cells[1], cells[0]).toBe(formatNumber(Number(row.current), 'vi'));
      expect(cells[2], cells[0]).toBe(formatNumber(Number(row.previous), 'vi'));
    }
    const chart = briefing.sections.find((s) => s.id === 'headline')!.charts[0]!;
    const daily = await sqlRows(chart.queryId);
    expect(daily.map((d) => d.day)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    const total = daily.reduce((sum, d) => sum + Number(d.documents), 0);
    expect(total).toBe(briefing.figures.find((f) => f.key === 'documents')!.value);
  });

  it('stores the briefing and queues it for the subscribed unit', async () => {
    expect(stderr).toContain(`brief: ${ID}`);
    expect(stderr).toContain('brief: → UBND Tỉnh Đắk Lắk');
    const stored = await runCli([
      '--db',
      dbFile,
      'sql',
      `SELECT b.id, b.classification, o.channel, o.recipient FROM briefings b
       LEFT JOIN notifications_outbox o ON o.reason = 'briefing:' || b.id ORDER BY o.channel`,
      '--format',
      'json',
    ]);
    expect(JSON.parse(stored.stdout)).toEqual([
      // Mật: the inbox only, never e-mail.
      { id: ID, classification: 1, channel: 'inbox', recipient: 'UBND Tỉnh Đắk Lắk' },
    ]);
  });

  it('makes the annual report on demand, sent to no subscriber, and names the periods it takes', async () => {
    const year = await runCli([
      '--db',
      dbFile,
      'brief',
      '--period',
      'year',
      '--from',
      '2026-01-01',
      '--out',
      out,
      '--no-pdf',
    ]);
    expect(year.code, year.stderr).toBe(0);
    const id = 'bc-year-2026-01-01-2026-12-31-tinh-vi';
    const annual = JSON.parse(fs.readFileSync(path.join(out, `${id}.json`), 'utf8')) as Briefing;
    expect(annual.subtitle).toBe('Tình hình dư luận xã hội năm 2026');
    expect(annual.sections.map((s) => s.id)).toContain('implementation');
    const queued = await runCli([
      '--db',
      dbFile,
      'sql',
      `SELECT count(*) AS n FROM notifications_outbox WHERE reason = 'briefing:${id}'`,
      '--format',
      'json',
    ]);
    expect(JSON.parse(queued.stdout)).toEqual([{ n: 0 }]);
    const bad = await runCli(['--db', dbFile, 'brief', '--period', 'day']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--period: invalid period "day" (week, month or year)');
  });

  it('makes a flash report on one hot spot, printed or written, audited and not stored', async () => {
    const text = await runCli(['--db', dbFile, 'brief', '--hotspot', 'hs-moi-truong']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('BÁO CÁO NHANH');
    expect(text.stdout).toContain('Điểm nóng: Môi trường');
    expect(text.stdout).toContain('mang sắc thái tiêu cực; 3 nguồn đưa tin');
    const files = await runCli([
      '--db',
      dbFile,
      'brief',
      '--hotspot',
      'hs-moi-truong',
      '--lang',
      'en',
      '--out',
      out,
      '--no-pdf',
    ]);
    expect(files.code, files.stderr).toBe(0);
    const written = files.stdout.trim().split('\n');
    expect(written).toEqual([
      path.join(out, 'bcn-hs-moi-truong-en.html'),
      path.join(out, 'bcn-hs-moi-truong-en.docx'),
    ]);
    expect(fs.readFileSync(written[0]!, 'utf8')).toContain('FLASH REPORT');
    const audit = await runCli([
      '--db',
      dbFile,
      'sql',
      `SELECT object, details->>'via' AS via FROM dlxh_audit.audit_log WHERE action = 'alert.flash_report'`,
      '--format',
      'json',
    ]);
    expect(JSON.parse(audit.stdout)).toEqual([
      { object: 'alert:hs-moi-truong', via: 'cli' },
      { object: 'alert:hs-moi-truong', via: 'cli' },
    ]);
    const stored = await runCli([
      '--db',
      dbFile,
      'sql',
      `SELECT count(*) AS n FROM briefings WHERE id LIKE 'bcn-%'`,
      '--format',
      'json',
    ]);
    expect(JSON.parse(stored.stdout)).toEqual([{ n: 0 }]);
    const missing = await runCli(['--db', dbFile, 'brief', '--hotspot', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('hot spot nope: not found');
    const both = await runCli(['--db', dbFile, 'brief', '--hotspot', 'hs-moi-truong', '--period', 'week']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('--hotspot: give either --hotspot or --period, not both');
  });
});
