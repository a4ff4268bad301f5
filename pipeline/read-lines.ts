/** Streams a file line by line with bounded memory, decoding each line as strict UTF-8. */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';

export type Line = { number: number; text: string } | { number: number; text: null; problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

const bomAt = (bytes: Buffer, i: number) =>
  bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf;

/**
 * One line without its CR. The file's byte-order mark is dropped, and like the strict decoder (which drops one at
 * the start of every input) one more at the start of each line.
 */
function decode(bytes: Buffer, number: number, valid: boolean): Line {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 13) end--;
  const start = number === 1 && bomAt(bytes, 0) ? 3 : 0;
  if (valid) return { number, text: bytes.toString('utf8', bomAt(bytes, start) ? start + 3 : start, end) };
  try {
    return { number, text: decoder.decode(bytes.subarray(start, end)) };
  } catch {
    return { number, text: null, problem: 'invalid UTF-8' };
  }
}

/**
 * Lines of `file` in the runs that each read of the file yields (about 1 MB), numbered from 1; a line that is not
 * valid UTF-8 comes with a problem instead of text. One await per run, not per line.
 * `for await (const lines of readLineRuns('docs.jsonl')) for (const line of lines) …`
 */
export async function* readLineRuns(file: string): AsyncGenerator<Line[]> {
  let carry: Buffer | null = null;
  let number = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    const lines: Line[] = [];
    let start = 0;
    const end = data.lastIndexOf(10) + 1;
    // A run that is valid UTF-8 as a whole is decoded without the strict decoder's cost per line.
    const valid = end > 0 && isUtf8(data.subarray(0, end));
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      lines.push(decode(data.subarray(start, nl), ++number, valid));
      start = nl + 1;
    }
    if (start < data.length) carry = Buffer.from(data.subarray(start));
    if (lines.length) yield lines;
  }
  if (carry && carry.length) yield [decode(carry, ++number, false)];
}

/**
 * Lines of `file`, numbered from 1; a line that is not valid UTF-8 comes with a problem instead of text.
 * `for await (const line of readLines('docs.jsonl')) …`
 */
export async function* readLines(file: string): AsyncGenerator<Line> {
  for await (const lines of readLineRuns(file)) yield* lines;
}
