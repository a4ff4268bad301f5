/** Reads a spreadsheet export (CSV, TSV or XLSX) into a header and rows of strings, with per-row problems. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { errorMessage, inputError } from '../../data/errors.ts';
import { decodeText, encodingName } from './decode-text.ts';
import { checkZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard.ts';

export interface TableRow {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  cells: string[];
  /** Why the row cannot be used (e.g. wrong number of fields); its cells are then not to be read. */
  problem?: string;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
  /** Records the CSV parser could not read at all, as `file: line N: problem`. */
  problems: string[];
  /** Notes about the file as a whole (encoding guessed, extra sheets ignored). */
  notes: string[];
}

export interface ReadTableOptions {
  maxBytes?: number;
  zip?: ZipLimits;
  /** Worksheet to read from an XLSX (default: the first). */
  sheet?: string;
  /**
   * Which row is the header, for exports that open with a title block: the first of the first
   * `HEADER_SEARCH_ROWS` rows for which this holds (default: row 1). Rows above it are skipped, with a note.
   */
  findHeader?: (cells: readonly string[]) => boolean;
}

/** How far down `findHeader` looks for the header row. */
export const HEADER_SEARCH_ROWS = 20;

/** Index of the header among `rows` (0 without `findHeader` or when no row qualifies). */
function headerIndex(rows: readonly string[][], findHeader: ReadTableOptions['findHeader']): number {
  if (!findHeader) return 0;
  const found = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((cells) => findHeader(cells.map((c) => c.trim().normalize('NFC'))));
  return Math.max(0, found);
}

function skippedNote(file: string, skipped: number): string[] {
  return skipped > 0
    ? [`${path.basename(file)}: ${skipped === 1 ? 'row 1' : `rows 1–${skipped}`} above the header skipped`]
    : [];
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Reads `file` after checking it exists and is not too large. */
export function readFileBytes(file: string, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw inputError(file, null, 'file not found');
  }
  if (stat.isDirectory()) throw inputError(file, null, 'is a folder, not a file');
  if (stat.size > maxBytes)
    throw inputError(file, null, `file is ${stat.size} bytes, over the limit of ${maxBytes}`);
  return fs.readFileSync(file);
}

/** Whether the bytes are a zip archive (an XLSX), whatever the file is called. */
export function isZip(bytes: Buffer): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/**
 * Read a CSV/TSV (delimiter sniffed from the header line) or XLSX export. The header must name every column
 * once; a row with another number of fields is reported, never shifted.
 * `const { headers, rows, problems } = await readTable('kobo.csv')`
 */
export async function readTable(file: string, options: ReadTableOptions = {}): Promise<Table> {
  const bytes = readFileBytes(file, options.maxBytes);
  if (/\.xls$/i.test(file))
    throw inputError(file, null, 'old .xls workbooks are not supported; save as .xlsx or .csv');
  const table =
    isZip(bytes) || /\.xlsx$/i.test(file)
      ? await xlsxTable(bytes, file, options)
      : csvTable(bytes, file, options.findHeader);
  const seen = new Map<string, number>();
  table.headers.forEach((header, i) => {
    if (header === '') return;
    const first = seen.get(header);
    if (first !== undefined) {
      throw inputError(file, 'row 1', `column "${header}" appears twice (columns ${first + 1} and ${i + 1})`);
    }
    seen.set(header, i);
  });
  if (table.headers.every((h) => h === '')) throw inputError(file, null, 'no header row');
  return table;
}

/** The delimiter used most on the header line (with `lines` above 1, the first of that many lines that has one). */
function sniffDelimiter(text: string, file: string, lines = 1): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  const best = () => [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  let quoted = false;
  let line = 1;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n') {
      if (best()[1] > 0 || ++line > lines) break;
    } else if (counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [delimiter, count] = best();
  if (count === 0) {
    throw inputError(
      file,
      'row 1',
      'the header has a single column; expected columns separated by , ; tab or |',
    );
  }
  return delimiter;
}

function csvTable(bytes: Buffer, file: string, findHeader?: ReadTableOptions['findHeader']): Table {
  const decoded = decodeText(bytes);
  const notes: string[] = [];
  if (!decoded.encoding.startsWith('utf-'))
    notes.push(`${file}: not UTF-8; read as ${encodingName(decoded.encoding)}`);
  const delimiter = sniffDelimiter(decoded.text, file, findHeader ? HEADER_SEARCH_ROWS : 1);
  const problems: string[] = [];
  const records = parseCsv(decoded.text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      problems.push(`${file}: line ${error?.lines ?? '?'}: ${errorMessage(error)}`);
      return undefined;
    },
  }) as string[][];
  if (records.length === 0) throw inputError(file, null, 'empty file');
  const first = headerIndex(records, findHeader);
  notes.push(...skippedNote(file, first));
  const headers = records[first]!.map((h) => h.trim().normalize('NFC'));
  const rows: TableRow[] = [];
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  for (let i = first + 1; i < records.length; i++) {
    const cells = records[i]!;
    const row = i + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length < headers.length || cells.slice(headers.length).some((c) => c.trim() !== '')) {
      const problem =
        `${cells.length} fields where the header has ${headers.length} ` +
        `(columns are separated by ${name}; wrong delimiter or broken quotes?)`;
      rows.push({ row, cells: headers.map(() => ''), problem });
      continue;
    }
    rows.push({ row, cells: cells.slice(0, headers.length) });
  }
  return { headers, rows, problems, notes };
}

/** Loads an XLSX workbook after the zip checks, with errors that name the file. */
export async function loadWorkbook(bytes: Buffer, file: string, zip: ZipLimits = DEFAULT_ZIP_LIMITS) {
  checkZip(bytes, file, zip);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw inputError(file, null, `not a readable XLSX workbook (${errorMessage(error)})`);
  }
  return workbook;
}

async function xlsxTable(bytes: Buffer, file: string, options: ReadTableOptions): Promise<Table> {
  const workbook = await loadWorkbook(bytes, file, options.zip);
  const sheets = workbook.worksheets;
  const sheet = options.sheet ? sheets.find((s) => s.name === options.sheet) : sheets[0];
  if (!sheet) {
    throw inputError(
      file,
      null,
      options.sheet ? `no worksheet named "${options.sheet}"` : 'the workbook has no sheets',
    );
  }
  const notes = sheets
    .filter((s) => s !== sheet && s.actualRowCount > 0)
    .map((s) => `${path.basename(file)}: worksheet "${s.name}" ignored (repeat groups are not imported)`);
  const width = sheet.columnCount;
  const top = Array.from({ length: Math.min(HEADER_SEARCH_ROWS, sheet.rowCount) }, (_, i) =>
    rowStrings(sheet.getRow(i + 1), width),
  );
  const first = headerIndex(top, options.findHeader);
  notes.push(...skippedNote(file, first));
  const headers = rowStrings(sheet.getRow(first + 1), width).map((h) => h.trim());
  const rows: TableRow[] = [];
  for (let r = first + 2; r <= sheet.rowCount; r++) {
    const cells = rowStrings(sheet.getRow(r), width);
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ row: r, cells });
  }
  return { headers, rows, problems: [], notes };
}

function rowStrings(row: ExcelJS.Row, width: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= width; c++) out.push(cellString(row.getCell(c).value));
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as text. Excel dates carry no zone: their wall-clock reading is kept, without an offset. */
export function cellString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    if (seconds === 0) return day;
    return `${day}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .normalize('NFC');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    return cellString((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('text' in value) return String(value.text).normalize('NFC');
  return '';
}
