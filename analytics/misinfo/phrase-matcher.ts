// Finds cue phrases in claim tokens: diacritic-free spellings match folded, spellings with diacritics must match exactly.
import { normalizeText } from '../../data/text/normalize.ts';
import { foldWord } from './claim-tokens.ts';
import type { ClaimToken } from './claim-tokens.ts';

/** One syllable of the text; `null` entries in a stream mark a break (punctuation, numbers, symbols). */
export interface Syllable {
  folded: string;
  /** Lowercase with diacritics when the word was written with them; null when it must be compared folded. */
  exact: string | null;
  /** Index of the token it comes from. */
  token: number;
}

/** The syllables of word tokens in order, with `null` wherever another token breaks a phrase. */
export function syllableStream(tokens: readonly ClaimToken[]): (Syllable | null)[] {
  const out: (Syllable | null)[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'word') {
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
      return;
    }
    const single = token.folded.length === 1;
    for (const folded of token.folded) out.push({ folded, exact: single ? token.exact : null, token: index });
  });
  return out;
}

/** One phrase found: its cue group, the phrase as listed, and the syllable span [from, to) in the stream. */
export interface PhraseHit {
  cue: string;
  phrase: string;
  from: number;
  to: number;
}

interface Entry {
  cue: string;
  phrase: string;
  exact: string[];
  folded: string[];
}

/** Phrase lists by cue name, compiled once; `find` reports every occurrence, overlapping ones included. */
export class PhraseMatcher {
  readonly #byFirst = new Map<string, Entry[]>();

  constructor(groups: Readonly<Record<string, readonly string[]>>) {
    for (const [cue, phrases] of Object.entries(groups)) {
      for (const phrase of phrases) {
        const exact = normalizeText(phrase).toLowerCase().split(/\s+/);
        const folded = exact.flatMap((syllable) => foldWord(syllable));
        const entry = { cue, phrase, exact: exact.length === folded.length ? exact : [], folded };
        const list = this.#byFirst.get(folded[0]!) ?? [];
        list.push(entry);
        this.#byFirst.set(folded[0]!, list);
      }
    }
  }

  find(stream: readonly (Syllable | null)[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    for (let i = 0; i < stream.length; i++) {
      const first = stream[i];
      if (!first) continue;
      for (const entry of this.#byFirst.get(first.folded) ?? []) {
        if (matchesAt(stream, i, entry)) {
          hits.push({ cue: entry.cue, phrase: entry.phrase, from: i, to: i + entry.folded.length });
        }
      }
    }
    return hits;
  }
}

function matchesAt(stream: readonly (Syllable | null)[], at: number, entry: Entry): boolean {
  for (let k = 0; k < entry.folded.length; k++) {
    const syllable = stream[at + k];
    if (!syllable || syllable.folded !== entry.folded[k]) return false;
    if (syllable.exact !== null && entry.exact.length > 0 && syllable.exact !== entry.exact[k]) return false;
  }
  return true;
}
