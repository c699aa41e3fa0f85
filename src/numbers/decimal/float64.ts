/**
 * Shortest decimals of doubles, written as ASCII bytes exactly as
 * String(x) (ECMA-262 Number::toString) writes them: the decimal with the
 * fewest significant digits that rounds to x, the one nearest x if there are
 * two (ties to the even digit, as V8 does), printed plainly for 1e-6 <= |x| <
 * 1e21 and in exponent form outside.
 *
 * The algorithm is Raffaello Giulietti's Schubfach ("The Schubfach way to
 * render doubles", 2020; figures 7-9 and section 9): with x = c * 2^q and
 * k = floor(log10(2^q)) (or of 3/4 * 2^q where the spacing below x halves),
 * the rounding interval R holds at least one multiple of 10^k and at most one
 * of 10^(k+1). x and the ends of R, scaled by 10^-k, are computed as
 * vb, vbl, vbr = round-to-odd(g * cp * 2^-127) with g a 126-bit approximation
 * of 10^-k * 2^r (table in tables.ts) and two fractional bits, which the paper
 * proves exact enough to decide membership in R and the nearest candidate.
 *
 * The differences from the paper's Java code: the result is the JavaScript
 * shortest (no two-digit minimum, so no "s >= 100" guard and no C_TINY
 * rescaling of the smallest subnormals), and the 64 x 128-bit products are
 * computed exactly in doubles with 24-bit limbs (products below 2^50), since
 * JavaScript has no 64-bit integers outside BigInt.
 */
import { writeInfinity, writeNaN } from './ascii.js';
import { writeDecimalFast as writeDecimal } from './digits.js';
import { G, G_MIN_E, flog10pow2, flog10threeQuartersPow2, flog2pow10 } from './tables.js';

const MINUS = 45;
const TWO_24 = 16777216;
const INV_TWO_24 = 1 / TWO_24;
/** 2^(20 - shift), by shift (a table: ** would call Math.pow). */
const ROP_SCALE = new Float64Array([1048576, 524288, 262144, 131072, 65536, 32768, 16384, 8192]);
const TWO_28 = 268435456;
const TWO_53 = 9007199254740992;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Which 32-bit half of a double holds the sign and exponent on this machine.
const HIGH_WORD = ((F64[0] = 1), U32[1] === 0x3ff00000 ? 1 : 0);
const LOW_WORD = 1 - HIGH_WORD;

// The last round-to-odd result, as ropHigh * 2^28 + ropLow (module state: nothing is allocated per value).
let ropHigh = 0;
let ropLow = 0;

/**
 * Writes the finite or non-finite double `x` at `offset` exactly as String(x)
 * prints it and returns the offset after it. Needs at most 25 bytes of room
 * (-0.0000012345678901234567).
 */
export function writeFloat64(buffer: Uint8Array, offset: number, x: number): number {
  if (x !== x) return writeNaN(buffer, offset);
  if (x === 0) {
    buffer[offset] = 48;
    return offset + 1;
  }
  if (x < 0) {
    buffer[offset++] = MINUS;
    x = -x;
  }
  if (x === Infinity) return writeInfinity(buffer, offset);
  if (x < TWO_53 && x >= 1 && Math.floor(x) === x) {
    // An integer below 2^53 is its own shortest decimal.
    const high = Math.floor(x / 1e8);
    return writeDecimal(buffer, offset, high, x - high * 1e8, 0);
  }
  F64[0] = x;
  const word = U32[HIGH_WORD] as number;
  const low = U32[LOW_WORD] as number;
  const biased = word >>> 20;
  const fraction = word & 0xfffff;
  if (biased === 0) return toDecimal(buffer, offset, -1074, fraction, low, false);
  return toDecimal(buffer, offset, biased - 1075, fraction | 0x100000, low, fraction === 0 && low === 0 && biased > 1);
}

/** x = c * 2^q with c = cHigh * 2^32 + cLow; `irregular` where the spacing below x is half that above. */
function toDecimal(buffer: Uint8Array, offset: number, q: number, cHigh: number, cLow: number, irregular: boolean): number {
  const k = irregular ? flog10threeQuartersPow2(q) : flog10pow2(q);
  const h = q + flog2pow10(-k) + 2; // in [2, 5] for every double
  const gi = (-k - G_MIN_E) * 6;
  const g0 = G[gi] as number;
  const g1 = G[gi + 1] as number;
  const g2 = G[gi + 2] as number;
  const g3 = G[gi + 3] as number;
  const g4 = G[gi + 4] as number;
  const g5 = G[gi + 5] as number;
  // 2c in 24-bit limbs.
  const m0 = (cLow << 1) & 0xffffff;
  const m1 = (cLow >>> 23) | ((cHigh & 0x7fff) << 9);
  const m2 = cHigh >>> 15;
  // The columns of Y = g * 2c (each below 2^50, exact).
  const y0 = g0 * m0;
  const y1 = g1 * m0 + g0 * m1;
  const y2 = g2 * m0 + g1 * m1 + g0 * m2;
  const y3 = g3 * m0 + g2 * m1 + g1 * m2;
  const y4 = g4 * m0 + g3 * m1 + g2 * m2;
  const y5 = g5 * m0 + g4 * m1 + g3 * m2;
  const y6 = g5 * m1 + g4 * m2;
  const y7 = g5 * m2;
  // Y normalized to 24-bit limbs a0..a7 (carries of columns below 2^52: exact in doubles).
  let carry = Math.floor(y0 * INV_TWO_24);
  const a0 = y0 - carry * TWO_24;
  let t = y1 + carry;
  carry = Math.floor(t * INV_TWO_24);
  const a1 = t - carry * TWO_24;
  t = y2 + carry;
  carry = Math.floor(t * INV_TWO_24);
  const a2 = t - carry * TWO_24;
  t = y3 + carry;
  carry = Math.floor(t * INV_TWO_24);
  const a3 = t - carry * TWO_24;
  t = y4 + carry;
  carry = Math.floor(t * INV_TWO_24);
  const a4 = t - carry * TWO_24;
  t = y5 + carry;
  carry = Math.floor(t * INV_TWO_24);
  const a5 = t - carry * TWO_24;
  t = y6 + carry;
  carry = Math.floor(t * INV_TWO_24);
  const a6 = t - carry * TWO_24;
  const a7 = y7 + carry;
  // vb = rop(g * 4c * 2^h / 2^127) = rop(Y / 2^(126 - h)); vbr from Y + g = g * (2c + 1); vbl from Y - g = g * (2c - 1),
  // or, where the spacing below x halves, from 2Y - g = g * (4c - 1) over 2^(127 - h). Limbs below 2^25: int32 carries.
  const shift = 6 - h; // 126 - h - 120
  rop(a2, a3, a4, a5, a6, a7, shift);
  const vbHigh = ropHigh;
  const vbLow = ropLow;
  let c = (a0 + g0) >> 24;
  c = (a1 + g1 + c) >> 24;
  let b2 = a2 + g2 + c;
  c = b2 >> 24;
  let b3 = a3 + g3 + c;
  c = b3 >> 24;
  let b4 = a4 + g4 + c;
  c = b4 >> 24;
  let b5 = a5 + g5 + c;
  c = b5 >> 24;
  let b6 = a6 + c;
  c = b6 >> 24;
  rop(b2 & 0xffffff, b3 & 0xffffff, b4 & 0xffffff, b5 & 0xffffff, b6 & 0xffffff, a7 + c, shift);
  const dr = (ropHigh - vbHigh) * TWO_28 + (ropLow - vbLow);
  const twice = irregular ? 1 : 0;
  const lowShift = shift + twice;
  const m = 1 + twice; // Y times 1 (regular) or 2 (irregular), minus g
  c = (m * a0 - g0) >> 24;
  c = (m * a1 - g1 + c) >> 24;
  b2 = m * a2 - g2 + c;
  c = b2 >> 24;
  b3 = m * a3 - g3 + c;
  c = b3 >> 24;
  b4 = m * a4 - g4 + c;
  c = b4 >> 24;
  b5 = m * a5 - g5 + c;
  c = b5 >> 24;
  b6 = m * a6 + c;
  c = b6 >> 24;
  rop(b2 & 0xffffff, b3 & 0xffffff, b4 & 0xffffff, b5 & 0xffffff, b6 & 0xffffff, m * a7 + c, lowShift);
  const dl = (ropHigh - vbHigh) * TWO_28 + (ropLow - vbLow);
  const out = cLow & 1;
  const vb3 = vbLow & 3;
  // s = vb >> 2 = sHigh * 10^8 + sLow.
  const sBits = vbLow >>> 2;
  const top = vbHigh * 67108864; // vbHigh * 2^26, exact
  let sHigh = Math.floor((top + sBits) / 1e8);
  let sLow = top - sHigh * 1e8 + sBits;
  if (sLow < 0) {
    sHigh--;
    sLow += 1e8;
  } else if (sLow >= 1e8) {
    sHigh++;
    sLow -= 1e8;
  }
  const sLowTenth = (sLow / 10) | 0;
  const r = sLow - sLowTenth * 10; // s mod 10
  // u' = 10 floor(s / 10) and w' = u' + 10, in units of 10^k: is exactly one in R?
  const upin = dl + out + vb3 + 4 * r <= 0;
  const wpin = dr >= 40 - 4 * r - vb3 + out;
  if (upin !== wpin) {
    const highTenth = (sHigh / 10) | 0;
    let high = highTenth;
    let lowPart = (sHigh - highTenth * 10) * 1e7 + sLowTenth;
    if (wpin && ++lowPart === 1e8) {
      lowPart = 0;
      high++;
    }
    return writeDecimal(buffer, offset, high, lowPart, k + 1);
  }
  // u = s and w = s + 1: the one in R, or the nearer (ties to even) if both are.
  const uin = dl + out + vb3 <= 0;
  const win = dr >= 4 - vb3 + out;
  const up = uin !== win ? win : vb3 > 2 || (vb3 === 2 && (sLow & 1) === 1);
  if (up && ++sLow === 1e8) {
    sLow = 0;
    sHigh++;
  }
  return writeDecimal(buffer, offset, sHigh, sLow, k);
}

/**
 * Round to odd of Y / 2^(120 + shift), Y = sum of r_i * 2^(24 i) with every
 * r_i in [0, 2^24) (r0 and r1 do not matter): sets ropHigh * 2^28 + ropLow to
 * floor(Y / 2^(120 + shift)), with its lowest bit set if any of the 63 bits
 * below 2^(120 + shift) is set.
 */
function rop(r2: number, r3: number, r4: number, r5: number, r6: number, r7: number, shift: number): void {
  // As in the paper's rop, bits of g * cp below 2^64 (here below 2^(57 + shift) of Y) are not looked at: they
  // hold the error of g, which would otherwise turn exact ties and exact ends of R into inexact ones.
  const sticky = (r2 >>> (9 + shift)) | r3 | r4 | (r5 & ((1 << shift) - 1));
  ropLow = (r5 >>> shift) | ((r6 & ((1 << (4 + shift)) - 1)) << (24 - shift)) | (sticky !== 0 ? 1 : 0);
  ropHigh = (r6 >>> (4 + shift)) + r7 * (ROP_SCALE[shift] as number);
}
