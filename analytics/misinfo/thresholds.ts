// The two similarity thresholds of claim matching: suggest a match for review, or link it automatically.

/** Similarities in [0, 1]: at or above `suggest` a match goes to review; at or above `auto` it is linked. */
export interface Thresholds {
  suggest: number;
  auto: number;
}

/** Meedan Check's thresholds for lexical similarity, the starting point of our calibration. */
export const MEEDAN_THRESHOLDS: Thresholds = { suggest: 0.7, auto: 0.875 };

/**
 * Calibrated on tests/fixtures/misinfo (40 statements × 226 documents; scripts/eval-misinfo.ts): `auto` is the
 * highest-scoring wrong match plus a margin (precision 1.00, recall 0.74 there), `suggest` the highest threshold
 * keeping recall ≥ 0.95 (precision 0.99, recall 0.97). On our normalised BM25 scale Meedan's 0.7 would find 41%.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { suggest: 0.45, auto: 0.6 };
