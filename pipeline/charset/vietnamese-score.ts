/** How Vietnamese a decoded text looks: valid accented syllables count for, impossible ones against. */

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
const NUCLEUS =
  '(?:iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|ươi|ươu|uyu|' +
  'ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|' +
  'a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)';
const CODA = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`);
const TONED = /[\u0300\u0301\u0303\u0309\u0323]/g;
const WORD = /[\p{L}\p{M}]+/gu;
const ASCII_ONLY = /^[a-z]+$/i;

/** Whether `word` is a well-formed Vietnamese syllable (onset, vowel nucleus, coda, at most one tone mark). */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONED)?.length ?? 0;
  if (tones > 1) return false;
  const base = decomposed.replace(TONED, '').normalize('NFC');
  return SYLLABLE.test(base);
}

/**
 * Accented words that are valid syllables minus accented words that are not; plain ASCII words do not count.
 * A correct decoding of Vietnamese scores high; a wrong one scores negative.
 */
export function vietnameseScore(text: string): number {
  let score = 0;
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  for (const word of sample.match(WORD) ?? []) {
    if (ASCII_ONLY.test(word)) continue;
    score += isVietnameseSyllable(word) ? 1 : -1;
  }
  return score;
}
