import { describe, it, expect } from 'vitest';
import { splitSentences } from '../../../analytics/misinfo/sentences.ts';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('keeps abbreviations whole and splits at real sentence ends', () => {
    expect(
      texts(
        'TP. Buôn Ma Thuột mưa to, rau, củ, quả v.v. đều tăng giá. Theo PGS.TS. Nguyễn Văn An, giá sẽ giảm!',
      ),
    ).toEqual([
      'TP. Buôn Ma Thuột mưa to, rau, củ, quả v.v. đều tăng giá.',
      'Theo PGS.TS. Nguyễn Văn An, giá sẽ giảm!',
    ]);
  });

  it('splits on line breaks, question marks and exclamation runs', () => {
    expect(texts('Có thật không?? Ai biết chỉ giúp!!!\nCảm ơn cả nhà')).toEqual([
      'Có thật không??',
      'Ai biết chỉ giúp!!!',
      'Cảm ơn cả nhà',
    ]);
  });

  it('splits diacritic-free posts after a lowercase word, but not after decimals, list numbers or ellipses before lowercase', () => {
    expect(texts('nuoc may bi nhiem doc roi. ae chia se ngay')).toEqual([
      'nuoc may bi nhiem doc roi.',
      'ae chia se ngay',
    ]);
    expect(texts('Giá 30.000 đồng/kg... mà vẫn tăng. 1. Mục đầu')).toEqual([
      'Giá 30.000 đồng/kg... mà vẫn tăng.',
      '1. Mục đầu',
    ]);
  });

  it('gives offsets into the text', () => {
    const text = '  Câu một.   Câu hai. ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(splitSentences('')).toEqual([]);
  });
});
