import { describe, it, expect } from 'vitest';
import { extractClaims } from '../../../analytics/misinfo/extract-claims.ts';
import { normalizeText } from '../../../data/text/normalize.ts';

describe('extractClaims', () => {
  it('scores a hedged rumour and leaves small talk out', () => {
    const claims = extractClaims('Nghe nói nước máy ở BMT bị nhiễm độc. Chúc cả nhà cuối tuần vui vẻ!');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.sentence).toBe('Nghe nói nước máy ở BMT bị nhiễm độc.');
    expect(claims[0]!.cues).toContain('hedge');
    expect(claims[0]!.score).toBeGreaterThan(0.6);
  });

  it('recognises numbers, quantities, dates, named bodies, quotes and attribution', () => {
    const [claim] = extractClaims(
      'Ông Trần Văn Bình, Giám đốc Sở Y tế, cho biết: “Tỉnh đã ghi nhận 12 ca mắc sởi trong tháng 3 năm 2025”.',
    );
    expect(claim!.cues).toEqual(['number', 'quantity', 'date', 'body', 'quote', 'attribution']);
    expect(claim!.score).toBeGreaterThan(0.8);
  });

  it('reads rumour hedges written without diacritics', () => {
    for (const text of [
      'nghe noi o krong pac co bon bat coc tre con',
      'ro tin don gia ca phe giam con 30 nghin',
      'co tin xa se thu hoi dat ray cua dan, chua duoc kiem chung',
      'nghe don UBND huyen se cat dien 3 ngay',
    ]) {
      const [claim] = extractClaims(text);
      expect(claim, text).toBeDefined();
      expect(claim!.cues).toContain('hedge');
      expect(claim!.cues).toContain('no_diacritics');
    }
  });

  it('scores opinions, short questions and fragments low', () => {
    expect(extractClaims('Mình thấy hôm nay trời đẹp quá.')).toEqual([]);
    expect(extractClaims('Có ai biết không?')).toEqual([]);
    const all = extractClaims('Mình nghĩ Sở Y tế nên xem lại.', { minScore: 0 });
    expect(all[0]!.score).toBeLessThan(
      extractClaims('Sở Y tế xác nhận 5 ca mắc mới.', { minScore: 0 })[0]!.score,
    );
  });

  it('gives offsets into the normalised text, in order', () => {
    const text =
      'Trời  mưa.   UBND tỉnh thông báo học sinh nghỉ học ngày 17/11.   Rộ tin đồn cầu Đà Rằng bị nứt.';
    const normalized = normalizeText(text);
    const claims = extractClaims(text);
    expect(claims.map((c) => c.cues.includes('hedge'))).toEqual([false, true]);
    for (const c of claims) expect(normalized.slice(c.start, c.end)).toBe(c.sentence);
  });

  it('handles empty and non-text input', () => {
    expect(extractClaims('')).toEqual([]);
    expect(extractClaims(undefined as unknown as string)).toEqual([]);
  });
});
