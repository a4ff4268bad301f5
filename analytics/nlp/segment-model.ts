// Training, running and (de)serialising the perceptron segmenter.
import type { WordLexicon } from './segment-lexicon.ts';
import {
  Collocations,
  FEATURES_PER_GAP,
  FeatureSlot,
  PairStatistics,
  featureContext,
  gapFeatures,
  mix,
} from './segment-features.ts';

/** A segmenter: decides, for each gap between adjacent tokens, whether the two belong to one word. */
export interface SegmentModel {
  readonly kind: 'dictionary' | 'perceptron';
  /** One entry per gap (length `tokens.length - 1`): 1 where tokens i and i + 1 are one word. */
  joins(tokens: readonly string[]): Uint8Array;
}

export const MODEL_FORMAT = 'dlxh-segment-model';
/** Version 3: the syllable-productivity features were dropped, so version 2 weights no longer line up. */
export const MODEL_VERSION = 3;

export interface TrainSegmenterOptions {
  /** Passes over the training sentences (default 12). */
  epochs?: number;
  /** log2 of the weight table size (default 20). */
  hashBits?: number;
  /** Folds used so that the learned-word features of training sentences come from other sentences (default 5). */
  folds?: number;
  /** Seed of the order in which sentences are visited. */
  seed?: number;
  /** Unsegmented text (documents or lines) whose syllable-pair statistics become collocation features. */
  corpus?: Iterable<string>;
  /** Syllable pairs seen fewer times than this in `corpus` are dropped (default 3). */
  minCollocationCount?: number;
}

/** The JSON form of a trained segmenter. */
export interface SegmentModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  kind: 'perceptron';
  hashBits: number;
  /** Size of the bundled lexicon the model was trained with, for diagnostics. */
  lexiconSize: number;
  /** Non-zero weights: indices delta-encoded in increasing order, values to 6 significant digits. */
  indexDeltas: number[];
  weights: number[];
  /** Multi-syllable words seen in training, syllable keys joined by spaces. */
  words: string[];
  /** Syllable pairs seen in training: [left, right, times joined, times seen]. */
  pairs: [string, string, number, number][];
  /** Syllables seen in training: [syllable, times inside a multi-syllable word, times seen]. */
  syllables: [string, number, number][];
  /** Collocation counts from the unsegmented corpus: total syllables, [syllable, count], [left, right, count]. */
  collocations: { total: number; unigrams: [string, number][]; bigrams: [string, string, number][] };
  trainedOn: { sentences: number; gaps: number; epochs: number };
}

export class PerceptronSegmenter implements SegmentModel {
  readonly kind = 'perceptron';
  readonly #weights: Float32Array;
  readonly #mask: number;
  readonly #lexicon: WordLexicon;
  readonly #statistics: PairStatistics;
  readonly #collocations: Collocations;
  readonly #features = new Int32Array(FEATURES_PER_GAP);
  readonly trainedOn: SegmentModelFile['trainedOn'];

  constructor(
    weights: Float32Array,
    lexicon: WordLexicon,
    statistics: PairStatistics,
    collocations: Collocations,
    trainedOn: SegmentModelFile['trainedOn'],
  ) {
    this.#collocations = collocations;
    this.#weights = weights;
    this.#mask = weights.length - 1;
    this.#lexicon = lexicon;
    this.#statistics = statistics;
    this.trainedOn = trainedOn;
  }

  joins(tokens: readonly string[]): Uint8Array {
    const joins = new Uint8Array(Math.max(0, tokens.length - 1));
    if (tokens.length < 2) return joins;
    const context = featureContext(tokens, this.#lexicon, this.#statistics, this.#collocations);
    const features = this.#features;
    const local = new Float64Array(joins.length);
    const transitions = new Float64Array(joins.length * 3);
    const t = new Int32Array(TRANSITION_FEATURES);
    for (let i = 0; i < joins.length; i++) {
      const count = gapFeatures(context, i, this.#mask, features);
      let score = 0;
      for (let k = 0; k < count; k++) score += this.#weights[features[k]!]!;
      local[i] = score;
      for (let previous = 0; previous < 3; previous++) {
        transitionFeatures(features, 0, previous, this.#mask, t, 0);
        let sum = 0;
        for (let k = 0; k < TRANSITION_FEATURES; k++) sum += this.#weights[t[k]!]!;
        transitions[i * 3 + previous] = sum;
      }
    }
    viterbi(local, 0, joins.length, (g, previous) => transitions[g * 3 + previous]!, joins);
    return joins;
  }

  toJSON(): SegmentModelFile {
    const indexDeltas: number[] = [];
    const weights: number[] = [];
    let previous = 0;
    for (let i = 0; i < this.#weights.length; i++) {
      if (this.#weights[i] === 0) continue;
      const w = Number(this.#weights[i]!.toPrecision(6));
      indexDeltas.push(i - previous);
      weights.push(w);
      previous = i;
    }
    const pairs: SegmentModelFile['pairs'] = [];
    for (const [key, [joined, seen]] of this.#statistics.pairs) {
      const space = key.indexOf(' ');
      pairs.push([key.slice(0, space), key.slice(space + 1), joined, seen]);
    }
    const syllables: SegmentModelFile['syllables'] = [];
    for (const [key, [bound, seen]] of this.#statistics.syllables) syllables.push([key, bound, seen]);
    const bigrams: [string, string, number][] = [];
    for (const [key, count] of this.#collocations.bigrams) {
      const space = key.indexOf(' ');
      bigrams.push([key.slice(0, space), key.slice(space + 1), count]);
    }
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      kind: 'perceptron',
      hashBits: Math.log2(this.#weights.length),
      lexiconSize: this.#lexicon.size,
      indexDeltas,
      weights,
      words: this.#statistics.words.words(),
      pairs,
      syllables,
      collocations: { total: this.#collocations.total, unigrams: [...this.#collocations.unigrams], bigrams },
      trainedOn: this.trainedOn,
    };
  }
}

/** Builds a segmenter from its JSON form, trusting that `file` has been validated. */
export function perceptronFromFile(file: SegmentModelFile, lexicon: WordLexicon): PerceptronSegmenter {
  const weights = new Float32Array(2 ** file.hashBits);
  let index = 0;
  for (let k = 0; k < file.indexDeltas.length; k++) {
    index += file.indexDeltas[k]!;
    weights[index] = file.weights[k]!;
  }
  const statistics = new PairStatistics();
  for (const word of file.words) statistics.words.add(word.split(' '));
  for (const [left, right, joined, seen] of file.pairs)
    statistics.pairs.set(left + ' ' + right, [joined, seen]);
  for (const [key, bound, seen] of file.syllables) statistics.syllables.set(key, [bound, seen]);
  const collocations = new Collocations();
  collocations.total = file.collocations.total;
  for (const [key, count] of file.collocations.unigrams) collocations.unigrams.set(key, count);
  for (const [left, right, count] of file.collocations.bigrams)
    collocations.bigrams.set(left + ' ' + right, count);
  return new PerceptronSegmenter(weights, lexicon, statistics, collocations, file.trainedOn);
}

const TRANSITION_FEATURES = 4;

/** Features of joining gap g given the previous gap's decision (0 split, 1 join, 2 none): hashed from its local features. */
function transitionFeatures(
  local: Int32Array,
  base: number,
  previous: number,
  mask: number,
  out: Int32Array,
  at: number,
): void {
  out[at] = mix(900 + previous, 0) & mask;
  out[at + 1] = mix(910 + previous, local[base + FeatureSlot.shapes]!) & mask;
  out[at + 2] = mix(920 + previous, local[base + FeatureSlot.lexiconCover]!) & mask;
  out[at + 3] = mix(930 + previous, local[base + FeatureSlot.names]!) & mask;
}

/** Best join/split sequence over gaps [from, to): joining gap g scores local[g] + transition(g, previous). */
function viterbi(
  local: Float64Array,
  from: number,
  to: number,
  transition: (g: number, previous: number) => number,
  out: Uint8Array,
): void {
  const n = to - from;
  const back = new Uint8Array(n * 2);
  let split = 0;
  let join = local[from]! + transition(from, 2);
  for (let g = from + 1; g < to; g++) {
    const i = g - from;
    const nextSplit = Math.max(split, join);
    back[i * 2] = join > split ? 1 : 0;
    const fromSplit = split + transition(g, 0);
    const fromJoin = join + transition(g, 1);
    back[i * 2 + 1] = fromJoin > fromSplit ? 1 : 0;
    join = local[g]! + Math.max(fromSplit, fromJoin);
    split = nextSplit;
  }
  let state = join > split ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    out[from + i] = state;
    state = back[i * 2 + state]!;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sentence {
  tokens: string[];
  joins: Uint8Array;
}

/** Trains an averaged perceptron on gold sentences; deterministic for the same input and options. */
export function trainPerceptron(
  sentences: readonly Sentence[],
  lexicon: WordLexicon,
  options: TrainSegmenterOptions = {},
): PerceptronSegmenter {
  const epochs = options.epochs ?? 12;
  const hashBits = options.hashBits ?? 20;
  const folds = Math.max(2, options.folds ?? 5);
  const size = 2 ** hashBits;
  const mask = size - 1;

  const collocations = new Collocations();
  if (options.corpus) {
    for (const text of options.corpus) collocations.addText(text);
    collocations.prune(options.minCollocationCount ?? 3);
  }
  const full = new PairStatistics();
  const foldStatistics = Array.from({ length: folds }, () => new PairStatistics());
  sentences.forEach((sentence, index) => {
    full.addSentence(sentence.tokens, sentence.joins);
    for (let f = 0; f < folds; f++)
      if (index % folds !== f) foldStatistics[f]!.addSentence(sentence.tokens, sentence.joins);
  });

  let gaps = 0;
  for (const sentence of sentences) gaps += sentence.joins.length;
  const features = new Int32Array(gaps * FEATURES_PER_GAP);
  const labels = new Int8Array(gaps);
  const sentenceStart = new Int32Array(sentences.length + 1);
  let gap = 0;
  const scratch = new Int32Array(FEATURES_PER_GAP);
  sentences.forEach((sentence, index) => {
    sentenceStart[index] = gap;
    if (sentence.tokens.length < 2) return;
    const context = featureContext(sentence.tokens, lexicon, foldStatistics[index % folds]!, collocations);
    for (let i = 0; i < sentence.joins.length; i++, gap++) {
      gapFeatures(context, i, mask, scratch);
      features.set(scratch, gap * FEATURES_PER_GAP);
      labels[gap] = sentence.joins[i] === 1 ? 1 : -1;
    }
  });
  sentenceStart[sentences.length] = gap;

  const weights = new Float64Array(size);
  const totals = new Float64Array(size);
  const stamps = new Float64Array(size);
  const order = Array.from(sentences.keys());
  const random = mulberry32(options.seed ?? 1);
  const transitions = new Int32Array(gaps * 3 * TRANSITION_FEATURES);
  for (let g = 0; g < gaps; g++)
    for (let previous = 0; previous < 3; previous++)
      transitionFeatures(
        features,
        g * FEATURES_PER_GAP,
        previous,
        mask,
        transitions,
        (g * 3 + previous) * TRANSITION_FEATURES,
      );
  const local = new Float64Array(gaps);
  const guess = new Uint8Array(gaps);
  let step = 1;
  const update = (f: number, delta: number): void => {
    totals[f]! += (step - stamps[f]!) * weights[f]!;
    stamps[f] = step;
    weights[f]! += delta;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const from = sentenceStart[index]!;
      const to = sentenceStart[index + 1]!;
      if (to === from) continue;
      for (let g = from; g < to; g++) {
        const base = g * FEATURES_PER_GAP;
        let score = 0;
        for (let k = 0; k < FEATURES_PER_GAP; k++) score += weights[features[base + k]!]!;
        local[g] = score;
      }
      viterbi(
        local,
        from,
        to,
        (g, previous) => {
          const base = (g * 3 + previous) * TRANSITION_FEATURES;
          let score = 0;
          for (let k = 0; k < TRANSITION_FEATURES; k++) score += weights[transitions[base + k]!]!;
          return score;
        },
        guess,
      );
      let wrong = false;
      for (let g = from; g < to && !wrong; g++) wrong = (guess[g] === 1) !== (labels[g] === 1);
      if (wrong) {
        for (let g = from; g < to; g++) {
          const goldJoin = labels[g] === 1;
          const guessJoin = guess[g] === 1;
          const goldPrevious = g === from ? 2 : labels[g - 1] === 1 ? 1 : 0;
          const guessPrevious = g === from ? 2 : guess[g - 1]!;
          if (goldJoin && guessJoin && goldPrevious === guessPrevious) continue;
          const base = g * FEATURES_PER_GAP;
          if (goldJoin) {
            if (!guessJoin) for (let k = 0; k < FEATURES_PER_GAP; k++) update(features[base + k]!, 1);
            const t = (g * 3 + goldPrevious) * TRANSITION_FEATURES;
            for (let k = 0; k < TRANSITION_FEATURES; k++) update(transitions[t + k]!, 1);
          }
          if (guessJoin) {
            if (!goldJoin) for (let k = 0; k < FEATURES_PER_GAP; k++) update(features[base + k]!, -1);
            const t = (g * 3 + guessPrevious) * TRANSITION_FEATURES;
            for (let k = 0; k < TRANSITION_FEATURES; k++) update(transitions[t + k]!, -1);
          }
        }
      }
      step++;
    }
  }
  const averaged = new Float32Array(size);
  for (let f = 0; f < size; f++) {
    const total = totals[f]! + (step - stamps[f]!) * weights[f]!;
    averaged[f] = total / step;
  }
  return new PerceptronSegmenter(averaged, lexicon, full, collocations, {
    sentences: sentences.length,
    gaps,
    epochs,
  });
}
