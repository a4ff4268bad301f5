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
  /** Wall-clock rate on one thread. */
  syllablesPerSec: number;
  /** Per CPU-second of this process: the per-core rate, whatever else the machine is running. */
  syllablesPerCpuSec: number;
  baselineSyllablesPerCpuSec: number;
  baseline: string;
  baselineSyllablesPerSec: number;
  workers?: number;
  workerSyllablesPerSec?: number;
  workerSyllablesPerCpuSec?: number;
}

type Tokenizer = (text: string) => number;

const WORD_OR_MARK = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

function regexTokenizer(text: string): number {
  return text.normalize('NFC').match(WORD_OR_MARK)?.length ?? 0;
}

/** wink-nlp tokenize-only (no pipes), or null when the model package is missing. */
async function winkTokenizer(): Promise<Tokenizer | null> {
  const modelPackage = 'wink-eng-lite-web-model';
  try {
    const model = ((await import(modelPackage)) as { default: unknown }).default;
    const winkNLP = (
      (await import('wink-nlp')) as unknown as { default: (m: unknown, pipe: string[]) => unknown }
    ).default;
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

/**
 * `await benchScoring(2000)` → `{ syllablesPerSec, baselineSyllablesPerSec, baseline: 'wink-nlp …' }`; with
 * `workers` ≥ 2 also the rate on that many worker threads. The contenders take turns, pass after pass, until each
 * has run `minMs`, so that a change in the machine's load during the run weighs on all of them alike.
 */
export async function benchScoring(n: number, minMs = 3000, workers = 0): Promise<ScoringResult> {
  const docs = benchTexts(n);
  const texts = docs.map((d) => `${d.title ?? ''}\n${d.text}`);
  const total = texts.reduce((sum, t) => sum + syllables(t).length, 0);
  const wink = await winkTokenizer();
  const tokenizeOnly = wink ?? regexTokenizer;
  const pool = workers >= 2 ? createScorePool(workers) : null;
  let sink = 0;
  const contenders: [string, () => Promise<void> | void][] = [
    ['baseline', () => void texts.forEach((t) => (sink += tokenizeOnly(t)))],
    ['score', () => void (sink += scoreBatch(docs).length)],
  ];
  if (pool) contenders.push(['workers', async () => void (sink += (await pool.score(docs)).length)]);
  const spent = new Map(contenders.map(([name]) => [name, 0]));
  const cpu = new Map(contenders.map(([name]) => [name, 0]));
  const passes = new Map(contenders.map(([name]) => [name, 0]));
  try {
    for (const [, run] of contenders) await run();
    while (contenders.some(([name]) => spent.get(name)! < minMs)) {
      for (const [name, run] of contenders) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        await run();
        const used = process.cpuUsage(c0);
        cpu.set(name, cpu.get(name)! + (used.user + used.system) / 1000);
        spent.set(name, spent.get(name)! + performance.now() - t0);
        passes.set(name, passes.get(name)! + 1);
      }
    }
  } finally {
    await pool?.close();
  }
  if (sink < 0) throw new Error('unreachable');
  const rate = (name: string) => Math.round((total * passes.get(name)!) / (spent.get(name)! / 1000));
  const perCpu = (name: string) => Math.round((total * passes.get(name)!) / (cpu.get(name)! / 1000));
  return {
    documents: docs.length,
    syllables: total,
    syllablesPerSec: rate('score'),
    syllablesPerCpuSec: perCpu('score'),
    baselineSyllablesPerCpuSec: perCpu('baseline'),
    baseline: wink
      ? 'wink-nlp tokenize-only (wink-eng-lite-web-model)'
      : 'regex tokenizer (wink model not installed)',
    baselineSyllablesPerSec: rate('baseline'),
    ...(pool
      ? { workers, workerSyllablesPerSec: rate('workers'), workerSyllablesPerCpuSec: perCpu('workers') }
      : {}),
  };
}
