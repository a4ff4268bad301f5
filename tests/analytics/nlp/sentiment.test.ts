import { describe, it, expect } from 'vitest';
import {
  analyzeSentiment,
  compileSentimentLexicon,
  sentimentLexicon,
} from '../../../analytics/nlp/sentiment.ts';

const label = (text: string) => analyzeSentiment(text).label;

describe('analyzeSentiment', () => {
  it('reads plain positive and negative statements', () => {
    expect(label('Sản phẩm rất tốt, tôi rất hài lòng')).toBe('positive');
    expect(label('Cán bộ nhiệt tình, giải quyết hồ sơ nhanh gọn')).toBe('positive');
    expect(label('Máy quá tệ, pin tụt nhanh, thất vọng')).toBe('negative');
    expect(label('Người dân bức xúc vì ô nhiễm kéo dài')).toBe('negative');
  });

  it('negation flips a positive word, and a negated negative word is not negative', () => {
    expect(label('không tốt')).toBe('negative');
    expect(label('chẳng hài lòng chút nào')).toBe('negative');
    expect(label('chưa tốt')).toBe('negative');
    expect(label('không tệ')).not.toBe('negative');
    expect(analyzeSentiment('không tệ').score).toBeGreaterThan(0);
    expect(label('không chê vào đâu được')).toBe('positive');
  });

  it('neutral actions that were not done are complaints', () => {
    expect(label('Hồ sơ nộp từ tháng 3 đến nay chưa được giải quyết')).toBe('negative');
    expect(label('Gửi đơn ba lần mà không ai trả lời')).toBe('negative');
  });

  it('reads grievance vocabulary', () => {
    for (const text of ['bức xúc', 'khiếu nại kéo dài', 'chậm trễ', 'ô nhiễm', 'bị nhũng nhiễu']) {
      expect(label(text)).toBe('negative');
    }
  });

  it('intensifiers strengthen the score', () => {
    expect(analyzeSentiment('rất tốt').score).toBeGreaterThan(analyzeSentiment('tốt').score);
    expect(analyzeSentiment('tệ quá').score).toBeLessThan(analyzeSentiment('tệ').score);
    expect(analyzeSentiment('hơi chậm').score).toBeGreaterThan(analyzeSentiment('chậm').score);
  });

  it('the clause after "nhưng" outweighs the one before', () => {
    expect(label('Máy đẹp nhưng pin yếu')).toBe('negative');
    expect(label('Pin yếu nhưng máy đẹp, dùng thích')).toBe('positive');
  });

  it('understands social-media spellings without diacritics and abbreviations', () => {
    expect(label('sp ko tot')).toBe('negative');
    expect(label('hok thích')).toBe('negative');
    expect(label('san pham qua te')).toBe('negative');
    expect(label('dep qua, ok lắm')).toBe('positive');
    expect(label('k đc, hàng lởm')).toBe('negative');
  });

  it('hedged, lukewarm reviews read neutral, and a hedge damps the whole sentence', () => {
    expect(label('Màn hình đẹp')).toBe('positive');
    expect(label('Màn hình tạm đẹp, pin bình thường')).toBe('neutral');
    expect(label('Máy dùng ổn')).toBe('positive');
    expect(label('Máy dùng ổn, không có gì đặc biệt')).toBe('neutral');
    expect(label('Camera cũng tạm, so với giá thì chấp nhận được')).toBe('neutral');
    const hedged = analyzeSentiment('Pin tốt, nói chung là tàm tạm');
    expect(hedged.hedges).toBe(1);
    expect(hedged.score).toBeLessThan(analyzeSentiment('Pin tốt').score);
    expect(analyzeSentiment('Pin tốt').hedges).toBe(0);
  });

  it('reads product-review faults and praise, written with or without diacritics', () => {
    const pairs: [string, string, string][] = [
      ['Máy hay bị giật lag, nóng máy', 'May hay bi giat lag, nong may', 'negative'],
      ['Hàng lỗi, chất lượng kém, tiếc tiền', 'Hang loi, chat luong kem, tiec tien', 'negative'],
      ['Chơi game không giật lag', 'Choi game khong giat lag', 'positive'],
      ['Pin trâu, màn hình nét căng, đáng tiền', 'Pin trau, man hinh net cang, dang tien', 'positive'],
      [
        'Dùng cũng bình thường, không có gì đặc biệt',
        'Dung cung binh thuong, khong co gi dac biet',
        'neutral',
      ],
    ];
    for (const [accented, plain, expected] of pairs) {
      expect(label(accented)).toBe(expected);
      expect(label(plain)).toBe(expected);
    }
  });

  it('does not read senses that only look polar', () => {
    expect(label('Em vừa tốt nghiệp đại học')).toBe('neutral');
    expect(label('Vui lòng điền vào mẫu đơn')).toBe('neutral');
    expect(label('Ngày mai họp dân lúc 8 giờ')).toBe('neutral');
  });

  it('questions weigh less than statements', () => {
    expect(label('Cho mình hỏi máy này có tốt không?')).toBe('neutral');
  });

  it('reads complaints about disasters, shortages, pollution, compensation, fees and officials', () => {
    for (const text of [
      'Lũ quét cuốn trôi nhà cửa, nhiều hộ mất trắng',
      'Mưa cả đêm, nước lũ dâng cao, cả xóm bị kẹt trong nhà',
      'Lúa và hoa màu trôi hết rồi',
      'lua va hoa mau troi het roi',
      'Cả tuần nay không có nước sinh hoạt, giếng khô cạn',
      'Mùi hôi từ bãi rác bay khắp xóm, cá chết hàng loạt',
      'Giá đền bù rẻ mạt, dân không đồng ý',
      'Cán bộ vòi tiền mới cho làm hồ sơ',
      'Đầu năm học trường bắt đóng đủ khoản, phụ huynh lấy đâu ra',
      'Dân lo lắm',
      'Nước lên nhanh quá, cả xóm chưa kịp dọn đồ',
      'Đêm qua nước lên nhanh',
      'Nước sông Krông Ana lên quá nhanh mọi người ơi',
      // Incidents told plainly, without a word of feeling: the harm itself reads negative.
      'Người dân phản ánh khói đen và mùi khét từ lò đốt rác bay vào nhà suốt đêm, trẻ nhỏ ho liên tục.',
      'Bệnh nhân phải nằm ghép ba người một giường tại khoa nhi trong mùa sốt xuất huyết.',
      'Kẻ gian cạy cửa lấy trộm ba con bò của một gia đình trong đêm.',
      'Con đường dẫn vào khu công nghiệp chi chít ổ gà, mưa xuống thành ao.',
    ]) {
      expect(label(text), text).toBe('negative');
    }
  });

  it('a rhetorical question keeps its weight while other questions stay damped', () => {
    expect(label('Đền bù có vậy thì bà con sao sống?')).toBe('negative');
    expect(label('Nhà nghèo thật thì không có tên, thế là sao?')).toBe('negative');
    expect(label('Cho mình hỏi máy này có bị lỗi không?')).toBe('neutral');
  });

  it('a question cue without "?" damps only the clauses from its own on', () => {
    expect(label('Đường xuống cấp, có ai đi qua thì biết')).toBe('negative');
    expect(label('Có ai biết máy này có bị lỗi không')).toBe('neutral');
  });

  it('words that only contain a polar syllable stay neutral in news and notices', () => {
    for (const text of [
      'Theo ghi nhận, bà con đang thu hoạch cà phê',
      '(Báo Tin tức) - Sáng nay xã tổ chức lễ khai giảng',
      'Trạm y tế xã tổ chức tiêm chủng',
      'tram y te xa to chuc tiem chung',
      'Xã chuẩn bị nhu yếu phẩm cho mùa mưa',
      'Danh sách nhận tiền hỗ trợ làm nhà đã được niêm yết',
      'Anh ấy lo liệu việc nhà',
    ]) {
      expect(label(text), text).toBe('neutral');
    }
    expect(label('Đẹp chết người')).toBe('positive');
    expect(label('Lúa xuất khẩu chính ngạch, tăng giá trị cho nông dân')).toBe('neutral');
  });

  it('a risk ("có nguy cơ") damps its sentence: it has not happened', () => {
    const risk = analyzeSentiment('Nhiều ha lúa có nguy cơ mất trắng');
    expect(risk.hedges).toBe(1);
    expect(risk.score).toBeGreaterThan(analyzeSentiment('Nhiều ha lúa mất trắng').score);
  });

  it('a syllable written with diacritics matches only its own spelling, not another that folds alike', () => {
    expect(analyzeSentiment('Người dân đang mua nước').terms).toEqual([]);
    expect(label('may nay dang mua')).toBe('positive');
  });

  it('reads emoji and emoticons', () => {
    expect(label('😍😍👍')).toBe('positive');
    expect(label('giao hàng kiểu này :(')).toBe('negative');
  });

  it('returns a score in [-1, 1], probabilities summing to 1 and the terms behind it', () => {
    for (const text of ['', 'tốt', 'tệ tệ tệ tệ tệ tệ', 'Hôm nay trời mưa', 'rất rất tốt '.repeat(500)]) {
      const r = analyzeSentiment(text);
      expect(r.score).toBeGreaterThanOrEqual(-1);
      expect(r.score).toBeLessThanOrEqual(1);
      const probs = Object.values(r.probabilities);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      const best = Object.entries(r.probabilities).sort((a, b) => b[1] - a[1])[0]![0];
      expect(best).toBe(r.label);
    }
    expect(analyzeSentiment('').label).toBe('neutral');
    expect(analyzeSentiment('không tốt').terms).toEqual([{ text: 'không tốt', value: -0.8 }]);
  });

  it('handles a 1 MB input', () => {
    const r = analyzeSentiment('Dịch vụ tệ, nhân viên thờ ơ. '.repeat(35_000));
    expect(r.label).toBe('negative');
  });
});

describe('sentiment lexicon', () => {
  it('compiles the bundled files', () => {
    expect(sentimentLexicon().exact.next?.size).toBeGreaterThan(300);
  });

  it('names a bad line', () => {
    expect(() => compileSentimentLexicon('tốt\tabc', '', '')).toThrow(
      'invalid sentiment lexicon line: "tốt\tabc"',
    );
    expect(() => compileSentimentLexicon('', '', '[nope]')).toThrow(
      'invalid sentiment lexicon section: "[nope]"',
    );
  });

  it('leaves clashing diacritic-free spellings out of folded matching', () => {
    const lex = compileSentimentLexicon('yêu\t1\tfold', 'yếu\t1\tfold', '');
    expect(lex.folded.next?.has('yeu') ?? false).toBe(false);
    expect(lex.exact.next?.has('yêu')).toBe(true);
  });
});
