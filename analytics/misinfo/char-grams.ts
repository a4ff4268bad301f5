// Character trigrams of folded claim text and how much two texts share of them: a spelling-tolerant view of similarity.
import { canonicalSyllables } from './paraphrase-lexicon.ts';
import { syllableStream } from './phrase-matcher.ts';
import type { ClaimToken } from './claim-tokens.ts';

const N = 3;

/**
 * Counts of the character trigrams of `tokens[from, to)`: the folded, canonical syllables joined by spaces, each run
 * between punctuation padded with a space. `charGrams(claimTokens('gạo nhựa'))` → {' ga': 1, 'gao': 1, 'ao ': 1, …}.
 */
export function charGrams(tokens: readonly ClaimToken[], from = 0, to = tokens.length): Map<string, number> {
  const grams = new Map<string, number>();
  const runs: string[][] = [[]];
  for (const syllable of canonicalSyllables(syllableStream(tokens.slice(from, to)))) {
    if (syllable === null) runs.push([]);
    else runs[runs.length - 1]!.push(syllable.folded);
  }
  for (const run of runs) {
    if (run.length === 0) continue;
    const text = ` ${run.join(' ')} `;
    for (let i = 0; i + N <= text.length; i++) {
      const gram = text.slice(i, i + N);
      grams.set(gram, (grams.get(gram) ?? 0) + 1);
    }
  }
  return grams;
}

/** Idf of each gram over a collection, and the idf given to grams it never saw. */
export interface GramWeights {
  idf: ReadonlyMap<string, number>;
  unseen: number;
}

export function gramWeights(collection: readonly ReadonlyMap<string, number>[]): GramWeights {
  const df = new Map<string, number>();
  for (const grams of collection) for (const gram of grams.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const n = collection.length;
  const idf = new Map<string, number>();
  for (const [gram, count] of df) idf.set(gram, Math.log(1 + n / count));
  return { idf, unseen: Math.log(1 + n) };
}

/** Share of `statement`'s weighted grams that `passage` has (clipped counts): how much of it the passage spells out. */
export function gramCoverage(
  passage: ReadonlyMap<string, number>,
  statement: ReadonlyMap<string, number>,
  weights: GramWeights,
): number {
  let total = 0;
  let found = 0;
  for (const [gram, count] of statement) {
    const idf = weights.idf.get(gram) ?? weights.unseen;
    total += count * idf;
    found += Math.min(count, passage.get(gram) ?? 0) * idf;
  }
  return total > 0 ? found / total : 0;
}

/** Share of the similarity that comes from how much of the statement's grams the passage has (as in BM25's). */
const GRAM_COVERAGE_WEIGHT = 0.7;

/**
 * Similarity in [0, 1] of a passage to a statement by their grams: a weighted geometric mean of the statement's
 * coverage by the passage and the passage's coverage by the statement.
 */
export function gramSimilarity(
  passage: ReadonlyMap<string, number>,
  statement: ReadonlyMap<string, number>,
  weights: GramWeights,
): number {
  return (
    Math.pow(gramCoverage(passage, statement, weights), GRAM_COVERAGE_WEIGHT) *
    Math.pow(gramCoverage(statement, passage, weights), 1 - GRAM_COVERAGE_WEIGHT)
  );
}
