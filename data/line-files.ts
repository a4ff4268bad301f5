/**
 * File-to-file commands over JSONL: exactly one output line per input line, in order. A bad line gets the
 * fallback output and a one-line warning naming file and line; the output file appears whole (written aside, renamed).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { errorMessage, inputError } from './errors.ts';
import type { Logger } from './logger.ts';

export type JsonRecord = Record<string, unknown>;

/** The record's id as given (numbers given as strings are kept as strings; numbers stay numbers). */
export function recordId(record: JsonRecord | null): string | number | null {
  const id = record?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** A text field, accepting numbers given as numbers; null when missing, empty or another type. */
export function recordText(record: JsonRecord | null, field = 'text'): string | null {
  const value = record?.[field];
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}

export interface LineMapReport {
  lines: number;
  failed: number;
}

/**
 * `await mapJsonlLines('docs.jsonl', 'out.jsonl', (r) => ({ id: r.id, label: 'x' }), (r) => ({ id: recordId(r), label: null }), { logger })`
 * `map` throwing (or the line not being a JSON object with a usable `text`) sends the line to `fallback`.
 */
export async function mapJsonlLines(
  inFile: string,
  outFile: string,
  map: (record: JsonRecord, line: number) => unknown,
  fallback: (record: JsonRecord | null, line: number) => unknown,
  ctx: { logger: Logger },
): Promise<LineMapReport> {
  if (!fs.existsSync(inFile)) throw inputError(inFile, null, 'file not found');
  const name = path.basename(inFile);
  const tmp = path.join(path.dirname(path.resolve(outFile)), `.${path.basename(outFile)}.${process.pid}.tmp`);
  const out = fs.createWriteStream(tmp, { encoding: 'utf8' });
  const report: LineMapReport = { lines: 0, failed: 0 };
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  try {
    const lines = readline.createInterface({
      input: fs.createReadStream(inFile, 'utf8'),
      crlfDelay: Infinity,
    });
    for await (const raw of lines) {
      const number = ++report.lines;
      let record: JsonRecord | null = null;
      let problem: string | null = null;
      const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') problem = 'empty line';
      else {
        try {
          const parsed: unknown = JSON.parse(line);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) record = parsed as JsonRecord;
          else problem = 'not a JSON object';
        } catch (error) {
          problem = `invalid JSON (${errorMessage(error)})`;
        }
      }
      if (record && recordText(record) === null)
        problem = record.text === undefined ? 'missing text' : 'empty or invalid text';
      let output: unknown;
      if (problem === null) {
        try {
          output = map(record!, number);
        } catch (error) {
          problem = errorMessage(error);
        }
      }
      if (problem !== null) {
        report.failed++;
        ctx.logger.warn(`${name}: line ${number}: ${problem}; default result written`);
        output = fallback(record, number);
      }
      await write(output);
    }
    out.end();
    await once(out, 'finish');
    fs.renameSync(tmp, outFile);
    return report;
  } catch (error) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Every line of a JSONL file as a record, for training; bad lines are reported and skipped. */
export async function readJsonlRecords(file: string, ctx: { logger: Logger }): Promise<JsonRecord[]> {
  if (!fs.existsSync(file)) throw inputError(file, null, 'file not found');
  const records: JsonRecord[] = [];
  const name = path.basename(file);
  let number = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const raw of lines) {
    number++;
    if (raw.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(number === 1 ? raw.replace(/^\uFEFF/, '') : raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) records.push(parsed as JsonRecord);
      else ctx.logger.warn(`${name}: line ${number}: not a JSON object; skipped`);
    } catch (error) {
      ctx.logger.warn(`${name}: line ${number}: invalid JSON (${errorMessage(error)}); skipped`);
    }
  }
  return records;
}
