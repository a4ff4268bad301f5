// BM25 over the registry's claims, normalised to a similarity in [0, 1] between a passage and each statement.
import { normalizeText } from '../../data/text/normalize.ts';
import { claimTokens } from './claim-tokens.ts';
import type { ClaimToken } from './claim-tokens.ts';
import { matchTerms } from './match-terms.ts';
import { charGrams, gramMass, gramWeights } from './char-grams.ts';
import type { GramWeights, WeightedGrams } from './char-grams.ts';

/** A statement to match against: its id and the claim as it circulates. */
export interface ClaimStatement {
  id: string;
  text: string;
}

/** The statements with their BM25 term weights and an inverted index. */
export interface ClaimIndex {
  readonly statements: readonly ClaimStatement[];
  /** Normalised claim text and tokens of each statement, for contradiction checks. */
  readonly normalized: readonly string[];
  readonly tokens: readonly ClaimToken[][];
  /** term → [statement index, BM25 weight of the term in that statement]. */
  readonly postings: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Sum of each statement's term weights: the BM25 score of the statement against itself. */
  readonly selfScores: Float64Array;
  readonly idf: ReadonlyMap<string, number>;
  /** idf given to a term no statement has: that of the rarest terms, so a small registry does not over-penalise it. */
  readonly unseenIdf: number;
  /** Character trigrams of each statement and their idf, for the spelling-tolerant part of the similarity. */
  readonly grams: readonly WeightedGrams[];
  readonly gramWeights: GramWeights;
}

const K1 = 1.2;
const B = 0.75;
/** Share of the similarity that comes from how much of the statement the passage covers (the rest: how much of the passage is the statement). */
export const COVERAGE_WEIGHT = 0.7;
/** Share of a match's similarity that comes from character trigrams (the rest: BM25 over syllables and pairs). */
export const GRAM_WEIGHT = 0.4;

/**
 * Indexes statements for matching; idf comes from the statements themselves, so the weights depend only on the
 * registry. `buildClaimIndex([{ id: 's1', text: 'Nước máy ở Buôn Ma Thuột bị nhiễm độc' }])`.
 */
export function buildClaimIndex(statements: readonly ClaimStatement[]): ClaimIndex {
  const normalized = statements.map((s) => normalizeText(s.text));
  const tokens = normalized.map((text) => claimTokens(text));
  const termCounts = tokens.map((t) => matchTerms(t));
  const lengths = termCounts.map((terms) => [...terms.values()].reduce((a, b) => a + b, 0));
  const averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length) || 1;
  const df = new Map<string, number>();
  for (const terms of termCounts) for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = statements.length;
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
  const postings = new Map<string, [number, number][]>();
  const selfScores = new Float64Array(n);
  termCounts.forEach((terms, s) => {
    const norm = K1 * (1 - B + (B * lengths[s]!) / averageLength);
    for (const [term, tf] of terms) {
      const weight = (idf.get(term)! * tf * (K1 + 1)) / (tf + norm);
      selfScores[s]! += weight;
      const list = postings.get(term) ?? [];
      list.push([s, weight]);
      postings.set(term, list);
    }
  });
  const gramCounts = tokens.map((t) => charGrams(t));
  const weights = gramWeights(gramCounts);
  return {
    statements,
    normalized,
    tokens,
    postings,
    selfScores,
    idf,
    unseenIdf: Math.log(1 + (n - 1 + 0.5) / 1.5),
    grams: gramCounts.map((grams) => ({ grams, mass: gramMass(grams, weights) })),
    gramWeights: weights,
  };
}

/** How well one passage matches one statement. */
export interface PassageScore {
  statement: number;
  similarity: number;
  /** Share of the statement's BM25 self-score that the passage's terms reach. */
  coverage: number;
  /** Share of the passage's idf mass that the statement shares. */
  precision: number;
}

/**
 * Similarity in [0, 1] of a passage (its term counts) to every statement sharing a term with it: a weighted
 * geometric mean of the statement's normalised BM25 coverage and the passage's precision.
 */
export function scorePassage(index: ClaimIndex, terms: ReadonlyMap<string, number>): PassageScore[] {
  const covered = new Map<number, { weight: number; idf: number }>();
  let passageIdf = 0;
  for (const term of terms.keys()) {
    const idf = index.idf.get(term);
    passageIdf += idf ?? index.unseenIdf;
    if (idf === undefined) continue;
    for (const [s, weight] of index.postings.get(term) ?? []) {
      const entry = covered.get(s) ?? { weight: 0, idf: 0 };
      entry.weight += weight;
      entry.idf += idf;
      covered.set(s, entry);
    }
  }
  const out: PassageScore[] = [];
  for (const [s, entry] of covered) {
    const self = index.selfScores[s]!;
    if (self <= 0 || passageIdf <= 0) continue;
    const coverage = Math.min(1, entry.weight / self);
    const precision = Math.min(1, entry.idf / passageIdf);
    const similarity = Math.pow(coverage, COVERAGE_WEIGHT) * Math.pow(precision, 1 - COVERAGE_WEIGHT);
    out.push({ statement: s, similarity, coverage, precision });
  }
  return out;
}
