// The terms claim matching compares: folded syllables and adjacent-syllable pairs, so diacritic-free posts match.
import { extractQuantities } from './quantities.ts';
import { canonicalSyllables } from './paraphrase-lexicon.ts';
import { syllableStream } from './phrase-matcher.ts';
import type { ClaimToken } from './claim-tokens.ts';

// Function words that carry no claim, folded; ambiguous folds that are also content words ("do" đỏ, "ca" cá,
// "con" child, "tu" tử) are left out. Negators are here too: a flipped negation must still match, as a contradiction.
const STOP = new Set(
  (
    'la cua va cac nhung mot co duoc bi cho de o tai trong voi nay thi ma rang nen vi da se roi nua cung lai ' +
    'ra vao ve den theo nhu khi neu ai gi nao a nha nhe oi ha hay hoac rat qua chi hon khong chua chang ' +
    'truoc kia ay the vay nhi u ne luon biet hom toi minh anh ta chung hien nhieu it tat toan loat ' +
    'viec su cuoc vua phai nhu bao gio tren duoi giua ngoai'
  ).split(' '),
);

/** Whether a folded syllable is a function word for matching. */
export function isStopSyllable(folded: string): boolean {
  return STOP.has(folded);
}

/**
 * Term counts of `tokens[from, to)`: folded content syllables, every adjacent syllable pair that is not two function
 * words (`a_b`), and numbers by value (`#30000`). `matchTerms(claimTokens('Giá cà phê 30.000 đồng'))`
 * → { gia: 1, ca: 1, phe: 1, gia_ca: 1, ca_phe: 1, '#30000': 1, … }.
 */
export function matchTerms(tokens: readonly ClaimToken[], from = 0, to = tokens.length): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  const slice = tokens.slice(from, to);
  const stream = canonicalSyllables(syllableStream(slice));
  for (let i = 0; i < stream.length; i++) {
    const syllable = stream[i];
    if (!syllable) continue;
    const stop = STOP.has(syllable.folded);
    if (!stop && syllable.folded.length > 0) add(syllable.folded);
    const next = stream[i + 1];
    if (next && !(stop && STOP.has(next.folded))) add(`${syllable.folded}_${next.folded}`);
  }
  for (const quantity of extractQuantities(slice).quantities) add(`#${quantity.value}`);
  return terms;
}
