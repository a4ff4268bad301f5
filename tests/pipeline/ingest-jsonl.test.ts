import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { isDlxhError } from '../../data/errors.ts';
import { ingestJsonl } from '../../pipeline/jsonl/ingest-jsonl.ts';
import { startRun } from '../../pipeline/job-runs.ts';
import { silentLogger } from '../../pipeline/types.ts';
import { FIXED_NOW, openTestDb } from './test-db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-jsonl-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const TEXT = 'Người dân xã Ea Tu phản ánh tình trạng ô nhiễm do nhà máy chế biến cà phê xả thải ra suối.';

describe('ingestJsonl', () => {
  let db: Db;
  let hooked: string[][];
  const ctx = () => ({
    db,
    logger: silentLogger,
    now: () => FIXED_NOW,
    onNewDocuments: (ids: string[]) => void hooked.push(ids),
  });
  beforeEach(async () => {
    db = await openTestDb();
    hooked = [];
  });
  afterEach(() => db.close());

  it('stores good lines, reports bad ones with file and line, and re-runs add nothing', async () => {
    const lines = [
      JSON.stringify({
        id: 17,
        published_at: '2024-05-01T08:00:00+07:00',
        text: TEXT,
        locality: '24163',
        source: 'Báo A',
        tag: 'x',
      }),
      '{not json',
      JSON.stringify({ id: 'b', published_at: 'hôm qua', text: TEXT }),
      JSON.stringify({ id: 'c', published_at: '2024-05-01' }),
      '',
      JSON.stringify({
        id: 'd',
        published_at: 'Thứ hai, 24/11/2026 - 08:15',
        text: 'Giá cà phê hôm nay tăng mạnh.',
      }),
    ];
    const file = write('docs.jsonl', lines.join('\n') + '\n');
    const report = await ingestJsonl(file, { source: 'import-1' }, ctx());
    expect(report).toMatchObject({ in: 5, new: 2, duplicate: 0, failed: 3 });
    expect(report.errors).toEqual([
      expect.stringMatching(new RegExp(`^${file}: line 2: invalid JSON`)),
      `${file}: line 3: invalid published_at "hôm qua"`,
      `${file}: line 4: missing text`,
    ]);
    expect(hooked.flat().sort()).toEqual(['17', 'd']);
    const rows = await db.all<{
      id: string;
      import_source: string;
      outlet: string | null;
      locality_uid: string | null;
      extra: string | null;
      published_at: Date;
    }>('SELECT id, import_source, outlet, locality_uid, extra, published_at FROM documents ORDER BY id');
    expect(rows.map((r) => [r.id, r.import_source, r.outlet, r.locality_uid])).toEqual([
      ['17', 'import-1', 'Báo A', '24163/pre2025'],
      ['d', 'import-1', null, null],
    ]);
    expect(JSON.parse(rows[0]!.extra!)).toEqual({ tag: 'x' });
    expect(rows[1]!.published_at.toISOString()).toBe('2026-11-24T01:15:00.000Z');
    const run = await db.one<{ status: string; items_in: number; items_new: number; items_failed: number }>(
      'SELECT status, items_in, items_new, items_failed FROM job_runs WHERE id = $id',
      { id: report.job_run_id },
    );
    expect(run).toEqual({ status: 'partial', items_in: 5, items_new: 2, items_failed: 3 });

    const again = await ingestJsonl(file, { source: 'import-1' }, ctx());
    expect(again).toMatchObject({ new: 0, duplicate: 2, failed: 3 });
    const counts = await db.one<{ docs: number; raw: number }>(
      'SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM raw_items) AS raw',
    );
    expect(counts).toEqual({ docs: 2, raw: 2 });
  });

  it('fails a line of invalid UTF-8 and keeps the others; a 0-byte file is an empty run', async () => {
    const good = Buffer.from(JSON.stringify({ id: 'u1', published_at: '2026-11-01', text: TEXT }) + '\n');
    const bad = Buffer.concat([
      Buffer.from('{"id":"u2","published_at":"2026-11-01","text":"x'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]);
    const report = await ingestJsonl(write('utf8.jsonl', Buffer.concat([bad, good])), { source: 's' }, ctx());
    expect(report).toMatchObject({ in: 2, new: 1, failed: 1 });
    expect(report.errors[0]).toMatch(/utf8\.jsonl: line 1: invalid UTF-8$/);

    const empty = await ingestJsonl(write('empty.jsonl', ''), { source: 's' }, ctx());
    expect(empty).toMatchObject({ in: 0, new: 0, failed: 0 });
  });

  it('warns about dates out of range and unknown localities but stores the documents', async () => {
    const file = write(
      'warn.jsonl',
      [
        JSON.stringify({ id: 'f', published_at: '2031-01-01', text: TEXT, locality: 'Xã Không Có' }),
        JSON.stringify({ id: 'g', published_at: '1990-01-01', text: 'Tin cũ về mùa mưa lũ ở Phú Yên.' }),
      ].join('\n'),
    );
    const report = await ingestJsonl(file, { source: 's' }, ctx());
    expect(report).toMatchObject({ new: 2, failed: 0 });
    expect(report.warnings).toEqual([
      `${file}: line 1: published_at "2031-01-01" is in the future`,
      `${file}: line 1: unknown locality "Xã Không Có"`,
      `${file}: line 2: published_at "1990-01-01" is before 2000`,
    ]);
    const extra = await db.one<{ extra: string }>("SELECT extra FROM documents WHERE id = 'f'");
    expect(JSON.parse(extra!.extra)).toEqual({ locality: 'Xã Không Có' });
  });

  it('reads CSV with the same columns', async () => {
    const csv =
      'id,published_at,title,text,locality\n1,2025-08-01 09:00,Tin 1,"Giá cà phê, hồ tiêu tăng mạnh",Buôn Ma Thuột\n2,,Tin 2,,\n';
    const report = await ingestJsonl(write('docs.csv', csv), { source: 'csv' }, ctx());
    expect(report).toMatchObject({ in: 2, new: 1, failed: 1 });
    expect(report.errors[0]).toMatch(/docs\.csv: line 3: missing text$/);
    const row = await db.one<{ text: string; title: string; locality_uid: string }>(
      'SELECT text, title, locality_uid FROM documents',
    );
    expect(row).toEqual({
      text: 'Giá cà phê, hồ tiêu tăng mạnh',
      title: 'Tin 1',
      locality_uid: '24133/2025',
    });
  });

  it('marks a run left running by a crash as interrupted, and a missing file fails the run', async () => {
    const crashed = await startRun(db, 'jsonl:s', new Date('2026-11-23T00:00:00Z'));
    const missing = path.join(dir, 'nope.jsonl');
    const error = await ingestJsonl(missing, { source: 's' }, ctx()).catch((e: unknown) => e);
    expect(isDlxhError(error, 'INPUT')).toBe(true);
    expect((error as Error).message).toBe(`${missing}: file not found`);
    const runs = await db.all<{ id: number; status: string }>('SELECT id, status FROM job_runs ORDER BY id');
    expect(runs).toEqual([
      { id: crashed, status: 'interrupted' },
      { id: expect.any(Number), status: 'failed' },
    ]);
  });

  it('streams many batches and links syndicated copies across them', async () => {
    const words = TEXT.replace('.', '').split(' ');
    const story = (i: number) =>
      Array.from({ length: 60 }, (_, k) => words[(i * 7 + k * k * 13 + ((i * k) % 17)) % words.length]).join(
        ' ',
      );
    const lines: string[] = [];
    for (let i = 0; i < 250; i++)
      lines.push(JSON.stringify({ id: `n${i}`, published_at: '2026-11-01', text: story(i) }));
    lines.push(
      JSON.stringify({ id: 'copy', published_at: '2026-11-02', text: `${story(3)} (Theo báo Đắk Lắk)` }),
    );
    const report = await ingestJsonl(
      write('many.jsonl', lines.join('\n')),
      { source: 's', batchSize: 40 },
      ctx(),
    );
    expect(report).toMatchObject({ in: 251, failed: 0 });
    expect(report.new + report.nearDuplicate).toBe(251);
    const copy = await db.one<{ near_duplicate_of: string }>(
      "SELECT near_duplicate_of FROM documents WHERE id = 'copy'",
    );
    expect(copy!.near_duplicate_of).toBe('n3');
    // 7 batches of 40, stored 2 to a transaction: the hook runs after each of the 4 commits.
    expect(hooked.length).toBe(4);
    expect(hooked.flat()).toHaveLength(251);
  });
});
