// Exports reviewed claims as schema.org ClaimReview JSON-LD, the format fact-check search tools read.
import type { Db } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { localDay, toLocalIso } from '../../data/time.ts';

const sql = readSqlFile(new URL('./review.sql', import.meta.url));

export interface ClaimReviewOptions {
  /** The organisation publishing the reviews (default "Ban Tuyên giáo Tỉnh ủy Đắk Lắk"). */
  author?: { name: string; url?: string };
  /** Where a review without a statement link is published: `${baseUrl}/claims/${id}`. */
  baseUrl?: string;
  /** Highest classification exported; default 0, as ClaimReview is for publishing. */
  maxClassification?: number;
}

interface ReviewedRow {
  id: string;
  statement_id: string | null;
  sentence: string;
  status: 'sai sự thật' | 'đúng sự thật';
  response: string | null;
  reviewed_at: Date;
  statement_claim: string | null;
  statement_link: string | null;
  statement_issuing_body: string | null;
  doc_id: string | null;
  doc_url: string | null;
  doc_title: string | null;
  doc_outlet: string | null;
  doc_at: Date | null;
}

/** One ClaimReview object (JSON-LD). */
export type ClaimReview = Record<string, unknown>;

const RATINGS = {
  'sai sự thật': { ratingValue: 1, alternateName: 'Sai sự thật' },
  'đúng sự thật': { ratingValue: 5, alternateName: 'Đúng sự thật' },
};
const DEFAULT_AUTHOR = 'Ban Tuyên giáo Tỉnh ủy Đắk Lắk';

function appearance(row: ReviewedRow): Record<string, unknown> {
  const work: Record<string, unknown> = { '@type': 'CreativeWork' };
  if (row.doc_url) work.url = row.doc_url;
  if (row.doc_title) work.headline = row.doc_title;
  if (row.doc_outlet) work.publisher = { '@type': 'Organization', name: row.doc_outlet };
  if (row.doc_at) work.datePublished = toLocalIso(row.doc_at);
  return work;
}

/**
 * ClaimReview JSON-LD for every reviewed candidate (sai sự thật / đúng sự thật) up to the classification limit:
 * one review per statement and verdict, listing every document where the claim appeared, and one per reviewed
 * claim without statement. `JSON.stringify(await exportClaimReviews(db, { baseUrl: 'https://…' }))`.
 */
export async function exportClaimReviews(db: Db, options: ClaimReviewOptions = {}): Promise<ClaimReview[]> {
  const rows = await db.all<ReviewedRow>(sql('reviewed'), {
    max_classification: options.maxClassification ?? 0,
  });
  const groups = new Map<string, ReviewedRow[]>();
  for (const row of rows) {
    const key =
      row.statement_id !== null ? `s\u0000${row.statement_id}\u0000${row.status}` : `c\u0000${row.id}`;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  }
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const out: ClaimReview[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const last = group.reduce((a, b) => (b.reviewed_at > a.reviewed_at ? b : a));
    const rating = RATINGS[first.status];
    const appearances = group.filter((r) => r.doc_id !== null).map(appearance);
    const earliest = group
      .filter((r) => r.doc_at !== null)
      .reduce<ReviewedRow | null>((a, b) => (a === null || b.doc_at! < a.doc_at! ? b : a), null);
    const review: ClaimReview = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: first.statement_link ?? `${base}/claims/${first.id}`,
      claimReviewed: first.statement_claim ?? first.sentence,
      datePublished: localDay(last.reviewed_at),
      inLanguage: 'vi',
      author: {
        '@type': 'Organization',
        name: options.author?.name ?? DEFAULT_AUTHOR,
        ...(options.author?.url ? { url: options.author.url } : {}),
      },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: rating.ratingValue,
        bestRating: 5,
        worstRating: 1,
        alternateName: rating.alternateName,
      },
      itemReviewed: {
        '@type': 'Claim',
        appearance: appearances,
        ...(earliest
          ? { firstAppearance: appearance(earliest), datePublished: toLocalIso(earliest.doc_at!) }
          : {}),
      },
    };
    const body = last.response ?? first.response;
    if (body) review.reviewBody = body;
    out.push(review);
  }
  return out;
}
