/**
 * Connections for short reads that must not queue behind the work on a database's main connection: the server's
 * per-request lookups (the signed-in user, data versions, catalog fingerprints, reference lists) while the
 * scheduler ingests, scores and counts on the main connection. Each read runs on the least busy of up to `size`
 * connections of its own (made when first needed, closed with the database), in a transaction of its own, so it
 * sees what was committed when it started. Not for statements that write or that use temporary objects.
 */
import type { Db, Params, Row } from './db.ts';

/** What reads need of a database; both `Db` and `readConnections(db)` are one. */
export type Reads = Pick<Db, 'all' | 'one'>;

interface Reader {
  conn: Promise<Db>;
  busy: number;
}

/** `const reads = readConnections(db); await reads.one('SELECT count(*) AS n FROM users')` */
export function readConnections(db: Db, size = 4): Reads {
  const readers: Reader[] = [];
  const pick = (): Reader => {
    const idlest = readers.reduce<Reader | undefined>(
      (best, r) => (!best || r.busy < best.busy ? r : best),
      undefined,
    );
    if (idlest && (idlest.busy === 0 || readers.length >= size)) return idlest;
    const reader: Reader = { conn: db.connect(), busy: 0 };
    // A connection that could not be made is forgotten, so that the next read tries again.
    reader.conn.catch(() => readers.splice(readers.indexOf(reader), 1));
    readers.push(reader);
    return reader;
  };
  const all = async <T = Row>(sql: string, params?: Params): Promise<T[]> => {
    const reader = pick();
    reader.busy++;
    try {
      return await (await reader.conn).all<T>(sql, params);
    } finally {
      reader.busy--;
    }
  };
  return {
    all,
    one: async <T = Row>(sql: string, params?: Params) => (await all<T>(sql, params))[0],
  };
}
