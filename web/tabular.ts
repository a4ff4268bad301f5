/** Query results as files: CSV (RFC 4180, UTF-8 with BOM for Excel), JSON values, XLSX. */
import ExcelJS from 'exceljs';
import type { Row } from '../data/db.ts';
import { toLocalIso } from '../data/time.ts';

/** A value as JSON carries it: dates as ISO 8601 with +07:00, big integers and bytes as strings. */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return toLocalIso(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value;
}

export function jsonRows(rows: readonly object[]): Row[] {
  return rows.map((row) => jsonValue(row) as Row);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const plain = jsonValue(value);
  let text =
    typeof plain === 'string' ? plain : typeof plain === 'object' ? JSON.stringify(plain) : String(plain);
  // A cell that starts like a formula would run in a spreadsheet: keep it text.
  if (/^[=+\-@\t\r]/.test(text) && typeof plain === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `toCsv(['a'], [{ a: 'x,y' }])` → `'\uFEFFa\r\n"x,y"\r\n'`. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One worksheet with a header row; values stay values (strings are never formulas). */
export async function toXlsx(
  columns: readonly string[],
  rows: readonly Row[],
  sheet = 'dlxh',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow([...columns]);
  worksheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    worksheet.addRow(
      columns.map((c) => {
        const v = row[c];
        if (
          v === null ||
          v === undefined ||
          v instanceof Date ||
          typeof v === 'number' ||
          typeof v === 'boolean'
        )
          return v;
        const plain = jsonValue(v);
        return typeof plain === 'string' ? plain : JSON.stringify(plain);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
