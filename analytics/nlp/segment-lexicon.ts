// Word lists for segmentation: syllable keys, multi-syllable word lookup and the bundled lexicon.
import { readFileSync } from 'node:fs';
import { normalizeToneMarks } from '../../data/text/normalize.ts';

const KEY_CACHE_LIMIT = 200_000;
const keyCache = new Map<string, string>();

const Y_TO_I: Record<string, string> = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };
const I_TO_Y: Record<string, string> = { i: 'y', í: 'ý', ì: 'ỳ', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };
const CONSONANT_Y = /^(?:b|c|ch|d|đ|gh|h|k|kh|l|m|n|ng|nh|p|ph|r|s|t|th|tr|v|x)[yýỳỷỹỵ]$/;
const QUI = /^qu[iíìỉĩị]$/;

/** Spelling variants read as one: lý/lí, kỹ/kĩ, tỷ/tỉ (y → i after a consonant) and qui/quy (→ quy). */
function foldSpelling(key: string): string {
  if (key.length > 3) return key;
  if (CONSONANT_Y.test(key)) return key.slice(0, -1) + Y_TO_I[key.at(-1)!]!;
  if (QUI.test(key)) return 'qu' + I_TO_Y[key.at(-1)!]!;
  return key;
}

/**
 * The lookup form of one syllable token: lowercase, NFC, one tone-mark placement, lý/lí and quy/qui spellings
 * merged. `syllableKey('Hoà')` → `'hòa'`, `syllableKey('Lý')` → `'lí'`.
 */
export function syllableKey(token: string): string {
  let key = keyCache.get(token);
  if (key === undefined) {
    key = foldSpelling(normalizeToneMarks(token.toLowerCase()));
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(token, key);
  }
  return key;
}

const WORD = 1;
const PREFIX = 2;

/** A set of multi-syllable words keyed by their syllable keys joined with single spaces. */
export class WordLexicon {
  readonly #entries = new Map<string, number>();
  /** Per syllable key: how many words it starts and how many it ends. */
  readonly #starts = new Map<string, number>();
  readonly #ends = new Map<string, number>();
  #size = 0;
  #maxLength = 0;

  /** Adds one word given as its syllables (raw tokens; keys are computed here). Single syllables are ignored. */
  add(syllables: readonly string[]): void {
    if (syllables.length < 2) return;
    let key = syllableKey(syllables[0]!);
    for (let i = 1; i < syllables.length; i++) {
      this.#entries.set(key, (this.#entries.get(key) ?? 0) | PREFIX);
      key += ' ' + syllableKey(syllables[i]!);
    }
    const flags = this.#entries.get(key) ?? 0;
    if ((flags & WORD) === 0) {
      this.#size++;
      const first = syllableKey(syllables[0]!);
      const last = syllableKey(syllables[syllables.length - 1]!);
      this.#starts.set(first, (this.#starts.get(first) ?? 0) + 1);
      this.#ends.set(last, (this.#ends.get(last) ?? 0) + 1);
    }
    this.#entries.set(key, flags | WORD);
    if (syllables.length > this.#maxLength) this.#maxLength = syllables.length;
  }

  get size(): number {
    return this.#size;
  }

  get maxLength(): number {
    return this.#maxLength;
  }

  /** How many words start with the syllable `key`. */
  startCount(key: string): number {
    return this.#starts.get(key) ?? 0;
  }

  /** How many words end with the syllable `key`. */
  endCount(key: string): number {
    return this.#ends.get(key) ?? 0;
  }

  /** Whether the words' syllable keys `keys[start..start+length)` form a word of this lexicon. */
  has(keys: readonly string[], start: number, length: number): boolean {
    if (length < 2 || start + length > keys.length) return false;
    let key = keys[start]!;
    for (let i = start + 1; i < start + length; i++) key += ' ' + keys[i]!;
    return ((this.#entries.get(key) ?? 0) & WORD) !== 0;
  }

  /**
   * Calls `found(length)` for every word of this lexicon that starts at `keys[start]`, shortest first,
   * never reading past `limit` (exclusive).
   */
  matchesAt(keys: readonly string[], start: number, limit: number, found: (length: number) => void): void {
    let key = keys[start]!;
    for (let end = start + 1; end < limit; end++) {
      key += ' ' + keys[end]!;
      const flags = this.#entries.get(key);
      if (flags === undefined) return;
      if (flags & WORD) found(end - start + 1);
      if ((flags & PREFIX) === 0) return;
    }
  }

  /** The words, as syllable keys joined by spaces, in insertion order. */
  words(): string[] {
    const out: string[] = [];
    for (const [key, flags] of this.#entries) if (flags & WORD) out.push(key);
    return out;
  }
}

/** Parses a word list: one word per line, syllables separated by spaces or `_`, `#` starts a comment line. */
export function parseWordList(text: string): WordLexicon {
  const lexicon = new WordLexicon();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    lexicon.add(line.split(/[\s_]+/));
  }
  return lexicon;
}

let bundled: WordLexicon | undefined;

/** The lexicon shipped in `analytics/nlp/lexicon/words.txt`, loaded once. */
export function bundledLexicon(): WordLexicon {
  bundled ??= parseWordList(readFileSync(new URL('./lexicon/words.txt', import.meta.url), 'utf8'));
  return bundled;
}
