/**
 * Syllable terms of a text and the terms that set a group of documents apart from a background. The split mirrors
 * the SQL of the terms detector (punctuation breaks a phrase, whitespace separates syllables) rather than
 * analytics/nlp/tokenize.ts, so a phrase counted in SQL and the same phrase labelled here are the same string.
 */
import { normalizeText } from '../../data/text/normalize.ts';

/** Punctuation that ends a phrase; the SQL of the terms detector translates the same characters. */
export const PHRASE_BREAKS = '.,;:!?()[]{}"“”«»…–—/\\|*#@&%+=<>~^_•';

const BREAK_SET = new Set([...PHRASE_BREAKS]);

const STOPWORDS = new Set(
  (
    'và của các là có được cho với này đã đến trong những một không để khi thì tại từ theo về ra lại cũng như ' +
    'nhiều đang sẽ rất mà nên bị vào trên do nhưng hay hơn sau đó đây ở thế nào gì ai còn vẫn chỉ mới đều ' +
    'nhà người ông bà anh chị em họ chúng tôi ta mình bạn cả làm qua lên xuống vì nếu hoặc hai ba bốn năm ' +
    'ngày tháng giờ sáng chiều tối hôm nay qua tuần vừa rồi thêm'
  ).split(' '),
);

/** Lowercase syllables of `text`, with '|' where punctuation breaks a phrase: `syllableTerms('Giá tăng, dân lo')`. */
export function syllableTerms(text: string): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push(current);
    current = '';
  };
  for (const ch of normalizeText(text).toLowerCase()) {
    if (BREAK_SET.has(ch)) {
      flush();
      if (out.length > 0 && out[out.length - 1] !== '|') out.push('|');
    } else if (/\s/.test(ch)) flush();
    else current += ch;
  }
  flush();
  return out;
}

/** Whether a term is worth showing: no digits, no phrase break, not only stopwords. */
export function isContentTerm(term: string): boolean {
  if (/[0-9|]/.test(term)) return false;
  const parts = term.split(' ');
  if (parts.some((p) => !/\p{L}/u.test(p))) return false;
  return parts.some((p) => !STOPWORDS.has(p));
}

/** Distinct bigrams (and, with `unigrams`, syllables) of a text that may be shown as terms. */
export function documentTerms(text: string, unigrams = false): Set<string> {
  const tokens = syllableTerms(text);
  const terms = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    if (a === '|') continue;
    if (unigrams && isContentTerm(a) && !STOPWORDS.has(a)) terms.add(a);
    const b = tokens[i + 1];
    if (b !== undefined && b !== '|') {
      const bigram = `${a} ${b}`;
      if (isContentTerm(bigram)) terms.add(bigram);
    }
  }
  return terms;
}

/**
 * The `k` terms most characteristic of `texts` against `background` (document frequency ratio, weighted by
 * frequency), bigrams first; terms made only of `exclude` syllables (place names) are left out.
 * `topTerms(['Cá chết ở hồ Ea Kao', 'Cá chết trắng hồ'], ['Hội nghị tỉnh'])` → ['cá chết', …].
 */
export function topTerms(
  texts: readonly string[],
  background: readonly string[],
  k = 8,
  exclude: ReadonlySet<string> = new Set(),
): string[] {
  if (texts.length === 0) return [];
  const df = new Map<string, number>();
  for (const text of texts)
    for (const term of documentTerms(text, true)) df.set(term, (df.get(term) ?? 0) + 1);
  const bgDf = new Map<string, number>();
  for (const text of background) {
    for (const term of documentTerms(text, true)) if (df.has(term)) bgDf.set(term, (bgDf.get(term) ?? 0) + 1);
  }
  const minDf = texts.length >= 4 ? 2 : 1;
  const scored: { term: string; score: number }[] = [];
  for (const [term, n] of df) {
    if (n < minDf) continue;
    if (term.split(' ').every((p) => exclude.has(p))) continue;
    const share = n / texts.length;
    const bgShare = ((bgDf.get(term) ?? 0) + 0.5) / (background.length + 1);
    const lift = Math.log(share / bgShare);
    if (lift <= 0.5) continue;
    const bigramBonus = term.includes(' ') ? 1.5 : 1;
    scored.push({ term, score: share * lift * bigramBonus });
  }
  scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  const chosen: string[] = [];
  for (const { term } of scored) {
    if (chosen.length >= k) break;
    if (!term.includes(' ') && chosen.some((c) => c.split(' ').includes(term))) continue;
    chosen.push(term);
  }
  return chosen;
}
