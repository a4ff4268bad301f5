// Built-in lexicon sentiment for Vietnamese: negation, intensity, contrast, questions, social-media spellings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { foldAligned, normalizeText } from '../../data/text/normalize.ts';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

/** One lexicon hit, for explaining a score. */
export interface SentimentTerm {
  text: string;
  value: number;
}

/** Sentiment of one text: label, score in [-1, 1], probabilities summing to 1 and the terms that made it. */
export interface SentimentResult {
  label: SentimentLabel;
  score: number;
  probabilities: Record<SentimentLabel, number>;
  terms: SentimentTerm[];
  /** Hedges met ("tạm", "bình thường", "không có gì đặc biệt"): each damps its sentence toward neutral. */
  hedges: number;
}

export interface SentimentOptions {
  /** The text is already `normalizeText` output; skip normalising it again. */
  normalized?: boolean;
}

const enum EntryKind {
  Polar,
  Action,
  Neutral,
  Negator,
  Intensifier,
  After,
  Contrast,
  Concession,
  Question,
  Hedge,
}

interface Entry {
  kind: EntryKind;
  /** Signed polarity (Polar), multiplier (Intensifier/After). */
  value: number;
  /** Signed polarity when negated (Polar, Action). */
  negated: number;
  /** Counts only next to a degree word, at a clause end or when negated. */
  ctx: boolean;
  /** A rhetorical question itself ("lấy đâu ra", "sao sống nổi"): a question does not damp it. */
  rhetorical: boolean;
  length: number;
  phrase: string;
  /** The phrase's syllables as written in the lexicon. */
  tokens: readonly string[];
}

interface TrieNode {
  entries?: Entry[];
  next?: Map<string, TrieNode>;
}

/** The compiled lexicon: a token trie over standard spellings and one over diacritic-free spellings. */
export interface SentimentLexicon {
  exact: TrieNode;
  folded: TrieNode;
  slang: Map<string, string[]>;
}

const LEXICON_DIR = fileURLToPath(new URL('./lexicon/', import.meta.url));

const NEGATION_WINDOW = 3;
/** A negator before a word outside the lexicon still leans negative ("không có OIS", "chưa sửa"). */
const BARE_NEGATION = 0.3;
const INTENSIFIER_WINDOW = 2;
const QUESTION_WEIGHT = 0.35;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const CONCESSION_WEIGHT = 0.5;
/** |sum| above this is polar; the softmax below puts the neutral/polar boundary exactly here. */
const THRESHOLD = 0.45;
const SHARPNESS = 2;
const END_PARTICLES = new Set(
  'à ạ nhé nhe nha nhá đấy đó mà thế vậy nhỉ ha hả luôn rồi đâu cơ chứ lắm ghê thật ghê quá'.split(' '),
);
const EMOJI_POLARITY = new Map<string, number>([
  ...[...'😀😃😄😁😆😊🙂😍🥰😘😗😙😚☺😋😎🤩👍👏💪❤💕💖💗💓💞💯🎉🥳✨🌹🤗♥😻👌✌😉💚💙💜🧡👑🏆'].map(
    (e) => [e, 0.8] as [string, number],
  ),
  ...[...'😂🤣🙏'].map((e) => [e, 0.3] as [string, number]),
  ...[...'😞😟😠😡🤬😢😭😤😩😫😒🙄😔😕☹🙁👎💔😱😨😰🤮🤢😖😣😓🤦😑😐😬🥺😿'].map(
    (e) => [e, -0.8] as [string, number],
  ),
]);
const EMOTICON_POLARITY = new Map<string, number>([
  [':)', 0.6],
  [':))', 0.8],
  [':)))', 0.8],
  [':d', 0.8],
  ['=))', 0.6],
  ['^^', 0.6],
  ['^_^', 0.8],
  ['<3', 0.8],
  [';)', 0.5],
  [':p', 0.3],
  [':(', -0.8],
  [':((', -1],
  [":'(", -1],
  ['-_-', -0.6],
  ['t_t', -0.8],
  ['-.-', -0.5],
]);

function insert(root: TrieNode, tokens: string[], entry: Entry): void {
  let node = root;
  for (const t of tokens) {
    node.next ??= new Map();
    let child = node.next.get(t);
    if (!child) {
      child = {};
      node.next.set(t, child);
    }
    node = child;
  }
  (node.entries ??= []).push(entry);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Compiles lexicon files' text. `positive` and `negative` lines are `phrase<TAB>strength[<TAB>options]`;
 * `modifiers` has `[section]` headers. Entries whose diacritic-free spellings clash are left out of the folded trie.
 */
export function compileSentimentLexicon(
  positive: string,
  negative: string,
  modifiers: string,
): SentimentLexicon {
  const exact: TrieNode = {};
  const foldedEntries = new Map<string, Entry[]>();
  const slang = new Map<string, string[]>();
  const add = (phrase: string, entry: Omit<Entry, 'length' | 'phrase' | 'tokens'>, fold: boolean) => {
    const tokens = phrase.toLowerCase().normalize('NFC').split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return;
    const full: Entry = { ...entry, length: tokens.length, phrase: tokens.join(' '), tokens };
    insert(exact, tokens, full);
    const key = tokens.map(foldAligned).join(' ');
    if (fold || tokens.length > 1 || isAscii(tokens[0]!)) {
      const list = foldedEntries.get(key) ?? [];
      list.push(full);
      foldedEntries.set(key, list);
    }
  };
  for (const [text, sign] of [
    [positive, 1],
    [negative, -1],
  ] as const) {
    for (const line of text.split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const [phrase, strength, options = ''] = line.split('\t');
      const value = sign * Number(strength);
      if (!phrase || !Number.isFinite(value)) throw new Error(`invalid sentiment lexicon line: "${line}"`);
      const opts = options.split(/\s+/);
      const negOpt = opts.find((o) => o.startsWith('neg='));
      const negated = negOpt ? Number(negOpt.slice(4)) : sign > 0 ? -0.8 * value : 0.3 * -value;
      add(
        phrase,
        {
          kind: EntryKind.Polar,
          value,
          negated,
          ctx: opts.includes('ctx'),
          rhetorical: opts.includes('rq'),
        },
        opts.includes('fold'),
      );
    }
  }
  const sections: Record<string, EntryKind | 'slang'> = {
    negator: EntryKind.Negator,
    intensifier: EntryKind.Intensifier,
    after: EntryKind.After,
    contrast: EntryKind.Contrast,
    concession: EntryKind.Concession,
    question: EntryKind.Question,
    hedge: EntryKind.Hedge,
    neutral: EntryKind.Neutral,
    action: EntryKind.Action,
    slang: 'slang',
  };
  const multipliers = new Map<string, number>();
  let section: EntryKind | 'slang' | undefined;
  for (const line of modifiers.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line.trim());
    if (header) {
      section = sections[header[1]!];
      if (section === undefined) throw new Error(`invalid sentiment lexicon section: "${line}"`);
      continue;
    }
    if (section === undefined) throw new Error(`invalid sentiment lexicon line outside a section: "${line}"`);
    const [phrase = '', value = ''] = line.split('\t');
    if (section === 'slang') {
      slang.set(phrase.trim(), value.trim().split(/\s+/));
      continue;
    }
    const n = value === '' ? 1 : Number(value);
    if (section === EntryKind.Intensifier) multipliers.set(phrase, n);
    const multiplier = section === EntryKind.After ? (multipliers.get(phrase) ?? 1.4) : n;
    add(
      phrase,
      {
        kind: section,
        value: section === EntryKind.Action ? 0 : multiplier,
        negated: section === EntryKind.Action ? n : 0,
        ctx: false,
        rhetorical: false,
      },
      false,
    );
  }
  const folded: TrieNode = {};
  for (const [key, entries] of foldedEntries) {
    const polar = entries.filter((e) => e.kind === EntryKind.Polar);
    const signs = new Set(polar.map((e) => Math.sign(e.value)));
    if (signs.size > 1) continue;
    for (const entry of entries) insert(folded, key.split(' '), entry);
  }
  return { exact, folded, slang };
}

let builtinLexicon: SentimentLexicon | undefined;

/** The bundled lexicon (lexicon/sentiment-*.txt), compiled once. */
export function sentimentLexicon(): SentimentLexicon {
  builtinLexicon ??= compileSentimentLexicon(
    readFileSync(`${LEXICON_DIR}sentiment-positive.txt`, 'utf8'),
    readFileSync(`${LEXICON_DIR}sentiment-negative.txt`, 'utf8'),
    readFileSync(`${LEXICON_DIR}sentiment-modifiers.txt`, 'utf8'),
  );
  return builtinLexicon;
}

const enum TokenKind {
  Word,
  Emoji,
  Emoticon,
  Comma,
  Stop,
  Question,
}

interface Tok {
  text: string;
  folded: string;
  ascii: boolean;
  kind: TokenKind;
}

const TOKEN_RE =
  /(\p{Extended_Pictographic})|([:;=][-']?[)(dpDP]+|\^_?\^|<3|[-tT][_.][-tT])|([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*)|(\?)|([.!…\n]+)|([,;:()"“”–-])/gu;
const ELONGATED_RE = /(\p{L})\1{2,}/gu;

/** Word tokens per surface word and slang table: words repeat across texts, so each is worked out once. */
const wordCaches = new WeakMap<Map<string, string[]>, Map<string, readonly Tok[]>>();
const WORD_CACHE_LIMIT = 100_000;

function wordTokens(surface: string, slang: Map<string, string[]>): readonly Tok[] {
  let cache = wordCaches.get(slang);
  if (!cache) wordCaches.set(slang, (cache = new Map()));
  let tokens = cache.get(surface);
  if (tokens === undefined) {
    let word = surface.toLowerCase();
    if (word.length > 2) word = word.replace(ELONGATED_RE, '$1');
    tokens = (slang.get(word) ?? [word]).map((w) => {
      const folded = foldAligned(w);
      return { text: w, folded, ascii: folded === w, kind: TokenKind.Word };
    });
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(surface, tokens);
  }
  return tokens;
}

function scanTokens(text: string, lexicon: SentimentLexicon): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    if (m[3] !== undefined) {
      for (const token of wordTokens(m[3], lexicon.slang)) out.push(token);
    } else if (m[1] !== undefined)
      out.push({ text: m[1], folded: m[1], ascii: false, kind: TokenKind.Emoji });
    else if (m[2] !== undefined) {
      const e = m[2].toLowerCase();
      out.push({ text: e, folded: e, ascii: false, kind: TokenKind.Emoticon });
    } else if (m[4] !== undefined)
      out.push({ text: '?', folded: '?', ascii: false, kind: TokenKind.Question });
    else if (m[5] !== undefined) out.push({ text: '.', folded: '.', ascii: false, kind: TokenKind.Stop });
    else out.push({ text: ',', folded: ',', ascii: false, kind: TokenKind.Comma });
  }
  return out;
}

function longestMatch(tokens: Tok[], start: number, end: number, lexicon: SentimentLexicon): Entry[] | null {
  let best: Entry[] | null = null;
  let bestLength = 0;
  let node: TrieNode | undefined = lexicon.exact;
  for (let i = start; i < end && node; i++) {
    node = node.next?.get(tokens[i]!.text);
    if (node?.entries) {
      best = node.entries;
      bestLength = i - start + 1;
    }
  }
  node = lexicon.folded;
  let anyAscii = false;
  for (let i = start; i < end && node; i++) {
    anyAscii ||= tokens[i]!.ascii;
    node = node.next?.get(tokens[i]!.folded);
    if (node?.entries && anyAscii && i - start + 1 > bestLength) {
      const spelled = node.entries.filter((e) => spelledAlike(tokens, start, e));
      if (spelled.length > 0) {
        best = spelled;
        bestLength = i - start + 1;
      }
    }
  }
  return best;
}

/**
 * Whether the text from `start` may be `entry` written without diacritics: each syllable either has none or is
 * the entry's own, so "đang mua" is not read as "đáng mua" while "dang mua" still may be.
 */
function spelledAlike(tokens: Tok[], start: number, entry: Entry): boolean {
  for (let j = 0; j < entry.length; j++) {
    const t = tokens[start + j]!;
    if (!t.ascii && t.text !== entry.tokens[j]) return false;
  }
  return true;
}

/** Longest lexicon match starting at each token, computed once per text. */
type Matches = (Entry[] | null)[];

function allMatches(tokens: Tok[], lexicon: SentimentLexicon): Matches {
  return tokens.map((t, i) =>
    t.kind === TokenKind.Word ? longestMatch(tokens, i, tokens.length, lexicon) : null,
  );
}

/** The match at `i` when it ends before `end`. */
function matchIn(matches: Matches, i: number, end: number): Entry[] | null {
  const m = matches[i];
  return m && i + m[0]!.length <= end ? m : null;
}

function pick(entries: Entry[]): Entry {
  return entries.find((e) => e.kind === EntryKind.Polar) ?? entries[0]!;
}

interface Clause {
  start: number;
  end: number;
  weight: number;
}

/** Splits a sentence into clauses at commas and contrast words, weighting the part after a contrast higher. */
function clausesOf(tokens: Tok[], start: number, end: number, matches: Matches, out: Clause[]): void {
  const first = out.length;
  let clauseStart = start;
  let contrastAt = -1;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind === TokenKind.Comma) {
      if (i > clauseStart) out.push({ start: clauseStart, end: i, weight: 1 });
      clauseStart = i + 1;
      continue;
    }
    if (t.kind !== TokenKind.Word) continue;
    const match = matchIn(matches, i, end);
    if (match && match[0]!.kind === EntryKind.Contrast && i > start) {
      if (i > clauseStart) out.push({ start: clauseStart, end: i, weight: 1 });
      contrastAt = out.length;
      clauseStart = i + match[0]!.length;
      i = clauseStart - 1;
    }
  }
  if (end > clauseStart) out.push({ start: clauseStart, end, weight: 1 });
  for (let c = first; c < out.length; c++) {
    const clause = out[c]!;
    if (contrastAt >= 0) clause.weight = c < contrastAt ? BEFORE_CONTRAST : AFTER_CONTRAST;
    const opener = matchIn(matches, clause.start, clause.end);
    if (opener && opener[0]!.kind === EntryKind.Concession) clause.weight *= CONCESSION_WEIGHT;
  }
}

function isClauseEnd(tokens: Tok[], i: number, end: number): boolean {
  if (i >= end) return true;
  const t = tokens[i]!;
  return t.kind !== TokenKind.Word || END_PARTICLES.has(t.text);
}

interface Reading {
  terms: SentimentTerm[];
  hedges: number;
  /** Product of the hedge multipliers met in the current sentence: two hedges damp more than one. */
  hedge: number;
  /** The current clause's share from rhetorical-question phrases, which a question leaves undamped. */
  rhetorical: number;
}

function scoreClause(tokens: Tok[], clause: Clause, matches: Matches, reading: Reading): number {
  const { terms } = reading;
  let sum = 0;
  let negation = 0;
  let negator = '';
  let intensity = 1;
  let intensityLeft = 0;
  const { end } = clause;
  for (let i = clause.start; i < end;) {
    const t = tokens[i]!;
    if (t.kind === TokenKind.Emoji || t.kind === TokenKind.Emoticon) {
      const v =
        (t.kind === TokenKind.Emoji ? EMOJI_POLARITY.get(t.text) : EMOTICON_POLARITY.get(t.text)) ?? 0;
      if (v !== 0) {
        sum += v;
        terms.push({ text: t.text, value: v });
      }
      i++;
      continue;
    }
    const match = matchIn(matches, i, end);
    if (!match) {
      if (negation === NEGATION_WINDOW && t.kind === TokenKind.Word && !END_PARTICLES.has(t.text)) {
        sum -= BARE_NEGATION;
        terms.push({ text: `${negator} ${t.text}`, value: -BARE_NEGATION });
      }
      if (negation > 0) negation--;
      if (intensityLeft > 0 && --intensityLeft === 0) intensity = 1;
      i++;
      continue;
    }
    const entry = pick(match);
    const next = i + entry.length;
    switch (entry.kind) {
      case EntryKind.Negator:
        negation = NEGATION_WINDOW;
        negator = entry.phrase;
        break;
      case EntryKind.Intensifier:
      case EntryKind.After:
        intensity = entry.value;
        intensityLeft = INTENSIFIER_WINDOW;
        break;
      case EntryKind.Neutral:
        negation = 0;
        break;
      case EntryKind.Hedge:
        reading.hedge *= entry.value;
        reading.hedges++;
        negation = 0;
        break;
      case EntryKind.Action:
        if (negation > 0) {
          sum += entry.negated;
          terms.push({ text: `${negator} ${entry.phrase}`, value: entry.negated });
          negation = 0;
        }
        break;
      case EntryKind.Polar: {
        let after = 1;
        let consumed = next;
        const following = next < end ? matchIn(matches, next, end) : null;
        const followingEntry = following ? pick(following) : null;
        if (
          followingEntry &&
          followingEntry.kind !== EntryKind.Polar &&
          (followingEntry.kind === EntryKind.After || followingEntry.kind === EntryKind.Intensifier) &&
          followingEntry.value >= 1
        ) {
          after = followingEntry.value;
          consumed = next + followingEntry.length;
        } else if (followingEntry?.kind === EntryKind.Polar && followingEntry.phrase !== entry.phrase) {
          const asAfter = following!.find((e) => e.kind === EntryKind.After);
          if (asAfter && Math.sign(followingEntry.value) < 0 && Math.sign(entry.value) > 0) {
            after = asAfter.value;
            consumed = next + asAfter.length;
          }
        }
        const negated = negation > 0;
        const supported =
          !entry.ctx || negated || intensityLeft > 0 || after > 1 || isClauseEnd(tokens, next, end);
        if (supported) {
          const base = negated ? entry.negated : entry.value;
          const v = base * (intensityLeft > 0 ? intensity : 1) * after;
          sum += v;
          if (entry.rhetorical && !negated) reading.rhetorical += v * clause.weight;
          terms.push({ text: negated ? `${negator} ${entry.phrase}` : entry.phrase, value: v });
        }
        negation = 0;
        intensity = 1;
        intensityLeft = 0;
        i = consumed;
        continue;
      }
      default:
        break;
    }
    i = next;
  }
  return sum * clause.weight;
}

/**
 * The first clause a question covers: every clause of a sentence that ends with "?", otherwise those from the one
 * holding a question cue on ("nhũng nhiễu quá rõ, có ai clip thì gửi lên" asks only at the end); `clauses.length`
 * when the sentence asks nothing.
 */
function questionFrom(tokens: Tok[], end: number, clauses: Clause[], matches: Matches): number {
  if (end < tokens.length && tokens[end]!.kind === TokenKind.Question) return 0;
  for (let c = 0; c < clauses.length; c++) {
    const clause = clauses[c]!;
    for (let i = clause.start; i < clause.end; i++) {
      const match = matchIn(matches, i, clause.end);
      if (match && match.some((e) => e.kind === EntryKind.Question)) return c;
    }
  }
  return clauses.length;
}

/** Turns a polarity sum into probabilities: argmax is neutral exactly when |sum| ≤ THRESHOLD. */
function probabilitiesOf(sum: number): Record<SentimentLabel, number> {
  const logits = [SHARPNESS * (sum - THRESHOLD), SHARPNESS * (-sum - THRESHOLD), 0];
  const max = Math.max(...logits);
  const [pos, neg, neu] = logits.map((l) => Math.exp(l - max)) as [number, number, number];
  const total = pos + neg + neu;
  return { positive: pos / total, negative: neg / total, neutral: neu / total };
}

/**
 * Lexicon sentiment of a Vietnamese text, no training needed.
 * `analyzeSentiment('Sản phẩm không tốt')` → `{ label: 'negative', score: -0.38, … }`;
 * `analyzeSentiment('không tệ')` → not negative.
 */
export function analyzeSentiment(text: string, opts: SentimentOptions = {}): SentimentResult {
  const lexicon = sentimentLexicon();
  const normalized = typeof text !== 'string' ? '' : opts.normalized ? text : normalizeText(text);
  const tokens = scanTokens(normalized, lexicon);
  const matches = allMatches(tokens, lexicon);
  const reading: Reading = { terms: [], hedges: 0, hedge: 1, rhetorical: 0 };
  let sum = 0;
  const clauses: Clause[] = [];
  let sentences = 0;
  for (let start = 0; start < tokens.length;) {
    let end = start;
    while (
      end < tokens.length &&
      tokens[end]!.kind !== TokenKind.Stop &&
      tokens[end]!.kind !== TokenKind.Question
    )
      end++;
    if (end > start) {
      sentences++;
      clauses.length = 0;
      clausesOf(tokens, start, end, matches, clauses);
      const askedFrom = questionFrom(tokens, end, clauses, matches);
      reading.hedge = 1;
      let sentence = 0;
      for (let c = 0; c < clauses.length; c++) {
        reading.rhetorical = 0;
        const part = scoreClause(tokens, clauses[c]!, matches, reading);
        const weight = c >= askedFrom ? QUESTION_WEIGHT : 1;
        sentence += weight * (part - reading.rhetorical) + reading.rhetorical;
      }
      // A hedge anywhere in the sentence ("ổn, không có gì đặc biệt") damps all of it toward neutral.
      sum += reading.hedge * sentence;
    }
    start = end + 1;
  }
  // Long texts pile up incidental polar words; dividing by √sentences keeps a news article comparable to a comment.
  sum /= Math.sqrt(Math.max(1, sentences));
  const probabilities = probabilitiesOf(sum);
  const label: SentimentLabel = sum > THRESHOLD ? 'positive' : sum < -THRESHOLD ? 'negative' : 'neutral';
  const score = Math.round(Math.tanh(sum / 2) * 1000) / 1000;
  return { label, score, probabilities, terms: reading.terms, hedges: reading.hedges };
}
