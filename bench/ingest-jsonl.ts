/** Benchmark: streaming JSONL ingestion of n synthetic documents against DuckDB's own read_json of the same file. */
import { sampleMemory } from './memory-peaks.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../data/db.ts';
import { migrate } from '../data/migrate.ts';
import { ingestJsonl } from '../pipeline/jsonl/ingest-jsonl.ts';
import { silentLogger } from '../pipeline/types.ts';
import { READ_JSONL, keyedInsertSql, keyedTableSql } from './native-ingest-sql.ts';
import type { Db } from '../data/db.ts';

const WORDS = (
  'người dân xã phường huyện tỉnh phản ánh tình trạng ô nhiễm môi trường giá cà phê hồ tiêu tăng giảm mạnh ' +
  'chính quyền địa phương kiểm tra xử lý vi phạm đất đai giải phóng mặt bằng bồi thường dự án đường giao thông ' +
  'học sinh trường bệnh viện bảo hiểm y tế nước sinh hoạt hạn hán mưa lũ sạt lở cán bộ tham nhũng thủ tục hành chính'
).split(' ');
const LOCALITIES = ['24163', 'Xã Ea Tu', 'Buôn Ma Thuột', '643', 'Krông Pắc', null];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `n` synthetic documents (~120 syllables each, 5% syndicated copies) to `file`. */
export async function writeSyntheticJsonl(file: string, n: number, seed = 1): Promise<void> {
  const random = seeded(seed);
  const out = fs.createWriteStream(file);
  const start = Date.UTC(2025, 0, 1);
  let previous = '';
  for (let i = 0; i < n; i++) {
    let text: string;
    if (previous && random() < 0.05) text = `${previous} (Theo báo Đắk Lắk)`;
    else {
      const words: string[] = [];
      for (let w = 0; w < 120; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
      text = words.join(' ') + '.';
    }
    previous = text;
    const doc = {
      id: String(i + 1),
      published_at: new Date(start + Math.floor(random() * 600 * 86_400_000)).toISOString(),
      title: `Tin số ${i + 1}`,
      text,
      source: `bao-${i % 7}`,
      locality: LOCALITIES[i % LOCALITIES.length],
    };
    if (!out.write(JSON.stringify(doc) + '\n'))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

export interface IngestBenchResult {
  docsPerSec: number;
  bulkDocsPerSec: number;
  /** Documents per CPU-second of the whole process (all threads): the cost, whatever else the machine runs. */
  docsPerCpuSec: number;
  bulkDocsPerCpuSec: number;
  /** DuckDB alone doing part of the same work (see `native-ingest-sql.ts`). */
  nativeDocsPerSec: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Runs `work` on a file of `n` synthetic documents and a fresh database beside it; both are removed afterwards. */
export async function withSyntheticFile<T>(
  n: number,
  work: (file: string, db: Db) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-bench-'));
  try {
    const file = path.join(dir, 'docs.jsonl');
    await writeSyntheticJsonl(file, n);
    const db = await openDb(path.join(dir, 'bench.duckdb'));
    try {
      return await work(file, db);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/**
 * Ingest `n` synthetic JSONL documents into a fresh temp database and compare with DuckDB's bulk `read_json`
 * of the same file into a bare table, by wall clock and by CPU time.
 * `await benchIngest(100_000)` → `{ docsPerSec, bulkDocsPerSec, docsPerCpuSec, bulkDocsPerCpuSec, peakRssMb, … }`.
 * RSS includes DuckDB's buffer cache; the JS heap shows that the reader streams.
 */
export async function benchIngest(n: number): Promise<IngestBenchResult> {
  return withSyntheticFile(n, async (file, db) => {
    await migrate(db);
    const memory = sampleMemory(50);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await ingestJsonl(
      file,
      { source: 'bench' },
      { db, logger: silentLogger, now: () => new Date() },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(c0);
    const peaks = memory.stop();
    if (report.failed) throw new Error(`bench: ${report.failed} documents failed: ${report.errors[0]}`);
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    await db.run(`CREATE TABLE bulk AS SELECT * FROM ${READ_JSONL}`, { file });
    const bulkSeconds = (performance.now() - t1) / 1000;
    const bulkCpu = cpuSeconds(c1);
    await db.run(keyedTableSql('native_docs'));
    const t2 = performance.now();
    await db.run(keyedInsertSql('native_docs'), { file });
    const nativeSeconds = (performance.now() - t2) / 1000;
    const stored = Number((await db.all<{ n: bigint }>('SELECT count(*) AS n FROM native_docs'))[0]!.n);
    if (stored === 0 || stored > n) throw new Error(`bench: the DuckDB-only ingest stored ${stored} of ${n}`);
    return {
      docsPerSec: Math.round(n / seconds),
      bulkDocsPerSec: Math.round(n / bulkSeconds),
      docsPerCpuSec: Math.round(n / cpu),
      bulkDocsPerCpuSec: Math.round(n / bulkCpu),
      nativeDocsPerSec: Math.round(n / nativeSeconds),
      ...peaks,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 100_000);
  const result = await benchIngest(n);
  console.log(
    `ingest ${n} JSONL documents: ${result.docsPerSec} docs/s, peak RSS ${result.peakRssMb} MB ` +
      `(JS heap ${result.peakHeapMb} MB); ` +
      `DuckDB read_json baseline ${result.bulkDocsPerSec} docs/s (ratio ${(result.docsPerSec / result.bulkDocsPerSec).toFixed(3)}); ` +
      `per CPU-second ${result.docsPerCpuSec} vs ${result.bulkDocsPerCpuSec} (ratio ${(result.docsPerCpuSec / result.bulkDocsPerCpuSec).toFixed(3)}); ` +
      `DuckDB-only NFC + SHA-256 + dedupe ${result.nativeDocsPerSec} docs/s (ratio to read_json ${(result.nativeDocsPerSec / result.bulkDocsPerSec).toFixed(3)})`,
  );
}
