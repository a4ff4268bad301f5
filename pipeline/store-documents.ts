/** Stores a batch of documents: normalise, hash, deduplicate (exact and near), detect language, one transaction. */
import { createHash } from 'node:crypto';
import type { Db, SqlValue } from '../data/db.ts';
import { errorMessage } from '../data/errors.ts';
import { normalizeText } from '../data/text/normalize.ts';
import { canonicalUrl } from './canonical-url.ts';
import { detectLanguage } from './detect-language.ts';
import { fingerprint, NEAR_DUPLICATE_MIN_BANDS } from './dedupe/fingerprint.ts';
import { readSqlFile } from './sql-file.ts';
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

function prepare(doc: IncomingDocument, order: number): Prepared {
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
  };
}

function earlier(a: Candidate, b: Candidate): boolean {
  const ta = a.publishedAt?.getTime() ?? Infinity;
  const tb = b.publishedAt?.getTime() ?? Infinity;
  return ta !== tb ? ta < tb : a.id < b.id;
}

function emptyReport(n: number): StoreReport {
  return { in: n, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0, errors: [], warnings: [], newIds: [] };
}

/**
 * Store `docs` in one transaction and report what happened to each. The same id again is a no-op; the same
 * content under a new id is stored with `duplicate_of`; a syndicated copy gets `near_duplicate_of` (MinHash LSH
 * over syllable 3-shingles). Re-running a batch adds nothing.
 * `await storeDocuments(db, [{ id: 'a1', text: '…', publishedAt }], { importSource: 'demo', now: () => new Date() })`
 */
export async function storeDocuments(db: Db, docs: IncomingDocument[], ctx: StoreContext): Promise<StoreReport> {
  const report = emptyReport(docs.length);
  const prepared: Prepared[] = [];
  docs.forEach((doc, i) => {
    try {
      prepared.push(prepare(doc, i));
    } catch (error) {
      report.failed++;
      report.errors.push(`${doc.raw?.locator ?? `document ${String(doc.id ?? i + 1)}`}: ${errorMessage(error)}`);
    }
  });
  if (prepared.length === 0) return report;
  prepared.sort((a, b) => {
    const ta = a.doc.publishedAt?.getTime() ?? Infinity;
    const tb = b.doc.publishedAt?.getTime() ?? Infinity;
    return ta !== tb ? ta - tb : a.order - b.order;
  });

  const ids = [...new Set(prepared.map((p) => p.doc.id))];
  const hashes = [...new Set(prepared.map((p) => p.contentHash))];
  const keys = [...new Set(prepared.flatMap((p) => p.bands))];
  const [existingIds, existingHashes, lshRows] = await Promise.all([
    db.all<{ id: string }>(sql('existing_ids'), { ids }),
    db.all<{ content_hash: string; id: string }>(sql('existing_hashes'), { hashes }),
    keys.length
      ? db.all<{ band_key: number; id: string; published_at: Date | null; near_duplicate_of: string | null }>(
          sql('lsh_candidates'),
          { keys: keys.map(BigInt) },
        )
      : Promise.resolve([]),
  ]);
  const seenIds = new Set(existingIds.map((r) => r.id));
  const firstByHash = new Map(existingHashes.map((r) => [r.content_hash, r.id]));
  const bandIndex = new Map<number, Candidate[]>();
  const addToBand = (key: number, candidate: Candidate) => {
    const list = bandIndex.get(key);
    if (list) list.push(candidate);
    else bandIndex.set(key, [candidate]);
  };
  for (const row of lshRows) {
    addToBand(Number(row.band_key), { id: row.id, publishedAt: row.published_at, root: row.near_duplicate_of ?? row.id });
  }

  const now = ctx.now();
  const docRows: SqlValue[][] = [];
  const rawRows: SqlValue[][] = [];
  const lshAppend: SqlValue[][] = [];
  const rawIds = new Map<string, Prepared>();
  for (const p of prepared) {
    if (p.doc.raw) rawIds.set(sha256(ctx.importSource, p.doc.raw.locator, p.doc.raw.body), p);
  }
  const existingRaw = rawIds.size
    ? new Set((await db.all<{ id: string }>(sql('existing_raw_ids'), { ids: [...rawIds.keys()] })).map((r) => r.id))
    : new Set<string>();
  const rawIdOf = new Map<Prepared, string>();
  for (const [id, p] of rawIds) rawIdOf.set(p, id);

  let storedCopies = 0;
  for (const p of prepared) {
    const { doc } = p;
    if (seenIds.has(doc.id)) {
      report.duplicate++;
      continue;
    }
    seenIds.add(doc.id);
    const duplicateOf: string | null = firstByHash.get(p.contentHash) ?? null;
    let nearDuplicateOf: string | null = null;
    if (duplicateOf !== null) {
      report.duplicate++;
      storedCopies++;
    } else {
      firstByHash.set(p.contentHash, doc.id);
      const shared = new Map<string, { candidate: Candidate; bands: number }>();
      for (const key of p.bands) {
        for (const candidate of bandIndex.get(key) ?? []) {
          const entry = shared.get(candidate.id);
          if (entry) entry.bands++;
          else shared.set(candidate.id, { candidate, bands: 1 });
        }
      }
      let best: Candidate | null = null;
      for (const { candidate, bands } of shared.values()) {
        if (bands >= NEAR_DUPLICATE_MIN_BANDS && (best === null || earlier(candidate, best))) best = candidate;
      }
      if (best) {
        nearDuplicateOf = best.root;
        report.nearDuplicate++;
      } else {
        report.new++;
      }
      const self: Candidate = { id: doc.id, publishedAt: doc.publishedAt, root: nearDuplicateOf ?? doc.id };
      for (const key of p.bands) {
        addToBand(key, self);
        lshAppend.push([BigInt(key), doc.id]);
      }
    }

    const rawId = rawIdOf.get(p) ?? null;
    if (rawId && doc.raw && !existingRaw.has(rawId)) {
      existingRaw.add(rawId);
      rawRows.push([
        rawId,
        ctx.importSource,
        doc.raw.locator,
        doc.raw.fetchedAt ?? now,
        doc.raw.contentType ?? null,
        doc.raw.headers ? JSON.stringify(doc.raw.headers) : null,
        doc.raw.body,
        createHash('sha256').update(doc.raw.body).digest('hex'),
        ctx.jobRunId ?? null,
      ]);
    }
    const extra = doc.extra && Object.keys(doc.extra).length ? JSON.stringify(doc.extra) : null;
    docRows.push([
      doc.id,
      ctx.importSource,
      doc.outlet ?? null,
      doc.kind ?? null,
      doc.url ?? null,
      p.canonical,
      p.title,
      p.text,
      doc.publishedAt,
      now,
      doc.localityUid ?? ctx.defaultLocality ?? null,
      p.lang,
      p.contentHash,
      p.simhash,
      duplicateOf,
      nearDuplicateOf,
      doc.classification ?? ctx.classification ?? 0,
      rawId,
      extra,
    ]);
    report.newIds.push(doc.id);
  }

  if (docRows.length === 0) return report;
  try {
    await db.transaction(async () => {
      await db.run(sql('stage'));
      await db.append('stage_raw_items', rawRows);
      await db.append('stage_documents', docRows);
      await db.append('doc_lsh', lshAppend);
      await db.run(sql('commit_stage'));
    });
  } catch (error) {
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
