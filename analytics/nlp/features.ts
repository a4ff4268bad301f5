// Hashed sparse features for the linear text classifier: word n-grams, character n-grams, shapes and numbers.
import { foldAligned, normalizeText } from '../../data/text/normalize.ts';
import { analyzeSentiment } from './sentiment.ts';

/** How text becomes features; stored in every model so prediction repeats training exactly. */
export interface FeatureOptions {
  /** Hash space size, a power of two. */
  dims: number;
  /** Longest word n-gram (1–3). */
  wordNgrams: number;
  /** Character n-gram lengths, inclusive; `[0, 0]` disables them. */
  charNgrams: [number, number];
  /** Also emit diacritic-folded word unigrams and bigrams (social text often has no diacritics). */
  fold: boolean;
  /** Mark the tokens that follow a negator ("không tốt" → NEG_tốt). */
  negation: boolean;
  /** Counts, URLs, all-caps words, punctuation runs, emoji and length as bucketed features. */
  shape: boolean;
  /** The built-in sentiment lexicon's reading (label, polarity sum, positive and negative mass) as features. */
  lexicon: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  dims: 1 << 20,
  wordNgrams: 3,
  charNgrams: [2, 5],
  fold: true,
  negation: true,
  shape: true,
  lexicon: true,
};

/** Sparse vector with sorted, unique indices. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** Feature blocks, weighted and normalised separately before they are joined. */
export const BLOCK_WORD = 0;
export const BLOCK_CHAR = 1;
export const BLOCK_META = 2;
export const BLOCK_COUNT = 3;

/** Raw counts of one document, one sparse vector per block. */
export type RawFeatures = SparseVector[];

const NEGATORS = new Set([
  'không',
  'chẳng',
  'chưa',
  'chả',
  'đâu',
  'khỏi',
  'ko',
  'k',
  'kg',
  'hok',
  'hông',
  'khong',
  'chang',
  'chua',
  'cha',
  'kô',
  'hem',
  'hổng',
  'đếch',
  'deo',
  'đéo',
  'chẳg',
]);
const NEGATION_WINDOW = 3;

const URL_RE = /(?:https?:\/\/|www\.)[^\s<>"']+/giu;
const TOKEN_RE =
  /(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*)|([:;=8][-'^o]?[)(\]\[dDpP3|/\\*]+|<3|\^\^|[=:]\)+|[-_]_[-_])|#([\p{L}\p{M}\p{N}_]+)|([\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)*)|(\p{N}+(?:[.,]\p{N}+)*)|([!?]+)|([.,;\n])/gu;
const ELONGATED_RE = /(\p{L})\1{2,}/gu;

/** Kinds of token the classifier distinguishes. */
const enum Kind {
  Word,
  Number,
  Emoji,
  Emoticon,
  Hashtag,
  Mark,
  Break,
}

interface Token {
  text: string;
  kind: Kind;
}

interface Shape {
  urls: number;
  caps: number;
  elongated: number;
  numbers: number;
  length: number;
}

function tokenizeForFeatures(text: string, shape: Shape): Token[] {
  const tokens: Token[] = [];
  const withoutUrls = text.replace(URL_RE, () => {
    shape.urls++;
    return ' ';
  });
  for (const m of withoutUrls.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) tokens.push({ text: m[1], kind: Kind.Emoji });
    else if (m[2] !== undefined) tokens.push({ text: m[2].toLowerCase(), kind: Kind.Emoticon });
    else if (m[3] !== undefined) tokens.push({ text: m[3].toLowerCase(), kind: Kind.Hashtag });
    else if (m[4] !== undefined) {
      let word = m[4];
      if (word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase()) shape.caps++;
      word = word.toLowerCase();
      if (ELONGATED_RE.test(word)) {
        ELONGATED_RE.lastIndex = 0;
        shape.elongated++;
        word = word.replace(ELONGATED_RE, '$1');
      }
      tokens.push({ text: word, kind: Kind.Word });
    } else if (m[5] !== undefined) {
      shape.numbers++;
      tokens.push({ text: m[5], kind: Kind.Number });
    } else if (m[6] !== undefined) tokens.push({ text: m[6].length > 1 ? m[6].slice(0, 2) : m[6], kind: Kind.Mark });
    else tokens.push({ text: m[7]!, kind: Kind.Break });
  }
  shape.length = tokens.length;
  return tokens;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

function combine(a: number, b: number): number {
  return fmix32(Math.imul(a, 0x9e3779b1) ^ b);
}

const NS_WORD = 0x1001;
const NS_BIGRAM = 0x1002;
const NS_TRIGRAM = 0x1003;
const NS_FOLD = 0x1004;
const NS_FOLD_BIGRAM = 0x1005;
const NS_NEG = 0x1006;
const NS_CHAR = 0x1007;
const NS_SHAPE = 0x1008;
const NS_META = 0x1009;
const NS_META_BUCKET = 0x100a;
const NS_LEXICON = 0x100b;
const BOUNDARY = hashString('<s>', NS_WORD);

/** Accumulates counts in a dense scratch array and reads them out as a sorted sparse vector. */
class Accumulator {
  private readonly counts: Float64Array;
  private touched: Int32Array;
  private size = 0;
  private readonly mask: number;

  constructor(dims: number) {
    this.counts = new Float64Array(dims);
    this.touched = new Int32Array(1024);
    this.mask = dims - 1;
  }

  add(hash: number, value = 1): void {
    const i = hash & this.mask;
    if (this.counts[i] === 0) {
      if (this.size === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.size++] = i;
    }
    this.counts[i]! += value;
  }

  flush(): SparseVector {
    const idx = this.touched.slice(0, this.size).sort();
    const val = new Float32Array(idx.length);
    for (let k = 0; k < idx.length; k++) {
      val[k] = this.counts[idx[k]!]!;
      this.counts[idx[k]!] = 0;
    }
    this.size = 0;
    return { idx, val };
  }
}

const accumulators = new Map<number, Accumulator>();

function accumulatorFor(dims: number): Accumulator {
  let acc = accumulators.get(dims);
  if (!acc) {
    acc = new Accumulator(dims);
    accumulators.set(dims, acc);
  }
  return acc;
}

function wordFeatures(tokens: Token[], opts: FeatureOptions, acc: Accumulator): void {
  let prev1 = BOUNDARY;
  let prev2 = BOUNDARY;
  let prevFold = BOUNDARY;
  let negated = 0;
  for (const token of tokens) {
    if (token.kind === Kind.Break || token.kind === Kind.Mark) {
      if (token.kind === Kind.Mark) acc.add(hashString(token.text, NS_WORD));
      prev1 = prev2 = prevFold = BOUNDARY;
      negated = 0;
      continue;
    }
    const h = hashString(token.text, NS_WORD);
    acc.add(h);
    if (opts.wordNgrams >= 2) acc.add(combine(prev1, h) ^ NS_BIGRAM);
    if (opts.wordNgrams >= 3 && prev2 !== BOUNDARY) acc.add(combine(combine(prev2, prev1), h) ^ NS_TRIGRAM);
    if (opts.negation) {
      if (negated > 0) {
        acc.add(combine(h, NS_NEG));
        negated--;
      }
      if (NEGATORS.has(token.text)) negated = NEGATION_WINDOW;
    }
    if (opts.fold && token.kind === Kind.Word) {
      const folded = foldAligned(token.text);
      const hf = hashString(folded, NS_FOLD);
      acc.add(hf);
      if (opts.wordNgrams >= 2) acc.add(combine(prevFold, hf) ^ NS_FOLD_BIGRAM);
      prevFold = hf;
    } else prevFold = BOUNDARY;
    prev2 = prev1;
    prev1 = h;
  }
}

function charFeatures(tokens: Token[], opts: FeatureOptions, acc: Accumulator): void {
  const [lo, hi] = opts.charNgrams;
  if (lo <= 0 || hi < lo) return;
  let s = ' ';
  for (const token of tokens) if (token.kind !== Kind.Break) s += token.text + ' ';
  for (let i = 0; i + lo <= s.length; i++) {
    let h = 0x811c9dc5 ^ NS_CHAR;
    for (let n = 1; n <= hi && i + n <= s.length; n++) {
      h = Math.imul(h ^ s.charCodeAt(i + n - 1), 0x01000193);
      if (n >= lo) acc.add(fmix32(h ^ n));
    }
  }
}

function bucket(n: number): number {
  return n <= 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : n <= 7 ? 3 : 4;
}

function shapeFeatures(tokens: Token[], shape: Shape, acc: Accumulator): void {
  let marks = 0;
  let emoji = 0;
  let questions = 0;
  let hashtags = 0;
  for (const token of tokens) {
    if (token.kind === Kind.Emoji || token.kind === Kind.Emoticon) emoji++;
    else if (token.kind === Kind.Hashtag) hashtags++;
    else if (token.kind === Kind.Mark) {
      if (token.text.includes('?')) questions++;
      else marks++;
    }
  }
  const counts = [shape.urls, shape.caps, shape.elongated, shape.numbers, marks, questions, emoji, hashtags];
  for (let k = 0; k < counts.length; k++) acc.add(combine(NS_SHAPE + k, bucket(counts[k]!)));
  acc.add(combine(NS_SHAPE + 100, Math.min(12, Math.floor(Math.log2(1 + shape.length)))));
}

function lexiconFeatures(normalized: string, acc: Accumulator): void {
  const reading = analyzeSentiment(normalized, { normalized: true });
  let pos = 0;
  let neg = 0;
  for (const term of reading.terms) {
    if (term.value > 0) pos += term.value;
    else neg -= term.value;
  }
  const w = LEX_WEIGHT;
  acc.add(hashString(reading.label, NS_LEXICON), w);
  acc.add(combine(NS_LEXICON, 1), w * reading.score);
  acc.add(combine(NS_LEXICON, 2), (w * Math.min(pos, 6)) / 3);
  acc.add(combine(NS_LEXICON, 3), (w * Math.min(neg, 6)) / 3);
  acc.add(combine(NS_LEXICON + 1, Math.round(reading.score * 4)), w);
}
const LEX_WEIGHT = Number(process.env.LEXW ?? 0.5);

/** A numeric side field (likes, shares…) as features: log1p value scaled by its training maximum, plus log buckets. */
export interface NumericField {
  name: string;
  scale: number;
}

/** Parses numbers given as numbers or numeric strings ("3.0"); anything else is null. */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function metaFeatures(fields: NumericField[], record: Record<string, unknown>, acc: Accumulator): void {
  for (const field of fields) {
    const n = parseNumber(record[field.name]);
    const nameHash = hashString(field.name, NS_META);
    if (n === null) {
      acc.add(combine(nameHash, 0xdead));
      continue;
    }
    const v = Math.log1p(Math.max(0, n));
    if (field.scale > 0) acc.add(nameHash, Math.min(v / field.scale, 2));
    // Thermometer code over log buckets: "at least e^b", so an unseen large value still shares the features below it.
    const top = Math.min(Math.floor(v), 24);
    acc.add(combine(nameHash ^ NS_META_BUCKET, 0), 0.5);
    for (let b = 1; b <= top; b++) acc.add(combine(nameHash ^ NS_META_BUCKET, b), 0.5);
  }
}

/**
 * Normalises `text` once and turns it into raw feature counts per block.
 * `extractFeatures('Không tốt!', DEFAULT_FEATURES)` → word, character and meta count vectors.
 */
export function extractFeatures(
  text: string,
  opts: FeatureOptions,
  record: Record<string, unknown> = {},
  numeric: NumericField[] = [],
): RawFeatures {
  const shape: Shape = { urls: 0, caps: 0, elongated: 0, numbers: 0, length: 0 };
  const normalized = normalizeText(text);
  const tokens = tokenizeForFeatures(normalized, shape);
  const acc = accumulatorFor(opts.dims);
  wordFeatures(tokens, opts, acc);
  const word = acc.flush();
  charFeatures(tokens, opts, acc);
  const char = acc.flush();
  if (opts.shape && tokens.length > 0) shapeFeatures(tokens, shape, acc);
  if (opts.lexicon && tokens.length > 0) lexiconFeatures(normalized, acc);
  metaFeatures(numeric, record, acc);
  const meta = acc.flush();
  return [word, char, meta];
}

/** True when the text yields no word, emoji or character features at all. */
export function isEmptyFeatures(raw: RawFeatures): boolean {
  return raw[BLOCK_WORD]!.idx.length === 0 && raw[BLOCK_CHAR]!.idx.length === 0;
}

/** Weighting fitted on the training set: inverse document frequencies per hashed index. */
export interface Weighting {
  idf: Float32Array;
  sublinear: boolean;
  /** Relative weight of each block after per-block L2 normalisation. */
  blockWeights: number[];
}

/**
 * Smoothed idf, `log((1 + n) / (1 + df)) + 1`, over word and character blocks; 0 for features in fewer than
 * `minDf` documents, which drops them.
 */
export function fitIdf(docs: RawFeatures[], dims: number, minDf = 1): Float32Array {
  const df = new Float64Array(dims);
  for (const doc of docs) {
    for (const block of [BLOCK_WORD, BLOCK_CHAR]) {
      const idx = doc[block]!.idx;
      for (let k = 0; k < idx.length; k++) df[idx[k]!]!++;
    }
  }
  const idf = new Float32Array(dims);
  const n = docs.length;
  for (let i = 0; i < dims; i++) idf[i] = df[i]! < minDf ? 0 : Math.log((1 + n) / (1 + df[i]!)) + 1;
  return idf;
}

/** Sublinear tf × idf, L2-normalised per block, blocks merged into one sorted vector. */
export function weightFeatures(raw: RawFeatures, w: Weighting): SparseVector {
  let total = 0;
  for (const block of raw) total += block.idx.length;
  const parts: SparseVector[] = [];
  for (let b = 0; b < raw.length; b++) {
    const { idx, val } = raw[b]!;
    const out = new Float32Array(idx.length);
    let norm = 0;
    for (let k = 0; k < idx.length; k++) {
      let v = val[k]!;
      if (b !== BLOCK_META) {
        if (w.sublinear) v = 1 + Math.log(v);
        v *= w.idf[idx[k]!]!;
      }
      out[k] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? (w.blockWeights[b] ?? 1) / (b === BLOCK_META ? 1 : Math.sqrt(norm)) : 0;
    for (let k = 0; k < out.length; k++) out[k]! *= scale;
    parts.push({ idx, val: out });
  }
  return mergeSparse(parts, total);
}

function mergeSparse(parts: SparseVector[], total: number): SparseVector {
  const nonEmpty = parts.filter((p) => p.idx.length > 0);
  if (nonEmpty.length === 0) return { idx: new Int32Array(0), val: new Float32Array(0) };
  let merged = nonEmpty[0]!;
  for (let p = 1; p < nonEmpty.length; p++) merged = mergeTwo(merged, nonEmpty[p]!, total);
  return merged;
}

function mergeTwo(a: SparseVector, b: SparseVector, total: number): SparseVector {
  const idx = new Int32Array(Math.min(total, a.idx.length + b.idx.length));
  const val = new Float32Array(idx.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.idx.length || j < b.idx.length) {
    const ai = i < a.idx.length ? a.idx[i]! : Infinity;
    const bj = j < b.idx.length ? b.idx[j]! : Infinity;
    if (ai === bj) {
      idx[n] = ai;
      val[n++] = a.val[i++]! + b.val[j++]!;
    } else if (ai < bj) {
      idx[n] = ai;
      val[n++] = a.val[i++]!;
    } else {
      idx[n] = bj;
      val[n++] = b.val[j++]!;
    }
  }
  return n === idx.length ? { idx, val } : { idx: idx.slice(0, n), val: val.slice(0, n) };
}
