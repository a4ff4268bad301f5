import { describe, it, expect } from 'vitest';
import { createPlaceExtractor, extractPlaces, mostSpecificLocality } from '../../../analytics/nlp/places.ts';
import { currentSuccessors, loadUnits } from '../../../data/reference/index.ts';
import { normalizeText } from '../../../data/text/normalize.ts';

const OLD = new Date('2024-05-10T08:00:00+07:00');
const NEW = new Date('2025-09-10T08:00:00+07:00');

const uids = (text: string, at?: Date) => extractPlaces(text, { at }).map((m) => m.uid);

describe('extractPlaces', () => {
  it('finds prefixed names with offsets into the text', () => {
    const text = 'Người dân xã Ea Tu, TP. Buôn Ma Thuột phản ánh đường liên thôn xuống cấp.';
    const mentions = extractPlaces(text, { at: OLD });
    expect(mentions.map((m) => [m.uid, m.surface])).toEqual([
      ['24163/pre2025', 'xã Ea Tu'],
      ['643/pre2025', 'TP. Buôn Ma Thuột'],
    ]);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.surface);
    expect(mentions[0]).toMatchObject({ code: '24163', name: 'Xã Ea Tu' });
    expect(mentions[0]!.confidence).toBeGreaterThan(0.9);
  });

  it('maps an old commune to its era, and currentSuccessors to the new unit', () => {
    const [mention] = extractPlaces('Ngày 3/4/2024, xã Ea Tu tổ chức đối thoại về giải phóng mặt bằng.', {
      at: OLD,
    });
    expect(mention?.uid).toBe('24163/pre2025');
    expect(currentSuccessors(mention!.uid).map((u) => u.name)).toEqual(['Phường Tân An']);
  });

  it('prefers the unit valid when the text was written', () => {
    expect(uids('Phường Tân An tổ chức hội nghị.', OLD)).toEqual(['24124/pre2025']);
    expect(uids('Phường Tân An tổ chức hội nghị.', NEW)).toEqual(['24163/2025']);
    expect(uids('UBND xã Hòa Phú ra mắt bộ máy mới.', NEW)).toEqual(['24175/2025']);
  });

  it('disambiguates repeated names by the co-mentioned district or province', () => {
    expect(uids('Người dân xã Hòa Phú, thành phố Buôn Ma Thuột phản ánh.', OLD)[0]).toBe('24172/pre2025');
    expect(uids('Người dân xã Hòa Phú, huyện Tây Hòa (Phú Yên) phản ánh.', OLD)[0]).toBe('22270/pre2025');
    expect(uids('phường Ea Tam (TP. Buôn Ma Thuột)', OLD)[0]).toBe('24151/pre2025');
    expect(uids('xã Ea Tam, huyện Krông Năng', OLD)[0]).toBe('24352/pre2025');
  });

  it('lowers confidence when the choice stays ambiguous', () => {
    const [alone] = extractPlaces('Người dân xã Hòa Phú phản ánh về ô nhiễm.', { at: OLD });
    const [withDistrict] = extractPlaces('Người dân xã Hòa Phú, TP. Buôn Ma Thuột phản ánh.', { at: OLD });
    expect(alone!.confidence).toBeLessThan(0.6);
    expect(withDistrict!.confidence).toBeGreaterThan(0.9);
  });

  it('takes the type prefix into account', () => {
    expect(uids('UBND huyện Krông Búk', OLD)).toEqual(['649/pre2025']);
    expect(uids('UBND xã Krông Búk', NEW)).toEqual(['24310/2025']);
    expect(uids('Huyện ủy Krông Pắc họp', OLD)).toEqual(['654/pre2025']);
    expect(uids('H. Krông A Na và TX. Buôn Hồ', OLD)).toEqual(['655/pre2025', '644/pre2025']);
  });

  it('reads lists of names after one prefix', () => {
    const text = 'Các xã Ea Kly, Ea Phê và Hòa An (huyện Krông Pắc) bị hạn.';
    expect(uids(text, OLD)).toEqual(['24496/pre2025', '24502/pre2025', '24511/pre2025', '654/pre2025']);
  });

  it('matches spelling variants, old tone marks and text without diacritics', () => {
    expect(uids('huyện Ea H’leo, Eahleo và Ea Hleo', OLD)).toEqual([
      '645/pre2025',
      '645/pre2025',
      '645/pre2025',
    ]);
    expect(uids('TP. Tuy Hoà', OLD)).toEqual(['555/pre2025']);
    expect(uids('nông dân huyện Krông Ana', OLD)).toEqual(['655/pre2025']);
    expect(uids('Ngap lut o xa Ea Tu, huyen Krong Pac', OLD)).toEqual(['24163/pre2025', '654/pre2025']);
    expect(uids('CÔNG AN TỈNH ĐẮK LẮK', NEW)).toEqual(['66/2025']);
    expect(uids('Sở Y tế tỉnh Daklak; Đăk Lăk', OLD)).toEqual(['66/pre2025', '66/pre2025']);
  });

  it('matches a name with some syllables typed without their marks, but not with wrong marks', () => {
    expect(uids('Tai nạn trên quốc lộ 14 đoạn qua huyện Krông Buk.', OLD)).toEqual(['649/pre2025']);
    expect(uids('Nông dân huyện Krong Pắc mất mùa.', OLD)).toEqual(['654/pre2025']);
    expect(uids('Nông dân huyện Krông Pác mất mùa.', OLD)).toEqual([]);
  });

  it('matches distinctive names without a prefix, not common words', () => {
    expect(uids('Giá cà phê ở Buôn Ma Thuột và Krông Pắc tăng.', OLD)).toEqual([
      '643/pre2025',
      '654/pre2025',
    ]);
    expect(uids('Cuộc sống ở BMT', OLD)).toEqual(['643/pre2025']);
    expect(uids('bmt', OLD)).toEqual([]);
    expect(uids('Thành công của hội nghị là thắng lợi lớn, đoàn kết và thống nhất, tân lập.', OLD)).toEqual(
      [],
    );
    expect(uids('Hợp tác xã Tân Lập vừa thu hoạch cà phê.', OLD)).toEqual([]);
    expect(uids('Cá chết trên sông Krông Ana, hồ Ea Kao', OLD)).toEqual([]);
    expect(uids('Đi xa Buôn Ma Thuột', OLD)).toEqual(['643/pre2025']);
  });

  it('needs the district to trust a numbered ward', () => {
    const [alone] = extractPlaces('Phường 9 tổ chức họp dân.', { at: OLD });
    const [withCity] = extractPlaces('Phường 9, TP. Tuy Hòa tổ chức họp dân.', { at: OLD });
    expect(alone?.uid).toBe('22024/pre2025');
    expect(withCity?.uid).toBe('22024/pre2025');
    expect(alone!.confidence).toBeLessThan(withCity!.confidence);
    expect(uids('Có 9 hộ dân', OLD)).toEqual([]);
  });

  it('indexes nfc text and survives odd input', () => {
    expect(extractPlaces('')).toEqual([]);
    expect(() => extractPlaces('\ud800 xã Ea Tu \u0000')).not.toThrow();
    const decomposed = 'xã Ea Tu, TP. Buôn Ma Thuột'.normalize('NFD');
    expect(uids(decomposed, OLD)).toEqual(['24163/pre2025', '643/pre2025']);
  });

  it('is linear in the length of the text', () => {
    const para =
      'Sáng 12/3, UBND huyện Krông Pắc phối hợp với các xã Ea Kly, Ea Phê tổ chức đối thoại về bồi thường, ' +
      'giải phóng mặt bằng dự án cao tốc Khánh Hòa - Buôn Ma Thuột; giá cà phê tăng nhưng đời sống còn khó khăn. ';
    const extract = createPlaceExtractor(loadUnits());
    const small = normalizeText(para.repeat(200));
    const big = normalizeText(para.repeat(4000));
    extract(small, { at: OLD });
    const t0 = performance.now();
    const few = extract(small, { at: OLD });
    const tSmall = performance.now() - t0;
    const t1 = performance.now();
    const many = extract(big, { at: OLD });
    const tBig = performance.now() - t1;
    expect(many.length).toBe(few.length * 20);
    expect(tBig).toBeLessThan(tSmall * 20 * 4 + 500);
  });
});

describe('names that belong to something else', () => {
  it('reads no type word across punctuation', () => {
    expect(uids('Cảm ơn các anh chị cán bộ xã. 📍 Hòa Tâm', NEW)).toEqual(['22297/pre2025']);
    expect(uids('Rất cảm ơn cán bộ xã.\n📍 Tân Lập', NEW)).toEqual([]);
    expect(uids('TP.Buôn Ma Thuột và TP. Tuy Hòa', OLD)).toEqual(['643/pre2025', '555/pre2025']);
  });

  it('takes no village, and no name whose first syllable belongs to the word before', () => {
    expect(uids('Tai nạn ở khúc cua đoạn qua buôn Ea Bông. 📍 Cư Né', NEW)).toEqual(['24307/pre2025']);
    expect(uids('Ai nhặt được xe máy gần buôn Trấp báo giúp.', NEW)).toEqual([]);
    expect(uids('Công an Cư Pui cảnh báo thủ đoạn lừa đảo.', NEW)).toEqual(['24478/2025']);
    expect(uids('Cuộc sống ở Buôn Trấp', OLD)).toEqual(['24538/pre2025']);
  });

  it('reads the start of a longer commune name as its district at most', () => {
    expect(uids('đường qua phú hòa 2 lồi lõm như ruộng', NEW)).toEqual(['563/pre2025']);
    expect(uids('Đường qua Phú Hòa 2 lồi lõm như ruộng', NEW)).toEqual(['22303/2025']);
  });
});

describe('bare commune names after a place word', () => {
  it('takes a name that denotes one commune after ở, tại, xuống, về, địa bàn or a 📍', () => {
    for (const text of [
      'Mong thanh tra về Hòa Tâm làm rõ vụ tiền hỗ trợ.',
      'Đề nghị cơ quan chức năng xuống Hòa Tâm kiểm tra.',
      'Ở Hòa Tâm có cán bộ bắt hộ nghèo nộp tiền.',
      'Sạt lở trên địa bàn Hòa Tâm.',
      'Lũ lên nhanh quá mọi người ơi 😭\n📍 Hòa Tâm',
      '📍Hòa Tâm',
      'Thanh tra xuong Hoa Tam lam ro',
    ])
      expect(uids(text, NEW), text).toEqual(['22297/pre2025']);
    expect(uids('Nước ngập sâu ở Phú Hòa 1, nhiều thôn bị chia cắt.', NEW)).toEqual(['22319/2025']);
  });

  it('trusts such a name less than one written with its type word', () => {
    const [marked] = extractPlaces('Thanh tra xuống Hòa Tâm làm rõ.', { at: NEW });
    const [prefixed] = extractPlaces('Thanh tra xuống xã Hòa Tâm làm rõ.', { at: NEW });
    expect(marked!.surface).toBe('Hòa Tâm');
    expect(marked!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(marked!.confidence).toBeLessThan(prefixed!.confidence);
  });

  it('leaves a name shared by several places alone unless the text names the district', () => {
    expect(uids('📍 Hòa Thắng', NEW)).toEqual([]);
    expect(uids('Mong thanh tra xuống Hòa Xuân làm rõ.', NEW)).toEqual([]);
    expect(uids('Phụ huynh có con học ở Tân Lập cho hỏi tiền quỹ.', NEW)).toEqual([]);
    expect(uids('Đường vào Hòa Thắng, huyện Phú Hòa bị chia cắt.', NEW)).toEqual([
      '22324/pre2025',
      '563/pre2025',
    ]);
    expect(uids('Ở Hòa Thắng (TP. Buôn Ma Thuột) nước ngập.', NEW)).toEqual(['24166/pre2025', '643/pre2025']);
    expect(uids('Mong thanh tra xuống Hòa Xuân, thị xã Đông Hòa cũ.', NEW)).toEqual([
      '22291/2025',
      '564/pre2025',
    ]);
    const school = extractPlaces('Trường ở Tân Lập, huyện Krông Búk thu tiền sai quy định.', { at: NEW });
    expect(mostSpecificLocality(school)).toBe('24317/pre2025');
  });

  it('ignores names without a place word, in villages, uncapitalised or in capitals', () => {
    for (const text of [
      'Hòa Tâm bị ngập.',
      'Xóm mình ở thôn Tân Lập ngập gần nóc tủ rồi.',
      'gặp anh Hòa Tâm ở chợ',
      'mua khong ngot, duong vao hoa tam bi chia cat',
      'lũ ở hòa tâm lên nhanh',
      'LŨ Ở HÒA TÂM LÊN NHANH',
    ])
      expect(uids(text, NEW), text).toEqual([]);
  });

  it('ignores common words, person names, longer names and places outside the province', () => {
    for (const text of [
      'Hội nghị đã đi đến Thành Công tốt đẹp.',
      'Cả nước hướng về Thống Nhất, hướng về Đoàn Kết.',
      'Thư cảm ơn gửi đến Lê Hòa Tâm và gia đình.',
      'Nghỉ dưỡng ở Hòa Tâm Resort cuối tuần.',
      'Công ty đặt văn phòng tại Tân Lập Group.',
      'Đoàn về Phú Xuân (Huế) dự lễ.',
      'Giá lúa ở Tân An, Long An giảm.',
      'Nông dân ở Xuân Lộc, Đồng Nai trúng mùa.',
    ])
      expect(uids(text, NEW), text).toEqual([]);
  });
});

describe('mostSpecificLocality', () => {
  it('prefers a commune inside a mentioned district', () => {
    const mentions = extractPlaces('Tỉnh Đắk Lắk, huyện Krông Pắc: xã Ea Kly và phường Tân Lập', { at: OLD });
    expect(mostSpecificLocality(mentions)).toBe('24496/pre2025');
  });

  it('falls back to the district, then the province, then null', () => {
    expect(mostSpecificLocality(extractPlaces('tỉnh Đắk Lắk và huyện Lắk', { at: OLD }))).toBe('656/pre2025');
    expect(mostSpecificLocality(extractPlaces('tỉnh Đắk Lắk', { at: NEW }))).toBe('66/2025');
    expect(mostSpecificLocality([])).toBeNull();
  });
});
