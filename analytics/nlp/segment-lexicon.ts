// Word lists for segmentation: syllable keys, multi-syllable word lookup and the bundled lexicon.
import { readFileSync } from 'node:fs';
import { normalizeToneMarks } from '../../data/text/normalize.ts';

const KEY_CACHE_LIMIT = 200_000;
const keyCache = new Map<string, string>();

const Y_TO_I: Record<string, string> = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };
const I_TO_Y: Record<string, string> = { i: 'y', í: 'ý', ì: 'ỳ', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };
const CONSONANT_Y = /^(?:b|c|ch|d|đ|gh|h|k|kh|l|m|n|ng|nh|p|ph|r|s|t|th|tr|v|x)[yýỳỷỹỵ]$/;
const QUI = /^qu[iíìỉĩị]$/;

/** Spelling variants read as one: lý/lí, kỹ/kĩ, tỷ/tỉ (y → i after a consonant), qui/quy (→ quy), and the look-alike ð for đ. */
function foldSpelling(key: string): string {
  if (key.includes('ð')) key = key.replaceAll('ð', 'đ');
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

interface TrieNode {
  word: boolean;
  children: Map<number, TrieNode> | undefined;
}

/** A set of multi-syllable words, stored as a trie over syllable ids. */
export class WordLexicon {
  readonly #ids = new Map<string, number>();
  readonly #root = new Map<number, TrieNode>();
  #size = 0;
  #maxLength = 0;

  /** Adds one word given as its syllables (raw tokens; keys are computed here). Single syllables are ignored. */
  add(syllables: readonly string[]): void {
    if (syllables.length < 2) return;
    const keys = syllables.map(syllableKey);
    let level = this.#root;
    let node: TrieNode | undefined;
    for (const key of keys) {
      let id = this.#ids.get(key);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(key, id);
      }
      node = level.get(id);
      if (!node) {
        node = { word: false, children: undefined };
        level.set(id, node);
      }
      node.children ??= new Map();
      level = node.children;
    }
    if (node!.word) return;
    node!.word = true;
    this.#size++;
    if (keys.length > this.#maxLength) this.#maxLength = keys.length;
  }

  get size(): number {
    return this.#size;
  }

  get maxLength(): number {
    return this.#maxLength;
  }

  /** This lexicon's ids of syllable keys; -1 for a syllable that is in no word. */
  idsOf(keys: readonly string[]): Int32Array {
    const ids = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) ids[i] = this.#ids.get(keys[i]!) ?? -1;
    return ids;
  }

  /** Whether syllables `ids[start..start+length)` (from `idsOf`) form a word of this lexicon. */
  has(ids: Int32Array, start: number, length: number): boolean {
    if (length < 2 || start < 0 || start + length > ids.length) return false;
    let level: Map<number, TrieNode> | undefined = this.#root;
    let node: TrieNode | undefined;
    for (let i = start; i < start + length; i++) {
      node = level?.get(ids[i]!);
      if (!node) return false;
      level = node.children;
    }
    return node!.word;
  }

  /**
   * Calls `found(length)` for every word of this lexicon that starts at `ids[start]`, shortest first,
   * never reading past `limit` (exclusive).
   */
  matchesAt(ids: Int32Array, start: number, limit: number, found: (length: number) => void): void {
    let level = this.#root.get(ids[start]!)?.children;
    for (let end = start + 1; end < limit && level; end++) {
      const node = level.get(ids[end]!);
      if (!node) return;
      if (node.word) found(end - start + 1);
      level = node.children;
    }
  }

  /** The words, as syllable keys joined by spaces. */
  words(): string[] {
    const names: string[] = [];
    for (const [key, id] of this.#ids) names[id] = key;
    const out: string[] = [];
    const walk = (level: Map<number, TrieNode>, prefix: string): void => {
      for (const [id, node] of level) {
        const word = prefix === '' ? names[id]! : prefix + ' ' + names[id]!;
        if (node.word) out.push(word);
        if (node.children) walk(node.children, word);
      }
    };
    walk(this.#root, '');
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

/** Name-syllable classes, as bits: a syllable may be all three. */
export const NameClass = { surname: 1, middle: 2, given: 4 } as const;

/** Parses a name-syllable list: `[surname]`, `[middle]` and `[given]` sections of one syllable per line. */
export function parseNameSyllables(text: string): Map<string, number> {
  const classes = new Map<string, number>();
  let section = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(surname|middle|given)\]$/.exec(line);
    if (header) {
      section = NameClass[header[1] as keyof typeof NameClass];
      continue;
    }
    const key = syllableKey(line);
    classes.set(key, (classes.get(key) ?? 0) | section);
  }
  return classes;
}

let nameSyllables: Map<string, number> | undefined;

/** The name syllables shipped in `analytics/nlp/lexicon/name-syllables.txt`, loaded once. */
export function bundledNameSyllables(): Map<string, number> {
  nameSyllables ??= parseNameSyllables(
    readFileSync(new URL('./lexicon/name-syllables.txt', import.meta.url), 'utf8'),
  );
  return nameSyllables;
}
