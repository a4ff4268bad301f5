/** The alert both hot-spot detectors produce, as stored in the `alerts` table. */
import type { Granularity } from './detector-config.ts';

export type Severity = 'thấp' | 'trung bình' | 'cao' | 'khẩn';
/** Severity levels, lowest first. */
export const SEVERITIES: readonly Severity[] = ['thấp', 'trung bình', 'cao', 'khẩn'];
export type Detector = 'topic' | 'terms';
export type AlertStatus = 'open' | 'closed' | 'dismissed';

export interface UnitCount {
  unit_uid: string;
  name: string;
  count: number;
  expected: number;
}

/** A unit as an alert names it. */
export interface AlertUnit {
  uid: string;
  /** GSO code. */
  code: string;
  name: string;
  level: number;
  /** Names from the province down, as of the unit's own era. */
  path: string[];
}

/** Why an alert was raised, stored with it and shown beside it. */
export interface AlertExplanation {
  /** One Vietnamese sentence. */
  summary: string;
  topic_name: string;
  /** The unit as the documents name it, and its successor today. */
  unit: AlertUnit | null;
  current_unit: AlertUnit | null;
  observed: number;
  expected: number;
  ratio: number;
  p_value: number;
  method: 'poisson' | 'negative-binomial';
  /** Negative-binomial size (null for Poisson). */
  dispersion_size: number | null;
  /** Family-wise error rate per bucket the test was held to. */
  alpha: number;
  /** Hypotheses tested per bucket (series × channels). */
  tested_series: number;
  /** What `observed` counts: independent stories, or negative ones. */
  statistic: 'stories' | 'negative stories';
  documents: number;
  stories: number;
  outlets: { name: string; documents: number }[];
  representative_doc_ids: string[];
  top_terms: string[];
  neg_share: number;
  /** Daily counts and expectations around the alert, for a sparkline; days are local `yyyy-mm-dd`. */
  series: { day: string; count: number; expected: number }[];
  /** Sibling units where the same topic is elevated in the same days. */
  spread: UnitCount[];
  /** Units above that were elevated by the same documents (their own alerts were folded into this one). */
  also_elevated: UnitCount[];
  /** Other alerts merged into this one. */
  merged: string[];
  severity_factors: Record<string, number>;
  holiday: string | null;
  watch_topic: string | null;
  misinfo_candidates: number;
  /** Terms detector: the bursting phrases with their document counts today and in their own history. */
  terms?: { term: string; documents: number; history: number }[];
  /**
   * When analysts had dismissed earlier alerts of this series: how many dismissals held when it fired, the factor
   * they put on its share of alpha, and how long a dismissal holds.
   */
  dismissals?: { count: number; alpha_factor: number; memory_days: number };
}

export interface Alert {
  id: string;
  detector: Detector;
  granularity: Granularity;
  /** Taxonomy topic id, `watch:<id>` for a query watch topic, null for a cluster outside the taxonomy. */
  topic: string | null;
  label: string;
  /** The unit as the documents name it; null when they name none. */
  unitUid: string | null;
  /** The unit of the series that fired. */
  seriesUid: string | null;
  /** The named unit's successor today. */
  currentUid: string | null;
  unitLevel: number | null;
  firstSeen: Date;
  lastSeen: Date;
  detectedAt: Date;
  severity: Severity;
  score: number;
  pValue: number;
  count: number;
  expected: number;
  negShare: number;
  outlets: string[];
  topTerms: string[];
  docIds: string[];
  explanation: AlertExplanation;
  classification: number;
  status: AlertStatus;
  createdAt: Date;
  updatedAt: Date;
}
