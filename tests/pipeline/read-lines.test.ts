import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLineRuns, readLines, type Line } from '../../pipeline/read-lines.ts';
import { tempDir } from '../helpers/temp.ts';

/** The plain reading: split the bytes at LF, drop one CR, decode each line strictly (dropping a leading BOM). */
function reference(bytes: Buffer): Line[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: Line[] = [];
  let start = 0;
  for (let number = 1; start < bytes.length; number++) {
    const nl = bytes.indexOf(10, start);
    const end = nl === -1 ? bytes.length : nl;
    let line = bytes.subarray(start, end);
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

async function collect(file: string): Promise<{ lines: Line[]; runs: number }> {
  const lines: Line[] = [];
  let runs = 0;
  for await (const run of readLineRuns(file)) {
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
});
