// The two similarity thresholds of claim matching: suggest a match for review, or link it automatically.

/** Similarities in [0, 1]: at or above `suggest` a match goes to review; at or above `auto` it is linked. */
export interface Thresholds {
  suggest: number;
  auto: number;
}

/** Meedan Check's thresholds for lexical similarity, the starting point of our calibration. */
export const MEEDAN_THRESHOLDS: Thresholds = { suggest: 0.7, auto: 0.875 };

/** Calibrated on tests/fixtures/misinfo (see scripts/eval-misinfo.ts for the measured precision and recall). */
export const DEFAULT_THRESHOLDS: Thresholds = { suggest: 0.5, auto: 0.6 };
