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

/** Σ count × idf of a gram vector: the mass that overlaps are shares of. */
export function gramMass(grams: ReadonlyMap<string, number>, weights: GramWeights): number {
  let mass = 0;
  for (const [gram, count] of grams) mass += count * (weights.idf.get(gram) ?? weights.unseen);
  return mass;
}

/** Σ min(count in a, count in b) × idf over the grams two vectors share. */
function gramOverlap(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  weights: GramWeights,
): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let overlap = 0;
  for (const [gram, count] of small) {
    const other = large.get(gram);
    if (other !== undefined) overlap += Math.min(count, other) * (weights.idf.get(gram) ?? weights.unseen);
  }
  return overlap;
}

/** Share of the similarity that comes from how much of the statement's grams the passage has (as in BM25's). */
const GRAM_COVERAGE_WEIGHT = 0.7;

/** Grams with their mass (`gramMass`), computed once per text. */
export interface WeightedGrams {
  grams: ReadonlyMap<string, number>;
  mass: number;
}

/**
 * Similarity in [0, 1] of a passage to a statement by their grams: a weighted geometric mean of the share of the
 * statement's gram mass the passage has and the share of the passage's the statement has.
 */
export function gramSimilarity(
  passage: WeightedGrams,
  statement: WeightedGrams,
  weights: GramWeights,
): number {
  if (passage.mass <= 0 || statement.mass <= 0) return 0;
  const overlap = gramOverlap(passage.grams, statement.grams, weights);
  return (
    Math.pow(overlap / statement.mass, GRAM_COVERAGE_WEIGHT) *
    Math.pow(overlap / passage.mass, 1 - GRAM_COVERAGE_WEIGHT)
  );
}
