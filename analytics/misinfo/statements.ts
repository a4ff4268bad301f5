// The registry of official statements and verified fact-checks: import from files, entry, listing.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import type { Logger } from '../../data/logger.ts';
import { loadUnits } from '../../data/reference/index.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { canonicalJson } from '../../data/audit.ts';
import { extractPlaces, mostSpecificLocality } from '../nlp/places.ts';
import type { PlaceMention } from '../nlp/places.ts';
import { topicsBesidePlaces } from '../nlp/score.ts';
import { claimKey, parseStatementRecord, readStatements } from './read-statements.ts';
import type { StatementInput, Verdict } from './read-statements.ts';

const sql = readSqlFile(new URL('./statements.sql', import.meta.url));

/** A statement as stored in `official_statements`. */
export interface OfficialStatement {
  id: string;
  claim: string;
  verdict: Verdict;
  official_text: string | null;
  link: string | null;
  issuing_body: string | null;
  issued_at: Date | null;
  topics: string[];
  places: string[];
  locality_uid: string | null;
  classification: number;
  imported_from: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ImportReport {
  file: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface RegistryContext {
  logger: Logger;
  now: () => Date;
}

interface Row {
  id: string;
  claim: string;
  verdict: Verdict;
  official_text: string | null;
  link: string | null;
  issuing_body: string | null;
  issued_at: Date | null;
  topics: string[];
  places: string[];
  locality_uid: string | null;
  classification: number;
}

function resolvePlaces(
  input: StatementInput,
  warn: (problem: string) => void,
): { places: string[]; locality: string | null } {
  const uids = new Set(loadUnits().map((u) => u.uid));
  const at = input.issuedAt ? { at: input.issuedAt } : undefined;
  let mentions: PlaceMention[];
  if (input.places) {
    mentions = [];
    for (const place of input.places) {
      if (uids.has(place)) {
        mentions.push({ uid: place, code: '', name: place, start: 0, end: 0, surface: place, confidence: 1 });
        continue;
      }
      const found = extractPlaces(place, at);
      if (found.length === 0) warn(`unknown place ${JSON.stringify(place)}; left out`);
      else mentions.push({ ...found[0]!, confidence: 1 });
    }
  } else {
    mentions = extractPlaces(input.claim, at).filter((m) => m.confidence >= 0.5);
  }
  const places = [...new Set(mentions.map((m) => m.uid))];
  return { places, locality: mentions.length > 0 ? mostSpecificLocality(mentions) : null };
}

function toRow(input: StatementInput, warn: (problem: string) => void): Row {
  const { places, locality } = resolvePlaces(input, warn);
  return {
    id: input.id,
    claim: input.claim,
    verdict: input.verdict,
    official_text: input.officialText,
    link: input.link,
    issuing_body: input.issuingBody,
    issued_at: input.issuedAt,
    topics:
      input.topics ??
      topicsBesidePlaces(
        input.claim,
        '',
        extractPlaces(input.claim, input.issuedAt ? { at: input.issuedAt } : undefined),
      ).map((t) => t.topic_id),
    places,
    locality_uid: locality,
    classification: input.classification,
  };
}

function hashRow(row: Row): string {
  return createHash('sha256')
    .update(canonicalJson({ ...row, issued_at: row.issued_at?.toISOString() ?? null }))
    .digest('hex');
}

async function store(db: Db, rows: readonly Row[], importedFrom: string, ctx: RegistryContext) {
  const existing = await db.all<{ id: string; claim: string; content_hash: string }>(sql('existing'));
  const hashes = new Map(existing.map((r) => [r.id, r.content_hash]));
  const claims = new Map(existing.map((r) => [claimKey(r.claim), r.id]));
  const counts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
  const now = ctx.now();
  await db.transaction(async () => {
    for (const row of rows) {
      const hash = hashRow(row);
      const previous = hashes.get(row.id);
      if (previous === hash) {
        counts.unchanged++;
        continue;
      }
      const owner = claims.get(claimKey(row.claim));
      if (owner !== undefined && owner !== row.id) {
        ctx.logger.warn(
          `${importedFrom}: statement ${JSON.stringify(row.id)}: same claim as statement ${JSON.stringify(owner)}; skipped`,
        );
        counts.skipped++;
        continue;
      }
      await db.run(sql('upsert'), {
        ...row,
        topics: JSON.stringify(row.topics),
        places: JSON.stringify(row.places),
        content_hash: hash,
        imported_from: importedFrom,
        now,
      });
      hashes.set(row.id, hash);
      claims.set(claimKey(row.claim), row.id);
      if (previous === undefined) counts.inserted++;
      else counts.updated++;
    }
  });
  return counts;
}

/**
 * Imports statements from a CSV, JSON array or JSONL file into `official_statements`, in one transaction.
 * Idempotent on the statement id: an unchanged statement is left alone, a changed one is updated. Bad,
 * duplicated or already-registered claims are warned about and skipped; places and topics missing from the
 * input are taken from the claim. `await importStatements(db, 'statements.csv', { logger, now })`.
 */
export async function importStatements(db: Db, file: string, ctx: RegistryContext): Promise<ImportReport> {
  const name = path.basename(file);
  const inputs = readStatements(file, ctx.logger);
  const counts = await registerStatements(db, inputs, name, ctx);
  const report = { file: name, read: inputs.length, ...counts };
  ctx.logger.info(
    `${name}: ${report.read} statements: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped`,
  );
  return report;
}

/**
 * Adds statements read from anywhere (a file, a feed) to the registry in one transaction, `importedFrom` naming the
 * origin; topics and places missing from an input are taken from its claim. An unchanged statement is left alone, a
 * changed one updated, a claim already registered under another id skipped with a warning.
 * `await registerStatements(db, inputs, 'congan-daklak', { logger, now })` → `{ inserted: 2, updated: 0, … }`
 */
export async function registerStatements(
  db: Db,
  inputs: readonly StatementInput[],
  importedFrom: string,
  ctx: RegistryContext,
): Promise<{ inserted: number; updated: number; unchanged: number; skipped: number }> {
  const rows = inputs.map((input) =>
    toRow(input, (problem) => ctx.logger.warn(`${importedFrom}: ${input.position}: ${problem}`)),
  );
  return store(db, rows, importedFrom, ctx);
}

/**
 * Adds or updates one statement entered by hand (the dashboard's form): same fields as a file record.
 * `await saveStatement(db, { id: 's9', claim: '…', verdict: 'false' }, ctx)`.
 */
export async function saveStatement(
  db: Db,
  record: Record<string, unknown>,
  ctx: RegistryContext,
): Promise<OfficialStatement> {
  const parsed = parseStatementRecord(record, 'form');
  if ('problem' in parsed) throw new DlxhError('INPUT', `statement: ${parsed.problem}`);
  const row = toRow(parsed.statement, (problem) =>
    ctx.logger.warn(`statement ${parsed.statement.id}: ${problem}`),
  );
  const counts = await store(db, [row], 'dashboard', ctx);
  if (counts.skipped > 0)
    throw new DlxhError('INPUT', `statement ${parsed.statement.id}: the same claim is already registered`);
  return (await listStatements(db)).find((s) => s.id === row.id)!;
}

/** Every statement, newest first. */
export async function listStatements(db: Db): Promise<OfficialStatement[]> {
  return db.all<OfficialStatement>(sql('list'));
}
