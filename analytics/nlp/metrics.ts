// Evaluation metrics for classifiers: accuracy, F1 variants, confusion matrix, ROC-AUC.

function checkLengths(gold: readonly unknown[], predicted: readonly unknown[]): void {
  if (gold.length !== predicted.length) {
    throw new Error(`invalid predictions: ${predicted.length} predictions for ${gold.length} gold labels`);
  }
}

/** Share of predictions equal to the gold label; 0 for no items. `accuracy(['a','b'], ['a','a'])` → 0.5. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  checkLengths(gold, predicted);
  if (gold.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) hits++;
  return hits / gold.length;
}

/** Confusion counts: `matrix[g][p]` items of gold label `labels[g]` predicted as `labels[p]`. */
export interface ConfusionMatrix {
  labels: string[];
  matrix: number[][];
}

/**
 * Confusion matrix over the sorted union of gold and predicted labels (or `labels` when given).
 * `confusionMatrix(['a','b'], ['a','a']).matrix` → `[[1, 0], [1, 0]]`.
 */
export function confusionMatrix(
  gold: readonly string[],
  predicted: readonly string[],
  labels?: readonly string[],
): ConfusionMatrix {
  checkLengths(gold, predicted);
  const names = labels ? [...labels] : [...new Set([...gold, ...predicted])].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const matrix = names.map(() => names.map(() => 0));
  for (let i = 0; i < gold.length; i++) {
    const g = index.get(gold[i]!);
    const p = index.get(predicted[i]!);
    if (g === undefined || p === undefined)
      throw new Error(`invalid label: "${g === undefined ? gold[i] : predicted[i]}"`);
    matrix[g]![p]!++;
  }
  return { labels: names, matrix };
}

/** Precision, recall, F1 and support of each label. */
export interface LabelScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Per-label precision, recall and F1 (0 where undefined), in sorted label order. */
export function perLabelScores(gold: readonly string[], predicted: readonly string[]): LabelScores[] {
  const { labels, matrix } = confusionMatrix(gold, predicted);
  return labels.map((label, k) => {
    const tp = matrix[k]![k]!;
    let predictedCount = 0;
    for (const row of matrix) predictedCount += row[k]!;
    const support = matrix[k]!.reduce((a, b) => a + b, 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
}

/**
 * Unweighted mean of per-label F1 over the labels present in gold or predictions (as scikit-learn does).
 * `macroF1(['a','a','b'], ['a','b','b'])` → 0.6667.
 */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const scores = perLabelScores(gold, predicted);
  if (scores.length === 0) return 0;
  return scores.reduce((sum, s) => sum + s.f1, 0) / scores.length;
}

/** Mean of per-label F1 weighted by each label's gold support. */
export function weightedF1(gold: readonly string[], predicted: readonly string[]): number {
  if (gold.length === 0) return 0;
  return perLabelScores(gold, predicted).reduce((sum, s) => sum + s.f1 * s.support, 0) / gold.length;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative, ties
 * counting one half. `positives[i]` says whether item i is positive. NaN when either class is absent.
 * `rocAuc([true, false, true, false], [0.9, 0.8, 0.4, 0.1])` → 0.75.
 */
export function rocAuc(positives: readonly boolean[], scores: readonly number[]): number {
  checkLengths(positives, scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (positives[order[k]!]) {
        nPos++;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const nNeg = positives.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
