/** The audit log: append-only and hash-chained, so that any edit or deletion of a past entry is detectable. */
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  object?: string | null;
  details?: unknown;
}

export interface AuditRecord {
  seq: number;
  logged_at: Date;
  actor: string;
  action: string;
  object: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry that does not match the chain, with the reason. */
  broken?: { seq: number; problem: string };
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal details always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}

/** The hash of one entry: sha256 over the previous hash and the entry's fields. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const line = JSON.stringify([
    record.seq,
    record.logged_at.toISOString(),
    record.actor,
    record.action,
    record.object,
    record.details,
  ]);
  return createHash('sha256').update(`${record.prev_hash}\n${line}`).digest('hex');
}

// Appends are serialised per database and run on their own connection, so that a request's transaction
// rolling back on the shared connection can never take an audit entry with it.
const writers = new WeakMap<Db, { connection: Promise<Db>; tail: Promise<unknown> }>();

function writerFor(db: Db) {
  let writer = writers.get(db);
  if (!writer) {
    writer = { connection: db.connect(), tail: Promise.resolve() };
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Append one entry to the chain and return it.
 * `await appendAudit(db, { actor: 'phantich', action: 'export', object: 'documents', details: { rows: 12 } }, now)`
 */
export async function appendAudit(db: Db, entry: AuditEntry, now: Date): Promise<AuditRecord> {
  const writer = writerFor(db);
  const result = writer.tail.then(async () => {
    const conn = await writer.connection;
    return conn.transaction(async () => {
      const last = await conn.one<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      const partial = {
        seq: (last?.seq ?? 0) + 1,
        logged_at: now,
        actor: entry.actor,
        action: entry.action,
        object: entry.object ?? null,
        details: entry.details === undefined ? null : canonicalJson(entry.details),
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      const record: AuditRecord = { ...partial, hash: auditHash(partial) };
      await conn.run(
        `INSERT INTO audit_log (seq, logged_at, actor, action, object, details, prev_hash, hash)
         VALUES ($seq, $logged_at, $actor, $action, $object, $details, $prev_hash, $hash)`,
        { ...record },
      );
      return record;
    });
  });
  writer.tail = result.catch(() => undefined);
  return result;
}

/** Recompute the whole chain; reports the first entry that was changed, removed or inserted out of order. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const rows = await db.all<AuditRecord>(
    'SELECT seq, logged_at, actor, action, object, CAST(details AS VARCHAR) AS details, prev_hash, hash FROM audit_log ORDER BY seq',
  );
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return {
        ok: false,
        entries: rows.length,
        broken: { seq: row.seq, problem: `expected entry ${expectedSeq}` },
      };
    }
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        entries: rows.length,
        broken: { seq: row.seq, problem: 'link to the previous entry broken' },
      };
    }
    if (auditHash(row) !== row.hash) {
      return {
        ok: false,
        entries: rows.length,
        broken: { seq: row.seq, problem: 'content does not match its hash' },
      };
    }
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, entries: rows.length };
}

export interface AuditQuery {
  limit?: number;
  beforeSeq?: number;
  actor?: string;
  action?: string;
}

/** Newest entries first, optionally filtered by actor or action, paged by `beforeSeq`. */
export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditRecord[]> {
  return db.all<AuditRecord>(
    `SELECT seq, logged_at, actor, action, object, CAST(details AS VARCHAR) AS details, prev_hash, hash
     FROM audit_log
     WHERE ($actor IS NULL OR actor = $actor) AND ($action IS NULL OR action = $action)
       AND ($before IS NULL OR seq < $before)
     ORDER BY seq DESC LIMIT $limit`,
    {
      actor: query.actor ?? null,
      action: query.action ?? null,
      before: query.beforeSeq ?? null,
      limit: Math.min(Math.max(query.limit ?? 100, 1), 1000),
    },
  );
}
