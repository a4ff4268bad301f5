/**
 * ReDoS and super-linear blow-ups: every parser and converter gets adversarial inputs of size n and 4n and must
 * take roughly 4 times as long, not 16 (quadratic) or more. Time is the process's CPU time (not wall-clock, which
 * other work on the machine distorts), the best of interleaved repeats so that both sizes see the same JIT state.
 */
import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from '../../data/pseudonym.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import { segmentLine } from '../../analytics/nlp/segment.ts';
import { tokenize } from '../../analytics/nlp/tokenize.ts';
import { decodeBody } from '../../pipeline/charset/decode-body.ts';
import { decodeTcvn3, decodeVni } from '../../pipeline/charset/legacy-vietnamese.ts';
import { parseDocumentDate } from '../../pipeline/dates/parse-date.ts';
import { extractArticle, extractLinks } from '../../pipeline/html/extract-article.ts';
import { htmlToText } from '../../pipeline/html/html-to-text.ts';
import { xmlNestingProblem } from '../../pipeline/rss/check-xml.ts';
import { parseFeed } from '../../pipeline/rss/parse-feed.ts';

const BASE_CHARS = 24_000;
const MAX_RATIO = 10;
const REPEATS = 5;
/** Below this the large input is fast whatever the ratio (and the ratio is mostly noise). */
const FLOOR_MS = 100;

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function quietly(fn: () => unknown): () => void {
  return () => {
    try {
      fn();
    } catch {
      // Only the time matters here; what may be thrown is checked by the fuzz tests.
    }
  };
}

/** CPU time of `fn` on `pattern` repeated to n and to 4n characters: [small, large]. */
function growth(fn: (input: string) => unknown, pattern: string, base = BASE_CHARS): [number, number] {
  const small = pattern.repeat(Math.ceil(base / pattern.length));
  const large = small.repeat(4);
  quietly(() => fn(small.slice(0, 200)))();
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    a = Math.min(a, cpuMs(quietly(() => fn(small))));
    b = Math.min(b, cpuMs(quietly(() => fn(large))));
  }
  return [a, b];
}

const feedWith = (text: string) =>
  `<rss><channel><item><title>t</title><link>https://a.vn/1</link><description>${text}</description></item></channel></rss>`;
const latin1 = (text: string) => Buffer.from(text, 'latin1');

// Long flat pages and pages nested thousands deep (past the parser's depth cap): cheerio's parse5, find and
// remove were quadratic on these.
const FLAT_HTML = ['<p>a', '<p>Người dân phản ánh ô nhiễm, mùi hôi kéo dài.', '<a href="/x">'];
const NESTED_HTML = ['<div>', '<div><span>a, b', '<p><b>a', '<li>', '<h1>a', '<time>', '<table><tr><td>a'];
const SOME_NESTED_HTML = ['<div>', '<p><b>a', '<time>'];
const SITE_SELECTORS = {
  title: 'h1.title',
  date: '.date-time',
  content: '.detail-content',
  remove: ['.box-related'],
};

// The tokenizer makes one object per token; beyond some 50,000 of them V8's young-generation collections
// themselves grow with the token array, so it is measured on smaller inputs (still 10,000 tokens and up).
const TARGETS: Record<string, { fn: (input: string) => unknown; patterns: string[]; base?: number }> = {
  'feed well-formedness check': {
    fn: (s) => xmlNestingProblem(`<${s}`),
    patterns: ['<a"', 'a.', 'a@a.', '<!DOCTYPE', '<?', '<a ', '</a', "<a b='x' ", '<a b="', '<!--', '09'],
  },
  'RSS parser': {
    fn: (s) => parseFeed(feedWith(s), 'https://a.vn/rss'),
    patterns: ['&amp;', 'http://a.vn/ ', 'Đắk Lắk ', '<![CDATA[x]]>', '&lt;p&gt;', '<br>', 'ý kiến<br>'],
  },
  'RSS parser, elements beside the feed': {
    fn: (s) => parseFeed(`${s}<rss><channel></channel></rss>`, 'https://a.vn/rss'),
    patterns: ['<a/>', '<x></x>'],
  },
  'HTML to text': {
    fn: htmlToText,
    patterns: ['<a ', '&#', ' \t\n', '<script>', '<a href="', ...FLAT_HTML, ...NESTED_HTML],
  },
  // parse5 (cheerio's default) took quadratic time on long flat fragments, visible only from some 24,000 elements.
  // Measured from 96,000 elements: at 24,000 the smaller page's DOM still fits V8's young generation and parses
  // unusually fast, so linear code read 8.5–11.6× for 4× the input; from 96,000 it reads 4–5.5× (quadratic: 16×).
  'HTML to text, long flat fragments': { fn: htmlToText, patterns: ['<p>a', '<br>a'], base: 384_000 },
  'article extraction': {
    fn: (s) => extractArticle(s, 'https://a.vn/tin/1.html'),
    patterns: [' \t', '<time>24/11/2026</time>', '<div class="ads">x</div>', ...FLAT_HTML, ...NESTED_HTML],
  },
  'article extraction with site selectors': {
    fn: (s) => extractArticle(s, 'https://a.vn/tin/1.html', SITE_SELECTORS),
    patterns: [
      '<div class="detail-content"><p>Ý kiến, kiến nghị.',
      '<span class="date-time">1',
      ...SOME_NESTED_HTML,
    ],
  },
  'listing links': {
    fn: (s) => extractLinks(s, 'https://a.vn/'),
    patterns: ['<a href="/tin/1.html">Tin</a>', '<a href=', '<li>', ...SOME_NESTED_HTML],
  },
  'listing links by selector': {
    fn: (s) => extractLinks(s, 'https://a.vn/', 'h3, .title a'),
    patterns: ['<h3><a href="/tin/1.html">Tin</a></h3>', '<h3><b>', '<div class="title">'],
  },
  'personal data scrubber': {
    fn: scrubPersonalData,
    patterns: ['a.', '09', ' \t', '1/', '+84', 'a@a.', 'số 1 ', 'Đường Lê ', 'ở 12 ', 'aa'],
  },
  'date parser': {
    fn: parseDocumentDate,
    patterns: ['1 ', '1/', 'ngày 1 ', '1:', 'Mon, ', '24/11/2026 ', 'gmt+'],
  },
  tokenizer: {
    fn: tokenize,
    patterns: ['a.', 'a/', 'a_', 'a@a.', 'http://a', '1.', '#a', 'www.a.vn/', "H'", '2,5 tỷ ', '1/1/'],
    base: 10_000,
  },
  segmenter: { fn: segmentLine, patterns: ['a ', 'xã ', 'Ea ', 'giải phóng mặt bằng '] },
  normalisation: { fn: normalizeText, patterns: ['ừ', ' \t', 'a\u0301', 'hoà ', '\u0000'] },
  'charset decoders': {
    fn: (s) => {
      decodeBody(latin1(s), 'text/html');
      decodeVni(latin1(s));
      decodeTcvn3(latin1(s));
    },
    patterns: ['aé', '<a ', 'Vieät ', '<meta charset='],
  },
};

describe('linear time on adversarial input (no ReDoS)', () => {
  it.each(Object.keys(TARGETS))(
    '%s',
    (name) => {
      const { fn, patterns, base } = TARGETS[name]!;
      const slow: string[] = [];
      for (const pattern of patterns) {
        const [small, large] = growth(fn, pattern, base);
        if (large > FLOOR_MS && large / Math.max(small, 3) > MAX_RATIO)
          slow.push(
            `${JSON.stringify(pattern)}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms for 4× the input`,
          );
      }
      expect(slow).toEqual([]);
    },
    120_000,
  );
});
