import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../pipeline/charset/decode-body.ts';
import { extractArticle, extractLinks, type ArticleSelectors } from '../../pipeline/html/extract-article.ts';
import { SITES_DIR } from './fixture-server.ts';

const BAODAKLAK: ArticleSelectors = {
  title: 'h1.title',
  date: '.date-time',
  content: '.detail-content',
  remove: ['.box-related'],
};
const BOILERPLATE = [
  'Trang chủ',
  'Bình luận',
  'Bạn đọc',
  'Tin liên quan',
  'Tin khác',
  'Quảng cáo',
  'Liên kết',
  'Chia sẻ',
  'Đọc nhiều',
  'Bản quyền',
  'Ảnh:',
];

function read(file: string, contentType = 'text/html') {
  return decodeBody(fs.readFileSync(path.join(SITES_DIR, file)), contentType).text;
}
function golden(name: string): string {
  return fs.readFileSync(path.join(SITES_DIR, 'golden', name), 'utf8').trim();
}

const CASES: Array<{
  file: string;
  golden: string;
  selectors: ArticleSelectors;
  method: string;
  title: string;
  published: string;
  contentType?: string;
}> = [
  {
    file: 'baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html',
    golden: 'baodaklak-101.txt',
    selectors: BAODAKLAK,
    method: 'selector',
    title: 'Người dân xã Ea Tu phản ánh ô nhiễm từ nhà máy chế biến cà phê',
    published: '2026-11-24T01:15:00.000Z',
  },
  {
    file: 'baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html',
    golden: 'baodaklak-101.txt',
    selectors: {},
    method: 'readability',
    title: 'Người dân xã Ea Tu phản ánh ô nhiễm từ nhà máy chế biến cà phê',
    published: '2026-11-24T01:15:00.000Z',
  },
  {
    file: 'baodaklak/kinh-te/gia-ca-phe-tang-102.html',
    golden: 'baodaklak-102.txt',
    selectors: BAODAKLAK,
    method: 'selector',
    title: 'Giá cà phê tăng mạnh, nông dân phấn khởi nhưng lo chi phí vật tư',
    published: '2026-11-23T09:40:00.000Z',
  },
  {
    file: 'dlo/tin-tuc/2026/11/sot-xuat-huyet-tang-manh.html',
    golden: 'dlo-sot-xuat-huyet.txt',
    selectors: {},
    method: 'readability',
    title: 'Số ca sốt xuất huyết tăng mạnh, ngành y tế ra quân phun thuốc diệt muỗi',
    published: '2026-11-24T03:30:00.000Z',
  },
  {
    file: 'cu/tin/hop-cu-tri-20261124.htm',
    golden: 'cu-hop-cu-tri.txt',
    selectors: {},
    method: 'readability',
    title: 'Hội nghị tiếp xúc cử tri trước kỳ họp cuối năm',
    published: '2026-11-24T00:30:00.000Z',
    contentType: 'text/html; charset=iso-8859-1',
  },
];

describe('extractArticle on the fixture sites (golden files)', () => {
  for (const c of CASES) {
    it(`${c.file} (${c.method})`, () => {
      const article = extractArticle(
        read(c.file, c.contentType),
        `http://127.0.0.1:9/${c.file}`,
        c.selectors,
      );
      expect(article.text).toBe(golden(c.golden));
      expect(article.method).toBe(c.method);
      expect(article.title).toBe(c.title);
      expect(article.publishedAt?.toISOString()).toBe(c.published);
      for (const phrase of BOILERPLATE) expect(article.text).not.toContain(phrase);
    });
  }

  it('reads the canonical link and site name, and reports a date it cannot read', () => {
    const article = extractArticle(
      read('baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html'),
      'http://127.0.0.1:9/x?utm_source=a',
    );
    expect(article.canonicalUrl).toBe('http://127.0.0.1:9/baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html');
    expect(article.outlet).toBe('Báo Đắk Lắk');
    const undated = extractArticle(
      read('cu/tin/ngay-khong-ro-20261120.htm'),
      'http://127.0.0.1:9/cu/tin/x.htm',
    );
    expect(undated).toMatchObject({ publishedAt: null, dateText: 'Cập nhật: hôm qua lúc sáng sớm' });
  });
});

describe('extractLinks', () => {
  it('finds article links by selector or by shape, same host only, without menus', () => {
    const base = 'http://127.0.0.1:9/baodaklak/';
    expect(extractLinks(read('baodaklak/index.html'), base, '.list-news h3 a')).toEqual([
      'http://127.0.0.1:9/baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html',
      'http://127.0.0.1:9/baodaklak/kinh-te/gia-ca-phe-tang-102.html',
    ]);
    expect(extractLinks(read('dlo/index.html'), 'http://127.0.0.1:9/dlo/')).toEqual([
      'http://127.0.0.1:9/dlo/tin-tuc/2026/11/sot-xuat-huyet-tang-manh.html',
      'http://127.0.0.1:9/dlo/tin-tuc/2026/11/nuoc-thai-ca-phe-ea-tu.html',
      'http://127.0.0.1:9/private/bao-cao-noi-bo.html',
    ]);
    expect(
      extractLinks('<a href="https://other.vn/tin-123456.html">Một tin rất dài ở trang khác</a>', base),
    ).toEqual([]);
  });
});
