/** Stores a batch of documents: normalise, hash, deduplicate (exact and near), detect language, one transaction. */
import { stageRows, type ColumnType, type Db, type SqlValue, type StagedRows } from '../data/db.ts';
import { errorMessage } from '../data/errors.ts';
import { BandIndex } from './dedupe/band-index.ts';
import { LSH_BANDS, NEAR_DUPLICATE_MIN_BANDS } from './dedupe/fingerprint.ts';
import { prepareDocuments, type Prepared, type PreparedBatch } from './prepare-documents.ts';
import { readSqlFile } from '../data/sql-file.ts';
import type { IncomingDocument, StoreReport } from './types.ts';

const sql = readSqlFile(new URL('./store-documents.sql', import.meta.url));

export interface StoreContext {
  /** The import's name (`--source NAME` or the configured source). */
  importSource: string;
  now: () => Date;
  /** Unit uid for documents that name none. */
  defaultLocality?: string | null;
  classification?: number | null;
  jobRunId?: number | null;
  /**
   * Near-duplicates are looked for among documents published at most this many days before or after (documents
   * without a date count from when they were stored). Default `NEAR_DUPLICATE_WINDOW_DAYS`.
   */
  nearDuplicateDays?: number;
}

/** Syndicated copies appear within days of the original; a month keeps the lookup bounded as the corpus grows. */
export const NEAR_DUPLICATE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

interface Candidate {
  id: string;
  publishedAt: Date | null;
  root: string;
  /** `publishedAt`, or when the document was stored: the time the window is measured from (ms). */
  windowAt: number;
}

function earlier(a: Candidate, b: Candidate): boolean {
  const ta = a.publishedAt?.getTime() ?? Infinity;
  const tb = b.publishedAt?.getTime() ?? Infinity;
  return ta !== tb ? ta < tb : a.id < b.id;
}

const ID_SEPARATOR = '\u001f';

/**
 * The earliest candidate within `windowMs` of `windowAt` filed under at least `NEAR_DUPLICATE_MIN_BANDS` of
 * `bands`, or null. `shared` (all zeros, one per candidate) and `touched` are scratch space, left as found.
 */
function nearestEarlier(
  bands: number[],
  windowAt: number,
  windowMs: number,
  known: Pick<Known, 'candidates' | 'bandIndex'>,
  shared: Int32Array,
  touched: number[],
): Candidate | null {
  const { candidates, bandIndex } = known;
  for (const key of bands) {
    for (let f = bandIndex.firstFiling(key); f !== -1; f = bandIndex.nextFiling(f)) {
      const number = bandIndex.entryOf(f);
      if (Math.abs(candidates[number]!.windowAt - windowAt) > windowMs) continue;
      if (shared[number]++ === 0) touched.push(number);
    }
  }
  let best: Candidate | null = null;
  for (const number of touched) {
    const candidate = candidates[number]!;
    if (shared[number]! >= NEAR_DUPLICATE_MIN_BANDS && (best === null || earlier(candidate, best)))
      best = candidate;
    shared[number] = 0;
  }
  touched.length = 0;
  return best;
}

/**
 * Store `docs` in one transaction and report what happened to each. The same id again is a no-op; the same
 * content under a new id is stored with `duplicate_of`; a syndicated copy gets `near_duplicate_of` (MinHash LSH
 * over syllable 3-shingles). Re-running a batch adds nothing.
 * `await storeDocuments(db, [{ id: 'a1', text: '…', publishedAt }], { importSource: 'demo', now: () => new Date() })`
 */
export async function storeDocuments(
  db: Db,
  docs: IncomingDocument[],
  ctx: StoreContext,
): Promise<StoreReport> {
  return commitPrepared(db, prepareDocuments(docs, ctx), ctx);
}

interface Known {
  ids: Set<string>;
  firstByHash: Map<string, string>;
  /** Stored documents sharing a band key with the batch, then the batch's own documents as they are decided. */
  candidates: Candidate[];
  bandIndex: BandIndex;
}

function windowAt(doc: Pick<IncomingDocument, 'publishedAt'>, now: Date): number {
  return (doc.publishedAt ?? now).getTime();
}

/** Ids of `ids` still in documents: bound as one string split in SQL, or as a list when an id holds chr(31). */
async function storedIds(db: Db, ids: string[]): Promise<Set<string>> {
  const list = ids.some((id) => id.includes(ID_SEPARATOR));
  const rows = await db.all<{ id: string }>(sql(list ? 'stored_ids_list' : 'stored_ids'), {
    ids: list ? ids : ids.join(ID_SEPARATOR),
  });
  return new Set(rows.map((r) => r.id));
}

interface LshRow {
  band_key: number;
  doc_id: string;
  root_id: string;
  published_at: Date | null;
  window_at: Date;
}

/** Stored documents sharing a band key with the staged batch, published within the window of the batch's dates. */
async function lshCandidates(db: Db, prepared: DedupeKeys[], now: Date, windowMs: number): Promise<LshRow[]> {
  let first = Infinity;
  let last = -Infinity;
  for (const p of prepared) {
    if (p.bands.length === 0) continue;
    const at = windowAt(p.doc, now);
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  if (first === Infinity) return [];
  const rows = await db.all<LshRow>(sql('lsh_candidates'), {
    from: new Date(first - windowMs),
    to: new Date(last + windowMs),
  });
  if (rows.length === 0) return rows;
  // Rows of archived documents stay in doc_lsh; only documents still stored are candidates.
  const stored = await storedIds(db, [...new Set(rows.map((r) => r.doc_id))]);
  return rows.filter((r) => stored.has(r.doc_id));
}

/** What is already stored of the staged batch's ids, content hashes and LSH band keys (within its dates' window). */
async function lookUpKnown(db: Db, prepared: DedupeKeys[], now: Date, windowMs: number): Promise<Known> {
  const ids = new Set((await db.all<{ id: string }>(sql('known_ids'))).map((r) => r.id));
  const hashes = await db.all<{ content_hash: string; id: string }>(sql('known_hashes'));
  const rows = await lshCandidates(db, prepared, now, windowMs);
  const bandIndex = new BandIndex(rows.length + prepared.length * LSH_BANDS);
  const candidates: Candidate[] = [];
  const numbers = new Map<string, number>();
  for (const row of rows) {
    let number = numbers.get(row.doc_id);
    if (number === undefined) {
      number = candidates.length;
      numbers.set(row.doc_id, number);
      candidates.push({
        id: row.doc_id,
        publishedAt: row.published_at,
        root: row.root_id,
        windowAt: row.window_at.getTime(),
      });
    }
    bandIndex.add(Number(row.band_key), number);
  }
  return { ids, firstByHash: new Map(hashes.map((r) => [r.content_hash, r.id])), candidates, bandIndex };
}

/** The 16 band columns of a stage row: the keys, or nulls for a text too short to have any. */
function bandColumns(bands: number[]): SqlValue[] {
  if (bands.length === 0) return NO_BANDS;
  if (bands.length !== LSH_BANDS) throw new Error(`expected ${LSH_BANDS} LSH band keys, got ${bands.length}`);
  return bands;
}

const NO_BANDS: SqlValue[] = new Array<SqlValue>(LSH_BANDS).fill(null);

/** The columns of stage_docs (store-documents.sql), in order. */
const STAGE_TYPES: readonly ColumnType[] = [
  ...(['INTEGER', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR'] as const),
  ...(['TIMESTAMPTZ', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'UBIGINT', 'TINYINT', 'VARCHAR', 'VARCHAR'] as const),
  ...(['VARCHAR', 'TIMESTAMPTZ', 'VARCHAR', 'VARCHAR', 'VARCHAR'] as const),
  ...new Array<ColumnType>(LSH_BANDS).fill('DOUBLE'),
];

/** What deduplication needs of a prepared document; the rest of it is in the stage rows. */
type DedupeKeys = Pick<Prepared, 'contentHash' | 'bands' | 'rawId'> & {
  doc: Pick<IncomingDocument, 'id' | 'publishedAt'>;
};

/**
 * A prepared batch with its stage rows already converted for the appender (`stagePrepared`), keeping only what
 * deduplication needs of each document, so that texts and raw bodies are not held twice until it is stored.
 */
export interface StagedBatch {
  report: StoreReport;
  prepared: DedupeKeys[];
  staged: StagedRows;
}

/**
 * Convert a prepared batch's rows for stage_docs ahead of `commitPrepared`: the JavaScript half of writing it, which
 * can run while the database stores the batch before.
 */
export function stagePrepared(
  batch: PreparedBatch,
  ctx: Pick<StoreContext, 'defaultLocality' | 'classification'>,
): StagedBatch {
  const rows = batch.prepared.map((p, ord): SqlValue[] => {
    const { doc } = p;
    const raw = doc.raw;
    return [
      ord,
      doc.id,
      doc.outlet ?? null,
      doc.kind ?? null,
      doc.url ?? null,
      p.canonical,
      p.title,
      p.text,
      doc.publishedAt,
      doc.localityUid ?? ctx.defaultLocality ?? null,
      p.lang,
      p.contentHash,
      p.simhash,
      doc.classification ?? ctx.classification ?? 0,
      p.rawId,
      doc.extra && Object.keys(doc.extra).length ? JSON.stringify(doc.extra) : null,
      raw?.locator ?? null,
      raw?.fetchedAt ?? null,
      raw?.contentType ?? null,
      raw?.headers ? JSON.stringify(raw.headers) : null,
      raw?.body ?? null,
      ...bandColumns(p.bands),
    ];
  });
  const keys = batch.prepared.map(({ doc, contentHash, bands, rawId }) => ({
    doc: { id: doc.id, publishedAt: doc.publishedAt },
    contentHash,
    bands,
    rawId,
  }));
  return { report: batch.report, prepared: keys, staged: stageRows(STAGE_TYPES, rows) };
}

/**
 * Deduplicate a prepared batch against the database and itself, then write it, all in one transaction: the batch is
 * staged and its keys joined with what is stored; what was decided for each document is staged and the documents
 * to keep are inserted from the stage.
 */
export async function commitPrepared(
  db: Db,
  batch: PreparedBatch | StagedBatch,
  ctx: StoreContext,
): Promise<StoreReport> {
  const report: StoreReport = { ...batch.report, errors: [...batch.report.errors], newIds: [] };
  if (batch.prepared.length === 0) return report;
  const { prepared, staged } = 'staged' in batch ? batch : stagePrepared(batch, ctx);
  const now = ctx.now();
  const windowMs = (ctx.nearDuplicateDays ?? NEAR_DUPLICATE_WINDOW_DAYS) * DAY_MS;
  const written = { source: ctx.importSource, now, job_run_id: ctx.jobRunId ?? null };
  let storedCopies = 0;
  let writing = false;
  try {
    await db.transaction(async () => {
      await db.run(sql('create_stage'));
      await db.append('stage_docs', staged);
      const known = await lookUpKnown(db, prepared, now, windowMs);
      const decided = decide(prepared, known, now, windowMs, report);
      storedCopies = decided.storedCopies;
      writing = true;
      if (decided.rows.length > 0) {
        await db.append('stage_decisions', decided.rows);
        await db.run(sql('insert_raw_items'), written);
        await db.run(sql('insert_documents'), { source: written.source, now });
        await db.run(sql('insert_lsh'), { now });
      }
      // Dropped, not emptied: deleted rows of a temporary table keep their memory.
      await db.run(sql('drop_stage'));
    });
  } catch (error) {
    if (!writing) throw error;
    const stored = report.newIds.length;
    report.failed += stored;
    report.new = 0;
    report.nearDuplicate = 0;
    report.duplicate -= storedCopies;
    report.errors.push(`batch of ${stored} documents not stored: ${errorMessage(error)}`);
    report.newIds = [];
  }
  return report;
}

/**
 * Decide each prepared document in order (skip a known id; link an exact copy to the first with its content, a
 * near copy to the root of the earliest similar one) and build the stage_decisions rows of those to store.
 */
function decide(
  prepared: DedupeKeys[],
  known: Known,
  now: Date,
  windowMs: number,
  report: StoreReport,
): { rows: SqlValue[][]; storedCopies: number } {
  const { candidates, bandIndex } = known;
  const shared = new Int32Array(candidates.length + prepared.length);
  const touched: number[] = [];
  const rows: SqlValue[][] = [];
  const rawIds = new Set<string>();
  let storedCopies = 0;
  prepared.forEach((p, ord) => {
    const { doc } = p;
    if (known.ids.has(doc.id)) {
      report.duplicate++;
      return;
    }
    known.ids.add(doc.id);
    const duplicateOf: string | null = known.firstByHash.get(p.contentHash) ?? null;
    let nearDuplicateOf: string | null = null;
    if (duplicateOf !== null) {
      report.duplicate++;
      storedCopies++;
    } else {
      known.firstByHash.set(p.contentHash, doc.id);
      const at = windowAt(doc, now);
      const best = nearestEarlier(p.bands, at, windowMs, known, shared, touched);
      if (best) {
        nearDuplicateOf = best.root;
        report.nearDuplicate++;
      } else {
        report.new++;
      }
      const self = candidates.length;
      candidates.push({
        id: doc.id,
        publishedAt: doc.publishedAt,
        root: nearDuplicateOf ?? doc.id,
        windowAt: at,
      });
      for (const key of p.bands) bandIndex.add(key, self);
    }

    // The first document of the batch with a raw item stores it (rawId is set exactly when the document has one).
    const storeRaw = p.rawId !== null && !rawIds.has(p.rawId);
    if (storeRaw) rawIds.add(p.rawId!);
    rows.push([ord, duplicateOf, nearDuplicateOf, storeRaw]);
    report.newIds.push(doc.id);
  });
  return { rows, storedCopies };
}
