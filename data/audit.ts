/** The audit log: append-only and hash-chained, so that any edit or deletion of a past entry is detectable. It is
 * stored in its own DuckDB file, attached beside the database (audit-store.ts). */
import { createHash } from 'node:crypto';
import { AUDIT_LOG } from './audit-store.ts';
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

/** One append waiting for its group's commit. */
interface PendingEntry {
  entry: AuditEntry;
  now: Date;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

interface Writer {
  connection: Promise<Db>;
  queue: PendingEntry[];
  flushing: boolean;
}

/** Most entries written in one transaction. */
const MAX_GROUP = 256;

// Appends run on a connection of their own, so that a request's transaction rolling back on the shared connection
// can never take an audit entry with it. They are committed in groups: the entries that arrive while one
// transaction commits go together in the next one, in the order they arrived, so that concurrent requests share a
// commit instead of queueing for one each. An append resolves only once its entry is committed.
const writers = new WeakMap<Db, Writer>();

function writerFor(db: Db): Writer {
  let writer = writers.get(db);
  if (!writer) {
    writer = { connection: db.connect(), queue: [], flushing: false };
    writers.set(db, writer);
  }
  return writer;
}

/** The chain's newest entry as the next one links to it. */
type ChainTail = { seq: number; hash: string } | undefined;

/** The entry following `last` in the chain, with its hash. */
function nextRecord(last: ChainTail, entry: AuditEntry, now: Date): AuditRecord {
  const partial = {
    seq: (last?.seq ?? 0) + 1,
    logged_at: now,
    actor: entry.actor,
    action: entry.action,
    object: entry.object ?? null,
    details: entry.details === undefined ? null : canonicalJson(entry.details),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  return { ...partial, hash: auditHash(partial) };
}

/** Write `group` in one transaction; returns each entry's record, or its error (the others are written). */
async function writeGroup(conn: Db, group: readonly PendingEntry[]): Promise<(AuditRecord | Error)[]> {
  return conn.transaction(async () => {
    let last: ChainTail = await conn.one<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM ${AUDIT_LOG} ORDER BY seq DESC LIMIT 1`,
    );
    const results: (AuditRecord | Error)[] = [];
    for (const { entry, now } of group) {
      let record: AuditRecord;
      try {
        record = nextRecord(last, entry, now);
      } catch (error) {
        // An entry that cannot be written (details that are not JSON) fails alone, before touching the table.
        results.push(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      await conn.run(
        `INSERT INTO ${AUDIT_LOG} (seq, logged_at, actor, action, object, details, prev_hash, hash)
         VALUES ($seq, $logged_at, $actor, $action, $object, $details, $prev_hash, $hash)`,
        { ...record },
      );
      results.push(record);
      last = record;
    }
    return results;
  });
}

async function flush(writer: Writer): Promise<void> {
  writer.flushing = true;
  try {
    while (writer.queue.length > 0) {
      const group = writer.queue.splice(0, MAX_GROUP);
      try {
        const conn = await writer.connection;
        const results = await writeGroup(conn, group).catch(async (error: unknown) => {
          // The group's transaction failed and nothing of it was written: each entry goes again on its own, so
          // that one bad entry does not fail the others.
          if (group.length === 1) throw error;
          const alone: (AuditRecord | Error)[] = [];
          for (const pending of group) {
            alone.push(
              await writeGroup(conn, [pending]).then(
                (r) => r[0]!,
                (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
              ),
            );
          }
          return alone;
        });
        group.forEach((pending, i) => {
          const result = results[i]!;
          if (result instanceof Error) pending.reject(result);
          else pending.resolve(result);
        });
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
  } finally {
    writer.flushing = false;
  }
}

/**
 * Append one entry to the chain and return it once it is committed.
 * `await appendAudit(db, { actor: 'phantich', action: 'export', object: 'documents', details: { rows: 12 } }, now)`
 */
export function appendAudit(db: Db, entry: AuditEntry, now: Date): Promise<AuditRecord> {
  const writer = writerFor(db);
  return new Promise<AuditRecord>((resolve, reject) => {
    writer.queue.push({ entry, now, resolve, reject });
    if (!writer.flushing) void flush(writer);
  });
}

/** Recompute the whole chain; reports the first entry that was changed, removed or inserted out of order. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const rows = await db.all<AuditRecord>(
    `SELECT seq, logged_at, actor, action, object, CAST(details AS VARCHAR) AS details, prev_hash, hash FROM ${AUDIT_LOG} ORDER BY seq`,
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
     FROM ${AUDIT_LOG}
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
