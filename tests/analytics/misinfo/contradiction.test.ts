import { describe, it, expect } from 'vitest';
import { claimTokens } from '../../../analytics/misinfo/claim-tokens.ts';
import { detectContradiction, negationScopes } from '../../../analytics/misinfo/contradiction.ts';
import { extractQuantities, parseVietnameseNumber } from '../../../analytics/misinfo/quantities.ts';
import { normalizeText } from '../../../data/text/normalize.ts';

const tokenized = (s: string) => {
  const text = normalizeText(s);
  return { text, tokens: claimTokens(text) };
};
const compare = (statement: string, passage: string) =>
  detectContradiction(tokenized(statement), tokenized(passage));

describe('detectContradiction', () => {
  it('flags a negation the statement does not have, and a denial', () => {
    const claim = 'Nước máy ở TP. Buôn Ma Thuột bị nhiễm độc, người dân không được dùng để ăn uống.';
    expect(
      compare(claim, 'Nước máy ở Buôn Ma Thuột không hề bị nhiễm độc, người dân vẫn dùng bình thường.'),
    ).toEqual({
      contradiction: true,
      cues: ['negation'],
    });
    expect(compare(claim, 'Sở Y tế bác bỏ tin nước máy Buôn Ma Thuột bị nhiễm độc.').cues).toContain(
      'denial',
    );
  });

  it('does not flag a paraphrase that keeps the negation, even without diacritics', () => {
    const claim = 'Nước máy ở TP. Buôn Ma Thuột bị nhiễm độc, người dân không được dùng để ăn uống.';
    expect(
      compare(claim, 'Nghe nói nước máy BMT nhiễm độc, khuyến cáo người dân không dùng để ăn uống.')
        .contradiction,
    ).toBe(false);
    expect(
      compare(claim, 'ae o BMT dung uong nuoc may nha, nghe noi nuoc may bi nhiem doc roi').contradiction,
    ).toBe(false);
    expect(compare('Xe máy cũ bị cấm lưu thông', 'Xe máy cũ không được lưu thông').contradiction).toBe(false);
  });

  it('flags a changed number with its unit, and reads number words and social spellings', () => {
    expect(
      compare('Giá cà phê giảm còn 30.000 đồng/kg.', 'Giá cà phê giảm còn 15.000 đồng/kg.').cues,
    ).toEqual(['number:30.000 đồng→15.000 đồng']);
    expect(
      compare('Giá cà phê giảm còn 30.000 đồng/kg.', 'gia ca phe giam con 30 nghin/kg').contradiction,
    ).toBe(false);
    expect(compare('Học sinh nghỉ học hai tuần.', 'Học sinh nghỉ học 2 tuần.').contradiction).toBe(false);
    expect(compare('Học sinh nghỉ học hai tuần.', 'Học sinh nghỉ học bốn tuần.').cues).toEqual([
      'number:hai tuần→bốn tuần',
    ]);
    expect(compare('Mỗi người nộp phí 500.000 đồng.', 'moi nguoi nop 500k').contradiction).toBe(false);
  });

  it('flags a changed date or year but not an extra one', () => {
    expect(compare('Học sinh nghỉ học ngày 17/11.', 'Học sinh nghỉ học ngày 20/11.').cues).toEqual([
      'date:17/11→20/11',
    ]);
    expect(compare('Thu hồi sổ đỏ cấp trước năm 2015.', 'Thu hồi sổ đỏ cấp trước năm 2020.').cues).toEqual([
      'date:năm 2015→năm 2020',
    ]);
    expect(
      compare('Học sinh nghỉ học ngày 17/11.', 'Chiều 16/11, trường báo học sinh nghỉ học ngày 17/11.')
        .contradiction,
    ).toBe(false);
  });

  it('flags another place, but not a place inside the statement’s', () => {
    const claim = 'Có đối tượng bắt cóc trẻ em ở huyện Krông Pắc.';
    expect(compare(claim, 'Có đối tượng bắt cóc trẻ em ở huyện Cư M’gar.').cues).toEqual([
      'place:huyện Krông Pắc→huyện Cư M’gar',
    ]);
    expect(
      compare(claim, 'Có đối tượng bắt cóc trẻ em ở xã Ea Kly, huyện Krông Pắc, tỉnh Đắk Lắk.').contradiction,
    ).toBe(false);
  });
});

describe('negationScopes', () => {
  it('reaches through linking words and stops at a conjunction', () => {
    const { negated, asserted } = negationScopes(
      claimTokens('Không hề có chuyện phạt tiền mặt mà phải lập biên bản'),
    );
    expect([...negated]).toEqual(['chuyen', 'phat', 'tien']);
    expect(asserted.has('lap')).toBe(true);
  });
});

describe('quantities', () => {
  it('parses Vietnamese number formats', () => {
    expect(parseVietnameseNumber('30.000')).toBe(30000);
    expect(parseVietnameseNumber('7,5')).toBe(7.5);
    expect(parseVietnameseNumber('1.234,5')).toBe(1234.5);
    expect(parseVietnameseNumber('2.5')).toBe(2.5);
    expect(parseVietnameseNumber('abc')).toBeNull();
  });

  it('tells months, years and durations apart', () => {
    const { quantities, dates } = extractQuantities(
      claimTokens('Từ tháng 10 năm 2025, đóng cửa 6 tháng, phạt 2 triệu đồng'),
    );
    expect(dates.map((d) => [d.granularity, d.month ?? d.year])).toEqual([
      ['month', 10],
      ['year', 2025],
    ]);
    expect(quantities.map((q) => [q.value, q.unit])).toEqual([
      [6, 'thang'],
      [2_000_000, 'money'],
    ]);
  });
});
