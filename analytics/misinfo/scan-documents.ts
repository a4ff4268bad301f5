// Scoring hook after ingest: matches new documents against the registry and fills the review queue.
import { createHash } from 'node:crypto';
import type { Db } from '../../data/db.ts';
import { errorMessage } from '../../data/errors.ts';
import type { Logger } from '../../data/logger.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { predict } from '../nlp/classifier.ts';
import type { Model } from '../nlp/classifier.ts';
import { buildClaimIndex } from './claim-index.ts';
import type { ClaimIndex } from './claim-index.ts';
import { extractClaims } from './extract-claims.ts';
import { matchDocument } from './match-document.ts';
import type { ClaimMatch } from './match-document.ts';
import type { Verdict } from './read-statements.ts';
import {
  engagementScore,
  readEngagement,
  riskScore,
  sensationalStyle,
  spreadScore,
  verdictRisk,
} from './risk.ts';
import type { RiskSignals } from './risk.ts';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';
import type { Thresholds } from './thresholds.ts';

const sql = readSqlFile(new URL('./scan-documents.sql', import.meta.url));

export interface ScanContext {
  logger: Logger;
  now: () => Date;
  thresholds?: Thresholds;
  /** A trained unreliable-post classifier; its probability of `unreliableLabel` becomes a risk signal. */
  unreliableModel?: Model | null;
  /** Default `unreliable`. */
  unreliableLabel?: string;
}

export interface ScanReport {
  documents: number;
  /** Exact or near-duplicate copies: not queued themselves, they count in their original's spread. */
  copies: number;
  candidates: number;
  failed: number;
}

/** A rumour that matches no statement is queued when its check-worthiness reaches this and it carries a hedge. */
export const NEW_CLAIM_MIN_SCORE = 0.6;
const BATCH = 500;

interface StatementRow {
  id: string;
  claim: string;
  verdict: Verdict;
  issued_at: Date | null;
  topics: string[];
  locality_uid: string | null;
  classification: number;
}

interface DocumentRow {
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
type StaticSignals = Omit<RiskSignals, 'spread'> & { style_cues: string[] };

interface CandidateRow {
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
  statements: StatementRow[],
  ctx: ScanContext,
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

/**
 * Runs claim extraction and matching on documents (after ingest) and fills `claim_candidates`: one row per
 * document and matched statement (tier auto or suggest), or one `new` row for a hedged rumour no statement
 * matches. Copies are not queued but raise their original's spread. Re-running changes nothing; a reviewer's
 * decision is never overwritten, and nothing is acted on. Each document is contained: a failure is counted and
 * warned about. `await scanDocuments(db, ['doc-1', 'doc-2'], { logger, now })`.
 */
export async function scanDocuments(
  db: Db,
  docIds: readonly string[],
  ctx: ScanContext,
): Promise<ScanReport> {
  const report: ScanReport = { documents: 0, copies: 0, candidates: 0, failed: 0 };
  const statements = await db.all<StatementRow>(sql('statements'));
  const index = buildClaimIndex(statements.map((s) => ({ id: s.id, text: s.claim })));
  const now = ctx.now();
  const ids = [...new Set(docIds)];
  for (let from = 0; from < ids.length; from += BATCH) {
    const batch = ids.slice(from, from + BATCH);
    const docs = await db.all<DocumentRow>(sql('documents'), { ids: JSON.stringify(batch) });
    const rows: CandidateRow[] = [];
    const scanned: string[] = [];
    const touched = new Set<string>();
    for (const doc of docs) {
      report.documents++;
      if (doc.copy_of) {
        report.copies++;
        touched.add(doc.copy_of);
        continue;
      }
      try {
        rows.push(...candidatesFor(doc, index, statements, ctx));
        scanned.push(doc.id);
      } catch (error) {
        report.failed++;
        ctx.logger.warn(`document ${doc.id}: claim scan failed: ${errorMessage(error)}`);
      }
    }
    await db.transaction(async () => {
      for (const row of rows) {
        const { signals, ...fields } = row;
        await db.run(sql('upsert_candidate'), {
          ...fields,
          cues: JSON.stringify(row.cues),
          topics: JSON.stringify(row.topics),
          risk_signals: JSON.stringify(signals),
          now,
        });
      }
      await db.run(sql('delete_stale'), {
        docs: JSON.stringify(scanned),
        keep: JSON.stringify(rows.map((r) => r.id)),
      });
      const statementIds = [
        ...new Set(rows.map((r) => r.statement_id).filter((s): s is string => s !== null)),
      ];
      await refreshRisk(db, [...scanned, ...touched], statementIds);
    });
    report.candidates += rows.length;
  }
  ctx.logger.info(
    `claims: ${report.documents} documents scanned, ${report.candidates} candidates, ${report.copies} copies, ${report.failed} failed`,
  );
  return report;
}

/** Recomputes spread and risk of the candidates of `docIds` and of every candidate matching `statementIds`. */
export async function refreshRisk(
  db: Db,
  docIds: readonly string[],
  statementIds: readonly string[],
): Promise<number> {
  const ids = (
    await db.all<{ id: string }>(sql('affected'), {
      docs: JSON.stringify(docIds),
      statements: JSON.stringify(statementIds),
    })
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  const rows = await db.all<{
    id: string;
    risk_signals_text: string | null;
    documents: number;
    outlets: number;
    hours: number;
  }>(sql('spread'), { ids: JSON.stringify(ids) });
  for (const row of rows) {
    const stored = (row.risk_signals_text ? JSON.parse(row.risk_signals_text) : {}) as StaticSignals;
    const spread = {
      documents: Math.max(1, row.documents),
      outlets: Math.max(1, row.outlets),
      hours: row.hours,
    };
    const signals: RiskSignals = { ...stored, spread: spreadScore(spread) };
    await db.run(sql('update_risk'), {
      id: row.id,
      risk: riskScore(signals),
      risk_signals: JSON.stringify({ ...stored, spread: signals.spread, spread_counts: spread }),
    });
  }
  return rows.length;
}
