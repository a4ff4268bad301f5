/** Rows to text for the CLI: an aligned table, CSV (RFC 4180) or JSON with +07:00 times. */
import { toLocalIso } from '../data/time.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toLocalIso(value);
  if (typeof value === 'object') return JSON.stringify(value, jsonReplacer);
  return String(value);
}

/** JSON.stringify replacer: Dates as local ISO with offset, bigints as strings. */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return toLocalIso(raw);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatRows(columns: string[], rows: Record<string, unknown>[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, jsonReplacer, 2)}\n`;
  if (format === 'csv') {
    const lines = [columns.map(csvField).join(',')];
    for (const row of rows) lines.push(columns.map((c) => csvField(cell(row[c]))).join(','));
    return `${lines.join('\n')}\n`;
  }
  const texts = rows.map((row) => columns.map((c) => cell(row[c]).replace(/\s+/g, ' ')));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...texts.map((t) => t[i]!.length))));
  const line = (values: string[]) =>
    values.map((v, i) => v.slice(0, widths[i]).padEnd(widths[i]!)).join(' │ ');
  const out = [line(columns), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...texts.map(line)];
  out.push(`(${rows.length} dòng)`);
  return `${out.join('\n')}\n`;
}
