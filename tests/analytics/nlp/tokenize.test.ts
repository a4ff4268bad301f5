import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { normalizeText } from '../../../data/text/normalize.ts';
import { syllables, tokenize, tokenizeNormalized } from '../../../analytics/nlp/tokenize.ts';
import type { Token, TokenKind } from '../../../analytics/nlp/tokenize.ts';

function kinds(text: string): [TokenKind, string][] {
  return tokenize(text).map((t) => [t.kind, t.text]);
}

describe('tokenize', () => {
  it('reads syllables, numbers in Vietnamese notation and punctuation', () => {
    expect(kinds('Năm 2025, sản lượng đạt 1.234,5 tấn (tăng 7,5%).')).toEqual([
      ['word', 'Năm'],
      ['number', '2025'],
      ['punct', ','],
      ['word', 'sản'],
      ['word', 'lượng'],
      ['word', 'đạt'],
      ['number', '1.234,5'],
      ['word', 'tấn'],
      ['punct', '('],
      ['word', 'tăng'],
      ['number', '7,5'],
      ['punct', '%'],
      ['punct', ')'],
      ['punct', '.'],
    ]);
  });

  it('reads dates and times', () => {
    expect(
      kinds('Ngày 24/11/2026 lúc 7h30, hạn 05-12-2026, họp 14:05 ngày 2026-11-24, tháng 12/2025; 9h'),
    ).toEqual([
      ['word', 'Ngày'],
      ['date', '24/11/2026'],
      ['word', 'lúc'],
      ['time', '7h30'],
      ['punct', ','],
      ['word', 'hạn'],
      ['date', '05-12-2026'],
      ['punct', ','],
      ['word', 'họp'],
      ['time', '14:05'],
      ['word', 'ngày'],
      ['date', '2026-11-24'],
      ['punct', ','],
      ['word', 'tháng'],
      ['date', '12/2025'],
      ['punct', ';'],
      ['time', '9h'],
    ]);
  });

  it('does not read impossible dates or hectares as dates and times', () => {
    expect(kinds('45/13/2020 và 5ha')).toEqual([
      ['number', '45'],
      ['punct', '/'],
      ['number', '13'],
      ['punct', '/'],
      ['number', '2020'],
      ['word', 'và'],
      ['number', '5'],
      ['word', 'ha'],
    ]);
  });

  it('reads money with scale and currency words, attached units and symbols', () => {
    expect(kinds('Thiệt hại 2,5 tỷ đồng, vé 500.000đ, phí 20 USD, giá $5 hay 300k.')).toEqual([
      ['word', 'Thiệt'],
      ['word', 'hại'],
      ['money', '2,5 tỷ đồng'],
      ['punct', ','],
      ['word', 'vé'],
      ['money', '500.000đ'],
      ['punct', ','],
      ['word', 'phí'],
      ['money', '20 USD'],
      ['punct', ','],
      ['word', 'giá'],
      ['money', '$5'],
      ['word', 'hay'],
      ['money', '300k'],
      ['punct', '.'],
    ]);
  });

  it('keeps "đồng" a word when it starts another word and a bare amount a number', () => {
    expect(kinds('5 đồng chí và 3 triệu người')).toEqual([
      ['number', '5'],
      ['word', 'đồng'],
      ['word', 'chí'],
      ['word', 'và'],
      ['number', '3'],
      ['word', 'triệu'],
      ['word', 'người'],
    ]);
  });

  it('reads URLs, e-mail addresses, hashtags and mentions', () => {
    expect(
      kinds(
        'Xem https://baodaklak.vn/tin?id=5&x=1), gửi ban.tuyengiao@daklak.gov.vn #ĐắkLắk @ubnd_tinh www.example.com.',
      ),
    ).toEqual([
      ['word', 'Xem'],
      ['url', 'https://baodaklak.vn/tin?id=5&x=1'],
      ['punct', ')'],
      ['punct', ','],
      ['word', 'gửi'],
      ['email', 'ban.tuyengiao@daklak.gov.vn'],
      ['hashtag', '#ĐắkLắk'],
      ['mention', '@ubnd_tinh'],
      ['url', 'www.example.com'],
      ['punct', '.'],
    ]);
    expect(kinds('trang baodaklak.vn/chinh-tri cho biết')).toEqual([
      ['word', 'trang'],
      ['url', 'baodaklak.vn/chinh-tri'],
      ['word', 'cho'],
      ['word', 'biết'],
    ]);
  });

  it('reads emoji clusters (modifiers, ZWJ sequences, flags, keycaps) as single tokens', () => {
    expect(kinds('Tốt 👍🏽👨‍👩‍👧 🇻🇳 1️⃣ ❤️')).toEqual([
      ['word', 'Tốt'],
      ['emoji', '👍🏽'],
      ['emoji', '👨‍👩‍👧'],
      ['emoji', '🇻🇳'],
      ['emoji', '1️⃣'],
      ['emoji', '❤️'],
    ]);
  });

  it('keeps ethnic place names with apostrophes whole', () => {
    const words = tokenize("Ea H'leo, M'Đrắk, Cư M'gar, Krông Búk và Đắk R’Lấp")
      .filter((t) => t.kind === 'word')
      .map((t) => t.text);
    expect(words).toEqual(['Ea', "H'leo", "M'Đrắk", 'Cư', "M'gar", 'Krông', 'Búk', 'và', 'Đắk', 'R’Lấp']);
  });

  it('treats quotes around words as punctuation', () => {
    expect(kinds("'tin đồn'")).toEqual([
      ['punct', "'"],
      ['word', 'tin'],
      ['word', 'đồn'],
      ['punct', "'"],
    ]);
  });

  it('gives offsets into the normalised text', () => {
    const input = "  Hoà\u0000bình   ở Ea H'leo\r\n👍 2,5 tỷ đồng ";
    const normalized = normalizeText(input);
    const tokens = tokenize(input);
    expect(tokens.map((t) => t.text)).toEqual(['Hòa', 'bình', 'ở', 'Ea', "H'leo", '👍', '2,5 tỷ đồng']);
    for (const token of tokens) expect(normalized.slice(token.start, token.end)).toBe(token.text);
  });

  it('reads symbols and keeps signs on numbers', () => {
    expect(kinds('-5°C + 3')).toEqual([
      ['number', '-5'],
      ['symbol', '°'],
      ['word', 'C'],
      ['symbol', '+'],
      ['number', '3'],
    ]);
  });
});

describe('syllables', () => {
  it('lists the lowercased word tokens only', () => {
    expect(syllables("Ông Ba ở Ea H'leo gửi 2,5 tỷ đồng qua https://x.vn 👍 #Tin")).toEqual([
      'ông',
      'ba',
      'ở',
      'ea',
      "h'leo",
      'gửi',
      'qua',
    ]);
  });

  it('agrees with tokenize', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const fromTokens = tokenize(text)
          .filter((t) => t.kind === 'word')
          .map((t) => t.text.toLowerCase());
        expect(syllables(text)).toEqual(fromTokens);
      }),
    );
  });
});

describe('tokenize on bad input', () => {
  /** The first broken invariant (ordered, non-empty, text = slice, only whitespace between), or null. */
  function invariantProblem(normalized: string, tokens: Token[]): string | null {
    let previousEnd = 0;
    for (const token of tokens) {
      if (token.start < previousEnd || token.end <= token.start)
        return `bad span ${token.start}-${token.end}`;
      if (normalized.slice(token.start, token.end) !== token.text) return `text differs at ${token.start}`;
      if (normalized.slice(previousEnd, token.start).trim() !== '')
        return `text skipped before ${token.start}`;
      previousEnd = token.end;
    }
    return normalized.slice(previousEnd).trim() === '' ? null : 'text skipped at the end';
  }

  it('returns no tokens for empty or blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \t\n\u00a0')).toEqual([]);
  });

  it('handles control characters and lone surrogates with a defined result', () => {
    expect(kinds('a\u0000b\u0007c x\ud800y\udc00z')).toEqual([
      ['word', 'a'],
      ['word', 'b'],
      ['word', 'c'],
      ['word', 'x'],
      ['symbol', '\ufffd'],
      ['word', 'y'],
      ['symbol', '\ufffd'],
      ['word', 'z'],
    ]);
  });

  it('keeps its invariants on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const normalized = normalizeText(text);
        expect(invariantProblem(normalized, tokenizeNormalized(normalized))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('tokenizes 1 MB single-line inputs (emoji only, mixed scripts, control characters, lone surrogates)', () => {
    const mb = 1 << 20;
    const inputs = [
      '😀👍🏽\u200d🇻🇳'.repeat(mb / 8),
      'Đắk Lắk 東京 กรุงเทพ Москва مرحبا '.repeat(mb / 38),
      'a\u0000b\u0007\ud800c\udc00'.repeat(mb / 8),
    ];
    for (const input of inputs) {
      const start = performance.now();
      const tokens = tokenize(input);
      const label = `input starting ${JSON.stringify(input.slice(0, 12))}`;
      expect(performance.now() - start, label).toBeLessThan(5000);
      expect(invariantProblem(normalizeText(input), tokens), label).toBeNull();
    }
  });

  it('has no catastrophic backtracking on repetitive inputs', () => {
    const size = 1 << 17;
    for (const unit of ['a.', 'a@', 'http://', 'x', '1.', '1/', '#', 'a_1/#@9.', 'www.a', 'a-b.c']) {
      const input = unit.repeat(Math.ceil(size / unit.length));
      const start = performance.now();
      const tokens = tokenize(input);
      const label = `${JSON.stringify(unit)} repeated`;
      expect(performance.now() - start, label).toBeLessThan(2000);
      expect(invariantProblem(input, tokens), label).toBeNull();
    }
    expect(tokenize('a.'.repeat(1 << 19))).toHaveLength(1 << 20);
  });
});
