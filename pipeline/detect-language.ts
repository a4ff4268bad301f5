/** Fast language guess for documents: Vietnamese, English or other. */
import { foldDiacritics } from '../data/text/normalize.ts';

const VI_SPECIFIC = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const TABLE_LIMIT = 0x2000;
/** A text is Vietnamese when more than 1 in 25 (4%) of its letters carry Vietnamese diacritics. */
const VI_ONE_IN = 25;
const OTHER = 0;
const LATIN = 1;
const VIETNAMESE = 2;
const NON_LATIN = 3;
const CHAR_CLASS = new Uint8Array(TABLE_LIMIT);
for (let c = 0; c < TABLE_LIMIT; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z]/.test(ch)) CHAR_CLASS[c] = LATIN;
  else if (VI_SPECIFIC.includes(ch.toLowerCase())) CHAR_CLASS[c] = VIETNAMESE;
  else if (/\p{L}/u.test(ch)) CHAR_CLASS[c] = /\p{Script=Latin}/u.test(ch) ? LATIN : NON_LATIN;
  else CHAR_CLASS[c] = OTHER;
}

// Frequent syllables of Vietnamese written without diacritics, and frequent English words.
const VI_WORDS = new Set(
  'cua va cac nhung duoc trong cho khong nguoi nay voi mot la co da de den tai thi nam ngay xa huyen tinh dan'.split(
    ' ',
  ),
);
const EN_WORDS = new Set(
  'the of and to in is that for on with as was are be by this it from at an have not'.split(' '),
);

/**
 * `'vi'` when the text carries Vietnamese diacritics (or its unaccented syllables), `'en'` for English,
 * else `'other'`. `detectLanguage('Người dân xã Ea Tu')` → `'vi'`.
 */
export function detectLanguage(text: string): 'vi' | 'en' | 'other' {
  const length = Math.min(text.length, 4000);
  let letters = 0;
  let latin = 0;
  let vietnamese = 0;
  for (let i = 0; i < length; i++) {
    // Settled early when even all the characters left being letters without diacritics could not bring the
    // share of Vietnamese letters down to 1 in 25 (in integers, so exactly the final test's answer).
    if ((i & 255) === 255 && vietnamese * VI_ONE_IN > letters + length - i) return 'vi';
    const c = text.charCodeAt(i);
    const cls = c < TABLE_LIMIT ? CHAR_CLASS[c] : /\p{L}/u.test(text[i]!) ? NON_LATIN : OTHER;
    if (cls === OTHER) continue;
    letters++;
    if (cls === LATIN) latin++;
    else if (cls === VIETNAMESE) vietnamese++;
  }
  if (letters === 0) return 'other';
  if (vietnamese * VI_ONE_IN > letters) return 'vi';
  if ((latin + vietnamese) / letters < 0.6) return 'other';
  let viWords = 0;
  let enWords = 0;
  let words = 0;
  for (const word of foldDiacritics(text.slice(0, length)).split(/[^a-z]+/)) {
    if (!word) continue;
    words++;
    if (VI_WORDS.has(word)) viWords++;
    if (EN_WORDS.has(word)) enWords++;
  }
  if (words === 0) return 'other';
  if (viWords / words > 0.1 && viWords > enWords) return 'vi';
  if (enWords / words > 0.05) return 'en';
  return 'other';
}
