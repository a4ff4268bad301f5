/** Types shared by every ingestion stage: the document handed to storage, run reports, the context of a job. */
import type { Db } from '../data/db.ts';
import type { Logger as DataLogger } from '../data/logger.ts';

/** A document as a source produced it, before normalisation and deduplication. */
export interface IncomingDocument {
  /** The input's own id, kept verbatim. */
  id: string;
  title?: string | null;
  text: string;
  publishedAt: Date | null;
  url?: string | null;
  /** The document's own outlet (its `source` field), not the import's name. */
  outlet?: string | null;
  /** news | social | report | … */
  kind?: string | null;
  /** A unit uid ('<code>/2025' or '<code>/pre2025'), already resolved. */
  localityUid?: string | null;
  /** Language given by the input; detected when absent. */
  lang?: string | null;
  classification?: number | null;
  extra?: Record<string, unknown> | null;
  /** What was fetched or read, stored unchanged in raw_items. */
  raw?: RawInput | null;
}

export interface RawInput {
  /** URL, or `file:line`. */
  locator: string;
  body: string;
  contentType?: string | null;
  headers?: Record<string, string> | null;
  fetchedAt?: Date | null;
}

export interface StoreReport {
  in: number;
  /** Stored as new stories. */
  new: number;
  /** Exact duplicates: the same id again (nothing stored) or the same content under a new id (stored with duplicate_of). */
  duplicate: number;
  /** Stored and linked to an earlier similar document through near_duplicate_of. */
  nearDuplicate: number;
  failed: number;
  errors: string[];
  /** Non-fatal problems (the document was stored). */
  warnings: string[];
  /** Every id inserted into documents by this call (new, near-duplicates and exact copies under a new id). */
  newIds: string[];
}

export interface RunReport {
  job_run_id: number;
  in: number;
  new: number;
  duplicate: number;
  nearDuplicate: number;
  failed: number;
  errors: string[];
  warnings: string[];
}

/** What ingestion needs of the logger (data/logger.ts): progress and per-item warnings. */
export type Logger = Pick<DataLogger, 'info' | 'warn'>;

/** Called with the ids a batch inserted, after its transaction committed (scoring and detection hook here). */
export type NewDocumentsHook = (ids: string[]) => Promise<void> | void;

/** Effects every ingestion job receives. */
export interface IngestContext {
  db: Db;
  logger: Logger;
  now: () => Date;
  onNewDocuments?: NewDocumentsHook;
  /** Near-duplicates are looked for among documents published within this many days (default 30). */
  nearDuplicateDays?: number;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
