/** Streams a file line by line with bounded memory, decoding each line as strict UTF-8. */
import fs from 'node:fs';

export type Line = { number: number; text: string } | { number: number; text: null; problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer, number: number): Line {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 13) end--;
  let start = 0;
  if (number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  try {
    return { number, text: decoder.decode(bytes.subarray(start, end)) };
  } catch {
    return { number, text: null, problem: 'invalid UTF-8' };
  }
}

/**
 * Lines of `file`, numbered from 1; a line that is not valid UTF-8 comes with a problem instead of text.
 * `for await (const line of readLines('docs.jsonl')) …`
 */
export async function* readLines(file: string): AsyncGenerator<Line> {
  let carry: Buffer | null = null;
  let number = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      yield decode(data.subarray(start, nl), ++number);
      start = nl + 1;
    }
    if (start < data.length) carry = Buffer.from(data.subarray(start));
    data = Buffer.alloc(0);
  }
  if (carry && carry.length) yield decode(carry, ++number);
}
