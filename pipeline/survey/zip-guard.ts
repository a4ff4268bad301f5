/** Checks an XLSX (zip) archive before a spreadsheet library inflates it: truncation, zip bombs, lying sizes. */
import zlib from 'node:zlib';
import { inputError } from '../../data/errors.ts';

export interface ZipLimits {
  /** Largest total uncompressed size of all entries. */
  maxUncompressedBytes: number;
  /** Largest compression ratio of one entry bigger than 1 MiB. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 10_000,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Throws an input error naming `file` when the archive is truncated, damaged or would inflate beyond the limits.
 * Every entry is inflated with a hard output cap, so an entry that lies about its size is caught too.
 */
export function checkZip(bytes: Buffer, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const damaged = (why: string) => inputError(file, null, `truncated or damaged XLSX file (${why})`);
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL) {
    throw inputError(file, null, 'not an XLSX file (no zip signature); save the sheet as .xlsx or .csv');
  }
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no end of central directory');
  const entries = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff)
    throw inputError(file, null, 'ZIP64 archives are not supported');
  if (entries > limits.maxEntries) throw inputError(file, null, `too many zip entries (${entries})`);
  if (cdOffset + cdSize > eocd) throw damaged('central directory out of bounds');

  let total = 0;
  let at = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL) throw damaged('bad central directory entry');
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      throw damaged(`entry ${name} missing`);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (dataStart + compressed > bytes.length) throw damaged(`entry ${name} cut short`);
    total += declared;
    if (total > limits.maxUncompressedBytes) {
      throw inputError(
        file,
        null,
        `XLSX would inflate beyond ${limits.maxUncompressedBytes} bytes (zip bomb?)`,
      );
    }
    if (declared > 1 << 20 && declared > compressed * limits.maxRatio) {
      throw inputError(
        file,
        null,
        `entry ${name} has a compression ratio over ${limits.maxRatio}:1 (zip bomb?)`,
      );
    }
    const data = bytes.subarray(dataStart, dataStart + compressed);
    if (method === 0) {
      if (compressed !== declared) throw damaged(`entry ${name} has inconsistent sizes`);
    } else if (method === 8) {
      let inflated: Buffer;
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(declared, 1) });
      } catch (error) {
        if (error instanceof RangeError) {
          throw inputError(file, null, `entry ${name} inflates beyond its declared size (zip bomb?)`);
        }
        throw damaged(`entry ${name} does not inflate`);
      }
      if (inflated.length !== declared)
        throw damaged(`entry ${name} inflates to ${inflated.length} bytes, not ${declared}`);
    } else {
      throw inputError(file, null, `entry ${name} uses unsupported zip compression method ${method}`);
    }
  }
}
