// Reads official statements from CSV, a JSON array or JSONL; a bad or duplicated statement is warned about and skipped.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { errorMessage } from '../../data/errors.ts';
import type { Logger } from '../../data/logger.ts';
import { foldDiacritics, normalizeText } from '../../data/text/normalize.ts';
import { parseTime } from '../../data/time.ts';

export type Verdict = 'true' | 'false' | 'misleading' | 'unverified';
export const VERDICTS: readonly Verdict[] = ['true', 'false', 'misleading', 'unverified'];

/** One statement as given; `idValue` is the id exactly as the file wrote it (a number stays a number). */
export interface StatementInput {
  id: string;
  idValue: string | number;
  claim: string;
  verdict: Verdict;
  officialText: string | null;
  link: string | null;
  issuingBody: string | null;
  issuedAt: Date | null;
  /** null when the input gives none (the registry then derives them from the claim). */
  topics: string[] | null;
  places: string[] | null;
  classification: number;
  /** Where it was read: `line 3`, `row 4`, `item 2`. */
  position: string;
}

// Folded spellings of each verdict, Vietnamese and English.
const VERDICT_ALIASES: Record<string, Verdict> = {
  true: 'true',
  dung: 'true',
  'dung su that': 'true',
  'chinh xac': 'true',
  false: 'false',
  sai: 'false',
  'sai su that': 'false',
  fake: 'false',
  'tin gia': 'false',
  misleading: 'misleading',
  'gay hieu lam': 'misleading',
  'sai lech': 'misleading',
  'mot phan': 'misleading',
  'partly false': 'misleading',
  unverified: 'unverified',
  'chua xac minh': 'unverified',
  'chua kiem chung': 'unverified',
  'chua xac dinh': 'unverified',
  unknown: 'unverified',
};

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function list(value: unknown): string[] | null {
  if (Array.isArray(value)) {
    const items = value.map(text).filter((v): v is string => v !== null);
    return items.length > 0 ? items : null;
  }
  const s = text(value);
  if (s === null) return null;
  const items = s
    .split(/[;|]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return items.length > 0 ? items : null;
}

function first(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys)
    if (record[key] !== undefined && record[key] !== null && record[key] !== '') return record[key];
  return undefined;
}

function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/** Parses an issue date: ISO 8601, dd/mm/yyyy, or Unix seconds. */
function parseIssuedAt(value: unknown): Date | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || /^\d{9,11}$/.test(String(value).trim())) {
    const seconds = Number(value);
    return Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
  }
  const s = String(value).trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : s;
  return parseTime(iso) ?? undefined;
}

/**
 * One statement from a JSON object or CSV row: `{id, claim | text, verdict, official_text?, link?, issuing_body?,
 * issued_at?, topics?, places?, classification?}`; numbers may be given as strings.
 * `parseStatementRecord({ id: 1, text: 'Nước máy nhiễm độc', verdict: 'sai sự thật' }, 'line 1')`
 * → `{ statement: { id: '1', verdict: 'false', … } }`.
 */
export function parseStatementRecord(
  value: unknown,
  position: string,
): { statement: StatementInput } | { problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { problem: 'not a JSON object' };
  const r = value as Record<string, unknown>;
  const rawId = r.id;
  const id = text(rawId);
  if (id === null)
    return { problem: rawId === undefined || rawId === '' ? 'missing id' : `invalid id ${quote(rawId)}` };
  const claimValue = first(r, ['claim', 'text', 'claim_text']);
  const claim = typeof claimValue === 'string' ? normalizeText(claimValue) : '';
  if (claim === '')
    return { problem: claimValue === undefined ? 'missing text' : 'text is empty or not a string' };
  const verdictValue = first(r, ['verdict', 'rating']);
  let verdict: Verdict = 'unverified';
  if (verdictValue !== undefined) {
    const found = VERDICT_ALIASES[foldDiacritics(String(verdictValue)).trim().replace(/\s+/g, ' ')];
    if (!found)
      return { problem: `unknown verdict ${quote(verdictValue)} (true, false, misleading, unverified)` };
    verdict = found;
  }
  const issuedAt = parseIssuedAt(first(r, ['issued_at', 'date', 'published_at']));
  if (issuedAt === undefined)
    return { problem: `invalid issued_at ${quote(first(r, ['issued_at', 'date', 'published_at']))}` };
  const classificationValue = first(r, ['classification']);
  const classification = classificationValue === undefined ? 0 : Number(classificationValue);
  if (!Number.isInteger(classification) || classification < 0 || classification > 3) {
    return { problem: `invalid classification ${quote(classificationValue)} (0 to 3)` };
  }
  return {
    statement: {
      id,
      idValue: typeof rawId === 'number' ? rawId : id,
      claim,
      verdict,
      officialText: text(first(r, ['official_text', 'response', 'official'])),
      link: text(first(r, ['link', 'url'])),
      issuingBody: text(first(r, ['issuing_body', 'issuer', 'body'])),
      issuedAt,
      topics: list(r.topics),
      places: list(r.places),
      classification,
      position,
    },
  };
}

interface RawRecord {
  value: unknown;
  position: string;
  problem?: string;
}

function readRecords(file: string, content: string): RawRecord[] {
  if (path.extname(file).toLowerCase() === '.csv') {
    const rows = parseCsv(content, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return rows.map(({ record, info }) => ({ value: record, position: `line ${info.lines}` }));
  }
  const body = content.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch (error) {
      throw new Error(`invalid JSON (${errorMessage(error)})`, { cause: error });
    }
    return (items as unknown[]).map((value, i) => ({ value, position: `item ${i + 1}` }));
  }
  const out: RawRecord[] = [];
  body.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push({ value: JSON.parse(line), position: `line ${i + 1}` });
    } catch {
      out.push({ value: null, position: `line ${i + 1}`, problem: 'invalid JSON' });
    }
  });
  return out;
}

/** The key under which two statements count as the same claim: folded, punctuation and spacing removed. */
export function claimKey(claim: string): string {
  return foldDiacritics(claim)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Statements of `file` (`.csv`, a JSON array, or JSONL): each unusable one, a repeated id or a claim already given
 * under another id is warned about (`statements.jsonl: line 4: duplicate id "s1" (first at line 1); skipped`)
 * and left out. Throws only when the file cannot be read at all.
 */
export function readStatements(file: string, logger: Logger): StatementInput[] {
  const name = path.basename(file);
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${name}: cannot read (${errorMessage(error)})`, { cause: error });
  }
  let records: RawRecord[];
  try {
    records = readRecords(file, content);
  } catch (error) {
    throw new Error(`${name}: ${errorMessage(error)}`, { cause: error });
  }
  const out: StatementInput[] = [];
  const byId = new Map<string, string>();
  const byClaim = new Map<string, string>();
  for (const record of records) {
    const parsed = record.problem
      ? { problem: record.problem }
      : parseStatementRecord(record.value, record.position);
    if ('problem' in parsed) {
      logger.warn(`${name}: ${record.position}: ${parsed.problem}; skipped`);
      continue;
    }
    const statement = parsed.statement;
    const seen = byId.get(statement.id);
    if (seen) {
      logger.warn(
        `${name}: ${record.position}: duplicate id ${quote(statement.id)} (first at ${seen}); skipped`,
      );
      continue;
    }
    const key = claimKey(statement.claim);
    const same = byClaim.get(key);
    if (same) {
      logger.warn(`${name}: ${record.position}: same claim as statement ${quote(same)}; skipped`);
      continue;
    }
    byId.set(statement.id, record.position);
    byClaim.set(key, statement.id);
    out.push(statement);
  }
  return out;
}
