/** Reading alerts for the dashboard, the API and the CLI: filtered lists and one alert with its case. */
import type { Db, SqlValue } from '../../data/db.ts';
import type { AlertRow } from '../hotspots/store-alerts.ts';
import { alertFromRow } from '../hotspots/store-alerts.ts';
import type { Alert, AlertStatus, Detector, Severity } from '../hotspots/types.ts';
import { SEVERITIES } from '../hotspots/types.ts';
import type { Case, CaseEvent } from './cases.ts';
import { caseIdOf, getCase } from './cases.ts';

export interface AlertFilter {
  /** Alerts whose days touch [since, until). */
  since?: Date;
  until?: Date;
  topic?: string;
  /** This unit (as named, its series, or its successor today) or any unit below it. */
  unitUid?: string;
  minSeverity?: Severity;
  status?: AlertStatus[];
  detector?: Detector;
  /** Highest classification the reader is cleared for. */
  maxClassification?: number;
  limit?: number;
  offset?: number;
}

/**
 * Alerts matching `filter`, most severe and most recent first.
 * `await listAlerts(db, { since: parseTime('2026-11-01')!, minSeverity: 'cao', maxClassification: user.clearance })`.
 */
export async function listAlerts(db: Db, filter: AlertFilter = {}): Promise<Alert[]> {
  const where: string[] = [];
  const params: Record<string, SqlValue> = {};
  if (filter.since) {
    where.push('last_seen >= $since');
    params.since = filter.since;
  }
  if (filter.until) {
    where.push('first_seen < $until');
    params.until = filter.until;
  }
  if (filter.topic) {
    where.push('topic = $topic');
    params.topic = filter.topic;
  }
  if (filter.unitUid) {
    where.push(`(unit_uid IN (SELECT uid FROM hs_subtree) OR series_uid IN (SELECT uid FROM hs_subtree)
      OR current_uid IN (SELECT uid FROM hs_subtree))`);
    params.unit = filter.unitUid;
  }
  if (filter.minSeverity) {
    where.push('list_position($severities, severity) >= list_position($severities, $min_severity)');
    params.severities = [...SEVERITIES];
    params.min_severity = filter.minSeverity;
  }
  if (filter.status && filter.status.length > 0) {
    where.push('list_contains($statuses, status)');
    params.statuses = filter.status;
  }
  if (filter.detector) {
    where.push('detector = $detector');
    params.detector = filter.detector;
  }
  if (filter.maxClassification !== undefined) {
    where.push('classification <= $max_classification');
    params.max_classification = filter.maxClassification;
  }
  params.limit = filter.limit ?? 200;
  params.offset = filter.offset ?? 0;
  const subtree = filter.unitUid
    ? `WITH RECURSIVE hs_subtree(uid) AS (
         SELECT $unit UNION SELECT u.uid FROM units u JOIN hs_subtree s ON u.parent_uid = s.uid
       ) `
    : '';
  const rows = await db.all<AlertRow>(
    `${subtree}SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY list_position(['khẩn', 'cao', 'trung bình', 'thấp'], severity), last_seen DESC, id
     LIMIT $limit OFFSET $offset`,
    params,
  );
  return rows.map(alertFromRow);
}

/** One alert with its case and the case's history, or undefined. */
export async function getAlert(
  db: Db,
  id: string,
  now: Date = new Date(),
): Promise<(Alert & { case: (Case & { events: CaseEvent[] }) | null }) | undefined> {
  const row = await db.one<AlertRow>('SELECT * FROM alerts WHERE id = $id', { id });
  if (!row) return undefined;
  const kase = (await getCase(db, caseIdOf(id), now)) ?? null;
  return { ...alertFromRow(row), case: kase };
}
