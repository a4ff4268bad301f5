/** The pre-Unicode Vietnamese encodings iconv does not know: TCVN3 (ABC, TCVN 5712 VN3) and VNI-Windows. */

// TCVN3 bytes 0xA1–0xFE that differ from Latin-1. Capitals with tone marks do not exist in VN3: fonts drew
// them from a separate capital font using the same bytes.
const TCVN3_HIGH: Record<number, string> = {
  0xa1: 'Ă',
  0xa2: 'Â',
  0xa3: 'Ê',
  0xa4: 'Ô',
  0xa5: 'Ơ',
  0xa6: 'Ư',
  0xa7: 'Đ',
  0xa8: 'ă',
  0xa9: 'â',
  0xaa: 'ê',
  0xab: 'ô',
  0xac: 'ơ',
  0xad: 'ư',
  0xae: 'đ',
  0xb5: 'à',
  0xb6: 'ả',
  0xb7: 'ã',
  0xb8: 'á',
  0xb9: 'ạ',
  0xbb: 'ằ',
  0xbc: 'ẳ',
  0xbd: 'ẵ',
  0xbe: 'ắ',
  0xc6: 'ặ',
  0xc7: 'ầ',
  0xc8: 'ẩ',
  0xc9: 'ẫ',
  0xca: 'ấ',
  0xcb: 'ậ',
  0xcc: 'è',
  0xce: 'ẻ',
  0xcf: 'ẽ',
  0xd0: 'é',
  0xd1: 'ẹ',
  0xd2: 'ề',
  0xd3: 'ể',
  0xd4: 'ễ',
  0xd5: 'ế',
  0xd6: 'ệ',
  0xd7: 'ì',
  0xd8: 'ỉ',
  0xdc: 'ĩ',
  0xdd: 'í',
  0xde: 'ị',
  0xdf: 'ò',
  0xe1: 'ỏ',
  0xe2: 'õ',
  0xe3: 'ó',
  0xe4: 'ọ',
  0xe5: 'ồ',
  0xe6: 'ổ',
  0xe7: 'ỗ',
  0xe8: 'ố',
  0xe9: 'ộ',
  0xea: 'ờ',
  0xeb: 'ở',
  0xec: 'ỡ',
  0xed: 'ớ',
  0xee: 'ợ',
  0xef: 'ù',
  0xf1: 'ủ',
  0xf2: 'ũ',
  0xf3: 'ú',
  0xf4: 'ụ',
  0xf5: 'ừ',
  0xf6: 'ử',
  0xf7: 'ữ',
  0xf8: 'ứ',
  0xf9: 'ự',
  0xfa: 'ỳ',
  0xfb: 'ỷ',
  0xfc: 'ỹ',
  0xfd: 'ý',
  0xfe: 'ỵ',
};

import iconv from 'iconv-lite';

const TCVN3_DECODE: string[] = [];
for (let b = 0; b < 256; b++) TCVN3_DECODE.push(TCVN3_HIGH[b] ?? String.fromCharCode(b));
const TCVN3_ENCODE = new Map<string, number>();
for (const [byte, ch] of Object.entries(TCVN3_HIGH)) TCVN3_ENCODE.set(ch, Number(byte));

/** Decode TCVN3 (ABC) bytes: `decodeTcvn3(Buffer.from([0x48, 0xb5]))` → `'Hà'`. */
export function decodeTcvn3(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += TCVN3_DECODE[bytes[i]!];
  return out;
}

/**
 * Encode text as TCVN3; capitals with tone marks are written as their lowercase form (as VN3 did) and
 * characters outside the table as '?'. Used to make fixtures and to round-trip in tests.
 */
export function encodeTcvn3(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase());
    if (direct !== undefined) out.push(direct);
    else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

// VNI-Windows writes a vowel as its ASCII base followed by a mark byte (shown here as its Windows-1252 glyph).
const VNI_TONES: Record<string, string> = { ù: '\u0301', ø: '\u0300', û: '\u0309', õ: '\u0303', ï: '\u0323' };
const VNI_CIRCUMFLEX: Record<string, string> = {
  â: '',
  ä: '\u0323',
  á: '\u0301',
  à: '\u0300',
  å: '\u0309',
  ã: '\u0303',
};
const VNI_BREVE: Record<string, string> = {
  ê: '',
  ë: '\u0323',
  é: '\u0301',
  è: '\u0300',
  ú: '\u0309',
  ü: '\u0303',
};
const VNI_LETTERS: Record<string, string> = {
  ô: 'ơ',
  ö: 'ư',
  ñ: 'đ',
  ì: 'ì',
  í: 'í',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
};

const VNI_PAIRS = new Map<string, string>();
for (const base of ['a', 'e', 'i', 'o', 'u', 'y']) {
  for (const [mark, tone] of Object.entries(VNI_TONES))
    VNI_PAIRS.set(base + mark, (base + tone).normalize('NFC'));
}
for (const base of ['a', 'e', 'o']) {
  for (const [mark, tone] of Object.entries(VNI_CIRCUMFLEX)) {
    VNI_PAIRS.set(base + mark, (base + '\u0302' + tone).normalize('NFC'));
  }
}
for (const [mark, tone] of Object.entries(VNI_BREVE))
  VNI_PAIRS.set('a' + mark, ('a\u0306' + tone).normalize('NFC'));
for (const [letter, base] of [
  ['ô', 'ơ'],
  ['ö', 'ư'],
]) {
  for (const [mark, tone] of Object.entries(VNI_TONES))
    VNI_PAIRS.set(letter! + mark, (base! + tone).normalize('NFC'));
}

const VNI_PATTERN = /[aeiouyôö][ùøûõïâäáàåãêëéèúü]|[ôöñìíæóòî]/giu;
const cp1252 = new TextDecoder('windows-1252');

/** Decode VNI-Windows bytes: `decodeVni(Buffer.from('Vieät Nam', 'latin1'))` → `'Việt Nam'`. */
export function decodeVni(bytes: Uint8Array): string {
  return cp1252.decode(bytes).replace(VNI_PATTERN, (match) => {
    const lower = match.toLowerCase();
    const upper = match[0] !== match[0]!.toLowerCase();
    const mapped = match.length === 2 ? VNI_PAIRS.get(lower) : VNI_LETTERS[lower];
    if (mapped === undefined)
      return match.length === 2 ? (VNI_LETTERS[lower[0]!] ?? match[0]!) + match[1]! : match;
    return upper ? mapped.toUpperCase() : mapped;
  });
}

const VNI_ENCODE = new Map<string, string>();
for (const [pair, ch] of VNI_PAIRS) if (!VNI_ENCODE.has(ch)) VNI_ENCODE.set(ch, pair);
for (const [byte, ch] of Object.entries(VNI_LETTERS)) VNI_ENCODE.set(ch, byte);

/** Encode text as VNI-Windows (for fixtures and round-trip tests); characters outside VNI become '?'. */
export function encodeVni(text: string): Buffer {
  let latin = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const pair = VNI_ENCODE.get(lower);
    if (pair !== undefined) latin += ch === lower ? pair : pair.toUpperCase();
    else latin += ch.charCodeAt(0) < 0x80 ? ch : '?';
  }
  return Buffer.from(latin, 'latin1');
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Encode text as Windows-1258 the way Windows wrote it: letters with a tone mark as the toneless letter
 * (precomposed ă, â, ê, ô, ơ, ư, đ) followed by a combining tone. iconv-lite alone turns precomposed toned
 * letters into '?'.
 */
export function encodeWindows1258(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows-1258');
    if (direct.length === 1 && (direct[0] !== 0x3f || ch === '?')) {
      parts.push(direct);
      continue;
    }
    const decomposed = ch.normalize('NFD');
    const tone = decomposed.split('').find((c) => TONE_MARKS.test(c)) ?? '';
    const base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
    parts.push(iconv.encode(base + tone, 'windows-1258'));
  }
  return Buffer.concat(parts);
}
