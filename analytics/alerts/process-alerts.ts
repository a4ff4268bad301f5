/** After detection: route each alert, open or update its case, and queue its notifications. Safe to re-run. */
import type { Db } from '../../data/db.ts';
import { formatDateVi } from '../../data/time.ts';
import { alertsToJson } from '../hotspots/alerts-to-json.ts';
import type { DetectOptions } from '../hotspots/detect-hotspots.ts';
import { detectHotspots } from '../hotspots/detect-hotspots.ts';
import type { Alert } from '../hotspots/types.ts';
import type { Case } from './cases.ts';
import { flagOverdueCases, openCase } from './cases.ts';
import type { Notification } from './outbox.ts';
import { enqueueNotifications, loadTargets } from './outbox.ts';
import type { RoutingRule } from './routing.ts';
import { BOARD_OFFICE, committeeOf, loadRoutingRules, loadRoutingUnits, routeAlert } from './routing.ts';

export interface ProcessReport {
  cases: Case[];
  opened: number;
  escalated: number;
  notifications: number;
}

function message(alert: Alert, kase: Case, reason: string): { subject: string; text: string } {
  const unit = alert.explanation.unit;
  const place = unit ? [...unit.path].reverse().join(', ') : 'chưa xác định địa bàn';
  const why =
    reason === 'overdue'
      ? 'Quá hạn xử lý'
      : reason.startsWith('escalated')
        ? 'Chuyển cấp trên'
        : 'Điểm nóng mới';
  return {
    subject: `[${alert.severity.toUpperCase()}] ${why}: ${alert.label} — ${unit?.name ?? place}`,
    text: [
      `${why}: ${alert.label}`,
      `Địa bàn: ${place}`,
      `Mức độ: ${alert.severity} (điểm ${alert.score})`,
      `Thời gian: ${formatDateVi(alert.firstSeen, true)} – ${formatDateVi(alert.lastSeen, true)}`,
      alert.explanation.summary,
      `Hồ sơ: ${kase.id}, hạn xử lý ${formatDateVi(kase.deadline, true)}, đơn vị chủ trì: ${kase.assignee}`,
    ].join('\n'),
  };
}

/**
 * Route `alerts`, open their cases and queue notifications: the inbox of every recipient always; webhook and
 * e-mail when the route says notify (urgent alerts), again when a case is escalated or its severity rises.
 */
export async function processAlerts(
  db: Db,
  alerts: readonly Alert[],
  options: { now: Date; rules?: readonly RoutingRule[] },
): Promise<ProcessReport> {
  const rules = options.rules ?? (await loadRoutingRules(db));
  const units = await loadRoutingUnits(db);
  const sensitive = new Set(
    (await db.all<{ id: string }>('SELECT id FROM topics WHERE sensitive')).map((r) => r.id),
  );
  const targets = await loadTargets(db);
  const report: ProcessReport = { cases: [], opened: 0, escalated: 0, notifications: 0 };
  const notifications: Notification[] = [];
  for (const alert of alerts) {
    const route = routeAlert(alert, rules, units, alert.topic !== null && sensitive.has(alert.topic));
    const result = await openCase(db, alert, route, options.now);
    report.cases.push(result.case);
    if (result.created) report.opened++;
    if (result.escalated) report.escalated++;
    const reasons = ['new'];
    if (result.escalated && !result.created) reasons.push('escalated');
    if (result.severityRaised) reasons.push(`severity:${alert.severity}`);
    const urgent = route.notify || alert.severity === 'khẩn';
    for (const reason of reasons) {
      const text = message(alert, result.case, reason);
      const payload = { reason, case_id: result.case.id, ...text, alert: alertsToJson([alert])[0] };
      for (const recipient of result.case.recipients) {
        notifications.push({
          channel: 'inbox',
          recipient,
          address: null,
          alertId: alert.id,
          caseId: result.case.id,
          reason,
          payload,
        });
        const target = targets.get(recipient);
        if (!urgent || !target) continue;
        if (target.webhookUrl) {
          notifications.push({
            channel: 'webhook',
            recipient,
            address: target.webhookUrl,
            alertId: alert.id,
            caseId: result.case.id,
            reason,
            payload,
          });
        }
        if (target.email) {
          notifications.push({
            channel: 'email',
            recipient,
            address: target.email,
            alertId: alert.id,
            caseId: result.case.id,
            reason,
            payload,
          });
        }
      }
    }
  }
  report.notifications = (await enqueueNotifications(db, notifications, options.now)).length;
  return report;
}

/**
 * Flag overdue cases and tell the unit above and the board's standing office (inbox, and webhook/e-mail where
 * they have addresses). Returns the cases newly found overdue.
 */
export async function processOverdueCases(db: Db, now: Date): Promise<Case[]> {
  const overdue = await flagOverdueCases(db, now);
  if (overdue.length === 0) return overdue;
  const targets = await loadTargets(db);
  const units = await loadRoutingUnits(db);
  const notifications: Notification[] = [];
  for (const kase of overdue) {
    const alert = await db.one<{ current_uid: string | null; label: string }>(
      'SELECT current_uid, label FROM alerts WHERE id = $id',
      { id: kase.alertId },
    );
    const here = units.get(alert?.current_uid ?? '');
    const parent = here?.parentUid ? units.get(here.parentUid) : undefined;
    const recipients = [...new Set([...(parent ? [committeeOf(parent.name)] : []), BOARD_OFFICE])];
    const payload = {
      reason: 'overdue',
      case_id: kase.id,
      subject: `[QUÁ HẠN] ${alert?.label ?? kase.alertId} — ${kase.assignee}`,
      text: `Hồ sơ ${kase.id} (${kase.assignee}) đã quá hạn xử lý ${formatDateVi(kase.deadline, true)}.`,
    };
    for (const recipient of recipients) {
      notifications.push({
        channel: 'inbox',
        recipient,
        address: null,
        alertId: kase.alertId,
        caseId: kase.id,
        reason: 'overdue',
        payload,
      });
      const target = targets.get(recipient);
      if (target?.webhookUrl) {
        notifications.push({
          channel: 'webhook',
          recipient,
          address: target.webhookUrl,
          alertId: kase.alertId,
          caseId: kase.id,
          reason: 'overdue',
          payload,
        });
      }
      if (target?.email) {
        notifications.push({
          channel: 'email',
          recipient,
          address: target.email,
          alertId: kase.alertId,
          caseId: kase.id,
          reason: 'overdue',
          payload,
        });
      }
    }
  }
  await enqueueNotifications(db, notifications, now);
  return overdue;
}

/** The scheduled job: detect over the window, then route and open cases. `dlxh hotspots` and `dlxh run` call it. */
export async function runHotspotJob(
  db: Db,
  options: DetectOptions & { rules?: readonly RoutingRule[] },
): Promise<{ alerts: Alert[]; report: ProcessReport }> {
  const alerts = await detectHotspots(db, options);
  const report = await processAlerts(db, alerts, { now: options.now, rules: options.rules });
  return { alerts, report };
}
