/** Bytes of an exported text file → a string: BOMs, UTF-8, UTF-16, and Windows-1258 from older Vietnamese Excel. */
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a whole file. A BOM decides; else strict UTF-8; else Windows-1258 (the code page Vietnamese Windows
 * and Excel write), whose separate tone marks are composed to NFC.
 * `decodeText(fs.readFileSync('survey.csv')).text`
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8Lenient(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC'),
      encoding: 'windows-1258',
    };
  }
}

function utf8Lenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
