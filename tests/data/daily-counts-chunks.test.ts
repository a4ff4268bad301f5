import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkByWeight } from '../../data/chunks.ts';
import { refreshDailyCounts } from '../../data/daily-counts.ts';
import { openDb, type Db } from '../../data/db.ts';
import { migrate } from '../../data/migrate.ts';
import { scoreDocuments } from '../../analytics/nlp/score-documents.ts';
import { ingestJsonl } from '../../pipeline/jsonl/ingest-jsonl.ts';
import { silentLogger } from '../../pipeline/types.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = new Date('2026-11-25T10:00:00+07:00');
const TEXTS = [
  'Người dân xã Ea Tu bức xúc vì chậm trễ bồi thường giải phóng mặt bằng',
  'Giá phân bón tăng cao, nông dân huyện Krông Pắc lo lắng',
  'Phường Tân An tổ chức ngày hội văn hoá các dân tộc rất vui',
  'Nước sinh hoạt bị ô nhiễm, bà con phản ánh nhiều lần chưa được giải quyết',
];

/** `n` stories over `days` days in scrambled date order (as a back-filled archive arrives), with duplicates. */
function storiesJsonl(n: number, days: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = (i * 7) % days;
    const published = new Date(
      Date.parse('2026-06-01T08:00:00+07:00') + day * 86_400_000 + (i % 13) * 3_600_000,
    );
    const text = `${TEXTS[i % TEXTS.length]} (tin ${i % 40 === 0 ? 'lặp' : i})`;
    lines.push(
      JSON.stringify({
        id: `s${i}`,
        published_at: published.toISOString(),
        text,
        source: `bao-${i % 3}`,
        ...(i % 5 === 0 ? {} : { locality: i % 2 ? 'xã Ea Tu' : 'huyện Krông Pắc' }),
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** Every row of the daily counts in a fixed order, as plain values. */
async function countsTable(db: Db): Promise<string[]> {
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM daily_counts ORDER BY ALL`);
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

/** Documents per local day counted straight from `documents` (exact duplicates excluded, as the counts do). */
const DIRECT_PER_DAY = `
  SELECT strftime(DATE '1970-01-01' + ((epoch_ms(published_at) + 25200000) // 86400000)::INTEGER, '%Y-%m-%d') AS day,
         count(*)::INTEGER AS documents
  FROM documents WHERE duplicate_of IS NULL GROUP BY ALL ORDER BY day`;
const COUNTED_PER_DAY = `
  SELECT strftime(day, '%Y-%m-%d') AS day, sum(documents)::INTEGER AS documents
  FROM daily_counts GROUP BY ALL ORDER BY day`;

describe('chunkByWeight', () => {
  it('cuts items in order into runs of at most the budget, a heavier item alone', () => {
    const weight = (n: number) => n;
    expect(chunkByWeight([3, 4, 10, 1, 1], weight, 7)).toEqual([[3, 4], [10], [1, 1]]);
    expect(chunkByWeight([3, 4], weight, 100)).toEqual([[3, 4]]);
    expect(chunkByWeight([0, 1, 0], weight, 1)).toEqual([[0, 1, 0]]);
    expect(chunkByWeight([], weight, 5)).toEqual([]);
  });
});

describe('daily counts recounted in chunks', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = tempDir();
    db = await openDb(path.join(dir, 'chunks.duckdb'));
    await migrate(db);
    const file = path.join(dir, 'stories.jsonl');
    fs.writeFileSync(file, storiesJsonl(400, 30));
    await ingestJsonl(file, { source: 'archive' }, { db, logger: silentLogger, now: () => NOW });
    await scoreDocuments(db, { workers: 0 }, () => NOW);
  });
  afterAll(() => db.close());

  it('gives the same rows whether each statement counts a day or every day', async () => {
    await refreshDailyCounts(db, { chunkDocuments: 1 });
    const chunked = await countsTable(db);
    expect(chunked.length).toBeGreaterThan(30);
    expect(await db.all(COUNTED_PER_DAY)).toEqual(await db.all(DIRECT_PER_DAY));
    await db.run('DELETE FROM daily_counts; DELETE FROM daily_counts_days');
    await refreshDailyCounts(db, { chunkDocuments: 1_000_000 });
    expect(await countsTable(db)).toEqual(chunked);
  });
});

describe('dlxh ingest jsonl', () => {
  it('counts every day a scrambled import touched, once, at its end', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.duckdb');
    const file = path.join(dir, 'stories.jsonl');
    fs.writeFileSync(file, storiesJsonl(2500, 90));
    const run = await runCli(['--db', db, 'ingest', 'jsonl', file, '--source', 'archive']);
    expect(run.code, run.stderr).toBe(0);
    const query = async (sql: string) =>
      JSON.parse((await runCli(['--db', db, 'sql', sql, '--format', 'json'])).stdout) as unknown[];
    const direct = await query(DIRECT_PER_DAY);
    expect(direct).toHaveLength(90);
    expect(await query(COUNTED_PER_DAY)).toEqual(direct);
    const [state] = (await query(`SELECT (SELECT count(*) FROM daily_counts_days)::INTEGER AS days,
      (SELECT version FROM daily_counts_state)::INTEGER AS version`)) as { days: number; version: number }[];
    // One recount, at the end: the 2,500 stories are stored in more than one batch, each touching all 90 days,
    // and a recount after each batch would bump the version each time.
    expect(state).toEqual({ days: 90, version: 1 });
  });
});
