/**
 * expf, logf, powf as glibc 2.36's `__expf_fma`, `__logf_fma`, `__powf_fma` compute them.
 * Arguments and results are float32 values held in JS numbers.
 *
 * Algorithms (Szabolcs Nagy, Arm optimized-routines; glibc flt-32/e_expf.c, e_logf.c,
 * e_powf.c), all evaluated in double and rounded to float once at the end:
 * - expf: x*N/ln2 = k + r (N = 32), 2^(k/N) from a 32-entry table, 2^(r/N) by a cubic.
 * - logf: x = 2^k z, z/c - 1 with a 16-entry table of 1/c, log(c), then a cubic in r.
 * - powf: exp2(y * log2(x)) with a 16-entry log2 table, a degree-5 log2 polynomial and
 *   the expf-style exp2 (the sign of a negative base with odd integer y goes into the scale).
 *
 * Fused in the FMA build, and here (each `fma` is a `vfmadd`/`vfmsub` in the machine code):
 * expf's z = InvLn2N*x is used twice (z + SHIFT and z - kd) and both uses are fused; the
 * polynomial steps C0*r + C1, C2*r + 1, z*r2 + y; logf's r = z*invc - 1, logc + k*Ln2 and all
 * three polynomial steps; powf's r, its five polynomial steps and exp2's three.
 */
import { fma, roundToIntFused, splitHigh } from './fma.js';
import { doubleFromHex, doublesFromHex, floatBits, floatFromBits, fromWords, hiWord, loWord, pow2, wordsFromHex } from './bits.js';
import {
  exp2f_data_invln2_scaled, exp2f_data_poly, exp2f_data_poly_scaled, exp2f_data_shift, exp2f_data_shift_scaled,
  exp2f_data_tab, logf_data_ln2, logf_data_poly, logf_data_tab, powf_log2_data_poly, powf_log2_data_tab,
} from './tables.js';

const fround = Math.fround;

// ---- shared exp2 table: T[i] = bits of 2^(i/32) minus i << 47, as [lo, hi] words ----
const E2T = wordsFromHex(exp2f_data_tab);

// ---- expf ----
const InvLn2N = doubleFromHex(exp2f_data_invln2_scaled);
const SHIFT = doubleFromHex(exp2f_data_shift);
/** InvLn2N = IH + IL, IH with 29 significant bits, IL with at most 24. */
const IH = splitHigh(InvLn2N, 24);
const IL = InvLn2N - IH;
const CS = doublesFromHex(exp2f_data_poly_scaled);
const CS0 = CS[0] as number;
const CS1 = CS[1] as number;
const CS2 = CS[2] as number;

/** The float nearest 0x1.4p-75f squared: glibc's __math_may_uflowf result (2^-149). */
const MAY_UFLOW = fround(fround(1.25 * pow2(-75)) * fround(1.25 * pow2(-75)));
/** Thresholds, as hex floats: 0x1.62e42ep6, 0x1.9fe368p6, 0x1.9d1d9ep6 (log of 2^128, 2^-150, 2^-149). */
const EXPF_OFLOW = 0x162e42e * pow2(-18);
const EXPF_UFLOW = -0x19fe368 * pow2(-18);
const EXPF_MAY_UFLOW = -0x19d1d9e * pow2(-18);
/** 0x1.fffffffd1d571p+6: log2 of the largest float's rounding boundary. */
const POWF_OFLOW = 0x1fffffffd1d571 * pow2(-46);
const P23 = pow2(23);

export function expf(x: number): number {
  const ix = floatBits(x);
  const abstop = (ix >>> 20) & 0x7ff;
  if (abstop >= 0x42b) {
    // |x| >= 88 or x is nan
    if (ix === 0xff800000) return 0; // -inf
    if (abstop >= 0x7f8) return fround(x + x); // inf or nan
    if (x > EXPF_OFLOW) return Infinity; // __math_oflowf
    if (x < EXPF_UFLOW) return 0; // __math_uflowf
    if (x < EXPF_MAY_UFLOW) return MAY_UFLOW; // __math_may_uflowf
  }
  const xd = x;
  // z = InvLn2N*x feeds both z + SHIFT and z - kd: both contracted.
  let kd = roundToIntFused(InvLn2N, xd, SHIFT);
  const ki = loWord(kd);
  kd -= SHIFT;
  // fma(InvLn2N, xd, -kd) without fma: xd has 24 bits, so xd*IH and xd*IL are exact; xd*IH - kd
  // is exact when kd == 0 or |xd*IH| >= 1/2 (then kd is within 1/2 + tiny of it); one rounding
  // of the sum remains. (|xd*IH| just below 1/2 with kd = +-1 would fall back to the fma; no
  // float32 argument does, checked over every float within 200,000 ulps of +-0.5/InvLn2N.)
  const xh = xd * IH;
  const r = kd === 0 || Math.abs(xh) >= 0.5 ? (xh - kd) + xd * IL : fma(InvLn2N, xd, -kd);
  const i = ki & 31;
  const s = fromWords(((E2T[2 * i + 1] as number) + (ki << 15)) >>> 0, E2T[2 * i] as number);
  const z = fma(CS0, r, CS1);
  const r2 = r * r;
  let y = fma(CS2, r, 1);
  y = fma(z, r2, y);
  return fround(y * s);
}

// ---- logf ----
const LT = doublesFromHex(logf_data_tab); // [invc, logc] x 16
/**
 * [invc_hi, invc_lo] x 16: invc split into 29 + at most 24 bits, so that for a float z the
 * fused z*invc - 1 is computed exactly as (z*hi - 1) + z*lo: both products are exact, z*hi - 1 is
 * exact by Sterbenz (z*invc is within 1/16 of 1), and the sum is rounded once, like the fma.
 */
function splitTable(t: Float64Array): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i += 2) {
    const c = t[i] as number;
    const h = splitHigh(c, 24);
    out[i] = h;
    out[i + 1] = c - h;
  }
  return out;
}
const LS = splitTable(LT);
const Ln2 = doubleFromHex(logf_data_ln2);
const LA = doublesFromHex(logf_data_poly);
const LA0 = LA[0] as number;
const LA1 = LA[1] as number;
const LA2 = LA[2] as number;

export function logf(x: number): number {
  let ix = floatBits(x);
  if (ix === 0x3f800000) return 0;
  if (((ix - 0x00800000) >>> 0) >= 0x7f800000 - 0x00800000) {
    // x < 0x1p-126 or inf or nan
    if ((ix & 0x7fffffff) === 0) return -Infinity; // __math_divzerof(1)
    if (ix === 0x7f800000) return x; // log(inf) == inf
    if ((ix & 0x80000000) !== 0 || ((ix << 1) >>> 0) >= 0xff000000) return NaN; // __math_invalidf
    // subnormal: normalize (x * 2^23 is exact)
    ix = (floatBits(x * P23) - (23 << 23)) >>> 0;
  }
  const tmp = (ix - 0x3f330000) | 0;
  const i = (tmp >>> 19) & 15;
  const k = tmp >> 23;
  const iz = (ix - (tmp & (0x1ff << 23))) >>> 0;
  const logc = LT[2 * i + 1] as number;
  const z = floatFromBits(iz);
  const r = (z * (LS[2 * i] as number) - 1) + z * (LS[2 * i + 1] as number); // fma(z, invc, -1)
  const y0 = fma(k, Ln2, logc);
  const r2 = r * r;
  let y = fma(LA1, r, LA2);
  y = fma(LA0, r2, y);
  y = fma(y, r2, y0 + r);
  return fround(y);
}

// ---- powf ----
const PT = doublesFromHex(powf_log2_data_tab); // [invc, logc] x 16
const PS = splitTable(PT);
const PA = doublesFromHex(powf_log2_data_poly);
const PA0 = PA[0] as number;
const PA1 = PA[1] as number;
const PA2 = PA[2] as number;
const PA3 = PA[3] as number;
const PA4 = PA[4] as number;
const E2SHIFT = doubleFromHex(exp2f_data_shift_scaled);
const EC = doublesFromHex(exp2f_data_poly);
const EC0 = EC[0] as number;
const EC1 = EC[1] as number;
const EC2 = EC[2] as number;
/** Sets the sign bit of the scale when added to k before the shift into the exponent. */
const SIGN_BIAS = 1 << (5 + 11);

/** log2(x) for x given by its bits (subnormals normalized with a negative exponent). */
function log2Inline(ix: number): number {
  const tmp = (ix - 0x3f330000) | 0;
  const i = (tmp >>> 19) & 15;
  const top = tmp & 0xff800000;
  const iz = (ix - top) >>> 0;
  const k = top >> 23;
  const logc = PT[2 * i + 1] as number;
  const z = floatFromBits(iz);
  const r = (z * (PS[2 * i] as number) - 1) + z * (PS[2 * i + 1] as number); // fma(z, invc, -1), exactly
  const y0 = logc + k;
  const r2 = r * r;
  const y = fma(PA0, r, PA1);
  const p = fma(PA2, r, PA3);
  const r4 = r2 * r2;
  let q = fma(PA4, r, y0);
  q = fma(p, r2, q);
  return fma(y, r4, q);
}

/** 2^xd (|xd| <= ~150), with the sign bit set when signBias is SIGN_BIAS. */
function exp2Inline(xd: number, signBias: number): number {
  let kd = xd + E2SHIFT;
  const ki = loWord(kd);
  kd -= E2SHIFT;
  const r = xd - kd;
  const i = ki & 31;
  const s = fromWords(((E2T[2 * i + 1] as number) + ((ki + signBias) << 15)) >>> 0, E2T[2 * i] as number);
  const z = fma(EC0, r, EC1);
  const r2 = r * r;
  let y = fma(EC2, r, 1);
  y = fma(z, r2, y);
  return y * s;
}

/** 0 if y (float bits, finite nonzero) is not an integer, 1 if odd, 2 if even. */
function checkint(iy: number): number {
  const e = (iy >>> 23) & 0xff;
  if (e < 0x7f) return 0;
  if (e > 0x7f + 23) return 2;
  const s = 0x7f + 23 - e;
  if ((iy & ((1 << s) - 1)) !== 0) return 0;
  if ((iy & (1 << s)) !== 0) return 1;
  return 2;
}

function zeroinfnan(i: number): boolean {
  return ((2 * i - 1) >>> 0) >= 2 * 0x7f800000 - 1;
}

export function powf(x: number, y: number): number {
  let signBias = 0;
  let ix = floatBits(x);
  const iy = floatBits(y);
  if (((ix - 0x00800000) >>> 0) >= 0x7f800000 - 0x00800000 || zeroinfnan(iy)) {
    // x < 0x1p-126 or inf or nan, or y is 0, inf or nan
    if (zeroinfnan(iy)) {
      // glibc returns x + y here for a signaling NaN x (or y); a float32 sNaN cannot be held in a
      // JS number (widening to double quiets it), so only the quiet-NaN answer, 1, is reachable.
      if (((iy << 1) >>> 0) === 0) return 1;
      if (ix === 0x3f800000) return 1;
      const ax2 = (ix << 1) >>> 0;
      const ay2 = (iy << 1) >>> 0;
      if (ax2 > 0xff000000 || ay2 > 0xff000000) return fround(x + y);
      if (ax2 === 0x7f000000) return 1; // x == -1, y == +-inf
      if ((ax2 < 0x7f000000) === !(iy >>> 31)) return 0; // |x|<1 && y==inf or |x|>1 && y==-inf
      return fround(y * y);
    }
    if (zeroinfnan(ix)) {
      let x2 = fround(x * x);
      if (ix >>> 31 && checkint(iy) === 1) x2 = -x2;
      return iy >>> 31 ? fround(1 / x2) : x2;
    }
    // x and y are nonzero finite
    if (ix >>> 31) {
      const yint = checkint(iy);
      if (yint === 0) return NaN; // __math_invalidf
      if (yint === 1) signBias = SIGN_BIAS;
      ix &= 0x7fffffff;
    }
    if (ix < 0x00800000) {
      // subnormal x: normalize so the exponent becomes negative
      ix = floatBits(x * P23) & 0x7fffffff;
      ix = (ix - (23 << 23)) >>> 0;
    }
  }
  const logx = log2Inline(ix);
  const ylogx = y * logx; // exact enough: cannot overflow, y is single precision
  if (((hiWord(ylogx) >>> 15) & 0xffff) >= 0x80bf) {
    // |y*log2(x)| >= 126
    if (ylogx > POWF_OFLOW) return signBias ? -Infinity : Infinity; // __math_oflowf
    // (in round-to-nearest, ylogx just above 0x1.fffffffa3aae2p+6 does not overflow)
    if (ylogx <= -150.0) return signBias ? -0 : 0; // __math_uflowf
    if (ylogx < -149.0) return signBias ? -MAY_UFLOW : MAY_UFLOW; // __math_may_uflowf
  }
  return fround(exp2Inline(ylogx, signBias));
}
