import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  nfc,
  normalizeToneMarks,
  foldDiacritics,
  foldAligned,
  normalizeText,
} from '../../data/text/normalize.ts';

describe('normalizeToneMarks', () => {
  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['khoẻ', 'khỏe'],
    ['uý', 'úy'],
    ['Uỷ ban', 'Ủy ban'],
    ['HOÀ BÌNH', 'HÒA BÌNH'],
    ['Toà án', 'Tòa án'],
    ['KHOẺ', 'KHỎE'],
    ['hoài', 'hoài'],
    ['hoaì', 'hoài'],
    ['khuyủ', 'khuỷu'],
    ['ngoẻo', 'ngoẻo'],
    ['xoáy', 'xoáy'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeToneMarks(input)).toBe(expected);
  });

  it('treats "qu" and "gi" as onsets', () => {
    expect(normalizeToneMarks('qúy qủa quốc Quỳnh')).toBe('quý quả quốc Quỳnh');
    expect(normalizeToneMarks('gìn già gịa giữa giường giỏi')).toBe('gìn già giạ giữa giường giỏi');
  });

  it('keeps the tone on the vowel with a quality mark and after a final consonant', () => {
    const words = 'người thuở rượu Nguyễn quyết hoàn huỳnh hoặc thuế khuyên tuân muối';
    expect(normalizeToneMarks(words)).toBe(words);
    expect(normalizeToneMarks('hòan')).toBe('hoàn');
    expect(normalizeToneMarks('húynh')).toBe('huýnh');
  });

  it('accepts decomposed input', () => {
    expect(normalizeToneMarks('hoa\u0300')).toBe('hòa');
  });

  it('leaves non-Vietnamese words and ethnic names alone', () => {
    const text = "café Ea H'leo M'Đrắk Cư M'gar naïve Éa";
    expect(normalizeToneMarks(text)).toBe(text);
  });
});

describe('foldDiacritics', () => {
  it('lowercases and removes every diacritic', () => {
    expect(foldDiacritics('Buôn Ma Thuột')).toBe('buon ma thuot');
    expect(foldDiacritics('ĐẮK LẮK, Đồng Xuân')).toBe('dak lak, dong xuan');
    expect(foldDiacritics('Ư Ơ ư ơ ỹ Ỵ')).toBe('u o u o y y');
    expect(foldDiacritics('Hoa\u0300 D\u0323')).toBe('hoa d');
  });

  it('foldAligned keeps offsets', () => {
    const s = 'Xã Ea Tu, TP. Buôn Ma Thuột';
    const folded = foldAligned(s);
    expect(folded).toBe('xa ea tu, tp. buon ma thuot');
    expect(folded.length).toBe(s.length);
  });
});

describe('normalizeText', () => {
  it('cleans whitespace and control characters', () => {
    expect(normalizeText('  Hoà\u0000bình \r\n  xin\t\tchào\u00a0 bạn \u200b ')).toBe(
      'Hòa bình\nxin chào bạn',
    );
    expect(normalizeText('a\rb\u2028c')).toBe('a\nb\nc');
  });

  it('replaces lone surrogates without throwing', () => {
    expect(normalizeText('a\ud800b\udc00c 😀')).toBe('a\ufffdb\ufffdc 😀');
  });

  it('is NFC', () => {
    const s = normalizeText('Vie\u0302\u0323t Nam');
    expect(s).toBe('Việt Nam');
    expect(s).toBe(nfc(s));
  });

  it('is idempotent', () => {
    const vietnamese = fc.constantFrom(
      ...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđqghknt'.split(''),
      'A',
      'Ô',
      'Ư',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u0301',
      '\u0309',
      '\u00a0',
      '\u200b',
      '\ud800',
      '\udc00',
    );
    const text = fc.oneof(
      fc.string({ unit: vietnamese, maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    fc.assert(
      fc.property(text, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(once).toBe(once.trim());
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('folding keeps length on normalised text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const n = normalizeText(s);
        expect(foldAligned(n).length).toBe(n.length);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('runs in linear time on 1 MB', () => {
    const sentence = 'Người dân xã Hoà Phú phản ánh về thuỷ lợi, sức khoẻ và đường giao thông. ';
    const small = sentence.repeat(1000);
    const big = sentence.repeat(14000);
    normalizeText(small);
    const t0 = performance.now();
    normalizeText(small);
    const tSmall = performance.now() - t0;
    const t1 = performance.now();
    const out = normalizeText(big);
    const tBig = performance.now() - t1;
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(out).toContain('xã Hòa Phú');
    expect(tBig).toBeLessThan(Math.max(tSmall * 14 * 4, 50) + 1000);
  });
});
