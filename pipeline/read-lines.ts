/** Streams a file line by line with bounded memory, decoding each line as strict UTF-8. */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';

export type Line = { number: number; text: string } | { number: number; text: null; problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Longest line read; a longer one is reported and skipped, so one line can never take the process's memory. */
export const MAX_LINE_BYTES = 16 * 2 ** 20;

const formatBytes = (bytes: number) => (bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20} MiB` : `${bytes} bytes`);

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
 * valid UTF-8 comes with a problem instead of text, and so does a line longer than `maxLineBytes` (its bytes are
 * skipped as they are read, never held), so memory stays bounded whatever the file. One await per run, not per line.
 * `for await (const lines of readLineRuns('docs.jsonl')) for (const line of lines) …`
 */
export async function* readLineRuns(
  file: string,
  maxLineBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<Line[]> {
  // The start of a line that did not end in the chunks read so far: its pieces, joined once when it ends.
  let carry: Buffer[] = [];
  let carried = 0;
  // Bytes of the current line when it has grown past the limit; -1 while it has not.
  let overlong = -1;
  let number = 0;
  const tooLong = (bytes: number): Line => ({
    number: ++number,
    text: null,
    problem: `longer than ${formatBytes(maxLineBytes)} (${bytes} bytes), skipped`,
  });
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const lines: Line[] = [];
    let start = 0;
    const first = chunk.indexOf(10);
    if (overlong >= 0 || carried > 0) {
      const end = first === -1 ? chunk.length : first;
      if (overlong >= 0) overlong += end;
      else if (carried + end > maxLineBytes) {
        overlong = carried + end;
        carry = [];
        carried = 0;
      }
      if (first === -1) {
        if (overlong < 0) {
          carry.push(chunk);
          carried += chunk.length;
        }
        continue;
      }
      if (overlong >= 0) lines.push(tooLong(overlong));
      else lines.push(decode(Buffer.concat([...carry, chunk.subarray(0, first)]), ++number, false));
      carry = [];
      carried = 0;
      overlong = -1;
      start = first + 1;
    }
    const end = chunk.lastIndexOf(10) + 1;
    // A run that is valid UTF-8 as a whole is decoded without the strict decoder's cost per line.
    const valid = end > start && isUtf8(chunk.subarray(start, end));
    for (let nl = chunk.indexOf(10, start); nl !== -1 && nl < end; nl = chunk.indexOf(10, start)) {
      if (nl - start > maxLineBytes) lines.push(tooLong(nl - start));
      else lines.push(decode(chunk.subarray(start, nl), ++number, valid));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.length - start;
      if (rest > maxLineBytes) overlong = rest;
      else {
        carry = [Buffer.from(chunk.subarray(start))];
        carried = rest;
      }
    }
    if (lines.length) yield lines;
  }
  if (overlong >= 0) yield [tooLong(overlong)];
  else if (carried > 0) yield [decode(Buffer.concat(carry), ++number, false)];
}

/**
 * Lines of `file`, numbered from 1; a line that is not valid UTF-8 comes with a problem instead of text.
 * `for await (const line of readLines('docs.jsonl')) …`
 */
export async function* readLines(file: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  for await (const lines of readLineRuns(file, maxLineBytes)) yield* lines;
}
