/** Per-source failure counting with exponential back-off, so a dead source is not hammered. */
import type { Db } from '../../data/db.ts';

const BASE_BACKOFF_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 24 * 3600_000;

/** When the source may next be fetched, or null when it may be fetched now. */
export async function backoffUntil(db: Db, source: string, now: Date): Promise<Date | null> {
  const row = await db.one<{ backoff_until: Date | null }>(
    'SELECT backoff_until FROM sources WHERE name = $source',
    {
      source,
    },
  );
  return row?.backoff_until && row.backoff_until > now ? row.backoff_until : null;
}

/** Count a failed run; back off 5 min × 2^(failures−1), at most a day. Returns the new back-off end. */
export async function recordSourceFailure(db: Db, source: string, error: string, now: Date): Promise<Date> {
  const row = await db.one<{ failures: number }>('SELECT failures FROM sources WHERE name = $source', {
    source,
  });
  const failures = (row?.failures ?? 0) + 1;
  const until = new Date(now.getTime() + Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (failures - 1)));
  await db.run(
    `UPDATE sources SET failures = $failures, backoff_until = $until, last_error = $error WHERE name = $source`,
    { source, failures, until, error },
  );
  return until;
}

export async function recordSourceSuccess(db: Db, source: string, now: Date): Promise<void> {
  await db.run(
    `UPDATE sources SET failures = 0, backoff_until = NULL, last_error = NULL, last_success_at = $now WHERE name = $source`,
    { source, now },
  );
}
