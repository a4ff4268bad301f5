import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../pipeline/charset/decode-body.ts';
import {
  decodeTcvn3,
  decodeVni,
  encodeTcvn3,
  encodeVni,
  encodeWindows1258,
} from '../../pipeline/charset/legacy-vietnamese.ts';
import { isVietnameseSyllable } from '../../pipeline/charset/vietnamese-score.ts';
import { SITES_DIR } from './fixture-server.ts';

const SENTENCE =
  'Người dân xã Ea Tu phản ánh tình trạng ô nhiễm môi trường kéo dài, đề nghị chính quyền sớm xử lý.';
const page = (body: string, head = '') => `<html><head>${head}</head><body><p>${body}</p></body></html>`;
const LOWER_VIETNAMESE = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ ',
];

describe('legacy Vietnamese encodings', () => {
  it('decode the classic byte patterns', () => {
    expect(decodeTcvn3(Buffer.from('Hµ Néi, ViÖt Nam, §µ N½ng, ®¹i häc, ng\u00adêi', 'latin1'))).toBe(
      'Hà Nội, Việt Nam, Đà Nẵng, đại học, người',
    );
    expect(
      decodeVni(
        Buffer.from('Vieät Nam, Thaønh phoá Hoà Chí Minh, ngöôøi, ñöôïc, Ñaék Laék, VIEÄT', 'latin1'),
      ),
    ).toBe('Việt Nam, Thành phố Hồ Chí Minh, người, được, Đắk Lắk, VIỆT');
  });

  it('round-trip any lowercase Vietnamese text', () => {
    const text = fc
      .array(fc.constantFrom(...LOWER_VIETNAMESE), { maxLength: 80 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(decodeTcvn3(encodeTcvn3(s))).toBe(s);
        expect(decodeVni(encodeVni(s))).toBe(s);
        expect(decodeBody(encodeWindows1258(s), 'text/plain; charset=windows-1258').text).toBe(s);
      }),
    );
  });
});

describe('decodeBody', () => {
  it('follows BOM, then header, then meta', () => {
    const utf8 = Buffer.from(page(SENTENCE));
    expect(
      decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'text/html; charset=windows-1258'),
    ).toMatchObject({
      charset: 'utf-8',
      via: 'bom',
    });
    const legacy = encodeWindows1258(page(SENTENCE, '<meta charset="utf-8">'));
    expect(decodeBody(legacy, 'text/html; charset=windows-1258')).toMatchObject({
      charset: 'windows-1258',
      via: 'header',
    });
    const meta = encodeWindows1258(
      page(SENTENCE, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'),
    );
    const decoded = decodeBody(meta, 'text/html');
    expect(decoded).toMatchObject({ charset: 'windows-1258', via: 'meta' });
    expect(decoded.text).toContain(SENTENCE);
  });

  it('detects TCVN3, VNI and Windows-1258 pages that declare Latin-1 or nothing', () => {
    for (const [bytes, charset] of [
      [encodeTcvn3(page(SENTENCE)), 'tcvn3'],
      [encodeVni(page(SENTENCE)), 'vni'],
      [encodeWindows1258(page(SENTENCE)), 'windows-1258'],
    ] as const) {
      for (const contentType of ['text/html; charset=iso-8859-1', 'text/html', null]) {
        const decoded = decodeBody(bytes, contentType);
        expect({ charset: decoded.charset, ok: decoded.text.includes(SENTENCE) }).toEqual({
          charset,
          ok: true,
        });
      }
    }
  });

  it('leaves real Latin-1 text alone and flags broken UTF-8', () => {
    const french = Buffer.from('<p>Le café est très cher à Paris, où les élèves étudient.</p>', 'latin1');
    expect(decodeBody(french, 'text/html; charset=iso-8859-1')).toMatchObject({ charset: 'windows-1252' });
    const broken = Buffer.concat([Buffer.from(page(SENTENCE)), Buffer.from([0xc3, 0x28])]);
    expect(decodeBody(broken, 'text/html; charset=utf-8')).toMatchObject({
      charset: 'utf-8',
      invalidUtf8: true,
    });
  });

  it('reads the fixture pages in Windows-1258 and TCVN3', () => {
    const w1258 = fs.readFileSync(path.join(SITES_DIR, 'baodaklak/kinh-te/gia-ca-phe-tang-102.html'));
    expect(decodeBody(w1258, 'text/html').text).toContain('Bà Hoàng Thị Thủy ở xã Cư Bao');
    const tcvn3 = fs.readFileSync(path.join(SITES_DIR, 'cu/tin/hop-cu-tri-20261124.htm'));
    expect(decodeBody(tcvn3, 'text/html; charset=iso-8859-1').text).toContain(
      'tiếp xúc cử tri tại xã Ea Kly',
    );
  });
});

describe('isVietnameseSyllable', () => {
  it('accepts well-formed syllables and rejects mojibake', () => {
    for (const word of ['người', 'nghiêng', 'khuya', 'quốc', 'gì', 'Thủy', 'hoà'])
      expect(isVietnameseSyllable(word)).toBe(true);
    for (const word of ['vieät', 'ngưêi', 'café', 'élèves', 'hàá'])
      expect(isVietnameseSyllable(word)).toBe(false);
  });
});
