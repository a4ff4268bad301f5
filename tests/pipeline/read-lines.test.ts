import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLineRuns, readLines, type Line } from '../../pipeline/read-lines.ts';
import { tempDir } from '../helpers/temp.ts';

/**
 * The plain reading: split the bytes at LF, drop one CR, decode each line strictly (dropping a leading BOM); a line
 * of more than `max` bytes (before its CR is dropped) is reported instead.
 */
function reference(bytes: Buffer, max = Infinity): Line[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: Line[] = [];
  let start = 0;
  for (let number = 1; start < bytes.length; number++) {
    const nl = bytes.indexOf(10, start);
    const end = nl === -1 ? bytes.length : nl;
    let line = bytes.subarray(start, end);
    if (line.length > max) {
      lines.push({
        number,
        text: null,
        problem: `longer than ${max} bytes (${line.length} bytes), skipped`,
      });
      start = end + 1;
      continue;
    }
    if (line.at(-1) === 13) line = line.subarray(0, -1);
    if (number === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    try {
      lines.push({ number, text: decoder.decode(line) });
    } catch {
      lines.push({ number, text: null, problem: 'invalid UTF-8' });
    }
    start = end + 1;
  }
  return lines;
}

async function collect(file: string, max?: number): Promise<{ lines: Line[]; runs: number }> {
  const lines: Line[] = [];
  let runs = 0;
  for await (const run of readLineRuns(file, max)) {
    runs++;
    lines.push(...run);
  }
  return { lines, runs };
}

describe('readLines', () => {
  it('reads the same lines as a strict decoder, in runs, across chunk boundaries', async () => {
    const dir = tempDir();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const parts: Buffer[] = [bom, bom, Buffer.from('{"id":"đầu"}\r\n')];
    for (let i = 0; i < 30_000; i++)
      parts.push(Buffer.from(`{"id":${i},"text":"Người dân xã Ea Tu ${'ơ'.repeat(i % 50)}"}\n`));
    parts.splice(1000, 0, bom, Buffer.from('giữa, sau BOM\n'));
    parts.push(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), bom, Buffer.from('sau BOM\n\n'));
    parts.push(Buffer.from(`${'dài '.repeat(400_000)}\n`), Buffer.from('cuối, không xuống dòng'));
    const bytes = Buffer.concat(parts);
    const file = path.join(dir, 'lines.jsonl');
    fs.writeFileSync(file, bytes);
    const { lines, runs } = await collect(file);
    expect(runs).toBeGreaterThan(2);
    expect(lines).toEqual(reference(bytes));
    expect(lines[0]).toEqual({ number: 1, text: '{"id":"đầu"}' });
    expect(lines.find((l) => l.text === null)).toEqual({
      number: 30_003,
      text: null,
      problem: 'invalid UTF-8',
    });
    expect(lines.find((l) => l.text?.startsWith('giữa'))).toEqual({ number: 999, text: 'giữa, sau BOM' });
    const single: Line[] = [];
    for await (const line of readLines(file)) single.push(line);
    expect(single).toEqual(lines);
  });

  it('reports a line longer than the limit with its number and length, and reads on', async () => {
    const dir = tempDir();
    const max = 1_500_000;
    const parts = [
      Buffer.from('{"id":"1"}\n'),
      // Spans several 1 MB reads and stays under the limit.
      Buffer.from(`${'ơ'.repeat(740_000)}\n`),
      // Over the limit: starts mid-read, spans several reads, ends mid-read.
      Buffer.from(`${'x'.repeat(3_200_000)}\n`),
      Buffer.from('{"id":"2"}\n'),
      // Over the limit by one byte, its CR counted.
      Buffer.from(`${'y'.repeat(max)}\r\n`),
      // At the limit, its CR counted.
      Buffer.from(`${'z'.repeat(max - 1)}\r\n`),
      // Over the limit at the end of the file, without a newline.
      Buffer.from('w'.repeat(2_000_000)),
    ];
    const bytes = Buffer.concat(parts);
    const file = path.join(dir, 'long.jsonl');
    fs.writeFileSync(file, bytes);
    const { lines } = await collect(file, max);
    expect(lines).toEqual(reference(bytes, max));
    expect(lines.map((l) => (l.text === null ? l.problem : l.text.length))).toEqual([
      10,
      740_000,
      'longer than 1500000 bytes (3200000 bytes), skipped',
      10,
      'longer than 1500000 bytes (1500001 bytes), skipped',
      max - 1,
      'longer than 1500000 bytes (2000000 bytes), skipped',
    ]);
  });

  it('skips lines over the limit within one read too', async () => {
    const dir = tempDir();
    const bytes = Buffer.from('ngắn\n' + 'd'.repeat(40) + '\nvừa\n' + 'e'.repeat(41));
    const file = path.join(dir, 'short.jsonl');
    fs.writeFileSync(file, bytes);
    const lines: Line[] = [];
    for await (const line of readLines(file, 40)) lines.push(line);
    expect(lines).toEqual(reference(bytes, 40));
    expect(lines.map((l) => l.text)).toEqual(['ngắn', 'd'.repeat(40), 'vừa', null]);
  });
});
