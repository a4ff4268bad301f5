/**
 * The claim scan of documents, without the database: for each document, the candidates of the review queue it gives
 * (scan-documents.ts stores them). Pure and deterministic, so that it runs in the scoring worker threads
 * (analytics/nlp/score-workers.ts) as well as in the calling thread, with the same result.
 */
import { createHash } from 'node:crypto';
import { errorMessage } from '../../data/errors.ts';
import { predict } from '../nlp/classifier.ts';
import type { Model } from '../nlp/classifier.ts';
import { buildClaimIndex } from './claim-index.ts';
import type { ClaimIndex } from './claim-index.ts';
import { extractClaims } from './extract-claims.ts';
import { matchDocument } from './match-document.ts';
import type { ClaimMatch } from './match-document.ts';
import type { Verdict } from './read-statements.ts';
import { engagementScore, readEngagement, riskScore, sensationalStyle, verdictRisk } from './risk.ts';
import type { RiskSignals } from './risk.ts';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';
import type { Thresholds } from './thresholds.ts';

/** How candidates are found: match thresholds and the optional unreliable-post classifier. */
export interface CandidateOptions {
  thresholds?: Thresholds;
  /** A trained unreliable-post classifier; its probability of `unreliableLabel` becomes a risk signal. */
  unreliableModel?: Model | null;
  /** Default `unreliable`. */
  unreliableLabel?: string;
}

/** A rumour that matches no statement is queued when its check-worthiness reaches this and it carries a hedge. */
export const NEW_CLAIM_MIN_SCORE = 0.6;
export interface StatementRow {
  id: string;
  claim: string;
  verdict: Verdict;
  issued_at: Date | null;
  topics: string[];
  locality_uid: string | null;
  classification: number;
}

export interface DocumentRow {
  id: string;
  title: string | null;
  text: string;
  published_at: Date | null;
  ingested_at: Date;
  extra: string | null;
  locality_uid: string | null;
  classification: number;
  copy_of: string | null;
  credibility: number | null;
  topics: string[] | null;
}

/** Signals fixed at scan time; spread is added when the queue is refreshed. */
export type StaticSignals = Omit<RiskSignals, 'spread'> & { style_cues: string[] };

export interface CandidateRow {
  id: string;
  doc_id: string;
  statement_id: string | null;
  sentence: string;
  sentence_start: number | null;
  sentence_end: number | null;
  claim_score: number;
  similarity: number | null;
  tier: string;
  contradiction: boolean;
  cues: string[];
  risk: number;
  signals: StaticSignals;
  locality_uid: string | null;
  topics: string[];
  classification: number;
}

/** The candidate's id: stable for one document and statement, so a re-scan updates its row. */
export function candidateId(docId: string, statementId: string | null): string {
  return `cc-${createHash('sha256')
    .update(`${docId}\u0000${statementId ?? ''}`)
    .digest('hex')
    .slice(0, 24)}`;
}

/** The document's `extra` JSON column (valid JSON, as DuckDB stores it), or null. */
function parseExtra(extra: string | null): unknown {
  return extra ? (JSON.parse(extra) as unknown) : null;
}

function bestClaimScore(passage: string): { score: number; cues: string[] } {
  const claims = extractClaims(passage, { minScore: 0 });
  return claims.reduce((best, c) => (c.score > best.score ? { score: c.score, cues: c.cues } : best), {
    score: 0,
    cues: [] as string[],
  });
}

function candidatesFor(
  doc: DocumentRow,
  index: ClaimIndex,
  statements: readonly StatementRow[],
  ctx: CandidateOptions,
): CandidateRow[] {
  const thresholds = ctx.thresholds ?? DEFAULT_THRESHOLDS;
  const at = doc.published_at ?? doc.ingested_at;
  const statementDates = statements.map((s) => s.issued_at ?? undefined);
  const found = new Map<string, { match: ClaimMatch; inTitle: boolean }>();
  for (const match of matchDocument(index, doc.text, { thresholds, at, statementDates })) {
    found.set(match.statementId, { match, inTitle: false });
  }
  if (doc.title) {
    for (const match of matchDocument(index, doc.title, { thresholds, at, statementDates })) {
      const current = found.get(match.statementId);
      if (!current || match.similarity > current.match.similarity)
        found.set(match.statementId, { match, inTitle: true });
    }
  }
  const extra = parseExtra(doc.extra);
  const style = sensationalStyle(doc.title ? `${doc.title}\n${doc.text}` : doc.text);
  const engagement = engagementScore(readEngagement(extra));
  const label = ctx.unreliableLabel ?? 'unreliable';
  const unreliable = ctx.unreliableModel
    ? (predict(
        ctx.unreliableModel,
        doc.text,
        extra && typeof extra === 'object' ? (extra as Record<string, unknown>) : {},
      ).scores[label] ?? null)
    : null;
  const byId = new Map(statements.map((s) => [s.id, s]));
  const rows: CandidateRow[] = [];
  const base = (verdict: number, claimScore: number): StaticSignals => ({
    verdict,
    credibility: doc.credibility,
    engagement,
    sensational: style.score,
    claimScore,
    unreliable,
    style_cues: style.cues,
  });
  for (const { match, inTitle } of found.values()) {
    const statement = byId.get(match.statementId)!;
    const claim = bestClaimScore(match.passage.text);
    const signals = base(verdictRisk(statement.verdict, match.contradiction), claim.score);
    rows.push({
      id: candidateId(doc.id, statement.id),
      doc_id: doc.id,
      statement_id: statement.id,
      sentence: match.passage.text,
      sentence_start: inTitle ? null : match.passage.start,
      sentence_end: inTitle ? null : match.passage.end,
      claim_score: claim.score,
      similarity: match.similarity,
      tier: match.tier,
      contradiction: match.contradiction,
      cues: [...match.cues, ...claim.cues],
      risk: riskScore({ ...signals, spread: 0 }),
      signals,
      locality_uid: doc.locality_uid ?? statement.locality_uid,
      topics: [...new Set([...(doc.topics ?? []), ...statement.topics])],
      classification: Math.max(doc.classification, statement.classification),
    });
  }
  if (rows.length === 0) {
    const rumour = extractClaims(doc.text)
      .filter((c) => c.cues.includes('hedge') && c.score >= NEW_CLAIM_MIN_SCORE)
      .sort((a, b) => b.score - a.score)[0];
    if (rumour) {
      const signals = base(verdictRisk(null, false), rumour.score);
      rows.push({
        id: candidateId(doc.id, null),
        doc_id: doc.id,
        statement_id: null,
        sentence: rumour.sentence,
        sentence_start: rumour.start,
        sentence_end: rumour.end,
        claim_score: rumour.score,
        similarity: null,
        tier: 'new',
        contradiction: false,
        cues: rumour.cues,
        risk: riskScore({ ...signals, spread: 0 }),
        signals,
        locality_uid: doc.locality_uid,
        topics: doc.topics ?? [],
        classification: doc.classification,
      });
    }
  }
  return rows;
}

/** What the scan of one document gave: its candidate rows, or why it failed. */
export type DocumentScan = { rows: CandidateRow[] } | { error: string };

/**
 * The candidates of each document (copies excluded by the caller), in order; a document that fails is reported, the
 * rest go on. `scanCandidates(docs, statements, { thresholds })` → `[{ rows: [...] }, { error: '…' }]`
 */
export function scanCandidates(
  docs: readonly DocumentRow[],
  statements: readonly StatementRow[],
  options: CandidateOptions,
  index: ClaimIndex = claimIndexOf(statements),
): DocumentScan[] {
  return docs.map((doc) => {
    try {
      return { rows: candidatesFor(doc, index, statements, options) };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  });
}

/** The claim index of the registry's statements. */
export function claimIndexOf(statements: readonly StatementRow[]): ClaimIndex {
  return buildClaimIndex(statements.map((s) => ({ id: s.id, text: s.claim })));
}
