/**
 * exp(x) as glibc 2.36's `__ieee754_exp_fma` computes it (x86-64, FMA+AVX2 ifunc).
 *
 * Algorithm (Szabolcs Nagy, Arm optimized-routines; glibc dbl-64/e_exp.c):
 * x = k*ln2/N + r with N = 128, |r| <= ln2/(2N); exp(x) = 2^(k/N) * exp(r),
 * where 2^(k/N) = scale*(1 + tail) comes from a 128-entry table and exp(r)-1
 * is a degree-5 polynomial. k is obtained by adding a 1.5*2^52 shift, so the
 * integer sits in the low bits of the sum's representation.
 *
 * The FMA build contracts, and so do we (each `fma` below is a `vfmadd` in the
 * machine code): the shift addition, both halves of the ln2/N reduction,
 * C2 + r*C3, C4 + r*C5, the two polynomial accumulations and the final
 * scale + scale*tmp. In the underflow special case the product scale*tmp is
 * used in two basic blocks, so GCC keeps it a separate multiply there. Where a fused product is
 * provably exact (or, for the shift, provably rounds the same), plain arithmetic stands in for
 * the emulated fma: same bits, less work.
 */
import { fma, roundToIntFused } from './fma.js';
import { doubleFromHex, doublesFromHex, fromWords, hiWord, loWord, pow2, wordsFromHex } from './bits.js';
import {
  exp_data_invln2N, exp_data_negln2hiN, exp_data_negln2loN, exp_data_poly, exp_data_shift, exp_data_tab,
} from './tables.js';

/** N/ln2, -ln2/N split in two, the 2^52*1.5 shift and C2..C5. */
export const InvLn2N = doubleFromHex(exp_data_invln2N);
export const NegLn2hiN = doubleFromHex(exp_data_negln2hiN);
export const NegLn2loN = doubleFromHex(exp_data_negln2loN);
export const Shift = doubleFromHex(exp_data_shift);
const poly = doublesFromHex(exp_data_poly);
export const C2 = poly[0] as number;
export const C3 = poly[1] as number;
export const C4 = poly[2] as number;
export const C5 = poly[3] as number;
/** T[2i] = bits of tail_i, T[2i+1] = bits of 2^(i/N) minus i<<45; as [lo, hi] 32-bit words. */
export const expTab = wordsFromHex(exp_data_tab);
/** The tails as doubles (even entries of the table). */
export const expTail = (() => {
  const t = new Float64Array(128);
  for (let i = 0; i < 128; i++) t[i] = fromWords(expTab[4 * i + 1] as number, expTab[4 * i] as number);
  return t;
})();

const P1009 = pow2(1009);
const PM1022 = pow2(-1022);

/**
 * scale*(1+tmp) where scale's exponent may have gone out of range: k > 0 may
 * overflow, k < 0 may be subnormal. sHi/sLo are the words of the unadjusted
 * scale bits; kNeg is whether k < 0 (bit 31 of the low word of ki).
 */
function specialcase(tmp: number, sHi: number, sLo: number, kNeg: boolean): number {
  if (!kNeg) {
    // k > 0: the exponent of scale may have overflowed by <= 460.
    const scale = fromWords((sHi - (1009 << 20)) >>> 0, sLo);
    return P1009 * fma(scale, tmp, scale);
  }
  // k < 0: round to double precision before scaling into the subnormal range
  // (avoids double rounding). The FMA build does not fuse scale*tmp here.
  const scale = fromWords((sHi + (1022 << 20)) >>> 0, sLo);
  const st = scale * tmp;
  let y = scale + st;
  if (y < 1.0) {
    let lo = scale - y + st;
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = (hi + lo) - 1.0;
    if (y === 0) y = 0; // avoid -0
  }
  return PM1022 * y;
}

export function exp(x: number): number {
  const hx = hiWord(x);
  let abstop = (hx >>> 20) & 0x7ff;
  // abstop - top12(0x1p-54) >= top12(512) - top12(0x1p-54), as unsigned.
  if (((abstop - 0x3c9) >>> 0) >= 0x3f) {
    if (abstop - 0x3c9 < 0) return 1.0 + x; // tiny x (and 0): 1 + x rounds correctly
    if (abstop >= 0x409) {
      // |x| >= 1024, inf or nan
      if (hx === 0xfff00000 && loWord(x) === 0) return 0.0;
      if (abstop >= 0x7ff) return 1.0 + x;
      return hx >>> 31 ? 0 : Infinity; // __math_uflow / __math_oflow
    }
    abstop = 0; // large |x| (512 <= |x| < 1024): special-cased below
  }
  // x = k*ln2/N + r; z + Shift fused with the multiply.
  let kd = roundToIntFused(x, InvLn2N, Shift);
  const ki = loWord(kd); // k as the low 32 bits (two's complement)
  kd -= Shift;
  // NegLn2hiN has 36 significant bits: for |x| < 512, |k| < 2^17 and kd*NegLn2hiN is exact,
  // so the fused and the plain sum are the same single rounding.
  let r = abstop !== 0 ? x + kd * NegLn2hiN : fma(kd, NegLn2hiN, x);
  r = fma(kd, NegLn2loN, r);
  const i = ki & 127;
  const tail = expTail[i] as number;
  // sbits = T[2i+1] + (ki << 45): only the high word changes (ki << 13 there).
  const sHi = ((expTab[4 * i + 3] as number) + (ki << 13)) >>> 0;
  const sLo = expTab[4 * i + 2] as number;
  const r2 = r * r;
  let tmp = fma(r2, fma(r, C3, C2), tail + r);
  tmp = fma(r2 * r2, fma(r, C5, C4), tmp);
  if (abstop === 0) return specialcase(tmp, sHi, sLo, (ki & 0x80000000) !== 0);
  const scale = fromWords(sHi, sLo);
  return fma(scale, tmp, scale);
}
