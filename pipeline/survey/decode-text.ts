/** Bytes of an exported text file → a string: BOMs, UTF-8, UTF-16, and the legacy Vietnamese encodings of older Excel. */
import { decodeBody } from '../charset/decode-body.ts';

export interface DecodedText {
  text: string;
  /** 'utf-8', 'utf-16le', 'utf-16be', or the legacy encoding detected: 'windows-1258', 'tcvn3', 'vni', 'windows-1252'… */
  encoding: string;
}

const ENCODING_NAMES: Record<string, string> = {
  'windows-1258': 'Windows-1258',
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI-Windows',
};

/** How a note names an encoding: `encodingName('tcvn3')` → `'TCVN3 (ABC)'`. */
export function encodingName(encoding: string): string {
  return ENCODING_NAMES[encoding] ?? encoding;
}

/**
 * Decode a whole file, as fetched pages are (`decodeBody`, without a declared charset): a BOM decides; else strict
 * UTF-8; else the single-byte encoding whose reading looks most like Vietnamese among Windows-1258 (Vietnamese Windows
 * and Excel), TCVN3/ABC and VNI-Windows (the pre-Unicode font encodings), falling back to the detected Western code
 * page. Legacy text comes out NFC.
 * `decodeText(fs.readFileSync('survey.csv')).text`
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodeBody(bytes);
  const legacy = decoded.via === 'detected' && decoded.charset !== 'utf-8';
  return { text: legacy ? decoded.text.normalize('NFC') : decoded.text, encoding: decoded.charset };
}
