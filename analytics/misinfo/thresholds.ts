// The two similarity thresholds of claim matching: suggest a match for review, or link it automatically.

/** Similarities in [0, 1]: at or above `suggest` a match goes to review; at or above `auto` it is linked. */
export interface Thresholds {
  suggest: number;
  auto: number;
}

/** Meedan Check's thresholds for lexical similarity, the starting point of our calibration. */
export const MEEDAN_THRESHOLDS: Thresholds = { suggest: 0.7, auto: 0.875 };

/**
 * Calibrated on the calibration split of tests/fixtures/misinfo (40 statements × 226 documents, pairs.jsonl) by
 * scripts/eval-misinfo.ts: `auto` is the highest-scoring wrong match plus a margin (precision 1.00, recall 0.56
 * there), `suggest` the threshold of highest recall whose precision stays ≥ 0.95 (precision 0.96, recall 1.00). The
 * held-out split (pairs-holdout.jsonl) is measured with these, never tuned on. On this similarity scale Meedan's 0.7
 * is our auto tier.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { suggest: 0.4, auto: 0.7 };
