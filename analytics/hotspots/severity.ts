/** Severity of an alert from its volume, significance, negativity, independent outlets, spread and risk signals. */
import type { Severity } from './types.ts';

export interface SeverityInput {
  count: number;
  expected: number;
  pValue: number;
  negShare: number;
  /** Distinct outlets among the alert's documents. */
  outlets: number;
  /** Neighbouring units where the same topic is elevated. */
  spreadUnits: number;
  /** Documents of the alert that are misinformation candidates. */
  misinfo: number;
  /** The topic is marked sensitive in the taxonomy. */
  sensitive: boolean;
  /** Per-topic multiplier from `topic_settings` (1 by default). */
  sensitivity: number;
  /** The alert belongs to a watch topic. */
  watched: boolean;
}

/** The parts of a severity score, as `SeverityResult.factors` names them (`sensitivity` is the multiplier). */
export const SEVERITY_FACTORS = [
  'volume',
  'significance',
  'negativity',
  'outlets',
  'spread',
  'misinformation',
  'sensitive_topic',
  'watch_topic',
  'sensitivity',
] as const;
export type SeverityFactor = (typeof SEVERITY_FACTORS)[number];

export interface SeverityResult {
  score: number;
  severity: Severity;
  factors: Record<SeverityFactor, number>;
}

/** Score bounds of each level: below 35 thấp, below 55 trung bình, below 75 cao, else khẩn. */
export const SEVERITY_BOUNDS: readonly [Severity, number][] = [
  ['khẩn', 75],
  ['cao', 55],
  ['trung bình', 35],
  ['thấp', 0],
];

/** The level of a 0–100 score: `severityOf(80)` → 'khẩn'. */
export function severityOf(score: number): Severity {
  return SEVERITY_BOUNDS.find(([, bound]) => score >= bound)![0];
}

/**
 * Points out of 100: volume ratio up to 25 (5 per doubling), significance up to 10 (1 per decade of p), negative
 * share up to 20, independent outlets up to 15 (3 each beyond the first), spread to neighbouring units up to 10,
 * misinformation 10; sensitive or watched topics add 10 each; the total is scaled by the topic's sensitivity.
 * `scoreSeverity({ count: 12, expected: 1, pValue: 1e-9, negShare: 0.8, outlets: 6, … }).severity` → 'cao'.
 */
export function scoreSeverity(input: SeverityInput): SeverityResult {
  const ratio = input.count / Math.max(input.expected, 0.1);
  const points: Record<Exclude<SeverityFactor, 'sensitivity'>, number> = {
    volume: round(Math.min(25, 5 * Math.max(0, Math.log2(ratio)))),
    significance: round(Math.min(10, Math.max(0, -Math.log10(Math.max(input.pValue, 1e-300))))),
    negativity: round(20 * Math.min(1, Math.max(0, input.negShare))),
    outlets: round(Math.min(15, 3 * Math.max(0, input.outlets - 1))),
    spread: round(Math.min(10, 5 * input.spreadUnits)),
    misinformation: input.misinfo > 0 ? 10 : 0,
    sensitive_topic: input.sensitive ? 10 : 0,
    watch_topic: input.watched ? 10 : 0,
  };
  const sum = Object.values(points).reduce((a, b) => a + b, 0);
  const score = round(Math.min(100, Math.max(0, sum * input.sensitivity)));
  return { score, severity: severityOf(score), factors: { ...points, sensitivity: input.sensitivity } };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
