/** Near-duplicate fingerprints over syllable shingles: a 64-bit SimHash and MinHash LSH band keys. */

export const SHINGLE_SIZE = 3;
export const LSH_BANDS = 16;
export const LSH_ROWS = 4;
/** Two documents sharing at least this many LSH bands are near-duplicates (Jaccard ≳ 0.65 over 3-shingles). */
export const NEAR_DUPLICATE_MIN_BANDS = 3;
/**
 * Texts with fewer shingles get no band keys: in short posts most MinHash bins are empty and densified from their
 * neighbours, so unrelated one-line posts in the same phrasing collide. Syndication is about articles; short posts
 * still get exact-duplicate detection.
 */
export const NEAR_DUPLICATE_MIN_SHINGLES = 40;

const HASHES = LSH_BANDS * LSH_ROWS;

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TABLE_LIMIT = 0x2000;
const WORD_CHAR = new Uint8Array(TABLE_LIMIT);
const LOWER = new Uint16Array(TABLE_LIMIT);
for (let c = 0; c < TABLE_LIMIT; c++) {
  const ch = String.fromCharCode(c);
  WORD_CHAR[c] = /[\p{L}\p{N}\p{M}]/u.test(ch) ? 1 : 0;
  const lower = ch.toLowerCase();
  LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
}

let syllableBuffer = new Uint32Array(1024);

/** Hash of each lowercase syllable (run of letters, digits and marks) of `text`, in a reused buffer. */
function syllableHashes(text: string): Uint32Array {
  if (syllableBuffer.length < text.length) syllableBuffer = new Uint32Array(text.length);
  const out = syllableBuffer;
  let count = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isWord = c < TABLE_LIMIT ? WORD_CHAR[c] === 1 : /[\p{L}\p{N}\p{M}]/u.test(text[i]!);
    if (isWord) {
      h = Math.imul(h ^ (c < TABLE_LIMIT ? LOWER[c]! : c), 0x01000193);
      inWord = true;
    } else if (inWord) {
      out[count++] = h;
      inWord = false;
      h = 0x811c9dc5;
    }
  }
  if (inWord) out[count++] = h;
  return out.subarray(0, count);
}

/** Hashes of the overlapping syllable n-grams of `text` (the syllables themselves for very short texts). */
export function shingleHashes(text: string, size = SHINGLE_SIZE): Uint32Array {
  const syllables = syllableHashes(text);
  if (syllables.length < size) return syllables.map(mix32);
  const out = new Uint32Array(syllables.length - size + 1);
  if (size === 3) {
    for (let i = 0; i < out.length; i++) {
      const h = mix32(syllables[i]!);
      out[i] = mix32(Math.imul(mix32(Math.imul(h, 31) + syllables[i + 1]!), 31) + syllables[i + 2]!);
    }
    return out;
  }
  for (let i = 0; i < out.length; i++) {
    let h = 0;
    for (let j = 0; j < size; j++) h = mix32(Math.imul(h, 31) + syllables[i + j]!);
    out[i] = h;
  }
  return out;
}

export interface Fingerprint {
  /** 64-bit SimHash as an unsigned bigint (0n for a text without syllables). */
  simhash: bigint;
  /** LSH band keys (`band * 2^32 + hash`), one per band; empty for a text without syllables. */
  bands: number[];
}

const BIN_BITS = 6;
const VALUE_BITS = 32 - BIN_BITS;
const VALUE_MASK = (1 << VALUE_BITS) - 1;

/**
 * MinHash signature by one-permutation hashing (one hash per shingle, 64 bins, empty bins filled from the next
 * non-empty bin with its distance folded in), as accurate as 64 independent hashes at a 64th of the cost.
 */
function minhashSignature(shingles: Uint32Array): Uint32Array {
  const bins = new Uint32Array(HASHES).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const h = mix32(shingles[s]! ^ 0x5bd1e995);
    const bin = h >>> VALUE_BITS;
    const value = h & VALUE_MASK;
    if (value < bins[bin]!) bins[bin] = value;
  }
  const signature = new Uint32Array(HASHES);
  for (let j = 0; j < HASHES; j++) {
    if (bins[j] !== 0xffffffff) {
      signature[j] = bins[j]!;
      continue;
    }
    for (let t = 1; t < HASHES; t++) {
      const k = (j + t) % HASHES;
      if (bins[k] !== 0xffffffff) {
        signature[j] = (bins[k]! + t * (VALUE_MASK + 1)) >>> 0;
        break;
      }
    }
  }
  return signature;
}

/** 64-bit SimHash from per-nibble histograms: 16 increments per shingle instead of 64. */
function simhash64(shingles: Uint32Array): bigint {
  const histogram = new Int32Array(256);
  for (let s = 0; s < shingles.length; s++) {
    const lo = shingles[s]!;
    const hi = mix32(lo ^ 0x9e3779b9);
    for (let nibble = 0; nibble < 8; nibble++) {
      histogram[(nibble << 4) | ((lo >>> (nibble << 2)) & 15)]++;
      histogram[((nibble + 8) << 4) | ((hi >>> (nibble << 2)) & 15)]++;
    }
  }
  const half = shingles.length;
  let low = 0;
  let high = 0;
  for (let nibble = 0; nibble < 16; nibble++) {
    for (let bit = 0; bit < 4; bit++) {
      let ones = 0;
      for (let v = 0; v < 16; v++) if ((v >>> bit) & 1) ones += histogram[(nibble << 4) | v]!;
      if (ones * 2 > half) {
        const position = ((nibble & 7) << 2) | bit;
        if (nibble < 8) low |= 1 << position;
        else high |= 1 << position;
      }
    }
  }
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

/** SimHash and MinHash band keys of `text`. A text of 42+ syllables gets 16 band keys; a shorter one none. */
export function fingerprint(text: string): Fingerprint {
  const shingles = shingleHashes(text);
  if (shingles.length === 0) return { simhash: 0n, bands: [] };
  if (shingles.length < NEAR_DUPLICATE_MIN_SHINGLES) return { simhash: simhash64(shingles), bands: [] };
  const signature = minhashSignature(shingles);
  const bands: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = band + 1;
    for (let r = 0; r < LSH_ROWS; r++) h = mix32(Math.imul(h, 0x9e3779b1) ^ signature[band * LSH_ROWS + r]!);
    bands.push(band * 0x1_0000_0000 + h);
  }
  return { simhash: simhash64(shingles), bands };
}

/** Number of differing bits between two SimHashes. */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = a ^ b;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}
