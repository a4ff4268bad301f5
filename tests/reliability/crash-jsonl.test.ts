import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { runCrashTrials } from './crash-harness.ts';

const LINES = 3000;
const BATCH = 1000;
const PLACES = [
  'xã Ea Tu',
  'phường Tân Lập',
  'xã Cư M’gar',
  'huyện Krông Búk',
  'TP. Buôn Ma Thuột',
  'xã Ea Kao',
];
const ISSUES = [
  'giá cà phê giảm mạnh, nông dân lo lắng',
  'đường liên thôn xuống cấp sau mùa mưa',
  'thủ tục cấp sổ đỏ còn chậm',
  'thiếu nước sinh hoạt mùa khô',
  'bệnh viện quá tải, người bệnh chờ lâu',
  'học sinh phải đi học xa sau sáp nhập trường',
];

/** 3,000 documents: distinct texts, with every 97th repeating an earlier one under a new id (an exact copy). */
function writeDocuments(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const source = i % 97 === 96 ? i - 40 : i;
    const text =
      `Người dân ${PLACES[source % PLACES.length]} phản ánh ${ISSUES[source % ISSUES.length]} ` +
      `(ý kiến số ${source}, tổ ${source % 13}, thôn ${source % 7}).`;
    lines.push(
      JSON.stringify({
        id: `doc-${i}`,
        published_at: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T0${i % 10}:15:00+07:00`,
        title: i % 3 === 0 ? `Phản ánh ${source}` : undefined,
        text,
        source: `báo ${i % 5}`,
      }),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('crash safety: dlxh ingest jsonl killed at random points', () => {
  it('ends equal to one clean run after every crash and restart, with whole batches at every instant', async () => {
    const dir = tempDir('dlxh-crash-jsonl-');
    const input = path.join(dir, 'docs.jsonl');
    writeDocuments(input);
    const report = await runCrashTrials({
      dir,
      args: ['ingest', 'jsonl', input, '--source', 'crash'],
      job: 'jsonl:crash',
      kills: 8,
      perChain: 4,
      seed: 20261124,
      check: (_db, current) => {
        const docs = current.documents!.length;
        const raw = current.raw_items!.length;
        if (docs % BATCH !== 0 || raw !== docs) return `HALF BATCH: ${docs} documents, ${raw} raw items`;
        return `${docs} documents, ${current.doc_scores!.length} scored`;
      },
    });
    console.log(
      `jsonl: ${report.kills} kills in ${report.chains} chains, ${report.interrupted} runs interrupted`,
    );
    for (const landing of report.landings) console.log(`  ${landing}`);
    expect(report.reference.documents).toHaveLength(LINES);
    expect(report.reference.doc_scores).toHaveLength(LINES);
    expect(report.kills).toBe(8);
    expect(report.landings.filter((l) => l.startsWith('HALF'))).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 400_000);
});
