/**
 * log(x) as glibc 2.36's `__ieee754_log_fma` computes it.
 *
 * Algorithm (Szabolcs Nagy, Arm optimized-routines; glibc dbl-64/e_log.c):
 * x = 2^k * z with z in [0x1.6p-1, 0x1.6p0); z lies in one of 128 subintervals
 * whose centre c has a tabulated 1/c and log(c); r = z/c - 1 is computed
 * exactly with one fma, and log(x) = k*ln2 + log(c) + log1p(r) with a degree-6
 * polynomial. Inputs within [1 - 2^-4, 1 + 0x1.09p-4) use a separate degree-12
 * polynomial in r = x - 1 with a hi/lo split of the r^2/2 term.
 *
 * The FMA build takes the `__FP_FAST_FMA` branch (r = fma(z, invc, -1), no
 * second table) and GCC contracts every product whose only uses are additions
 * in the same block; each `fma` below is one `vfmadd`/`vfnmadd` in
 * `__ieee754_log_fma` (23 in all).
 */
import { fma } from './fma.js';
import { doubleFromHex, doublesFromHex, fromWords, hiWord, loWord, pow2 } from './bits.js';
import { log_data_ln2hi, log_data_ln2lo, log_data_poly, log_data_poly1, log_data_tab } from './tables.js';

const Ln2hi = doubleFromHex(log_data_ln2hi);
const Ln2lo = doubleFromHex(log_data_ln2lo);
const A = doublesFromHex(log_data_poly);
const A0 = A[0] as number;
const A1 = A[1] as number;
const A2 = A[2] as number;
const A3 = A[3] as number;
const A4 = A[4] as number;
const B = doublesFromHex(log_data_poly1);
const B0 = B[0] as number;
const B1 = B[1] as number;
const B2 = B[2] as number;
const B3 = B[3] as number;
const B4 = B[4] as number;
const B5 = B[5] as number;
const B6 = B[6] as number;
const B7 = B[7] as number;
const B8 = B[8] as number;
const B9 = B[9] as number;
const B10 = B[10] as number;
/** [invc, logc] pairs for the 128 subintervals. */
const T = doublesFromHex(log_data_tab);

const P27 = pow2(27);
const P52 = pow2(52);

/** log(x) for x in [1 - 2^-4, 1 + 0x1.09p-4), x != 1. */
function logNear1(x: number): number {
  const r = x - 1.0;
  const r2 = r * r;
  const r3 = r * r2;
  let p = fma(r3, fma(r3, B10, fma(r2, B9, fma(r, B8, B7))), fma(r2, B6, fma(r, B5, B4)));
  p = fma(r3, p, fma(r2, B3, fma(r, B2, B1)));
  // rhi = r + w - w with w = r*2^27: both uses of w are fused.
  const rhi = fma(-P27, r, fma(r, P27, r));
  const rlo = r - rhi;
  const rhi2 = rhi * rhi;
  // w = rhi*rhi*B0 (B0 = -0.5) is fused into hi = r + w and lo = r - hi + w.
  const hi = fma(rhi2, B0, r);
  let lo = fma(rhi2, B0, r - hi);
  lo = fma(B0 * rlo, rhi + r, lo);
  const y = fma(r3, p, lo);
  return y + hi;
}

export function log(x: number): number {
  let hx = hiWord(x);
  let lx = loWord(x);
  // ix - asuint64(1 - 2^-4) < asuint64(1 + 0x1.09p-4) - asuint64(1 - 2^-4): a high-word range test
  // (the bounds have zero low words, so comparing hi words with the low word as tie-break is exact).
  if (hx >= 0x3fee0000 && hx < 0x3ff10900) {
    if (hx === 0x3ff00000 && lx === 0) return 0;
    return logNear1(x);
  }
  const top = hx >>> 16;
  if (top - 0x0010 >= 0x7ff0 - 0x0010 || top < 0x0010) {
    // x < 0x1p-1022 or inf or nan
    if ((hx & 0x7fffffff) === 0 && lx === 0) return -Infinity; // __math_divzero(1)
    if (hx === 0x7ff00000 && lx === 0) return x; // log(inf) == inf
    if ((top & 0x8000) !== 0 || (top & 0x7ff0) === 0x7ff0) return NaN; // __math_invalid
    // subnormal: normalize, with the exponent lowered by 52
    const xn = x * P52;
    hx = (hiWord(xn) - (52 << 20)) >>> 0;
    lx = loWord(xn);
  }
  // tmp = ix - OFF with OFF = 0x3fe6000000000000 (zero low word: only the high word changes).
  const tmpHi = (hx - 0x3fe60000) | 0;
  const i = (tmpHi >>> 13) & 127; // (tmp >> 45) % 128
  const k = tmpHi >> 20; // arithmetic shift of the 64-bit tmp by 52
  const z = fromWords((hx - (tmpHi & 0xfff00000)) >>> 0, lx);
  const invc = T[2 * i] as number;
  const logc = T[2 * i + 1] as number;
  const r = fma(z, invc, -1.0);
  const kd = k;
  // Ln2hi has 42 significant bits and |k| < 2^11: the product is exact, so unfused = fused.
  const w = kd * Ln2hi + logc;
  const hi = w + r;
  const lo = fma(kd, Ln2lo, w - hi + r);
  const r2 = r * r;
  const q = fma(r2, A0, lo);
  const p = fma(r2, fma(r, A4, A3), fma(r, A2, A1));
  const y = fma(r * r2, p, q);
  return y + hi;
}
