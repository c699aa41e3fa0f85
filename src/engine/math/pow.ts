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
import * as fmaModule from './fma.js';
import * as bits from './bits.js';
import * as expModule from './exp.js';
import { pow_log_data_ln2hi, pow_log_data_ln2lo, pow_log_data_poly, pow_log_data_tab } from './tables.js';

// Imported bindings as module constants: where the module is transformed to CommonJS (tsx: tests,
// scripts), every use of an imported binding is a megamorphic property load plus a getter call.
const { UFP_OMU, UFP_PHI, fma, fmaG, fmaQ, productError, roundToIntFused, splitHigh } = fmaModule;
const { POW2, doubleFromHex, doublesFromHex, fromWords, hiWord, loWord, pow2 } = bits;
const { C2, C3, C4, C5, InvLn2N, NegLn2hiN, NegLn2loN, Shift, expTab, expTail } = expModule;

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

/** pow with every fused operation exact: the fallback of pow's fast path. */
export function powExact(x: number, y: number): number {
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

// ---------------------------------------------------------------------------
// Fast path. The log part is computed exactly as glibc computes it (its fused operations by the
// certified fast paths of fma.ts: [Q] for the polynomial, [G] for lo1, lo and elo), since its
// error would be multiplied by y. exp's reduction r is exact too ([Q] on fma(kd, NegLn2loN,
// r1)); only its polynomial tmp is evaluated unfused, with a bound etmp on the distance to glibc's
// tmp, and the result RN(scale + scale*tmp) is certified with [R] (fma.ts). Everything that feeds
// a decision (table index, exp's k, range tests) is glibc's. When a test fails (about 1.7% of
// calls, a result near a rounding boundary) powExact, the plain exact evaluation, answers.

const SPLIT8 = 257; // 2^8 + 1: splitHigh(z, 8)
const P_51 = pow2(-51);
const P_53 = pow2(-53);
const P_54 = pow2(-54);
const X_TINY = pow2(-54);
/** 2^(i/128) as doubles (expTab holds their bits minus i << 45). */
const E2 = (() => {
  const t = new Float64Array(128);
  for (let i = 0; i < 128; i++) t[i] = fromWords(((expTab[4 * i + 3] as number) + (i << 13)) >>> 0, expTab[4 * i + 2] as number);
  return t;
})();

/** powLogCore's argument and results (doubles through a Float64Array: see sincos.ts's K). */
const PL = new Float64Array(4);

/**
 * The first part of log_inline for x = PL[0]: PL = [hi, lo1 + lo2 + lo3 + lo4, ar3, p], as glibc
 * computes them (logInline computes the same steps with fma() itself: it is powExact's, the
 * independent evaluation that fast-vs-exact.ts checks this path against). A separate function (of
 * more than 460 bytes of bytecode, so never inlined into pow) so that its fast paths and pow's each
 * fit TurboFan's inlining budget; no branch precedes any of them, in either function (see
 * sincos.ts, "Why [Q] is a call").
 */
function powLogCore(): void {
  const x = PL[0] as number;
  // i and k from the bits, z = x/2^k exactly
  const tmpHi = (hiWord(x) - 0x3fe69555) | 0;
  const i = (tmpHi >>> 13) & 127;
  const k = tmpHi >> 20; // -1022 <= k <= 1024
  const z = x * (POW2[1074 - k] as number); // exact: z has x's significand, in [0.69, 1.4)
  const invc = T[4 * i] as number;
  const logc = T[4 * i + 2] as number;
  const logctail = T[4 * i + 3] as number;
  const tt = SPLIT8 * z;
  const zh = tt - (tt - z);
  const r = (zh * invc - 1.0) + (z - zh) * invc; // = fma(z, invc, -1), exactly (logInline)
  const t1 = k * Ln2hi + logc; // exact product
  const t2 = t1 + r;
  const lo1 = fmaG(k, Ln2lo, logctail); // [G] (logctail is as large as k*Ln2lo; for k = 0, exact)
  const lo2 = t1 - t2 + r;
  const ar = A0 * r;
  const ar2 = r * ar;
  const hi = t2 + ar2;
  const lo3 = productError(ar, r, ar2); // fma(ar, r, -ar2): the rounding error of ar2, exactly
  const lo4 = t2 - hi + ar2;
  // The polynomial, as glibc's fmas, each [Q]
  const q = fmaQ(ar2, fmaQ(r, A6, A5), fmaQ(r, A4, A3));
  PL[3] = fmaQ(ar2, q, fmaQ(r, A2, A1));
  PL[0] = hi;
  PL[1] = lo1 + lo2 + lo3 + lo4; // plain in glibc too
  PL[2] = r * ar2;
}

export function pow(x: number, y: number): number {
  const hx = hiWord(x);
  const hy = hiWord(y);
  // glibc's special cases (x <= 0, subnormal, inf or nan; |y| < 2^-65, |y| >= 2^63, inf or nan)
  if (((hx >>> 20) - 0x001) >>> 0 >= 0x7ff - 0x001 || ((((hy >>> 20) & 0x7ff) - 0x3be) >>> 0) >= 0x43e - 0x3be) return powExact(x, y);
  // ---- log_inline
  PL[0] = x;
  powLogCore();
  const hi = PL[0] as number;
  const lo = fmaG(PL[2] as number, PL[3] as number, PL[1] as number); // fma(ar3, p, lo1 + ... + lo4) [G]
  const ylog = hi + lo;
  const ltail = hi - ylog + lo;
  // ---- ehi + elo = y*log(x): ehi = RN(y*ylog), e0 = fma(y, ylog, -ehi) its exact error by
  // Dekker (|y| < 2^63, |ylog| < 745: no split overflows; exact while |ehi| >= 2^-900, which the
  // exp range test below requires before anything uses it), elo = fma(y, tail, e0) by [G]
  const ehi = y * ylog;
  const elo = fmaG(y, ltail, productError(y, ylog, ehi));
  // ---- exp_inline(ehi, elo): |ehi| in [2^-54, 512) here, else powExact (tiny, overflow, underflow)
  const ax = Math.abs(ehi);
  if (!(ax >= X_TINY && ax < 512)) return powExact(x, y);
  const kd = roundToIntFused(ehi, InvLn2N, Shift) - Shift; // fma(ehi, InvLn2N, Shift) - Shift
  const ki = kd | 0; // |kd| < 2^17
  const r1 = ehi + kd * NegLn2hiN; // exact product (|kd| < 2^17)
  const r2 = fmaQ(kd, NegLn2loN, r1); // [Q]
  const re = r2 + elo; // exact inputs: glibc's re
  const j = ki & 127;
  const tail = expTail[j] as number;
  const scale = (E2[j] as number) * (POW2[(ki >> 7) + 1074] as number); // |ki >> 7| <= 739
  const rr = re * re;
  const tmp1 = rr * (re * C3 + C2) + (tail + re); // glibc: fused (twice)
  const tmp = (rr * rr) * (re * C5 + C4) + tmp1; // fused (twice)
  // With re exact, tail + re and rr are glibc's; re*C3 + C2 (in (0.4995, 0.5005)) differs by
  // < 2^-52.9, the fused product by 2^-53.9*rr, so tmp1 by < 2^-52.3*rr + ulp(tmp1), and tmp by
  // that plus ulp(tmp) (the r^4 terms add < 2^-60*rr): etmp takes twice that.
  const etmp = (rr + Math.abs(tmp1) + Math.abs(tmp)) * P_51;
  // result = RN(scale + scale*tmp_glibc) = RN(v + d + (scale*tmp - p) + scale*(tmp_glibc - tmp))
  const p = scale * tmp;
  const v = scale + p;
  const d = (scale - v) + p; // exact (Fast2Sum, |tmp| < 1)
  const av = Math.abs(v);
  const qq = UFP_PHI * v;
  let hl = Math.abs(qq - UFP_OMU * qq);
  hl = av > hl ? hl * P_53 : hl * P_54;
  // (|v| lies in [2^-740, 2^740] as |ehi| < 512: ufp and H are exact, [R] applies)
  if (Math.abs(d) + (Math.abs(p) * P_53 + scale * etmp) < hl) return v;
  return powExact(x, y);
}
