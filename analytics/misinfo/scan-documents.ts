// Scoring hook after ingest: matches new documents against the registry and fills the review queue.
import type { Db } from '../../data/db.ts';
import type { Logger } from '../../data/logger.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { nextTurn } from '../../data/next-turn.ts';
import type { ScorePool } from '../nlp/score-workers.ts';
import type { ClaimIndex } from './claim-index.ts';
import {
  claimIndexOf,
  scanCandidates,
  type CandidateOptions,
  type CandidateRow,
  type DocumentRow,
  type DocumentScan,
  type StaticSignals,
  type StatementRow,
} from './claim-candidates.ts';
import { riskScore, spreadScore } from './risk.ts';
import type { RiskSignals } from './risk.ts';

export { NEW_CLAIM_MIN_SCORE, candidateId } from './claim-candidates.ts';

const sql = readSqlFile(new URL('./scan-documents.sql', import.meta.url));

export interface ScanContext extends CandidateOptions {
  logger: Logger;
  now: () => Date;
  /**
   * Worker threads that run the matching (a server keeps its event loop free for requests); not used with an
   * `unreliableModel`, which is applied in the calling thread.
   */
  pool?: ScorePool;
}

export interface ScanReport {
  documents: number;
  /** Exact or near-duplicate copies: not queued themselves, they count in their original's spread. */
  copies: number;
  candidates: number;
  failed: number;
}

const BATCH = 500;
/** Documents matched between two turns of the event loop when the scan runs in the calling thread. */
const IN_THREAD_CHUNK = 100;

/**
 * The scan of each document: on the worker threads when there are some (and no classifier to apply), else here in
 * chunks, giving the event loop a turn between them.
 */
async function scanOriginals(
  docs: readonly DocumentRow[],
  statements: readonly StatementRow[],
  ctx: ScanContext,
  index: () => ClaimIndex,
): Promise<DocumentScan[]> {
  if (docs.length === 0) return [];
  if (ctx.pool && !ctx.unreliableModel)
    return ctx.pool.scanClaims(docs, statements, { thresholds: ctx.thresholds });
  const scans: DocumentScan[] = [];
  for (let from = 0; from < docs.length; from += IN_THREAD_CHUNK) {
    if (from > 0) await nextTurn();
    scans.push(...scanCandidates(docs.slice(from, from + IN_THREAD_CHUNK), statements, ctx, index()));
  }
  return scans;
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
  let index: ClaimIndex | null = null;
  const now = ctx.now();
  const ids = [...new Set(docIds)];
  for (let from = 0; from < ids.length; from += BATCH) {
    const batch = ids.slice(from, from + BATCH);
    const docs = await db.all<DocumentRow>(sql('documents'), { ids: JSON.stringify(batch) });
    const rows: CandidateRow[] = [];
    const scanned: string[] = [];
    const touched = new Set<string>();
    const originals: DocumentRow[] = [];
    for (const doc of docs) {
      report.documents++;
      if (doc.copy_of) {
        report.copies++;
        touched.add(doc.copy_of);
      } else originals.push(doc);
    }
    const scans = await scanOriginals(originals, statements, ctx, () => (index ??= claimIndexOf(statements)));
    scans.forEach((scan, i) => {
      const doc = originals[i]!;
      if ('error' in scan) {
        report.failed++;
        ctx.logger.warn(`document ${doc.id}: claim scan failed: ${scan.error}`);
      } else {
        rows.push(...scan.rows);
        scanned.push(doc.id);
      }
    });
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
