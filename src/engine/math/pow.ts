/**
 * pow(x, y) as glibc 2.36's `__ieee754_pow_fma` computes it.
 *
 * Algorithm (Szabolcs Nagy, Arm optimized-routines; glibc dbl-64/e_pow.c):
 * x^y = exp(y * log(x)), where log(x) is computed as hi + lo with ~15 extra
 * bits (128-entry table of 1/c, log(c) and its tail, degree-8 polynomial),
 * y*log(x) is formed exactly as ehi + elo with an fma, and exp is the
 * e_exp.c algorithm taking the extra tail. Negative x is allowed for
 * integer y (the sign goes into the exponent bits of the scale).
 *
 * This follows the `__FP_FAST_FMA` branches the FMA build compiles
 * (r = fma(z, invc, -1), the exact A[0]*r*r tail lo3, the fma in elo) and
 * the contractions GCC makes in it (each `fma` below is a `vfmadd`/`vfmsub`
 * in `__ieee754_pow_fma`).
 */
import { fma, productError, roundToIntFused, splitHigh } from './fma.js';
import { doubleFromHex, doublesFromHex, fromWords, hiWord, loWord, pow2 } from './bits.js';
import { pow_log_data_ln2hi, pow_log_data_ln2lo, pow_log_data_poly, pow_log_data_tab } from './tables.js';
import { C2, C3, C4, C5, InvLn2N, NegLn2hiN, NegLn2loN, Shift, expTab, expTail } from './exp.js';

const Ln2hi = doubleFromHex(pow_log_data_ln2hi);
const Ln2lo = doubleFromHex(pow_log_data_ln2lo);
const A = doublesFromHex(pow_log_data_poly);
const A0 = A[0] as number;
const A1 = A[1] as number;
const A2 = A[2] as number;
const A3 = A[3] as number;
const A4 = A[4] as number;
const A5 = A[5] as number;
const A6 = A[6] as number;
/** [invc, pad, logc, logctail] for the 128 subintervals. */
const T = doublesFromHex(pow_log_data_tab);

const P1009 = pow2(1009);
const PM1022 = pow2(-1022);
const P52 = pow2(52);
/** Added to k before the shift into the exponent: sets the sign bit of the scale. */
const SIGN_BIAS = 0x800 << 7;

// log_inline's second result (the tail), returned through module state to avoid allocation.
let logTail = 0;

/**
 * hi + logTail = log(x) for x given by its (positive, possibly normalized-subnormal) bit words.
 * Sets logTail; returns hi.
 */
function logInline(hx: number, lx: number): number {
  // tmp = ix - OFF with OFF = 0x3fe6955500000000 (zero low word).
  const tmpHi = (hx - 0x3fe69555) | 0;
  const i = (tmpHi >>> 13) & 127;
  const k = tmpHi >> 20;
  const z = fromWords((hx - (tmpHi & 0xfff00000)) >>> 0, lx);
  const kd = k;
  const invc = T[4 * i] as number;
  const logc = T[4 * i + 2] as number;
  const logctail = T[4 * i + 3] as number;
  // 1/c is j/N or j/N/2 (at most 8 significant bits), so r = z/c - 1 is exact with one fma. The
  // same single rounding without fma: z = zh + zl with zh of 45 bits, so zh*invc and zl*invc are
  // exact, zh*invc - 1 is exact (Sterbenz), and one rounding of their sum remains.
  const zh = splitHigh(z, 8);
  const r = (zh * invc - 1.0) + (z - zh) * invc;
  // Ln2hi has 42 significant bits and |k| < 2^11: exact product, unfused = fused.
  const t1 = kd * Ln2hi + logc;
  const t2 = t1 + r;
  const lo1 = fma(kd, Ln2lo, logctail);
  const lo2 = t1 - t2 + r;
  const ar = A0 * r; // A[0] = -0.5
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = productError(ar, r, ar2); // fma(ar, r, -ar2): the rounding error of ar2, exactly
  const lo4 = t2 - hi + ar2;
  const q = fma(ar2, fma(r, A6, A5), fma(r, A4, A3));
  const p = fma(ar2, q, fma(r, A2, A1));
  const lo = fma(ar3, p, lo1 + lo2 + lo3 + lo4);
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

/** sign*2^(k/N)*(1+tmp) when the scale's exponent is out of range (see exp.ts); signed scale. */
function specialcase(tmp: number, sHi: number, sLo: number, kNeg: boolean): number {
  if (!kNeg) {
    const scale = fromWords((sHi - (1009 << 20)) >>> 0, sLo);
    return P1009 * fma(scale, tmp, scale);
  }
  const sbHi = (sHi + (1022 << 20)) >>> 0;
  const scale = fromWords(sbHi, sLo);
  const st = scale * tmp; // not contracted: used in two blocks
  let y = scale + st;
  if (Math.abs(y) < 1.0) {
    const one = y < 0.0 ? -1.0 : 1.0;
    let lo = scale - y + st;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = (hi + lo) - one;
    if (y === 0) y = sbHi >>> 31 ? -0 : 0; // the sign of the scale
  }
  return PM1022 * y;
}

/** sign * exp(x + xtail), |xtail| < 2^-8/N; signBias is SIGN_BIAS or 0. */
function expInline(x: number, xtail: number, signBias: number): number {
  let abstop = (hiWord(x) >>> 20) & 0x7ff;
  if (((abstop - 0x3c9) >>> 0) >= 0x3f) {
    if (abstop - 0x3c9 < 0) {
      const one = 1.0 + x; // tiny x
      return signBias ? -one : one;
    }
    if (abstop >= 0x409) {
      // |x| >= 1024: __math_uflow / __math_oflow with the sign
      if (hiWord(x) >>> 31) return signBias ? -0 : 0;
      return signBias ? -Infinity : Infinity;
    }
    abstop = 0;
  }
  let kd = roundToIntFused(x, InvLn2N, Shift);
  const ki = loWord(kd);
  kd -= Shift;
  // exact product for |x| < 512 (see exp.ts)
  let r = abstop !== 0 ? x + kd * NegLn2hiN : fma(kd, NegLn2hiN, x);
  r = fma(kd, NegLn2loN, r);
  r += xtail;
  const i = ki & 127;
  const tail = expTail[i] as number;
  const sHi = ((expTab[4 * i + 3] as number) + ((ki + signBias) << 13)) >>> 0;
  const sLo = expTab[4 * i + 2] as number;
  const r2 = r * r;
  let tmp = fma(r2, fma(r, C3, C2), tail + r);
  tmp = fma(r2 * r2, fma(r, C5, C4), tmp);
  if (abstop === 0) return specialcase(tmp, sHi, sLo, (ki & 0x80000000) !== 0);
  const scale = fromWords(sHi, sLo);
  return fma(scale, tmp, scale);
}

/** 0 if y (finite, nonzero, given by its words) is not an integer, 1 if odd, 2 if even. */
function checkint(hy: number, ly: number): number {
  const e = (hy >>> 20) & 0x7ff;
  if (e < 0x3ff) return 0;
  if (e > 0x3ff + 52) return 2;
  const s = 0x3ff + 52 - e; // 0..52: bits below 2^0 in the significand
  if (s < 32) {
    if (s > 0 && (ly & ((1 << s) - 1)) !== 0) return 0;
    return (ly >>> s) & 1 ? 1 : 2;
  }
  if (ly !== 0) return 0;
  const sh = s - 32; // 0..20
  if (sh > 0 && (hy & ((1 << sh) - 1)) !== 0) return 0;
  return (hy >>> sh) & 1 ? 1 : 2;
}

/** True for a signaling NaN (quiet bit clear), given its high word (the low word nonzero or not). */
function isSignaling(h: number, l: number): boolean {
  return (h & 0x7ff80000) === 0x7ff00000 && ((h & 0x7ffff) !== 0 || l !== 0);
}

export function pow(x: number, y: number): number {
  let signBias = 0;
  let hx = hiWord(x);
  let lx = loWord(x);
  const hy = hiWord(y);
  const ly = loWord(y);
  let topx = hx >>> 20;
  const topy = hy >>> 20;
  if (((topx - 0x001) >>> 0) >= 0x7ff - 0x001 || (((topy & 0x7ff) - 0x3be) >>> 0) >= 0x43e - 0x3be) {
    // x < 0x1p-1022 or inf or nan, or |y| < 2^-65 or |y| >= 2^63 or nan
    const ay = hy & 0x7fffffff;
    const ax = hx & 0x7fffffff;
    if ((ay === 0 && ly === 0) || ay >= 0x7ff00000) {
      // y is zero, inf or nan
      if (ay === 0 && ly === 0) return isSignaling(hx, lx) ? x + y : 1.0;
      if (hx === 0x3ff00000 && lx === 0) return isSignaling(hy, ly) ? x + y : 1.0;
      if (ax > 0x7ff00000 || (ax === 0x7ff00000 && lx !== 0)
        || ay > 0x7ff00000 || (ay === 0x7ff00000 && ly !== 0)) return x + y;
      if (ax === 0x3ff00000 && lx === 0) return 1.0; // x == -1, y == +-inf
      const absLess1 = ax < 0x3ff00000;
      if (absLess1 === !(hy >>> 31)) return 0.0; // |x|<1 && y==inf or |x|>1 && y==-inf
      return y * y;
    }
    if ((ax === 0 && lx === 0) || ax >= 0x7ff00000) {
      // x is zero, inf or nan
      let x2 = x * x;
      if (hx >>> 31 && checkint(hy, ly) === 1) x2 = -x2;
      return hy >>> 31 ? 1 / x2 : x2;
    }
    // x and y are nonzero finite
    if (hx >>> 31) {
      const yint = checkint(hy, ly);
      if (yint === 0) return NaN; // __math_invalid
      if (yint === 1) signBias = SIGN_BIAS;
      hx = ax;
      topx &= 0x7ff;
    }
    if ((((topy & 0x7ff) - 0x3be) >>> 0) >= 0x43e - 0x3be) {
      // sign_bias is 0 here: y is not odd
      if (hx === 0x3ff00000 && lx === 0) return 1.0;
      const xGt1 = hx > 0x3ff00000 || (hx === 0x3ff00000 && lx !== 0);
      if ((topy & 0x7ff) < 0x3be) return xGt1 ? 1.0 + y : 1.0 - y; // |y| < 2^-65
      return xGt1 === (topy < 0x800) ? Infinity : 0; // __math_oflow(0) / __math_uflow(0)
    }
    if (topx === 0) {
      // subnormal x: normalize so the exponent becomes negative
      const xn = x * P52;
      hx = ((hiWord(xn) & 0x7fffffff) - (52 << 20)) >>> 0;
      lx = loWord(xn);
    }
  }
  const hi = logInline(hx, lx);
  const lo = logTail;
  const ehi = y * hi;
  const elo = fma(y, lo, productError(y, hi, ehi)); // fma(y, hi, -ehi) is y*hi's exact error
  return expInline(ehi, elo, signBias);
}
