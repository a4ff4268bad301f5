// Trainable linear text classifier: hashed n-gram TF-IDF features, NB-weighted one-vs-rest linear models.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ensembleValue, fitBoostedTrees, plattScale } from './boosted-trees.ts';
import type { BoostOptions, Tree } from './boosted-trees.ts';
import {
  DEFAULT_FEATURES,
  extractFeatures,
  fitIdf,
  isEmptyFeatures,
  parseNumber,
  sideFeatures,
  weightFeatures,
} from './features.ts';
import type { FeatureOptions, NumericField, RawFeatures, SparseVector, Weighting } from './features.ts';

/** One labelled example; extra numeric fields (likes, shares…) become features. */
export interface Example {
  text: string;
  label: string | number;
  [field: string]: unknown;
}

/** Training options; every field has a default. */
export interface TrainOptions {
  task?: string;
  seed?: number;
  features?: Partial<FeatureOptions>;
  /** Inverse regularisation strength of each one-vs-rest model. */
  C?: number;
  /** Most passes of dual coordinate descent. */
  epochs?: number;
  /** Stopping tolerance on the projected gradient gap. */
  tolerance?: number;
  /** Scale features by their naive Bayes log-count ratio per class (NB-SVM). */
  nb?: boolean;
  /** Weigh each class's errors inversely to its frequency (for skewed labels such as misinformation). */
  balanced?: boolean;
  /** Additive smoothing of the NB count ratio, in units of the mean feature value. */
  nbAlpha?: number;
  /**
   * With `nb`, adds this much of the naive Bayes log-count ratio itself to every weight (in the SVM's scaled space),
   * interpolating NB-SVM towards multinomial naive Bayes as Wang and Manning (2012) do. Several values: the one with
   * the best accuracy in `nbFolds`-fold cross-validation on the training examples is used.
   */
  nbInterpolation?: number | number[];
  /** Folds of the cross-validation that picks among several `nbInterpolation` values. */
  nbFolds?: number;
  /** Weight of the word, character and meta blocks after per-block normalisation. */
  blockWeights?: number[];
  sublinearTf?: boolean;
  /** Features seen in fewer training documents than this are dropped. */
  minDf?: number;
  /**
   * For two labels with numeric side fields: boosted trees over the side fields (and text length) added to the text
   * model's Platt-scaled margin, fitted on out-of-fold text margins from `sideFolds`-fold cross-validation; `false`
   * (the default) leaves them out.
   */
  sideTrees?: Partial<BoostOptions> | false;
  /** Folds of the cross-validation that gives the side trees their out-of-fold text margins. */
  sideFolds?: number;
  /** Extra fields to use as numeric features; by default every field numeric in most examples. */
  numericFields?: string[];
  /** Called with progress in [0, 1]. */
  onProgress?: (done: number) => void;
}

/** A trained model; plain data, saved as JSON. */
export interface Model {
  format: typeof MODEL_FORMAT;
  version: number;
  task: string;
  labels: string[];
  priors: number[];
  features: FeatureOptions;
  numeric: NumericField[];
  sublinear: boolean;
  blockWeights: number[];
  /** Softmax temperature applied to the margins. */
  temperature: number;
  /** Rows of the weight matrix: one per label, or one for the second label when there are two. */
  rows: number;
  /** Hashed indices that carry any weight, ascending. */
  index: Int32Array;
  /** idf of each entry of `index`. */
  idf: Float32Array;
  /** `weights[j * rows + r]`: weight of `index[j]` in row r. */
  weights: Float32Array;
  bias: number[];
  examples: number;
  /** Side-field trees: the final margin is `a·m + c + Σ trees(sideFeatures)`; absent in older models. */
  side?: SideModel;
}

/** Boosted trees over the side fields stacked on the text margin (two labels only). */
export interface SideModel {
  a: number;
  c: number;
  trees: Tree[];
}

/** A prediction: the best label and a probability for every label, summing to 1. */
export interface Prediction {
  label: string;
  scores: Record<string, number>;
}

export const MODEL_FORMAT = 'dlxh-text-classifier';
export const MODEL_FORMAT_VERSION = 1;

const DEFAULTS = {
  seed: 1,
  C: 1,
  epochs: 50,
  tolerance: 0.1,
  nb: true,
  balanced: false,
  nbAlpha: 1,
  nbInterpolation: 0 as number | number[],
  nbFolds: 3,
  blockWeights: [1, 1, 1],
  sublinearTf: true,
  minDf: 1,
  sideTrees: false as Partial<BoostOptions> | false,
  sideFolds: 5,
};

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Assigns each item to one of `k` folds, stratified by label and shuffled with `seed`.
 * With `k` ≤ 1 it makes one 80/20 split: fold 0 is the held-out fifth.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 11): Int32Array {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label) ?? [];
    list.push(i);
    byLabel.set(label, list);
  });
  const random = seededRandom(seed);
  const fold = new Int32Array(labels.length);
  for (const label of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(label)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((item, n) => (fold[item] = k <= 1 ? (n % 5 === 0 ? 0 : 1) : n % k));
  }
  return fold;
}

function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

const RESERVED_FIELDS = new Set([
  'text',
  'label',
  'id',
  'title',
  'topic',
  'url',
  'source',
  'lang',
  'locality',
]);

function detectNumericFields(examples: readonly Example[]): string[] {
  const counts = new Map<string, number>();
  for (const ex of examples) {
    for (const [key, value] of Object.entries(ex)) {
      if (RESERVED_FIELDS.has(key) || parseNumber(value) === null) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= examples.length * 0.5)
    .map(([key]) => key)
    .sort();
}

/** Epoch seconds between 2001 and 2096, or the same in milliseconds, read as times. */
function timeScale(median: number): number | null {
  if (median >= 1e9 && median < 4e9) return 1000;
  if (median >= 1e12 && median < 4e12) return 1;
  return null;
}

function numericScales(examples: readonly Example[], names: string[]): NumericField[] {
  return names.map((name) => {
    const values: number[] = [];
    for (const ex of examples) {
      const n = parseNumber(ex[name]);
      if (n !== null) values.push(n);
    }
    values.sort((a, b) => a - b);
    const median = values.length > 0 ? values[Math.floor(values.length / 2)]! : 0;
    const time = timeScale(median);
    if (time !== null) return { name, kind: 'time', scale: time };
    let max = 0;
    for (const n of values) max = Math.max(max, Math.log1p(Math.max(0, n)));
    return { name, kind: 'count', scale: max };
  });
}

interface Dataset {
  x: SparseVector[];
  y: Int32Array;
}

/**
 * Trains one binary L2-regularised squared-hinge linear model by dual coordinate descent (as liblinear does),
 * on features scaled by `r`. Returns weights over `dims` (in the scaled space) and the bias.
 */
function trainBinary(
  data: Dataset,
  positive: number,
  r: Float32Array,
  C: number,
  epochs: number,
  tolerance: number,
  random: () => number,
  positiveWeight = 1,
): { w: Float64Array; b: number; epochs: number } {
  const n = data.x.length;
  const w = new Float64Array(r.length);
  let b = 0;
  const diagNeg = 1 / (2 * C);
  const diagPos = 1 / (2 * C * positiveWeight);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  const alpha = new Float64Array(n);
  const sign = new Int8Array(n);
  const scaled: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const { idx, val } = data.x[i]!;
    const v = new Float32Array(idx.length);
    let s = 1;
    for (let k = 0; k < idx.length; k++) {
      v[k] = val[k]! * r[idx[k]!]!;
      s += v[k]! * v[k]!;
    }
    scaled.push(v);
    sign[i] = data.y[i] === positive ? 1 : -1;
    diag[i] = sign[i] === 1 ? diagPos : diagNeg;
    qd[i] = s + diag[i]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Shrinking as in liblinear: examples whose constraint is comfortably met leave the active set until the end.
  let active = n;
  let maxOld = Infinity;
  let epoch = 0;
  while (epoch < epochs) {
    epoch++;
    shuffleInPlace(order.subarray(0, active), random);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (let s = 0; s < active; s++) {
      const i = order[s]!;
      const idx = data.x[i]!.idx;
      const val = scaled[i]!;
      const yi = sign[i]!;
      let dot = b;
      for (let k = 0; k < idx.length; k++) dot += w[idx[k]!]! * val[k]!;
      const g = yi * dot - 1 + alpha[i]! * diag[i]!;
      let pg = g;
      if (alpha[i] === 0) {
        if (g > maxOld) {
          active--;
          order[s] = order[active]!;
          order[active] = i;
          s--;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i]!;
      alpha[i] = Math.max(old - g / qd[i]!, 0);
      const d = (alpha[i]! - old) * yi;
      if (d === 0) continue;
      for (let k = 0; k < idx.length; k++) w[idx[k]!]! += d * val[k]!;
      b += d;
    }
    if (maxPg - minPg <= tolerance) {
      if (active === n) break;
      active = n;
      maxOld = Infinity;
      continue;
    }
    maxOld = maxPg > 0 ? maxPg : Infinity;
  }
  return { w, b, epochs: epoch };
}

function nbRatio(data: Dataset, positive: number, dims: number, alpha = 1): Float32Array {
  const p = new Float64Array(dims);
  const q = new Float64Array(dims);
  for (let i = 0; i < data.x.length; i++) {
    const target = data.y[i] === positive ? p : q;
    const { idx, val } = data.x[i]!;
    for (let k = 0; k < idx.length; k++) target[idx[k]!]! += Math.abs(val[k]!);
  }
  let total = 0;
  let count = 0;
  for (const { val } of data.x) {
    for (let k = 0; k < val.length; k++) total += Math.abs(val[k]!);
    count += val.length;
  }
  const smoothing = alpha * (count > 0 ? total / count : 1);
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < dims; j++) {
    p[j]! += smoothing;
    q[j]! += smoothing;
    sp += p[j]!;
    sq += q[j]!;
  }
  const r = new Float32Array(dims);
  for (let j = 0; j < dims; j++) r[j] = Math.log(p[j]! / sp / (q[j]! / sq));
  return r;
}

/** Kinds of text by median length; each gets the settings that measured best on such data. */
export type TextProfile = 'comments' | 'posts' | 'documents';

const PROFILE_OPTIONS: Record<TextProfile, TrainOptions> = {
  // Short social comments and feedback: NB-scaled n-grams, characters, folded and lexicon features.
  // NB interpolation helps balanced product comments and hurts student feedback: chosen per training set by CV.
  comments: { nb: true, nbAlpha: 2, nbInterpolation: [0, 0.1, 0.3, 1], C: 1, minDf: 1, features: {} },
  // Social posts of a few hundred characters (with likes, shares…): plain weights, stronger regularisation, classes
  // weighted against their frequency, side fields and shapes at a third of the text's weight, pairwise crosses of the
  // side fields (ReINTEL 5-fold CV ROC-AUC 0.925 → 0.928); the sentiment lexicon does not help here. Depth-3 boosted
  // trees over the side fields, their ratios and text statistics, stacked on out-of-fold text margins: 0.9285 → 0.9333.
  posts: {
    sideTrees: { depth: 3 },
    nb: false,
    C: 0.3,
    minDf: 1,
    balanced: true,
    blockWeights: [1, 1, 0.3],
    features: { lexicon: false, metaCrosses: 0.3 },
  },
  // News articles: word n-grams only; characters and rare features add noise and time at this length.
  // VNTC 5-fold CV accuracy with these settings is 0.887 / 0.885 (fold seeds 11 / 23). Measured without a gain beyond
  // that noise: C 0.3–10, minDf 1 or 3, bigrams at most, binary/sqrt tf, idf² or √idf, 2^18 or 2^22 dims, NB-SVM
  // (with inner-CV interpolation), char 3–5-grams at weight 0.5–1, diacritic-folded words, segmented words, a short
  // stopword list, the lead counted twice, chunked training documents, one-vs-one voting, 100 LSA dimensions beside
  // the n-grams, and averaging with multinomial or complement naive Bayes, cosine kNN or a char-n-gram model. CV
  // accuracy barely moves between 1,000 and 1,425 training documents (0.882 → 0.883): more of the same data is not
  // the way up either.
  documents: {
    nb: false,
    C: 1,
    minDf: 2,
    features: { charNgrams: [0, 0], fold: false, shape: false, lexicon: false },
  },
};

/** `documents` when the median text has 1,000 characters or more, `posts` from 150, else `comments`. */
export function textProfile(texts: readonly string[]): TextProfile {
  if (texts.length === 0) return 'comments';
  const lengths = texts.map((t) => (typeof t === 'string' ? t.length : 0)).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)]!;
  return median >= 1000 ? 'documents' : median >= 150 ? 'posts' : 'comments';
}

/** The profile's settings for these examples, overridden by whatever `options` sets explicitly. */
export function resolveOptions(examples: readonly Example[], options: TrainOptions = {}): TrainOptions {
  const profile = PROFILE_OPTIONS[textProfile(examples.map((ex) => ex.text))];
  return { ...profile, ...options, features: { ...profile.features, ...options.features } };
}

/** Examples turned into raw feature counts once, so several models (cross-validation folds) can share them. */
export interface PreparedExamples {
  raw: RawFeatures[];
  /** Dense side features of every example, for the side trees. */
  side: Float64Array[];
  labels: string[];
  numeric: NumericField[];
  features: FeatureOptions;
  /** Resolved training options (profile defaults plus the caller's). */
  options: TrainOptions;
}

/** Extracts features of every example; numeric side fields are detected and scaled here. */
export function prepareExamples(examples: readonly Example[], options: TrainOptions = {}): PreparedExamples {
  const resolved = resolveOptions(examples, options);
  const features: FeatureOptions = { ...DEFAULT_FEATURES, ...resolved.features };
  if (!Number.isInteger(Math.log2(features.dims))) throw new Error(`invalid dims: ${features.dims}`);
  const numeric = numericScales(examples, options.numericFields ?? detectNumericFields(examples));
  const raw = examples.map((ex) =>
    extractFeatures(typeof ex.text === 'string' ? ex.text : '', features, ex, numeric),
  );
  const side = examples.map((ex) => sideFeatures(numeric, ex, typeof ex.text === 'string' ? ex.text : ''));
  return { raw, side, labels: examples.map((ex) => String(ex.label)), numeric, features, options: resolved };
}

/**
 * Trains a single-label classifier on `{text, label}` examples. Deterministic for a given seed.
 * `predict(train(examples, { task: 'sentiment' }), 'rất tốt')` → `{ label: 'positive', scores: {...} }`.
 */
export function train(examples: readonly Example[], options: TrainOptions = {}): Model {
  if (examples.length === 0) throw new Error('invalid training set: no examples');
  return trainPrepared(prepareExamples(examples, options), undefined, options);
}

type ResolvedOptions = typeof DEFAULTS & TrainOptions;

interface FittedRow {
  /** Weights in the NB-scaled space (multiply by `r` for the model). */
  w: Float64Array;
  b: number;
  /** NB log-count ratios of the row, when `nb` is on. */
  r: Float32Array | null;
}

/** One binary model per weight row: row k separates label k from the rest (one row for two labels). */
function fitRows(
  data: Dataset,
  dims: number,
  rows: number,
  opts: ResolvedOptions,
  random: () => number,
  onRow?: (row: number) => void,
): FittedRow[] {
  const ones = new Float32Array(dims).fill(1);
  const out: FittedRow[] = [];
  for (let row = 0; row < rows; row++) {
    const positive = rows === 1 ? 1 : row;
    const r = opts.nb ? nbRatio(data, positive, dims, opts.nbAlpha) : null;
    let positiveWeight = 1;
    if (opts.balanced) {
      const share = data.y.filter((y) => y === positive).length / data.y.length;
      positiveWeight = share > 0 ? (1 - share) / share : 1;
    }
    const { w, b } = trainBinary(
      data,
      positive,
      r ?? ones,
      opts.C,
      opts.epochs,
      opts.tolerance,
      random,
      positiveWeight,
    );
    out.push({ w, b, r });
    onRow?.(row);
  }
  return out;
}

/**
 * Picks the NB interpolation with the best cross-validated accuracy on `data`. The folds' models are fitted once;
 * each candidate only changes the margins to `m + value·(r·x)`, so trying several costs nothing more.
 */
function chooseInterpolation(
  data: Dataset,
  dims: number,
  rows: number,
  candidates: number[],
  opts: ResolvedOptions,
  random: () => number,
): number {
  const labels = Array.from(data.y, String);
  const fold = stratifiedFolds(labels, opts.nbFolds, opts.seed);
  const hits = new Float64Array(candidates.length);
  const margin = new Float64Array(rows);
  const nbScore = new Float64Array(rows);
  for (let f = 0; f < opts.nbFolds; f++) {
    const inFold = (i: number) => fold[i] === f;
    const train: Dataset = {
      x: data.x.filter((_, i) => !inFold(i)),
      y: data.y.filter((_, i) => !inFold(i)),
    };
    const fitted = fitRows(train, dims, rows, opts, random);
    for (let i = 0; i < data.x.length; i++) {
      if (!inFold(i)) continue;
      const { idx, val } = data.x[i]!;
      fitted.forEach(({ w, b, r }, row) => {
        let m = b;
        let s = 0;
        for (let k = 0; k < idx.length; k++) {
          const j = idx[k]!;
          const v = val[k]! * r![j]!;
          m += w[j]! * v;
          s += v;
        }
        margin[row] = m;
        nbScore[row] = s;
      });
      candidates.forEach((value, c) => {
        let best = 0;
        for (let row = 1; row < rows; row++)
          if (margin[row]! + value * nbScore[row]! > margin[best]! + value * nbScore[best]!) best = row;
        const predicted = rows === 1 ? (margin[0]! + value * nbScore[0]! > 0 ? 1 : 0) : best;
        if (predicted === data.y[i]) hits[c]!++;
      });
    }
  }
  let best = 0;
  for (let c = 1; c < candidates.length; c++) if (hits[c]! > hits[best]!) best = c;
  return candidates[best]!;
}

/** Trains on the prepared examples at `indices` (all when omitted). */
export function trainPrepared(
  prep: PreparedExamples,
  indices: readonly number[] | undefined,
  options: TrainOptions = {},
): Model {
  const opts = { ...DEFAULTS, ...prep.options, ...options };
  const features = prep.features;
  const pick = indices ?? prep.raw.map((_, i) => i);
  if (pick.length === 0) throw new Error('invalid training set: no examples');
  const labels = [...new Set(pick.map((i) => prep.labels[i]!))].sort();
  if (labels.length < 2)
    throw new Error(`invalid training set: needs two labels or more, got only "${labels[0]}"`);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const raw = pick.map((i) => prep.raw[i]!);
  options.onProgress?.(0.2);
  const idf = fitIdf(raw, features.dims, opts.minDf);
  const weighting: Weighting = { idf, sublinear: opts.sublinearTf, blockWeights: opts.blockWeights };
  const { data, used } = compact(
    raw.map((r) => weightFeatures(r, weighting)),
    Int32Array.from(pick, (i) => labelIndex.get(prep.labels[i]!)!),
    features.dims,
  );
  const dims = used.length;
  const priors = labels.map((_, k) => data.y.filter((y) => y === k).length / pick.length);

  const rows = labels.length === 2 ? 1 : labels.length;
  const random = seededRandom(opts.seed);
  const candidates = [opts.nbInterpolation].flat();
  const interpolation =
    opts.nb && candidates.length > 1
      ? chooseInterpolation(data, dims, rows, candidates, opts, seededRandom(opts.seed + 1))
      : candidates[0]!;
  const fitted = fitRows(data, dims, rows, opts, random, (row) =>
    options.onProgress?.(0.2 + (0.8 * (row + 1)) / rows),
  );
  const dense: Float64Array[] = [];
  const bias: number[] = [];
  for (const { w, b, r } of fitted) {
    const mix = opts.nb ? interpolation : 0;
    for (let j = 0; j < w.length; j++) w[j] = (w[j]! + mix) * (r ? r[j]! : 1);
    dense.push(w);
    bias.push(b);
  }
  const model = packModel(
    opts.task ?? 'classify',
    labels,
    priors,
    features,
    prep.numeric,
    weighting,
    used,
    dense,
    bias,
    pick.length,
  );
  if (opts.sideTrees && rows === 1 && prep.numeric.length > 0) {
    const side = fitSideModel(prep, pick, labels, opts, opts.sideTrees);
    if (side) model.side = side;
  }
  return model;
}

/**
 * Fits the side trees on out-of-fold text margins of the examples at `pick`: each fold's text model (without side
 * trees) scores the examples it did not see; Platt scaling maps those margins to log-odds, and the trees learn what
 * the side fields add. Null when a class has fewer examples than folds.
 */
function fitSideModel(
  prep: PreparedExamples,
  pick: readonly number[],
  labels: string[],
  opts: ResolvedOptions,
  boost: Partial<BoostOptions>,
): SideModel | null {
  const k = Math.max(2, opts.sideFolds);
  const gold = pick.map((i) => prep.labels[i]!);
  if (labels.some((label) => gold.filter((g) => g === label).length < k)) return null;
  const fold = stratifiedFolds(gold, k, opts.seed + 2);
  const outOfFold = new Float64Array(pick.length);
  for (let f = 0; f < k; f++) {
    const inner = pick.filter((_, n) => fold[n] !== f);
    const model = trainPrepared(prep, inner, { ...opts, sideTrees: false, onProgress: undefined });
    pick.forEach((i, n) => {
      if (fold[n] === f) outOfFold[n] = margins(model, prep.raw[i]!)[0]!;
    });
  }
  const y = gold.map((g) => (g === labels[1] ? 1 : 0));
  const { a, c } = plattScale(outOfFold, y);
  const offset = Float64Array.from(outOfFold, (m) => a * m + c);
  const trees = fitBoostedTrees(
    pick.map((i) => prep.side[i]!),
    y,
    offset,
    boost,
  );
  return { a, c, trees };
}

function packModel(
  task: string,
  labels: string[],
  priors: number[],
  features: FeatureOptions,
  numeric: NumericField[],
  weighting: Weighting,
  used: Int32Array,
  dense: Float64Array[],
  bias: number[],
  examples: number,
): Model {
  const keep: number[] = [];
  for (let j = 0; j < used.length; j++) if (dense.some((w) => w[j] !== 0)) keep.push(j);
  keep.sort((a, b) => used[a]! - used[b]!);
  const rows = dense.length;
  const weights = new Float32Array(keep.length * rows);
  const idf = new Float32Array(keep.length);
  const index = new Int32Array(keep.length);
  keep.forEach((j, n) => {
    index[n] = used[j]!;
    idf[n] = weighting.idf[used[j]!]!;
    for (let r = 0; r < rows; r++) weights[n * rows + r] = dense[r]![j]!;
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    task,
    labels,
    priors,
    features,
    numeric,
    sublinear: weighting.sublinear,
    blockWeights: weighting.blockWeights,
    temperature: 1,
    rows,
    index,
    idf,
    weights,
    bias,
    examples,
  };
}

/**
 * Renumbers the hashed indices that occur in `x` densely, most frequent first (so the learners' hot weights share
 * cache lines), and keeps the learners' arrays small. `used[n]` is the hashed index of slot n.
 */
function compact(x: SparseVector[], y: Int32Array, dims: number): { data: Dataset; used: Int32Array } {
  const df = new Int32Array(dims);
  for (const v of x) for (let k = 0; k < v.idx.length; k++) if (v.val[k] !== 0) df[v.idx[k]!]!++;
  const present: number[] = [];
  for (let j = 0; j < dims; j++) if (df[j]! > 0) present.push(j);
  present.sort((a, b) => df[b]! - df[a]! || a - b);
  const used = Int32Array.from(present);
  const slot = new Int32Array(dims).fill(-1);
  used.forEach((j, n) => (slot[j] = n));
  const compacted = x.map((v) => {
    let m = 0;
    for (let k = 0; k < v.val.length; k++) if (v.val[k] !== 0) m++;
    const idx = new Int32Array(m);
    const val = new Float32Array(m);
    m = 0;
    for (let k = 0; k < v.val.length; k++) {
      if (v.val[k] === 0) continue;
      idx[m] = slot[v.idx[k]!]!;
      val[m++] = v.val[k]!;
    }
    return { idx, val };
  });
  return { data: { x: compacted, y }, used };
}

interface Runtime {
  slot: Int32Array;
  idf: Float32Array;
}

const runtimes = new WeakMap<Model, Runtime>();

function runtimeOf(model: Model): Runtime {
  let rt = runtimes.get(model);
  if (!rt) {
    const slot = new Int32Array(model.features.dims).fill(-1);
    const idf = new Float32Array(model.features.dims);
    model.index.forEach((j, n) => {
      slot[j] = n;
      idf[j] = model.idf[n]!;
    });
    rt = { slot, idf };
    runtimes.set(model, rt);
  }
  return rt;
}

/** Raw margins of each weight row for one document's features. */
function margins(model: Model, raw: RawFeatures): Float64Array {
  const rt = runtimeOf(model);
  const x = weightFeatures(raw, {
    idf: rt.idf,
    sublinear: model.sublinear,
    blockWeights: model.blockWeights,
  });
  const out = Float64Array.from(model.bias);
  const rows = model.rows;
  for (let k = 0; k < x.idx.length; k++) {
    const n = rt.slot[x.idx[k]!]!;
    if (n < 0) continue;
    const v = x.val[k]!;
    for (let r = 0; r < rows; r++) out[r]! += model.weights[n * rows + r]! * v;
  }
  return out;
}

function toProbabilities(model: Model, m: Float64Array): number[] {
  const t = model.temperature;
  if (model.rows === 1) {
    const p = 1 / (1 + Math.exp(-t * m[0]!));
    return [1 - p, p];
  }
  let max = -Infinity;
  for (const v of m) max = Math.max(max, v);
  const e = Array.from(m, (v) => Math.exp(t * (v - max)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function toPrediction(labels: string[], probs: number[]): Prediction {
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
  const scores: Record<string, number> = {};
  labels.forEach((label, k) => (scores[label] = probs[k]!));
  return { label: labels[best]!, scores };
}

/**
 * Predicts one text (numeric side fields from `record`, as in training). Text without any feature gets the
 * training prior distribution. `predict(model, 'pin trâu, máy mượt')` → `{ label: 'positive', scores }`.
 */
export function predict(model: Model, text: string, record: Record<string, unknown> = {}): Prediction {
  const raw = extractFeatures(typeof text === 'string' ? text : '', model.features, record, model.numeric);
  if (isEmptyFeatures(raw)) return toPrediction(model.labels, model.priors);
  const m = margins(model, raw);
  if (model.side) {
    const x = sideFeatures(model.numeric, record, typeof text === 'string' ? text : '');
    m[0] = model.side.a * m[0]! + model.side.c + ensembleValue(model.side.trees, x);
  }
  return toPrediction(model.labels, toProbabilities(model, m));
}

/** Predicts many records `{text, ...numeric fields}` in order. */
export function predictBatch(
  model: Model,
  records: readonly { text: string; [field: string]: unknown }[],
): Prediction[] {
  return records.map((rec) => predict(model, rec.text, rec));
}

function toBase64(a: Int32Array | Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function fromBase64<T extends Int32Array | Float32Array>(s: string, make: (b: ArrayBuffer) => T): T {
  const buf = Buffer.from(s, 'base64');
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return make(copy);
}

/** The model as JSON text; typed arrays as little-endian base64. Same model → same bytes. */
export function serializeModel(model: Model): string {
  return JSON.stringify({
    ...model,
    index: toBase64(model.index),
    idf: toBase64(model.idf),
    weights: toBase64(model.weights),
  });
}

/** Parses a model from JSON text, checking its format and version. `source` names it in errors. */
export function parseModel(json: string, source = 'model'): Model {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(json) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${source}: invalid JSON`, { cause: err });
  }
  if (obj.format !== MODEL_FORMAT)
    throw new Error(`${source}: invalid model format ${JSON.stringify(obj.format)}`);
  if (obj.version !== MODEL_FORMAT_VERSION)
    throw new Error(`${source}: unsupported model version ${String(obj.version)}`);
  const model = {
    ...obj,
    index: fromBase64(String(obj.index), (b) => new Int32Array(b)),
    idf: fromBase64(String(obj.idf), (b) => new Float32Array(b)),
    weights: fromBase64(String(obj.weights), (b) => new Float32Array(b)),
  } as unknown as Model;
  if (model.weights.length !== model.index.length * model.rows || model.idf.length !== model.index.length) {
    throw new Error(`${source}: weight arrays do not match the index`);
  }
  if (model.side !== undefined && (model.rows !== 1 || !Array.isArray(model.side.trees))) {
    throw new Error(`${source}: invalid side trees`);
  }
  return model;
}

/** Writes the model to `file` through a temporary file and a rename. */
export function saveModel(model: Model, file: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, serializeModel(model));
  renameSync(tmp, file);
}

/** Reads a model file written by `saveModel`. */
export function loadModel(file: string): Model {
  return parseModel(readFileSync(file, 'utf8'), file);
}
