import { describe, expect, it } from 'vitest';
import { loadUnits } from '../../data/reference/index.ts';
import { canonicalUrl } from '../../pipeline/canonical-url.ts';
import { parseDocumentDate } from '../../pipeline/dates/parse-date.ts';
import { fingerprint, hammingDistance } from '../../pipeline/dedupe/fingerprint.ts';
import { detectLanguage } from '../../pipeline/detect-language.ts';
import { createLocalityResolver } from '../../pipeline/locality/resolve-locality.ts';

describe('canonicalUrl', () => {
  it('strips tracking parameters, fragment, default port and case of the host', () => {
    expect(
      canonicalUrl('HTTPS://Baodaklak.VN:443/a/b.html?utm_source=fb&fbclid=x&gclid=y&z=1&a=2#binh-luan'),
    ).toBe('https://baodaklak.vn/a/b.html?a=2&z=1');
    expect(canonicalUrl('/tin/1.html?utm_medium=rss', 'http://x.vn/rss')).toBe('http://x.vn/tin/1.html');
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });
});

describe('parseDocumentDate', () => {
  const iso = (value: unknown) => parseDocumentDate(value)?.toISOString() ?? null;
  it('reads ISO, RFC 822, epoch and Vietnamese formats, local time being +07:00', () => {
    expect(iso('2026-11-24T08:15:00+07:00')).toBe('2026-11-24T01:15:00.000Z');
    expect(iso('2026-11-24')).toBe('2026-11-23T17:00:00.000Z');
    expect(iso('Mon, 24 Nov 2026 08:15:00 +0700')).toBe('2026-11-24T01:15:00.000Z');
    expect(iso('Tue, 24 Nov 2026 01:15:00 GMT')).toBe('2026-11-24T01:15:00.000Z');
    expect(iso(1795482000)).toBe('2026-11-24T01:00:00.000Z');
    expect(iso('1795482000000')).toBe('2026-11-24T01:00:00.000Z');
    // Exports that write epoch seconds as a float string ("1584428350.0").
    expect(iso('1795482000.0')).toBe('2026-11-24T01:00:00.000Z');
    expect(iso('1795482000.5')).toBe('2026-11-24T01:00:00.500Z');
    expect(iso('Thứ hai, 24/11/2026 - 08:15')).toBe('2026-11-24T01:15:00.000Z');
    expect(iso('08:15 24/11/2026')).toBe('2026-11-24T01:15:00.000Z');
    expect(iso('24-11-2026 08:15:30 (GMT+7)')).toBe('2026-11-24T01:15:30.000Z');
    expect(iso('Cập nhật lúc 8 giờ 15, ngày 24 tháng 11 năm 2026')).toBe('2026-11-24T01:15:00.000Z');
    expect(iso('24/11/2026 3:05 CH')).toBe('2026-11-24T08:05:00.000Z');
  });
  it('returns null for what is not a date', () => {
    expect(iso('hôm qua')).toBeNull();
    expect(iso('31/02/2026')).toBeNull();
    expect(iso('1795482000.')).toBeNull();
    expect(iso('')).toBeNull();
    expect(iso({})).toBeNull();
  });
});

describe('detectLanguage', () => {
  it('tells Vietnamese, unaccented Vietnamese, English and other scripts apart', () => {
    expect(detectLanguage('Người dân phản ánh tình trạng ô nhiễm môi trường')).toBe('vi');
    expect(detectLanguage('nguoi dan xa ea tu phan anh tinh trang o nhiem cua nha may va cac ho dan')).toBe(
      'vi',
    );
    expect(detectLanguage('The committee discussed the price of coffee in the province.')).toBe('en');
    expect(detectLanguage('Специальная военная операция')).toBe('other');
    expect(detectLanguage('12345 !!!')).toBe('other');
  });
});

describe('fingerprint', () => {
  it('keeps near-identical texts close and different texts apart', () => {
    const a = fingerprint(
      'Giá cà phê hôm nay tại Đắk Lắk tăng mạnh, người trồng cà phê phấn khởi vì được mùa được giá.',
    );
    const b = fingerprint(
      'Giá cà phê hôm nay tại Đắk Lắk tăng mạnh, người trồng cà phê phấn khởi vì được mùa được giá!',
    );
    const c = fingerprint(
      'Sở Y tế cảnh báo dịch sốt xuất huyết gia tăng tại nhiều phường của thành phố trong tháng này.',
    );
    expect(a.simhash).toBe(b.simhash);
    expect(a.bands).toEqual(b.bands);
    expect(hammingDistance(a.simhash, c.simhash)).toBeGreaterThan(10);
    expect(a.bands.filter((x, i) => x === c.bands[i])).toHaveLength(0);
    expect(fingerprint('...')).toEqual({ simhash: 0n, bands: [] });
  });
});

describe('createLocalityResolver', () => {
  const resolve = createLocalityResolver(loadUnits());
  const before = new Date('2024-05-01T00:00:00Z');
  const after = new Date('2025-09-01T00:00:00Z');
  it('resolves codes and names in the era of the date, keeping old units that only exist before the reform', () => {
    expect(resolve('24163', before)).toEqual({ uid: '24163/pre2025' });
    expect(resolve('Xã Ea Tu', after)).toEqual({ uid: '24163/pre2025' });
    expect(resolve('Buôn Ma Thuột', before)).toEqual({ uid: '643/pre2025' });
    expect(resolve('Buôn Ma Thuột', after)).toEqual({ uid: '24133/2025' });
    expect(resolve('TP. Buôn Ma Thuột', before)).toEqual({ uid: '643/pre2025' });
    expect(resolve('66', after)).toEqual({ uid: '66/2025' });
    expect(resolve('66/pre2025', after)).toEqual({ uid: '66/pre2025' });
    expect(resolve('Nowhere', after)).toEqual({ uid: null, problem: 'unknown locality "Nowhere"' });
  });
});
