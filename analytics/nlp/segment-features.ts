// Features of one syllable gap for the trainable segmenter: hashed window, lexicon, learned-pair and corpus evidence.
import { WordLexicon, bundledNameSyllables } from './segment-lexicon.ts';
import { dictionaryJoins } from './segment-dictionary.ts';
import { Shape, fnv1a, isSyllableShape, tokenInfo } from './segment-tokens.ts';
import { tokenize } from './tokenize.ts';
import type { TokenInfo } from './segment-tokens.ts';

/** What training learns besides the weights: the words and the join rate of each syllable pair seen. */
export class PairStatistics {
  readonly words = new WordLexicon();
  /** `"key1 key2"` → [times joined, times seen]. */
  readonly pairs = new Map<string, [number, number]>();
  /** Syllable key → [times inside a multi-syllable word, times seen]. */
  readonly syllables = new Map<string, [number, number]>();

  addSentence(tokens: readonly string[], joins: Uint8Array): void {
    let start = 0;
    for (let i = 0; i < tokens.length; i++) {
      const key = tokenInfo(tokens[i]!).key;
      const bound = (i > 0 && joins[i - 1] === 1) || (i < tokens.length - 1 && joins[i] === 1) ? 1 : 0;
      const seen = this.syllables.get(key);
      if (seen) {
        seen[0] += bound;
        seen[1]++;
      } else this.syllables.set(key, [bound, 1]);
      if (i === tokens.length - 1 || joins[i] === 0) {
        if (i > start) this.words.add(tokens.slice(start, i + 1));
        start = i + 1;
      }
      if (i < tokens.length - 1) {
        const key = tokenInfo(tokens[i]!).key + ' ' + tokenInfo(tokens[i + 1]!).key;
        const counts = this.pairs.get(key);
        if (counts) {
          counts[0] += joins[i]!;
          counts[1]++;
        } else this.pairs.set(key, [joins[i]!, 1]);
      }
    }
  }

  /** 0 unseen, then 1–5 for how often the syllable is part of a multi-syllable word, from never to always. */
  boundBucket(key: string): number {
    const counts = this.syllables.get(key);
    if (!counts) return 0;
    const rate = counts[0] / counts[1];
    return rate === 0 ? 1 : rate < 0.4 ? 2 : rate <= 0.6 ? 3 : rate < 1 ? 4 : 5;
  }

  /** 0 unseen, then 1–5 for join rates from never to always. */
  pairBucket(left: string, right: string): number {
    const counts = this.pairs.get(left + ' ' + right);
    if (!counts) return 0;
    const rate = counts[0] / counts[1];
    const bucket = rate === 0 ? 1 : rate < 0.4 ? 2 : rate <= 0.6 ? 3 : rate < 1 ? 4 : 5;
    return counts[1] === 1 ? bucket + 5 : bucket;
  }
}

/** Syllable and adjacent-syllable-pair counts from unsegmented text, for collocation features. */
export class Collocations {
  readonly unigrams = new Map<string, number>();
  readonly bigrams = new Map<string, number>();
  total = 0;

  /** Counts the word syllables of `text` and the pairs of them separated by a single space. */
  addText(text: string): void {
    let previous: string | null = null;
    let previousEnd = -2;
    for (const token of tokenize(text)) {
      if (token.kind !== 'word') {
        previous = null;
        continue;
      }
      const key = tokenInfo(token.text).key;
      this.unigrams.set(key, (this.unigrams.get(key) ?? 0) + 1);
      this.total++;
      if (previous !== null && token.start === previousEnd + 1) {
        const pair = previous + ' ' + key;
        this.bigrams.set(pair, (this.bigrams.get(pair) ?? 0) + 1);
      }
      previous = key;
      previousEnd = token.end;
    }
  }

  /** Drops pairs seen fewer than `minCount` times and syllables no kept pair uses. */
  prune(minCount: number): void {
    const used = new Set<string>();
    for (const [pair, count] of this.bigrams) {
      if (count < minCount) this.bigrams.delete(pair);
      else {
        const space = pair.indexOf(' ');
        used.add(pair.slice(0, space));
        used.add(pair.slice(space + 1));
      }
    }
    for (const key of this.unigrams.keys()) if (!used.has(key)) this.unigrams.delete(key);
  }

  /** Pointwise mutual information of the pair in bits, or null when the pair is unknown. */
  pmi(left: string, right: string): number | null {
    const count = this.bigrams.get(left + ' ' + right);
    if (count === undefined) return null;
    const a = this.unigrams.get(left) ?? 1;
    const b = this.unigrams.get(right) ?? 1;
    return Math.log2((count * this.total) / (a * b));
  }
}

const OUTSIDE = fnv1a('\u0000outside');

/** Everything the features of one sentence are computed from. */
export interface FeatureContext {
  infos: TokenInfo[];
  lexicon: WordLexicon;
  statistics: PairStatistics;
  collocations: Collocations;
  /** Per gap: bucket of the collocation count and PMI of the pair (0 when unknown). */
  collocationCount: Uint8Array;
  collocationPmi: Int8Array;
  /** Per gap: buckets (0–5) of P(right | left) and P(left | right) in the corpus. */
  collocationForward: Uint8Array;
  collocationBackward: Uint8Array;
  /** Token hashes and shapes padded with one boundary entry before and two after. */
  hashes: Uint32Array;
  shapes: Uint8Array;
  /** Per gap: the learned join-rate bucket of the pair, and whether the pair is a lexicon / learned word. */
  pairBuckets: Uint8Array;
  lexiconBigrams: Uint8Array;
  learnedBigrams: Uint8Array;
  /** Per token, padded like `hashes`: how often training saw the syllable inside a multi-syllable word. */
  bound: Uint8Array;
  /** Gap joins of the built-in dictionary segmentation and of the learned-word segmentation. */
  lexiconJoins: Uint8Array;
  learnedJoins: Uint8Array;
  /** Per gap: length of the longest lexicon / learned word covering it (0 when none), capped at 7. */
  lexiconCover: Uint8Array;
  learnedCover: Uint8Array;
  /** Per token, padded like `hashes`: name-syllable class bits (surname, middle, given). */
  names: Uint8Array;
}

function coverLengths(ids: Int32Array, infos: readonly TokenInfo[], lexicon: WordLexicon): Uint8Array {
  const n = ids.length;
  const cover = new Uint8Array(Math.max(0, n - 1));
  let runEnd = n;
  for (let i = n - 1; i >= 0; i--) {
    const shape = infos[i]!.shape;
    if (shape < Shape.lower || shape > Shape.initial) {
      runEnd = i;
      continue;
    }
    lexicon.matchesAt(ids, i, Math.min(runEnd, i + 8), (length) => {
      const capped = Math.min(length, 7);
      for (let k = i; k < i + length - 1; k++) if (cover[k]! < capped) cover[k] = capped;
    });
  }
  return cover;
}

export function featureContext(
  tokens: readonly string[],
  lexicon: WordLexicon,
  statistics: PairStatistics,
  collocations: Collocations,
): FeatureContext {
  const infos = tokens.map(tokenInfo);
  const keys = infos.map((info) => info.key);
  const gaps = Math.max(0, tokens.length - 1);
  const collocationCount = new Uint8Array(gaps);
  const collocationPmi = new Int8Array(gaps);
  const collocationForward = new Uint8Array(gaps);
  const collocationBackward = new Uint8Array(gaps);
  if (collocations.total > 0) {
    for (let i = 0; i < gaps; i++) {
      const count = collocations.bigrams.get(keys[i] + ' ' + keys[i + 1]);
      if (count === undefined) continue;
      collocationForward[i] = probabilityBucket(count / (collocations.unigrams.get(keys[i]!) ?? count));
      collocationBackward[i] = probabilityBucket(count / (collocations.unigrams.get(keys[i + 1]!) ?? count));
      collocationCount[i] = Math.min(7, 1 + Math.floor(Math.log2(count)));
      collocationPmi[i] = Math.max(-3, Math.min(12, Math.floor(collocations.pmi(keys[i]!, keys[i + 1]!)!)));
    }
  }
  const hashes = new Uint32Array(tokens.length + 3).fill(OUTSIDE);
  const shapes = new Uint8Array(tokens.length + 3);
  const bound = new Uint8Array(tokens.length + 3);
  const names = new Uint8Array(tokens.length + 3);
  const nameClasses = bundledNameSyllables();
  for (let i = 0; i < tokens.length; i++) {
    const info = infos[i]!;
    hashes[i + 1] = info.hash;
    shapes[i + 1] = info.shape;
    bound[i + 1] = statistics.boundBucket(info.key);
    names[i + 1] = isSyllableShape(info.shape) ? (nameClasses.get(info.key) ?? 0) : 0;
  }
  const lexiconIds = lexicon.idsOf(keys);
  const learnedIds = statistics.words.idsOf(keys);
  const pairBuckets = new Uint8Array(gaps);
  const lexiconBigrams = new Uint8Array(gaps);
  const learnedBigrams = new Uint8Array(gaps);
  for (let i = 0; i < gaps; i++) {
    pairBuckets[i] = statistics.pairBucket(keys[i]!, keys[i + 1]!);
    lexiconBigrams[i] = lexicon.has(lexiconIds, i, 2) ? 1 : 0;
    learnedBigrams[i] = statistics.words.has(learnedIds, i, 2) ? 1 : 0;
  }
  return {
    infos,
    hashes,
    shapes,
    pairBuckets,
    lexiconBigrams,
    learnedBigrams,
    bound,
    lexicon,
    statistics,
    collocations,
    collocationCount,
    collocationPmi,
    collocationForward,
    collocationBackward,
    lexiconJoins: dictionaryJoins(infos, lexicon, true),
    learnedJoins: dictionaryJoins(infos, statistics.words, false),
    lexiconCover: coverLengths(lexiconIds, infos, lexicon),
    learnedCover: coverLengths(learnedIds, infos, statistics.words),
    names,
  };
}

/** Hashes a feature template number and a value into one 32-bit index. */
export function mix(seed: number, value: number): number {
  let h = Math.imul(seed ^ value, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h >>> 0;
}

function probabilityBucket(p: number): number {
  return p < 0.01 ? 1 : p < 0.05 ? 2 : p < 0.2 ? 3 : p < 0.5 ? 4 : 5;
}

function compare(a: number, b: number): number {
  return a > b ? 2 : a === b ? 1 : 0;
}

/** Fills `out` with the hashed feature indices of gap `i` (between tokens i and i + 1) and returns their count. */
export function gapFeatures(context: FeatureContext, i: number, mask: number, out: Int32Array): number {
  const { infos, hashes, shapes: shapeOf, lexiconJoins, learnedJoins, collocationPmi } = context;
  const n = infos.length;
  const hm1 = hashes[i]!;
  const h0 = hashes[i + 1]!;
  const h1 = hashes[i + 2]!;
  const h2 = hashes[i + 3]!;
  const sm1 = shapeOf[i]!;
  const s0 = shapeOf[i + 1]!;
  const s1 = shapeOf[i + 2]!;
  const s2 = shapeOf[i + 3]!;
  const lex = lexiconJoins[i]!;
  const learned = learnedJoins[i]!;
  const lexBefore = i > 0 ? lexiconJoins[i - 1]! : 2;
  const lexAfter = i + 1 < lexiconJoins.length ? lexiconJoins[i + 1]! : 2;
  const learnedBefore = i > 0 ? learnedJoins[i - 1]! : 2;
  const learnedAfter = i + 1 < learnedJoins.length ? learnedJoins[i + 1]! : 2;
  const shapes = s0 * 16 + s1;
  const pair = context.pairBuckets[i]!;
  const count = context.collocationCount[i]!;
  const pmi = count === 0 ? -4 : collocationPmi[i]!;
  const pmiBefore = i > 0 && context.collocationCount[i - 1]! > 0 ? collocationPmi[i - 1]! : -4;
  const pmiAfter = i + 1 < n - 1 && context.collocationCount[i + 1]! > 0 ? collocationPmi[i + 1]! : -4;
  const lexBigram = context.lexiconBigrams[i]!;
  const lexConflict =
    (i > 0 ? context.lexiconBigrams[i - 1]! : 0) * 2 + (i + 1 < n - 1 ? context.lexiconBigrams[i + 1]! : 0);
  const learnedBigram = context.learnedBigrams[i]!;
  const learnedConflict =
    (i > 0 ? context.learnedBigrams[i - 1]! : 0) * 2 + (i + 1 < n - 1 ? context.learnedBigrams[i + 1]! : 0);
  const forward = context.collocationForward[i]!;
  const backward = context.collocationBackward[i]!;
  let k = 0;
  out[k++] = mix(1, h0) & mask;
  out[k++] = mix(2, h1) & mask;
  out[k++] = mix(3, hm1) & mask;
  out[k++] = mix(4, h2) & mask;
  out[k++] = mix(mix(5, h0), h1) & mask;
  out[k++] = mix(mix(6, hm1), h0) & mask;
  out[k++] = mix(mix(7, h1), h2) & mask;
  out[k++] = mix(mix(mix(8, hm1), h0), h1) & mask;
  out[k++] = mix(mix(mix(9, h0), h1), h2) & mask;
  out[k++] = mix(mix(10, hm1), h1) & mask;
  out[k++] = mix(mix(11, h0), h2) & mask;
  out[k++] = mix(12, shapes) & mask;
  out[k++] = mix(13, ((sm1 * 16 + s0) * 16 + s1) * 16 + s2) & mask;
  out[k++] = mix(mix(14, s0), h1) & mask;
  out[k++] = mix(mix(15, h0), s1) & mask;
  out[k++] = mix(16, lex * 256 + shapes) & mask;
  out[k++] = mix(17, lexBefore * 9 + lex * 3 + lexAfter) & mask;
  out[k++] = mix(18, lexBigram * 256 + shapes) & mask;
  out[k++] = mix(19, context.lexiconCover[i]!) & mask;
  out[k++] = mix(20, learned * 256 + shapes) & mask;
  out[k++] = mix(21, learnedBefore * 9 + learned * 3 + learnedAfter) & mask;
  out[k++] = mix(23, context.learnedCover[i]!) & mask;
  out[k++] = mix(24, lex * 2 + learned) & mask;
  out[k++] = mix(25, 0) & mask;
  out[k++] = mix(26, pair) & mask;
  out[k++] = mix(27, pair * 4 + lex * 2 + learned) & mask;
  out[k++] = mix(mix(28, pair), h0) & mask;
  out[k++] = mix(mix(29, pair), h1) & mask;
  out[k++] = mix(mix(30, lex), h0) & mask;
  out[k++] = mix(mix(31, lex), h1) & mask;
  out[k++] = mix(40, count) & mask;
  out[k++] = mix(41, (pmi + 4) * 8 + count) & mask;
  out[k++] = mix(42, (pmi + 4) * 4 + lex * 2 + learned) & mask;
  out[k++] = mix(43, compare(pmi, pmiBefore) * 3 + compare(pmi, pmiAfter)) & mask;
  out[k++] = mix(mix(44, pmi + 4), shapes) & mask;
  out[k++] = mix(45, forward * 8 + backward) & mask;
  out[k++] = mix(46, Math.max(forward, backward) * 8 + count) & mask;
  out[k++] = mix(47, (lexBigram * 4 + lexConflict) * 8 + learnedBigram * 4 + learnedConflict) & mask;
  out[k++] = mix(48, lexBigram * 4 + lexConflict) & mask;
  out[k++] = mix(49, learnedBigram * 4 + learnedConflict) & mask;
  out[k++] = mix(50, context.bound[i + 1]! * 8 + context.bound[i + 2]!) & mask;
  const left = context.infos[i]!;
  const right = context.infos[i + 1]!;
  const echo =
    (left.onset === right.onset ? 4 : 0) +
    (left.rhyme === right.rhyme ? 2 : 0) +
    (left.hash === right.hash ? 1 : 0);
  out[k++] = mix(52, echo * 16 + shapes) & mask;
  out[k++] = mix(53, echo * 4 + lex * 2 + learned) & mask;
  out[k++] = mix(51, (context.bound[i + 1]! * 8 + context.bound[i + 2]!) * 4 + lex * 2 + learned) & mask;
  const names = context.names;
  const nameLeft = names[i + 1]!;
  const nameRight = names[i + 2]!;
  out[k++] = mix(56, (nameLeft * 8 + nameRight) * 256 + shapes) & mask;
  out[k++] = mix(57, (names[i]! * 8 + nameLeft) * 8 + nameRight) & mask;
  out[k++] = mix(58, (nameLeft * 8 + nameRight) * 8 + names[i + 3]!) & mask;
  return k;
}

export const FEATURES_PER_GAP = 47;

/** Positions in `gapFeatures`' output of the shape-pair, lexicon-cover and name-class features, which the
 * trained model also conjoins with the previous gap's decision. */
export const FeatureSlot = { shapes: 11, lexiconCover: 18, names: 44 } as const;
