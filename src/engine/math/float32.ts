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
import { POW2, doubleFromHex, doublesFromHex, floatBits, floatFromBits, fromWords, hiWord, loWord, pow2, wordsFromHex } from './bits.js';
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

/** expf, every fused operation exact (the fallback of expf). */
export function expfExact(x: number): number {
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

/** logf, every fused operation exact (the fallback of logf). */
export function logfExact(x: number): number {
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

/** powf, every fused operation exact (the fallback of powf). */
export function powfExact(x: number, y: number): number {
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

// ---------------------------------------------------------------------------
// Fast paths. glibc computes these in double and rounds to float once, at the end; a float32
// rounding boundary is 2^29 double ulps wide, so the double result need not be glibc's to the
// last bit, only provably close to it:
//
// [F] If |z - zg| <= eps, E >= 2*eps and E >= 2*ulp(|z| + E), and fround(z - E) ===
//     fround(z + E) (both differences computed in double), then fround(zg) === fround(z).
//     Proof: RN(z + E) >= z + E - ulp/2 >= z + eps >= zg, likewise RN(z - E) <= zg; fround is
//     monotone, so it takes the same value on [RN(z - E), RN(z + E)], which holds zg and z.
//
// So the fast paths evaluate glibc's formula with every fma replaced by a plain multiply and add
// (each replacement adds at most one rounding of a product), bound the distance to glibc's
// double result eps (a few 2^-53 relative, see each function: the E used is 2^8 times or more
// larger), and take [F]'s test; when it fails (the result lies within E of a float midpoint,
// about once in 2^12 calls) the exact evaluation (expfExact, ...) answers. Values that feed a
// decision (the reduction integer k, the table index, range tests) are computed exactly as in
// glibc, or certified (powf's k).

/** 2^(i/32) as doubles (E2T holds their bits minus i << 47). */
const E2D = (() => {
  const t = new Float64Array(32);
  for (let i = 0; i < 32; i++) t[i] = fromWords(((E2T[2 * i + 1] as number) + (i << 15)) >>> 0, E2T[2 * i] as number);
  return t;
})();
const P_40 = pow2(-40);
const P_42 = pow2(-42);
const P_46 = pow2(-46);
const P_50 = pow2(-50);

export function expf(x: number): number {
  const ix = floatBits(x);
  if (((ix >>> 20) & 0x7ff) >= 0x42b) return expfExact(x); // |x| >= 88 or nan
  const xd = x;
  // kd = RN(InvLn2N*xd + SHIFT), fused (roundToIntFused's test, inline), and r exactly as expfExact
  const zz = InvLn2N * xd;
  let kd = zz + SHIFT;
  if (!(0.5 - Math.abs(zz - (kd - SHIFT)) > Math.abs(zz) * P_50)) return expfExact(x);
  kd -= SHIFT;
  const xh = xd * IH;
  if (!(kd === 0 || Math.abs(xh) >= 0.5)) return expfExact(x);
  const r = (xh - kd) + xd * IL;
  const ki = kd | 0; // |kd| <= 88*32/ln2 < 2^13
  // s = 2^(ki/32): the table's 2^(i/32) times 2^(ki >> 5), in the normal range (|ki >> 5| <= 128)
  const s = (E2D[ki & 31] as number) * (POW2[(ki >> 5) + 1074] as number);
  // glibc: z = fma(C0, r, C1), y = fma(C2, r, 1), y = fma(z, r2, y), y*s. Here |r| <= 1/2 + 2^-40,
  // |z| < 2^-12, r2 <= 1/4, y in [0.98, 1.02]: the plain evaluation differs from the fused one by
  // at most 7 roundings of values below 2 (2^-53 each) entering y with coefficients <= 1, so
  // |y - yg| < 2^-50, then two roundings of y*s: eps < 2^-48*|out|; E = 2^-40*|out|.
  const z = CS0 * r + CS1;
  const r2 = r * r;
  const y = (z * r2 + (CS2 * r + 1)) * s;
  const e = y * P_40;
  if (fround(y - e) === fround(y + e)) return fround(y);
  return expfExact(x);
}

export function logf(x: number): number {
  const ix = floatBits(x);
  if (ix === 0x3f800000 || ((ix - 0x00800000) >>> 0) >= 0x7f800000 - 0x00800000) return logfExact(x);
  const tmp = (ix - 0x3f330000) | 0;
  const i = (tmp >>> 19) & 15;
  const k = tmp >> 23;
  const z = floatFromBits((ix - (tmp & (0x1ff << 23))) >>> 0);
  const r = (z * (LS[2 * i] as number) - 1) + z * (LS[2 * i + 1] as number); // exact, as logfExact
  // glibc: y0 = fma(k, Ln2, logc), y = fma(A1, r, A2), y = fma(A0, r2, y), y = fma(y, r2, y0 + r).
  // |r| < 1/32 (r2 < 2^-10), |A0|, |A1|, |A2| < 1: the two polynomial fmas differ by < 2^-51 and
  // enter through r2; y0 by <= 2^-53*|k*Ln2| + 2*2^-53*|y0|; y0 + r and the last step by <= 3
  // roundings of values below 2(|y0| + |r|) (|k*Ln2| <= 2|y0| when k != 0, as |logc| < 0.34;
  // the r2 terms are below |r|/32 times their error). So |y - yg| < 2^-49*(|y0| + |r|), and
  // E = 2^-42*(|y0| + |r|) >= 2*eps; E = 0 only for x = c*2^k with y0 = 0, i.e. x = 1.
  const y0 = k * Ln2 + (LT[2 * i + 1] as number);
  const r2 = r * r;
  const y = ((LA0 * r2 + (LA1 * r + LA2)) * r2) + (y0 + r);
  const e = (Math.abs(y0) + Math.abs(r)) * P_42;
  if (e > 0 && fround(y - e) === fround(y + e)) return fround(y);
  return logfExact(x);
}

export function powf(x: number, y: number): number {
  const ix = floatBits(x);
  const iy = floatBits(y);
  // negative, subnormal, zero, inf or nan x, or y zero, inf or nan: powfExact
  if (((ix - 0x00800000) >>> 0) >= 0x7f800000 - 0x00800000 || zeroinfnan(iy)) return powfExact(x, y);
  // log2(x) as log2Inline, with the fmas unfused
  const tmp = (ix - 0x3f330000) | 0;
  const i = (tmp >>> 19) & 15;
  const top = tmp & 0xff800000;
  const k = top >> 23;
  const z = floatFromBits((ix - top) >>> 0);
  const r = (z * (PS[2 * i] as number) - 1) + z * (PS[2 * i + 1] as number); // exact, as log2Inline
  const y0 = (PT[2 * i + 1] as number) + k; // plain in glibc too
  const r2 = r * r;
  const r4 = r2 * r2;
  const logx = (PA0 * r + PA1) * r4 + ((PA2 * r + PA3) * r2 + (PA4 * r + y0));
  // |r| < 0.022, |PA0..PA3| < 1, PA4 < 1.45: the five fmas of glibc, unfused, and the roundings
  // they feed differ by < 2^-49*(|y0| + 2|r|) in logx (r2, r4 terms are below |r|/2^10), and
  // ylogx = y*logx (plain in both) by < |y|*2^-49*(|y0| + 2|r|) + 2*2^-53*|ylogx|. ey bounds
  // that with a factor >= 4 to spare.
  const ylogx = y * logx;
  const ay = Math.abs(ylogx);
  // glibc's range test is |ylogx| >= 126 (on its own ylogx): below 125 here, with ey < 1/64,
  // glibc's is below 126 too
  if (!(ay < 125)) return powfExact(x, y);
  const ey = Math.abs(y) * (Math.abs(y0) + 2 * Math.abs(r)) * P_46 + ay * P_50;
  // exp2: kd = RN(ylogx + SHIFT) is the multiple of 1/32 nearest ylogx; with |ylogx - kd| <
  // 1/64 - ey, glibc's ylogx has the same kd (not a tie either), and re = ylogx - kd is exact in
  // both (Sterbenz, or kd = 0), so re - reg = ylogx - ylogxg.
  let kd = ylogx + E2SHIFT;
  kd -= E2SHIFT;
  const re = ylogx - kd;
  if (!(Math.abs(re) < 0.015625 - ey)) return powfExact(x, y);
  const ki = (kd * 32) | 0; // |ki| < 125*32
  const s = (E2D[ki & 31] as number) * (POW2[(ki >> 5) + 1074] as number);
  // P(re) = 1 + C2*re + (C0*re + C1)*re^2 (|re| < 1/64 + 1/64: P in [0.98, 1.02], |P'| < 0.71):
  // re's error moves P by < 0.71*ey; glibc's four roundings and ours (six) add < 2^-50; y*s two
  // more (2^-53 relative each). |out - outg| < |out|*(0.75*ey + 2^-49), E = |out|*(2*ey + 2^-46).
  const rr = re * re;
  const out = ((EC0 * re + EC1) * rr + (EC2 * re + 1)) * s;
  const e = Math.abs(out) * (2 * ey + P_46);
  if (fround(out - e) === fround(out + e)) return fround(out);
  return powfExact(x, y);
}
