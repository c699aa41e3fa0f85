/**
 * Bit access to doubles without allocation: one shared scratch buffer.
 * glibc's routines branch on exponent bits and build scales from integer
 * arithmetic on the representation; these helpers give the two 32-bit halves
 * (little-endian: word 0 low, word 1 high) and parse the hex tables.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const u32f = new Uint32Array(f32.buffer);

/** High 32 bits (sign, exponent, top 20 mantissa bits) as an unsigned int. */
export function hiWord(x: number): number {
  f64[0] = x;
  return u32[1] as number;
}

/** Low 32 bits of the mantissa as an unsigned int. */
export function loWord(x: number): number {
  f64[0] = x;
  return u32[0] as number;
}

/** The double whose bit pattern is hi:lo. */
export function fromWords(hi: number, lo: number): number {
  u32[1] = hi;
  u32[0] = lo;
  return f64[0] as number;
}

/** The bit pattern of a float32 value (held in a number) as an unsigned int. */
export function floatBits(x: number): number {
  f32[0] = x;
  return u32f[0] as number;
}

/** The float32 value whose bit pattern is b. */
export function floatFromBits(b: number): number {
  u32f[0] = b;
  return f32[0] as number;
}

/** Parses hex 64-bit patterns ('3ff0000000000000') into a Float64Array. */
export function doublesFromHex(words: readonly string[]): Float64Array {
  const out = new Float64Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out[i] = fromWords(parseInt(w.slice(0, 8), 16), parseInt(w.slice(8), 16));
  }
  return out;
}

/** Parses hex 64-bit patterns into interleaved 32-bit words [lo0, hi0, lo1, hi1, ...]. */
export function wordsFromHex(words: readonly string[]): Uint32Array {
  const out = new Uint32Array(words.length * 2);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out[2 * i] = parseInt(w.slice(8), 16);
    out[2 * i + 1] = parseInt(w.slice(0, 8), 16);
  }
  return out;
}

/** The single double of a one-entry table. */
export function doubleFromHex(words: readonly string[]): number {
  return doublesFromHex(words)[0] as number;
}

/** 2^k for -1022 <= k <= 1023, built from its bits (exact by construction). */
export function pow2(k: number): number {
  return fromWords(((k + 1023) << 20) >>> 0, 0);
}

/**
 * POW2[k + 1074] = 2^k for -1074 <= k <= 1023 (subnormal powers included): lets a scale 2^k be
 * read from a table instead of assembled from two 32-bit words (a write of both halves followed
 * by a 64-bit read of the pair stalls store-to-load forwarding).
 */
export const POW2 = (() => {
  const t = new Float64Array(2098);
  for (let k = -1022; k <= 1023; k++) t[k + 1074] = pow2(k);
  for (let k = -1074; k < -1022; k++) t[k + 1074] = pow2(k + 52) * pow2(-52); // exact: a power of two
  return t;
})();
