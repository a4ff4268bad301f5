/** Fast language guess for documents: Vietnamese, English or other. */
import { foldDiacritics } from '../data/text/normalize.ts';

const VI_LETTERS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/giu;
const LETTERS = /\p{L}/gu;
const LATIN = /[a-z]/gi;

// Frequent syllables of Vietnamese written without diacritics, and frequent English words.
const VI_WORDS = new Set(
  'cua va cac nhung duoc trong cho khong nguoi nay voi mot la co da de den tai thi nam ngay xa huyen tinh dan'.split(' '),
);
const EN_WORDS = new Set('the of and to in is that for on with as was are be by this it from at an have not'.split(' '));

/**
 * `'vi'` when the text carries Vietnamese diacritics (or its unaccented syllables), `'en'` for English,
 * else `'other'`. `detectLanguage('Người dân xã Ea Tu')` → `'vi'`.
 */
export function detectLanguage(text: string): 'vi' | 'en' | 'other' {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters === 0) return 'other';
  const vi = sample.match(VI_LETTERS)?.length ?? 0;
  if (vi / letters > 0.04) return 'vi';
  const latin = sample.match(LATIN)?.length ?? 0;
  if (latin / letters < 0.6) return 'other';
  let viWords = 0;
  let enWords = 0;
  let words = 0;
  for (const word of foldDiacritics(sample).split(/[^a-z]+/)) {
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
