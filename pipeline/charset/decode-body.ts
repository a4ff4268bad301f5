/** Turns fetched bytes into text: BOM, HTTP charset, meta charset, legacy Vietnamese detection, chardet. */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { decodeTcvn3, decodeVni } from './legacy-vietnamese.ts';
import { vietnameseScore } from './vietnamese-score.ts';

export interface Decoded {
  text: string;
  /** The charset used: 'utf-8', 'windows-1258', 'tcvn3', 'vni', or another iconv name. */
  charset: string;
  /** How the charset was chosen: bom | header | meta | detected. */
  via: 'bom' | 'header' | 'meta' | 'detected';
  /** Declared UTF-8 but some byte sequences were invalid; they were replaced by U+FFFD. */
  invalidUtf8?: boolean;
}

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'x-user-defined': 'windows-1252',
  cp1258: 'windows-1258',
  'windows-1258': 'windows-1258',
  tcvn: 'tcvn3',
  tcvn3: 'tcvn3',
  'tcvn-3': 'tcvn3',
  tcvn5712: 'tcvn3',
  'tcvn-5712': 'tcvn3',
  abc: 'tcvn3',
  vn3: 'tcvn3',
  vni: 'vni',
  'vni-windows': 'vni',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

function canonicalCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const lower = name
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!lower) return null;
  return ALIASES[lower] ?? lower;
}

/** The charset parameter of a Content-Type header: `charsetFromContentType('text/html; charset=UTF-8')` → `'utf-8'`. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return canonicalCharset(match?.[2]);
}

function charsetFromMarkup(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return canonicalCharset(meta?.[1]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function decodeAs(bytes: Uint8Array, charset: string): string | null {
  if (charset === 'tcvn3') return decodeTcvn3(bytes);
  if (charset === 'vni') return decodeVni(bytes);
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  if (!iconv.encodingExists(charset)) return null;
  return iconv.decode(Buffer.from(bytes), charset).normalize('NFC');
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Among the single-byte encodings Vietnamese pages used, the one whose decoding reads most like Vietnamese. */
function detectSingleByte(bytes: Uint8Array, fallback: string): { text: string; charset: string } {
  const text = decodeAs(bytes, fallback) ?? decodeAs(bytes, 'windows-1252')!;
  const base = { text, charset: fallback, score: vietnameseScore(text) };
  let best = base;
  for (const charset of ['windows-1258', 'tcvn3', 'vni']) {
    if (charset === fallback) continue;
    const candidate = decodeAs(bytes, charset)!;
    const score = vietnameseScore(candidate);
    if (score > best.score) best = { text: candidate, charset, score };
  }
  // A legacy reading must be clearly Vietnamese, not merely less wrong than Latin-1 (French, German…).
  return best !== base && best.score > 0 && best.score >= base.score + 3 ? best : base;
}

/**
 * Decode a response body. A BOM wins, then the HTTP header, then `<meta charset>` or the XML declaration,
 * then valid UTF-8; a Latin-1/Windows-1252 declaration or undeclared non-UTF-8 bytes are tried as
 * Windows-1258, TCVN3 and VNI and the most Vietnamese-looking decoding is kept (old sites declared Latin-1
 * and relied on fonts).
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8', via: 'bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le', via: 'bom' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be', via: 'bom' };
  }
  const header = charsetFromContentType(contentType);
  const meta = header ? null : charsetFromMarkup(bytes);
  const declared = header ?? meta;
  const via = header ? 'header' : 'meta';
  if (!hasHighBytes(bytes))
    return {
      text: Buffer.from(bytes).toString('latin1'),
      charset: declared ?? 'utf-8',
      via: declared ? via : 'detected',
    };

  if (declared && declared !== 'utf-8' && declared !== 'windows-1252') {
    const text = decodeAs(bytes, declared);
    if (text !== null) return { text, charset: declared, via };
  }
  const asUtf8 = strictUtf8(bytes);
  if (asUtf8 !== null && declared !== 'windows-1252')
    return { text: asUtf8, charset: 'utf-8', via: declared ? via : 'detected' };
  const guess = canonicalCharset(chardet.detect(bytes)) ?? 'windows-1252';
  const fallback =
    declared === 'windows-1252' || !iconv.encodingExists(guess) || guess === 'utf-8' ? 'windows-1252' : guess;
  const best = detectSingleByte(bytes, fallback);
  if (asUtf8 !== null && vietnameseScore(asUtf8) >= vietnameseScore(best.text)) {
    return { text: asUtf8, charset: 'utf-8', via: 'detected' };
  }
  if (asUtf8 === null && declared === 'utf-8') {
    // Declared UTF-8 with a few broken sequences reads better as UTF-8 than any legacy guess; a legacy page
    // mislabelled as UTF-8 reads far better in its real encoding.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    if (vietnameseScore(lenient) >= vietnameseScore(best.text)) {
      return { text: lenient, charset: 'utf-8', via, invalidUtf8: true };
    }
  }
  return { text: best.text, charset: best.charset, via: best.charset === declared ? via : 'detected' };
}
