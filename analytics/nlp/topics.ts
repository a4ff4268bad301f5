// Multi-label topic classification against the board's taxonomy by keyword phrases on normalised text.
import { foldAligned, normalizeText } from '../../data/text/normalize.ts';
import { loadTopics } from '../../data/reference/index.ts';
import type { Topic } from '../../data/reference/index.ts';

/** One topic found in a text, with the keywords that matched (for explaining the tag). */
export interface TopicScore {
  topic_id: string;
  confidence: number;
  matches: string[];
}

export interface TopicOptions {
  /** Title of the document; matches there count double. */
  title?: string;
  /** `text` (and `title`) are already `normalizeText` output. */
  normalized?: boolean;
  /** Topics below this confidence are left out (default 0.25). */
  minConfidence?: number;
}

interface Keyword {
  /** Index into the topics; -1 for an excluded phrase, which matches but counts for no topic. */
  topic: number;
  /** Lowercase with diacritics; a span written with diacritics must equal it. */
  exact: string;
  /** Single-syllable keywords match only as written, never from diacritic-free text. */
  single: boolean;
  weight: number;
}

interface Node {
  keywords?: Keyword[];
  next?: Map<string, Node>;
}

/** A compiled taxonomy: the topics and a trie over their keywords' folded syllables. */
export interface TopicIndex {
  topics: readonly Topic[];
  root: Node;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const DEFAULT_MIN_CONFIDENCE = 0.25;
/** Evidence at which confidence reaches one half; grows slowly with length so one passing mention in a long article stays weak. */
const HALF_EVIDENCE = 1.5;
const LENGTH_PENALTY = 0.004;

function syllablesOf(lower: string): string[] {
  return lower.match(TOKEN_RE) ?? [];
}

/**
 * Compiles topics into an index; a keyword shared by several topics counts less for each. Excluded phrases go into
 * the same trie, so the longest match at a position can be one and hide the keyword inside it.
 */
export function compileTopics(topics: readonly Topic[]): TopicIndex {
  const root: Node = {};
  const owners = new Map<string, Set<number>>();
  const phrase = (text: string) => {
    const exact = syllablesOf(normalizeText(text).toLowerCase()).join(' ');
    return { exact, folded: foldAligned(exact) };
  };
  const prepared = topics.map((topic, t) =>
    topic.keywords.map((keyword) => {
      const p = phrase(keyword);
      const set = owners.get(p.folded) ?? new Set<number>();
      set.add(t);
      owners.set(p.folded, set);
      return p;
    }),
  );
  const add = (t: number, exact: string, folded: string, weight: number) => {
    if (exact === '') return;
    const syllables = folded.split(' ');
    let node = root;
    for (const s of syllables) {
      node.next ??= new Map();
      let child = node.next.get(s);
      if (!child) node.next.set(s, (child = {}));
      node = child;
    }
    const list = (node.keywords ??= []);
    if (!list.some((k) => k.topic === t && k.exact === exact)) {
      list.push({ topic: t, exact, single: syllables.length === 1, weight });
    }
  };
  prepared.forEach((keywords, t) => {
    for (const { exact, folded } of keywords) {
      const length = folded.split(' ').length;
      add(t, exact, folded, (1 + 0.5 * Math.min(length - 1, 3)) / owners.get(folded)!.size);
    }
  });
  for (const topic of topics) {
    for (const excluded of topic.exclude ?? []) {
      const { exact, folded } = phrase(excluded);
      add(-1, exact, folded, 0);
    }
  }
  return { topics, root };
}

interface Evidence {
  score: number;
  counts: Map<string, number>;
}

function collect(index: TopicIndex, text: string, factor: number, evidence: Map<number, Evidence>): number {
  const lower = text.toLowerCase();
  const folded = foldAligned(lower);
  const spans: { start: number; end: number }[] = [];
  const words: string[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
    words.push(m[0]);
  }
  for (let i = 0; i < spans.length; i++) {
    let node: Node | undefined = index.root;
    let best: Keyword[] | undefined;
    let bestEnd = i;
    for (let j = i; j < spans.length && node; j++) {
      node = node.next?.get(words[j]!);
      if (!node?.keywords) continue;
      const surface = lower.slice(spans[i]!.start, spans[j]!.end).replace(/[^\p{L}\p{N}'’]+/gu, ' ');
      const plain = foldAligned(surface) === surface;
      const hits = node.keywords.filter((k) => surface === k.exact || (plain && !k.single));
      if (hits.length > 0) {
        best = hits;
        bestEnd = j;
      }
    }
    if (!best) continue;
    for (const k of best) {
      if (k.topic < 0) continue;
      const e = evidence.get(k.topic) ?? { score: 0, counts: new Map<string, number>() };
      const seen = e.counts.get(k.exact) ?? 0;
      // Repeats of one keyword add less and less; a new keyword adds its full weight.
      e.score += (factor * k.weight) / (1 + seen);
      e.counts.set(k.exact, seen + 1);
      evidence.set(k.topic, e);
    }
    i = bestEnd;
  }
  return spans.length;
}

let builtinIndex: TopicIndex | undefined;

/** The index over the bundled taxonomy (data/reference/topics.json), compiled once. */
export function builtinTopicIndex(): TopicIndex {
  builtinIndex ??= compileTopics(loadTopics());
  return builtinIndex;
}

/**
 * Topics of a text, most confident first (ties by id). Confidence grows with the number and specificity of
 * distinct keywords matched and shrinks with the text's length.
 * `classifyTopics('Người dân bức xúc vì chậm bồi thường giải phóng mặt bằng')` → `[{ topic_id: 'dat-dai', … }]`.
 */
export function classifyTopics(
  text: string,
  opts: TopicOptions = {},
  index = builtinTopicIndex(),
): TopicScore[] {
  const body = typeof text !== 'string' ? '' : opts.normalized ? text : normalizeText(text);
  const evidence = new Map<number, Evidence>();
  let length = collect(index, body, 1, evidence);
  if (opts.title)
    length += collect(index, opts.normalized ? opts.title : normalizeText(opts.title), 2, evidence);
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const out: TopicScore[] = [];
  for (const [t, e] of evidence) {
    const confidence = e.score / (e.score + HALF_EVIDENCE + LENGTH_PENALTY * length);
    if (confidence < min) continue;
    out.push({
      topic_id: index.topics[t]!.id,
      confidence: Math.round(confidence * 1000) / 1000,
      matches: [...e.counts.keys()],
    });
  }
  return out.sort((a, b) => b.confidence - a.confidence || (a.topic_id < b.topic_id ? -1 : 1));
}

/** The most confident topic id, or null when none passed. `primaryTopic(classifyTopics(text))`. */
export function primaryTopic(scores: readonly TopicScore[]): string | null {
  return scores.length > 0 ? scores[0]!.topic_id : null;
}

/** Label used by `predictTopic` when no topic matches. */
export const NO_TOPIC = 'none';

/**
 * Topics as a single-label prediction (for `nlp predict --model builtin:topic`): the primary topic (or `none`) and
 * a distribution over every topic and `none`, proportional to confidence, summing to 1.
 */
export function predictTopic(
  text: string,
  opts: TopicOptions = {},
  index = builtinTopicIndex(),
): { label: string; scores: Record<string, number> } {
  const found = classifyTopics(text, { ...opts, minConfidence: 0 }, index);
  const passing = found.filter((s) => s.confidence >= (opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE));
  const best = found[0]?.confidence ?? 0;
  const raw: Record<string, number> = {};
  for (const topic of index.topics) raw[topic.id] = 0;
  for (const s of found) raw[s.topic_id] = s.confidence;
  raw[NO_TOPIC] = Math.max(0.05, 1 - best);
  const total = Object.values(raw).reduce((a, b) => a + b, 0);
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) scores[k] = v / total;
  return { label: primaryTopic(passing) ?? NO_TOPIC, scores };
}
