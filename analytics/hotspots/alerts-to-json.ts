/** Alerts as the CLI prints them: `--json` objects, and Vietnamese text for people. */
import { formatDateVi, toLocalIso } from '../../data/time.ts';
import type { Alert, AlertExplanation } from './types.ts';

/** One alert in `dlxh hotspots --json`: times ISO 8601 with +07:00, proportions 0–1, ids as ingested. */
export interface AlertJson {
  id: string;
  detector: string;
  granularity: string;
  topic: string | null;
  topic_name: string;
  label: string;
  /** GSO code of the unit as the documents name it. */
  unit_id: string | null;
  unit_uid: string | null;
  unit_name: string | null;
  unit_level: number | null;
  /** Names from the province down, as the documents name them (old units keep their old names). */
  unit_path: string[];
  /** The successor unit today. */
  current_unit: { id: string; uid: string; name: string } | null;
  first_seen: string;
  last_seen: string;
  detected_at: string;
  severity: string;
  score: number;
  p_value: number;
  count: number;
  expected: number;
  neg_share: number;
  outlets: string[];
  top_terms: string[];
  doc_ids: string[];
  status: string;
  explanation: AlertExplanation;
}

/** `JSON.stringify(alertsToJson(alerts))` is what `dlxh hotspots --json` prints. */
export function alertsToJson(alerts: readonly Alert[]): AlertJson[] {
  return alerts.map((a) => {
    const unit = a.explanation.unit;
    const current = a.explanation.current_unit;
    return {
      id: a.id,
      detector: a.detector,
      granularity: a.granularity,
      topic: a.topic,
      topic_name: a.explanation.topic_name ?? a.label,
      label: a.label,
      unit_id: unit?.code ?? null,
      unit_uid: unit?.uid ?? a.unitUid,
      unit_name: unit?.name ?? null,
      unit_level: unit?.level ?? a.unitLevel,
      unit_path: unit?.path ?? [],
      current_unit: current ? { id: current.code, uid: current.uid, name: current.name } : null,
      first_seen: toLocalIso(a.firstSeen),
      last_seen: toLocalIso(a.lastSeen),
      detected_at: toLocalIso(a.detectedAt),
      severity: a.severity,
      score: a.score,
      p_value: a.pValue,
      count: a.count,
      expected: a.expected,
      neg_share: a.negShare,
      outlets: a.outlets,
      top_terms: a.topTerms,
      doc_ids: a.docIds,
      status: a.status,
      explanation: a.explanation,
    };
  });
}

function decimal(x: number, digits = 1): string {
  return (Math.round(x * 10 ** digits) / 10 ** digits).toString().replace('.', ',');
}

function pValueVi(p: number): string {
  return p >= 0.001 ? decimal(p, 3) : p.toExponential(1).replace('.', ',');
}

/**
 * Alerts as Vietnamese text, one block each, most severe first within the order given:
 * `[CAO] Đất đai… — Xã Ea Yông (nay Xã Krông Pắc), Huyện Krông Pắc, Tỉnh Đắk Lắk`.
 */
export function formatAlertsText(alerts: readonly Alert[]): string {
  if (alerts.length === 0) return 'Không phát hiện điểm nóng nào trong khoảng thời gian này.\n';
  const blocks = alerts.map((a) => {
    const unit = a.explanation.unit;
    const current = a.explanation.current_unit;
    const place = unit ? [...unit.path].reverse().join(', ') : 'chưa xác định địa bàn';
    const now = current && unit && current.uid !== unit.uid ? ` (nay ${current.name})` : '';
    const lines = [
      `[${a.severity.toUpperCase()}] ${a.label} — ${place}${now}`,
      `  Từ ${formatDateVi(a.firstSeen, true)} đến ${formatDateVi(a.lastSeen, true)}; phát hiện ${formatDateVi(a.detectedAt, true)}`,
      `  ${a.count} tin (kỳ vọng ${decimal(a.expected)}; p = ${pValueVi(a.pValue)}) · ${a.outlets.length} nguồn · ` +
        `${Math.round(a.negShare * 100)}% tiêu cực · điểm ${decimal(a.score)}`,
    ];
    if (a.topTerms.length > 0) lines.push(`  Từ khóa: ${a.topTerms.slice(0, 6).join(', ')}`);
    lines.push(
      `  Mã: ${a.id} · tài liệu: ${a.docIds.slice(0, 5).join(', ')}${a.docIds.length > 5 ? ', …' : ''}`,
    );
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${alerts.length} điểm nóng.\n`;
}
