/** Turns one JSONL object or CSV row into an IncomingDocument, or says why it cannot be used. */
import { parseDocumentDate } from '../dates/parse-date.ts';
import type { LocalityResolver } from '../locality/resolve-locality.ts';
import type { IncomingDocument } from '../types.ts';

const KNOWN = new Set(['id', 'published_at', 'title', 'text', 'url', 'source', 'locality', 'lang', 'kind']);
const EARLIEST = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

export type RecordResult =
  { doc: IncomingDocument; warnings: string[] } | { doc: null; problem: string; warnings: string[] };

function optionalString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/**
 * Map `{id, published_at, title?, text, url?, source?, locality?, lang?}` (other fields go to `extra`) to a
 * document. Invalid id, text or date fails the record; a date out of range or an unknown locality only warns.
 */
export function recordToDocument(
  record: unknown,
  opts: { now: Date; resolveLocality: LocalityResolver | null },
): RecordResult {
  const warnings: string[] = [];
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { doc: null, problem: 'not a JSON object', warnings };
  }
  const r = record as Record<string, unknown>;
  const id = typeof r.id === 'number' && Number.isFinite(r.id) ? String(r.id) : r.id;
  if (typeof id !== 'string' || id.trim() === '') {
    return {
      doc: null,
      problem: r.id === undefined || r.id === '' ? 'missing id' : `invalid id ${quote(r.id)}`,
      warnings,
    };
  }
  if (typeof r.text !== 'string' || r.text.trim() === '') {
    return {
      doc: null,
      problem: r.text === undefined || r.text === '' ? 'missing text' : 'text is not a string',
      warnings,
    };
  }
  let publishedAt: Date | null = null;
  if (r.published_at === undefined || r.published_at === null || r.published_at === '') {
    warnings.push('missing published_at');
  } else {
    publishedAt = parseDocumentDate(r.published_at);
    if (!publishedAt)
      return { doc: null, problem: `invalid published_at ${quote(r.published_at)}`, warnings };
    if (publishedAt.getTime() > opts.now.getTime() + DAY_MS)
      warnings.push(`published_at ${quote(r.published_at)} is in the future`);
    else if (publishedAt.getTime() < EARLIEST)
      warnings.push(`published_at ${quote(r.published_at)} is before 2000`);
  }
  let localityUid: string | null = null;
  const locality = optionalString(r.locality);
  if (locality !== null && opts.resolveLocality) {
    const resolved = opts.resolveLocality(locality, publishedAt);
    if (resolved.uid === null) warnings.push(resolved.problem);
    localityUid = resolved.uid;
  }
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) if (!KNOWN.has(key)) extra[key] = value;
  if (locality !== null && localityUid === null) extra.locality = locality;
  return {
    doc: {
      id,
      title: optionalString(r.title),
      text: r.text,
      publishedAt,
      url: optionalString(r.url),
      outlet: optionalString(r.source),
      kind: optionalString(r.kind),
      localityUid,
      lang: optionalString(r.lang),
      extra,
    },
    warnings,
  };
}
