/** Stores a batch of documents: normalise, hash, deduplicate (exact and near), detect language, one transaction. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../data/db.ts';
import { errorMessage } from '../data/errors.ts';
import { normalizeText } from '../data/text/normalize.ts';
import { canonicalUrl } from './canonical-url.ts';
import { detectLanguage } from './detect-language.ts';
import { fingerprint, NEAR_DUPLICATE_MIN_BANDS } from './dedupe/fingerprint.ts';
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
}

interface Prepared {
  doc: IncomingDocument;
  order: number;
  title: string | null;
  text: string;
  contentHash: string;
  canonical: string | null;
  lang: string;
  simhash: bigint;
  bands: number[];
  rawId: string | null;
}

interface Candidate {
  id: string;
  publishedAt: Date | null;
  root: string;
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/** sha256 of the normalised title and text: the exact-duplicate key. */
export function contentHash(title: string | null, text: string): string {
  return sha256(title ?? '', text);
}

function prepare(doc: IncomingDocument, order: number, importSource: string): Prepared {
  if (typeof doc.id !== 'string' || doc.id.trim() === '') throw new Error('missing id');
  if (typeof doc.text !== 'string') throw new Error('missing text');
  const text = normalizeText(doc.text);
  if (!text) throw new Error('empty text');
  const title = doc.title ? normalizeText(doc.title) || null : null;
  const { simhash, bands } = fingerprint(text);
  const given = doc.lang?.trim().toLowerCase();
  return {
    doc,
    order,
    title,
    text,
    contentHash: contentHash(title, text),
    canonical: canonicalUrl(doc.url ?? null),
    lang: given || detectLanguage(title ? `${title}\n${text}` : text),
    simhash,
    bands,
    rawId: doc.raw ? sha256(importSource, doc.raw.locator, doc.raw.body) : null,
  };
}

function earlier(a: Candidate, b: Candidate): boolean {
  const ta = a.publishedAt?.getTime() ?? Infinity;
  const tb = b.publishedAt?.getTime() ?? Infinity;
  return ta !== tb ? ta < tb : a.id < b.id;
}

const ID_SEPARATOR = '\u001f';

/** The earliest indexed document sharing enough LSH bands with `bands`, or null. */
function nearestEarlier(bands: number[], index: Map<number, Candidate[]>): Candidate | null {
  const shared = new Map<string, { candidate: Candidate; bands: number }>();
  for (const key of bands) {
    for (const candidate of index.get(key) ?? []) {
      const entry = shared.get(candidate.id);
      if (entry) entry.bands++;
      else shared.set(candidate.id, { candidate, bands: 1 });
    }
  }
  let best: Candidate | null = null;
  for (const { candidate, bands: count } of shared.values()) {
    if (count >= NEAR_DUPLICATE_MIN_BANDS && (best === null || earlier(candidate, best))) best = candidate;
  }
  return best;
}

let stageDir: string | null = null;
let stageCounter = 0;

/** Batches are staged as NDJSON files that DuckDB reads itself: far faster than appending value by value. */
function stageFiles(): { docs: string; raw: string } {
  stageDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-stage-'));
  const n = ++stageCounter;
  return { docs: path.join(stageDir, `documents-${n}.jsonl`), raw: path.join(stageDir, `raw-${n}.jsonl`) };
}

function emptyReport(n: number): StoreReport {
  return { in: n, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0, errors: [], warnings: [], newIds: [] };
}

/** A batch normalised and fingerprinted, ready for `commitPrepared`: the CPU-bound half of `storeDocuments`. */
export interface PreparedBatch {
  report: StoreReport;
  prepared: Prepared[];
}

/** Normalise, hash and fingerprint `docs` without touching the database; invalid documents are counted failed. */
export function prepareDocuments(
  docs: IncomingDocument[],
  ctx: Pick<StoreContext, 'importSource'>,
): PreparedBatch {
  const report = emptyReport(docs.length);
  const prepared: Prepared[] = [];
  docs.forEach((doc, i) => {
    try {
      prepared.push(prepare(doc, i, ctx.importSource));
    } catch (error) {
      report.failed++;
      report.errors.push(
        `${doc.raw?.locator ?? `document ${String(doc.id ?? i + 1)}`}: ${errorMessage(error)}`,
      );
    }
  });
  prepared.sort((a, b) => {
    const ta = a.doc.publishedAt?.getTime() ?? Infinity;
    const tb = b.doc.publishedAt?.getTime() ?? Infinity;
    return ta !== tb ? ta - tb : a.order - b.order;
  });
  return { report, prepared };
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
  bandIndex: Map<number, Candidate[]>;
  rawIds: Set<string>;
}

async function lookUpKnown(db: Db, prepared: Prepared[]): Promise<Known> {
  const ids = [...new Set(prepared.map((p) => p.doc.id))];
  const hashes = [...new Set(prepared.map((p) => p.contentHash))];
  const keys = [...new Set(prepared.flatMap((p) => p.bands))];
  const rawIds = [...new Set(prepared.flatMap((p) => (p.rawId ? [p.rawId] : [])))];
  const existingIds = ids.some((id) => id.includes(ID_SEPARATOR))
    ? await db.all<{ id: string }>(sql('existing_ids_list'), { ids })
    : await db.all<{ id: string }>(sql('existing_ids'), { ids: ids.join(ID_SEPARATOR) });
  const existingHashes = await db.all<{ content_hash: string; id: string }>(sql('existing_hashes'), {
    hashes: hashes.join(','),
  });
  const lshRows = keys.length
    ? await db.all<{
        band_key: number;
        id: string;
        published_at: Date | null;
        near_duplicate_of: string | null;
      }>(sql('lsh_candidates'), { keys: keys.join(',') })
    : [];
  const existingRaw = rawIds.length
    ? await db.all<{ id: string }>(sql('existing_raw_ids'), { ids: rawIds.join(',') })
    : [];
  const bandIndex = new Map<number, Candidate[]>();
  for (const row of lshRows) {
    addToBand(bandIndex, Number(row.band_key), {
      id: row.id,
      publishedAt: row.published_at,
      root: row.near_duplicate_of ?? row.id,
    });
  }
  return {
    ids: new Set(existingIds.map((r) => r.id)),
    firstByHash: new Map(existingHashes.map((r) => [r.content_hash, r.id])),
    bandIndex,
    rawIds: new Set(existingRaw.map((r) => r.id)),
  };
}

function addToBand(index: Map<number, Candidate[]>, key: number, candidate: Candidate): void {
  const list = index.get(key);
  if (list) list.push(candidate);
  else index.set(key, [candidate]);
}

/** Deduplicate a prepared batch against the database and itself, then write it in one transaction. */
export async function commitPrepared(db: Db, batch: PreparedBatch, ctx: StoreContext): Promise<StoreReport> {
  const report: StoreReport = { ...batch.report, errors: [...batch.report.errors], newIds: [] };
  const { prepared } = batch;
  if (prepared.length === 0) return report;
  const known = await lookUpKnown(db, prepared);
  const now = ctx.now();
  const docLines: string[] = [];
  const rawLines: string[] = [];
  let storedCopies = 0;
  for (const p of prepared) {
    const { doc } = p;
    if (known.ids.has(doc.id)) {
      report.duplicate++;
      continue;
    }
    known.ids.add(doc.id);
    const duplicateOf: string | null = known.firstByHash.get(p.contentHash) ?? null;
    let nearDuplicateOf: string | null = null;
    if (duplicateOf !== null) {
      report.duplicate++;
      storedCopies++;
    } else {
      known.firstByHash.set(p.contentHash, doc.id);
      const best = nearestEarlier(p.bands, known.bandIndex);
      if (best) {
        nearDuplicateOf = best.root;
        report.nearDuplicate++;
      } else {
        report.new++;
      }
      const self: Candidate = { id: doc.id, publishedAt: doc.publishedAt, root: nearDuplicateOf ?? doc.id };
      for (const key of p.bands) addToBand(known.bandIndex, key, self);
    }

    if (p.rawId && doc.raw && !known.rawIds.has(p.rawId)) {
      known.rawIds.add(p.rawId);
      rawLines.push(
        JSON.stringify({
          id: p.rawId,
          source: ctx.importSource,
          locator: doc.raw.locator,
          fetched_at: (doc.raw.fetchedAt ?? now).toISOString(),
          content_type: doc.raw.contentType ?? null,
          headers: doc.raw.headers ?? null,
          body: doc.raw.body,
          content_hash: createHash('sha256').update(doc.raw.body).digest('hex'),
          job_run_id: ctx.jobRunId ?? null,
        }),
      );
    }
    docLines.push(
      JSON.stringify({
        id: doc.id,
        import_source: ctx.importSource,
        outlet: doc.outlet ?? null,
        kind: doc.kind ?? null,
        url: doc.url ?? null,
        canonical_url: p.canonical,
        title: p.title,
        text: p.text,
        published_at: doc.publishedAt?.toISOString() ?? null,
        ingested_at: now.toISOString(),
        locality_uid: doc.localityUid ?? ctx.defaultLocality ?? null,
        lang: p.lang,
        content_hash: p.contentHash,
        simhash: p.simhash.toString(),
        duplicate_of: duplicateOf,
        near_duplicate_of: nearDuplicateOf,
        classification: doc.classification ?? ctx.classification ?? 0,
        raw_item_id: p.rawId,
        extra: doc.extra && Object.keys(doc.extra).length ? doc.extra : null,
        bands: duplicateOf === null ? p.bands : [],
      }),
    );
    report.newIds.push(doc.id);
  }

  if (docLines.length === 0) return report;
  const stage = stageFiles();
  try {
    fs.writeFileSync(stage.docs, docLines.join('\n'));
    if (rawLines.length) fs.writeFileSync(stage.raw, rawLines.join('\n'));
    await db.transaction(async () => {
      if (rawLines.length) await db.run(sql('insert_raw_items'), { file: stage.raw });
      await db.run(sql('stage_documents'), { file: stage.docs });
      await db.run(sql('insert_documents'));
      await db.run(sql('insert_lsh'));
      await db.run(sql('drop_stage'));
    });
  } catch (error) {
    const stored = report.newIds.length;
    report.failed += stored;
    report.new = 0;
    report.nearDuplicate = 0;
    report.duplicate -= storedCopies;
    report.errors.push(`batch of ${stored} documents not stored: ${errorMessage(error)}`);
    report.newIds = [];
  } finally {
    fs.rmSync(stage.docs, { force: true });
    fs.rmSync(stage.raw, { force: true });
  }
  return report;
}
