/** The CPU-bound half of storing documents: normalise, hash, detect language and fingerprint, without the database. */
import { hash } from 'node:crypto';
import { errorMessage } from '../data/errors.ts';
import { normalizeText } from '../data/text/normalize.ts';
import { canonicalUrl } from './canonical-url.ts';
import { detectLanguage } from './detect-language.ts';
import { fingerprint } from './dedupe/fingerprint.ts';
import type { IncomingDocument, StoreReport } from './types.ts';

/** One document normalised, hashed and fingerprinted; `order` is its place in the batch as given. */
export interface Prepared {
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

/** sha256 (hex) of the parts, each followed by a NUL. */
function sha256(...parts: string[]): string {
  return hash('sha256', `${parts.join('\u0000')}\u0000`);
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

function emptyReport(n: number): StoreReport {
  return { in: n, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0, errors: [], warnings: [], newIds: [] };
}

/** A batch normalised and fingerprinted, ready for `commitPrepared`: the CPU-bound half of `storeDocuments`. */
export interface PreparedBatch {
  report: StoreReport;
  prepared: Prepared[];
}

/** Normalise, hash and fingerprint `docs` without touching the database; invalid documents are counted failed. */
export function prepareDocuments(docs: IncomingDocument[], ctx: { importSource: string }): PreparedBatch {
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
 * Batches prepared one after another as one batch for one transaction: their documents stay in batch order, each
 * batch's sorted by date within it, so deduplication decides exactly as if each were committed on its own.
 */
export function joinBatches(batches: readonly PreparedBatch[]): PreparedBatch {
  const report = emptyReport(0);
  const prepared: Prepared[] = [];
  for (const batch of batches) {
    report.in += batch.report.in;
    report.failed += batch.report.failed;
    report.errors.push(...batch.report.errors);
    report.warnings.push(...batch.report.warnings);
    prepared.push(...batch.prepared);
  }
  return { report, prepared };
}
