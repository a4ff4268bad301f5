/**
 * Benchmark: full NLP scoring (normalise, tokenize, segment, sentiment, topics, places) in syllables per second
 * on one core, against a tokenize-only baseline on the same texts: wink-nlp with its English web model when that
 * package is installed, else a Unicode regular-expression tokenizer (what wink's tokenizer reduces to on text
 * without English contractions).
 */
import { generateDemo } from '../data/demo/index.ts';
import { scoreBatch, type ScoreInput } from '../analytics/nlp/score.ts';
import { syllables } from '../analytics/nlp/tokenize.ts';
import { createScorePool } from '../analytics/nlp/score-workers.ts';

export interface ScoringResult {
  documents: number;
  syllables: number;
  syllablesPerSec: number;
  baseline: string;
  baselineSyllablesPerSec: number;
  workers?: number;
  workerSyllablesPerSec?: number;
}

type Tokenizer = (text: string) => number;

const WORD_OR_MARK = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

function regexTokenizer(text: string): number {
  let count = 0;
  for (const _ of text.normalize('NFC').matchAll(WORD_OR_MARK)) count++;
  return count;
}

/** wink-nlp tokenize-only (no pipes), or null when the model package is missing. */
async function winkTokenizer(): Promise<Tokenizer | null> {
  const modelPackage = 'wink-eng-lite-web-model';
  try {
    const model = ((await import(modelPackage)) as { default: unknown }).default;
    const winkNLP = ((await import('wink-nlp')) as unknown as { default: (m: unknown, pipe: string[]) => unknown })
      .default;
    const nlp = winkNLP(model, []) as { readDoc(text: string): { tokens(): { length(): number } } };
    return (text) => nlp.readDoc(text).tokens().length();
  } catch {
    return null;
  }
}

/** Demo documents (title and text), the same on every run: `benchTexts(2000).length` → 2000. */
export function benchTexts(n: number): ScoreInput[] {
  const days = Math.max(1, Math.ceil(n / 200));
  const docs = generateDemo({ days: Math.min(days, 3660) }).documents;
  const out: ScoreInput[] = [];
  for (let i = 0; out.length < n && docs.length > 0; i++) {
    const d = docs[i % docs.length]!;
    out.push({ text: d.text, title: d.title, published_at: d.published_at });
  }
  return out;
}

/** Seconds per pass of `fn` over the texts, repeated until at least `minMs` has passed (after one warm-up pass). */
function timePasses(fn: () => void, minMs: number): number {
  fn();
  let passes = 0;
  const t0 = performance.now();
  do {
    fn();
    passes++;
  } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / 1000 / passes;
}

/** Syllables per second scoring `docs` on a pool of `workers` threads (after one warm-up pass). */
async function workerRate(docs: readonly ScoreInput[], total: number, workers: number, minMs: number): Promise<number> {
  const pool = createScorePool(workers);
  try {
    await pool.score(docs);
    let passes = 0;
    const t0 = performance.now();
    do {
      await pool.score(docs);
      passes++;
    } while (performance.now() - t0 < minMs);
    return Math.round((total * passes) / ((performance.now() - t0) / 1000));
  } finally {
    await pool.close();
  }
}

/**
 * `await benchScoring(2000)` → `{ syllablesPerSec, baselineSyllablesPerSec, baseline: 'wink-nlp …' }`; with
 * `workers` ≥ 2 also the rate on that many worker threads.
 */
export async function benchScoring(n: number, minMs = 3000, workers = 0): Promise<ScoringResult> {
  const docs = benchTexts(n);
  const texts = docs.map((d) => `${d.title ?? ''}\n${d.text}`);
  const total = texts.reduce((sum, t) => sum + syllables(t).length, 0);
  const wink = await winkTokenizer();
  const tokenizeOnly = wink ?? regexTokenizer;
  let sink = 0;
  const baselineSeconds = timePasses(() => {
    for (const t of texts) sink += tokenizeOnly(t);
  }, minMs);
  const scoreSeconds = timePasses(() => {
    sink += scoreBatch(docs).length;
  }, minMs);
  if (sink < 0) throw new Error('unreachable');
  const parallel =
    workers >= 2 ? { workers, workerSyllablesPerSec: await workerRate(docs, total, workers, minMs) } : {};
  return {
    ...parallel,
    documents: docs.length,
    syllables: total,
    syllablesPerSec: Math.round(total / scoreSeconds),
    baseline: wink ? 'wink-nlp tokenize-only (wink-eng-lite-web-model)' : 'regex tokenizer (wink model not installed)',
    baselineSyllablesPerSec: Math.round(total / baselineSeconds),
  };
}
