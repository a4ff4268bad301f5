/** Writes alerts idempotently: the same alert again updates its row; one that grew keeps the id it was first given. */
import type { Db, SqlValue } from '../../data/db.ts';
import type { Alert, AlertExplanation, AlertStatus, Detector, Severity } from './types.ts';
import type { Granularity } from './detector-config.ts';
import { readSqlFile } from '../../data/sql-file.ts';

const sql = readSqlFile(new URL('./store-alerts.sql', import.meta.url));

/** A row of the `alerts` table as `Db.all` returns it. */
export interface AlertRow {
  id: string;
  detector: string;
  granularity: string;
  topic: string | null;
  label: string;
  unit_uid: string | null;
  series_uid: string | null;
  current_uid: string | null;
  unit_level: number | null;
  first_seen: Date;
  last_seen: Date;
  detected_at: Date;
  severity: string;
  score: number;
  p_value: number;
  count: number;
  expected: number;
  neg_share: number;
  outlets: string[];
  top_terms: string[];
  doc_ids: string[];
  explanation: unknown;
  classification: number;
  status: string;
  created_at: Date;
  updated_at: Date;
}

/** A stored alert as pages and reports read it: the explanation as JSON text, with its topic's and units' names. */
export interface NamedAlertRow extends Omit<AlertRow, 'explanation'> {
  topic_name: string | null;
  unit_name: string | null;
  current_name: string | null;
  explanation: string;
}

/** The alert a stored row holds. */
export function alertFromRow(row: AlertRow): Alert {
  const explanation = typeof row.explanation === 'string' ? JSON.parse(row.explanation) : row.explanation;
  return {
    id: row.id,
    detector: row.detector as Detector,
    granularity: row.granularity as Granularity,
    topic: row.topic,
    label: row.label,
    unitUid: row.unit_uid,
    seriesUid: row.series_uid,
    currentUid: row.current_uid,
    unitLevel: row.unit_level,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    detectedAt: row.detected_at,
    severity: row.severity as Severity,
    score: row.score,
    pValue: row.p_value,
    count: row.count,
    expected: row.expected,
    negShare: row.neg_share,
    outlets: row.outlets,
    topTerms: row.top_terms,
    docIds: row.doc_ids,
    explanation: explanation as AlertExplanation,
    classification: row.classification,
    status: row.status as AlertStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toParams(a: Alert): Record<string, SqlValue> {
  return {
    id: a.id,
    detector: a.detector,
    granularity: a.granularity,
    topic: a.topic,
    label: a.label,
    unit_uid: a.unitUid,
    series_uid: a.seriesUid,
    current_uid: a.currentUid,
    unit_level: a.unitLevel,
    first_seen: a.firstSeen,
    last_seen: a.lastSeen,
    detected_at: a.detectedAt,
    severity: a.severity,
    score: a.score,
    p_value: a.pValue,
    count: a.count,
    expected: a.expected,
    neg_share: a.negShare,
    outlets: a.outlets,
    top_terms: a.topTerms,
    doc_ids: a.docIds,
    explanation: JSON.stringify(a.explanation),
    classification: a.classification,
    status: a.status,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

/** What a re-run compares to decide whether a stored alert changed: everything but status and timestamps. */
function content(a: Alert): string {
  return JSON.stringify(a, (key, value: unknown) =>
    key === 'createdAt' || key === 'updatedAt' || key === 'status' ? undefined : value,
  );
}

/**
 * Store `alerts` in one transaction. An alert whose id exists keeps its status and creation time; one that
 * continues an earlier alert of the same detector, topic and unit (days within `gapDays`) takes that alert's
 * id, so re-running detection over shifted windows never duplicates an alert. Returns the alerts as stored.
 */
export async function storeAlerts(db: Db, alerts: readonly Alert[], gapDays: number): Promise<Alert[]> {
  return db.transaction(async () => {
    const stored: Alert[] = [];
    const existing = new Map(
      (await db.all<AlertRow>(sql('by_ids'), { ids: alerts.map((a) => a.id) })).map((r) => [
        r.id,
        alertFromRow(r),
      ]),
    );
    for (const alert of alerts) {
      let target = alert;
      let previous = existing.get(alert.id);
      if (!previous) {
        const row = await db.one<AlertRow>(sql('overlapping'), {
          detector: alert.detector,
          topic: alert.topic,
          series_uid: alert.seriesUid,
          first_seen: alert.firstSeen,
          last_seen: alert.lastSeen,
          gap: gapDays,
          id: alert.id,
        });
        if (row) {
          previous = alertFromRow(row);
          target = {
            ...alert,
            id: previous.id,
            firstSeen: new Date(Math.min(+previous.firstSeen, +alert.firstSeen)),
            lastSeen: new Date(Math.max(+previous.lastSeen, +alert.lastSeen)),
            detectedAt: new Date(Math.min(+previous.detectedAt, +alert.detectedAt)),
            docIds: [...new Set([...previous.docIds, ...alert.docIds])].slice(
              0,
              Math.max(alert.docIds.length, previous.docIds.length, 500),
            ),
          };
        }
      }
      if (previous) {
        target = { ...target, status: previous.status, createdAt: previous.createdAt };
        if (content(target) === content(previous)) {
          stored.push(previous);
          continue;
        }
      }
      await db.run(sql('upsert'), toParams(target));
      stored.push(target);
    }
    return stored;
  });
}
