/**
 * Exact fused multiply-add for JavaScript, which has none.
 *
 * glibc's FMA variants (`__exp_fma`, `__cos_fma`, ...) evaluate some `a*b + c`
 * with one rounding (`vfmadd…sd`); to reproduce their last bits we need the
 * same single rounding. The common path is the Boldo–Melquiond emulation
 * ("Emulation of FMA and correctly rounded sums: proved algorithms using
 * rounding to odd", IEEE TC 2008):
 *
 *   uh + ul = a*b                    (Veltkamp/Dekker exact product)
 *   th + tl = c + ul                 (Knuth two-sum, exact)
 *   vh + vl = uh + th                (two-sum, exact)
 *   result  = RN(vh + RO(tl + vl))   (RO: round to odd)
 *
 * Rounding the small tail to odd keeps a sticky bit, so the final
 * round-to-nearest (including exact halfway cases, ties to even) is that of
 * the exact sum. A cheaper certified rounding handles almost every call
 * first (see fma). The proof needs no overflow and no underflow anywhere; any
 * argument outside the comfortable exponent range (or whose result lands
 * near the subnormal range) goes to an exact BigInt evaluation instead.
 */

import { pow2 } from './bits.js';

const SPLIT = 134217729; // 2^27 + 1, Veltkamp splitting constant
const SPLIT52 = pow2(52) + 1; // Veltkamp constant whose high part keeps 1 significant bit
const P_53 = pow2(-53);
const P_54 = pow2(-54);

// Scratch views for bit access: module-level so no call allocates.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [0] low word, [1] high word

// Fast-path bounds. Inside them the splits cannot overflow, every partial product of the exact
// a*b is representable (its lowest bit is above 2^-1074), the sums stay finite, and the result
// is a normal number, so the emulation is exact. NaN fails every comparison and goes slow.
const HUGE = pow2(900);
const TINY_P = pow2(-900);
const TINY_AB = pow2(-1000);
const TINY_R = pow2(-950);

/**
 * RO(s + err) for a rounded sum s = RN(x + y) with nonzero exact error err: s itself when its
 * last bit is odd, else its neighbour on err's side (which is odd).
 */
function toOdd(s: number, err: number): number {
  f64[0] = s;
  const lo = u32[0] as number;
  if ((lo & 1) !== 0) return s;
  if ((s > 0) === (err > 0)) {
    u32[0] = lo + 1; // away from zero; lo is even so no carry
  } else if (lo === 0) {
    u32[0] = 0xffffffff; // toward zero, with a borrow
    u32[1] = (u32[1] as number) - 1;
  } else {
    u32[0] = lo - 1;
  }
  return f64[0] as number;
}

/**
 * The exact rounding error a*b - p of p = RN(a*b) (Dekker's product), which is what
 * fma(a, b, -p) returns; valid while no split overflows and the error is not subnormal.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/**
 * The high part of x split with the Veltkamp constant 2^s + 1: a double with at most 53 - s
 * significant bits; x - splitHigh(x, s) has at most s - 1 bits (plus sign) and is exact.
 */
export function splitHigh(x: number, s: number): number {
  const t = (pow2(s) + 1) * x;
  return t - (t - x);
}

const P_50 = pow2(-50);

// ---------------------------------------------------------------------------
// Certified fast paths for one fused operation v = fma(a, b, c). V8 never inlines fma() (too
// large), so each call of it is a real call with boxed doubles and costs more than the
// arithmetic. A fast path computes a candidate and a test and calls fma(a, b, c) when the test
// fails, so only "test passes => candidate = RN(a*b + c)" needs a proof. They rest on two
// rounding lemmas, [N] (the functions fmaQ and fmaG below) and [R] (the [D] steps written out in
// sincos.ts, sincosReduced's last step, pow's final certificate):
//
// [N] Let lo be a double, X a real number with RN(X) = lo, and g = RN(RN(|lo|*h) + 2^-1074) with
//     h = 2^-53 + 2^-105 (`abs(lo) * (2 ** -53 + 2 ** -105) + 2 ** -1074`). Then RN(lo - g) <= X
//     <= RN(lo + g), so for every double hi (RN is monotone)
//         RN(hi + RN(lo - g)) <= RN(hi + X) <= RN(hi + RN(lo + g)):
//     when the two bounds are the same double, it is RN(hi + X).
//     Proof: g is more than half the distance s from lo to either neighbour. If 2^E <= |lo| <
//     2^(E+1) with E >= -1022, s <= 2^(E-52) and |lo|*h >= 2^(E-53)*(1 + 2^-52), a double for
//     E >= -969, so RN(|lo|*h) > 2^(E-53); for smaller E, RN(|lo|*h) >= 2^(E-53) (>= 2^-1074 for
//     E = -1022) and adding 2^-1074 is exact (the sum is below 2^-1021), so again g > 2^(E-53).
//     If |lo| < 2^-1022, s = 2^-1074 <= g. So lo + g lies beyond the midpoint between lo and the
//     next double above, lo+ (2^1024, which rounds to +inf, above the largest), and RN(lo + g)
//     >= lo+; X rounds to lo, so X is at most that midpoint, below lo+. Likewise RN(lo - g) <=
//     lo- < X.
//     No range condition is needed: overflowing sums are bounded the same way (RN with overflow
//     is monotone too); an infinite product or addend makes a bound NaN (inf - inf, so the test
//     fails) or makes both bounds the infinity that fma(a, b, c) is (c infinite, a*b finite).
//
// [Q] fmaQ, for a product whose own rounding error only has to be bounded (c dominates, or the
//     product is small next to the result's ulp): hi = c, lo = p = RN(a*b), X = a*b. Any
//     operands. The test fails about when a rounding boundary lies within ulp(p) of a*b + c.
//
// [G] fmaG, for operands of any relative sizes (the product's error matters): p = RN(a*b), its
//     exact error e = a*b - p (productError: Dekker's product, from Veltkamp halves of at most 26
//     significant bits; exact when no split overflows, which gives NaN, and |p| >= 2^-960 or a
//     factor is 0, so that every partial product's lowest bit lies above 2^-1074), s + d = p + c
//     exactly (two-sum), hi = s, lo = w = RN(d + e), X = d + e. An exact product (e = 0) needs no
//     bound: s is the fma, ties included.
//
// [R] Let v be a double with 2^-968 <= |v| < 2^970, and S = v + d + eta a real number, d a
//     double, |eta| <= B for a double B >= 0. Let L = ufp(v) (the power of two 2^E <= |v| <
//     2^(E+1)), computed as |q - (1 - 2^-53)*q| with q = (2^52 + 1)*v (Rump, "Ultimately fast
//     accurate summation", SIAM J. Sci. Comput. 2009, Alg. 3.5; exact in this range), and
//     H = L*2^-53 if |v| > L, H = L*2^-54 if |v| = L (exact, as L >= 2^-968). If
//     RN(|d| + B) < H, then RN(S) = v.
//     Proof: H is a double and RN is monotone, so RN(|d| + B) < H implies |d| + B < H and
//     |S - v| < H. The neighbours of v are 2^(E-52) away, except the one below a power of two,
//     2^(E-53) away: H is at most half of either distance, so S lies strictly inside the
//     rounding interval of v (no tie) and RN(S) = v.
//
// [D] (written out in sincos.ts) product dominates: p = a*b and its exact error e as in [G]
//     (with |p| >= TINY_D = 2^-960 tested), u = c + e, v = p + u, |u| <= |p|, d = (p - v) + u
//     (exact: Fast2Sum), test RN(|d| + RN(|u|*2^-52)) < H. Then a*b + c = p + u + eu = v + d + eu
//     with |eu| <= ulp(u)/2 <= RN(|u|*2^-52) (and eu = 0 when u is subnormal: such a sum is
//     exact): [R]. A factor that is a table entry or a constant is split once at load time; one
//     with at most 26 significant bits (an integer below 2^26) is its own high half.
//
// fmaQ and fmaG are fast only where TurboFan inlines them; sincos.ts ("Why [Q] is a call")
// says when it does. Their fallback is `+fma(a, b, c)`: the unary plus tells TurboFan the call's
// result is a number, so the merge of candidate and fallback stays an unboxed double (without it,
// the merged value was boxed and unboxed on the fast path too). fmaQ is 75 bytes of bytecode,
// fmaG 175 (and productError's 91).
export const UFP_PHI = pow2(52) + 1;
export const UFP_OMU = 1 - P_53;
export const TINY_D = pow2(-960);
export const P_2_52 = pow2(-52);
export const P_2_53 = P_53;
export const P_2_54 = P_54;
export const VELTKAMP = SPLIT;

// Math.abs through a module constant: a few bytes of bytecode less per use.
const abs = Math.abs;

/** [Q] fma(a, b, c) as c + (p -+ g), p = RN(a*b), when the two agree; else the exact fma. */
export function fmaQ(a: number, b: number, c: number): number {
  const p = a * b;
  const g = abs(p) * (2 ** -53 + 2 ** -105) + 2 ** -1074;
  const v = c + (p - g);
  return v === c + (p + g) ? v : +fma(a, b, c);
}

/** [G] fma(a, b, c) as s + (w -+ g), s + d = p + c, w = RN(d + e); else the exact fma. */
export function fmaG(a: number, b: number, c: number): number {
  const p = a * b;
  const e = productError(a, b, p);
  const exact = abs(p) >= 2 ** -960 || a === 0 || b === 0; // e is a*b - p exactly
  const s = p + c;
  if (e === 0 && exact) return s; // an exact product: the plain sum is the fma (ties included)
  const bb = s - p;
  const w = ((p - (s - bb)) + (c - bb)) + e;
  const g = abs(w) * (2 ** -53 + 2 ** -105) + 2 ** -1074;
  const v = s + (w - g);
  return v === s + (w + g) && exact ? v : +fma(a, b, c);
}

/**
 * RN(a*b + shift) for glibc's "round to integer by adding shift = 1.5*2^52" step, where the FMA
 * build fuses the product into the shift addition. The unfused sum rounds RN(a*b) instead of the
 * exact product, and both round to the same integer unless RN(a*b) lies within its rounding error
 * (at most |a*b|*2^-53) of a half-integer: only then is the exact fma needed. (|a*b| < 2^51.)
 */
export function roundToIntFused(a: number, b: number, shift: number): number {
  const z = a * b;
  const k = z + shift;
  const frac = z - (k - shift); // exact (Sterbenz): |frac| <= 1/2
  if (0.5 - Math.abs(frac) > Math.abs(z) * P_50) return k;
  return fma(a, b, shift);
}

/** fma(a, b, c): a*b + c rounded once to nearest, ties to even. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const ap = Math.abs(p);
  const aa = Math.abs(a);
  const ab = Math.abs(b);
  if (ap > TINY_P && ap < HUGE && aa > TINY_AB && ab > TINY_AB && aa < HUGE && ab < HUGE && Math.abs(c) < HUGE) {
    // uh + ul = a*b exactly (uh = p): the bounds above keep the splits finite and the error normal
    const ul = productError(a, b, p);
    // Quick certified path. s1 + e1 = p + c exactly (two-sum), w = RN(e1 + ul) with error ew, so
    // the exact value is s1 + w + ew. With |w| <= |r|/16, s1 + w lies on a grid (ulp(w)) that
    // divides every rounding boundary around r = RN(s1 + w) (multiples of ulp(r)/4), and
    // |ew| <= ulp(w)/2: so r is the correctly rounded fma unless s1 + w is itself a midpoint,
    // recognised exactly from d = (s1 + w) - r: |d| = ulp(r)/2, or ulp(r)/4 toward zero when r is
    // a power of two (so d must be a power of two, a cheap first filter). Only midpoints (and a
    // low part that is not small) take the round-to-odd path.
    const s1 = p + c;
    let bb = s1 - p;
    const e1 = (p - (s1 - bb)) + (c - bb);
    const w = e1 + ul;
    const r = s1 + w;
    const ar = Math.abs(r);
    if (ar > TINY_R && Math.abs(w) <= ar * 0.0625) {
      const d = w - (r - s1); // exact (Fast2Sum: |s1| > |w|)
      if (d === 0) return r;
      let q = d * SPLIT52;
      if (q - (q - d) !== d) return r; // d is not a power of two: s1 + w is no midpoint
      // h: |r| rounded to one significant bit, 2^E or 2^(E+1) for |r| in [2^E, 2^(E+1))
      q = ar * SPLIT52;
      const h = q - (q - ar);
      const ad = Math.abs(d);
      if (h <= ar ? ad !== h * P_53 && (ar !== h || ad !== h * P_54 || (d < 0) === (r < 0)) : ad !== h * P_54) return r;
    } else if (r === 0) {
      // s1 + w == 0 exactly, so the exact result is ew, the rounding error of w (representable)
      bb = w - e1;
      const ew = (e1 - (w - bb)) + (ul - bb);
      return ew === 0 ? 0 : ew; // an exact zero of nonzero terms is +0
    }
    // th + tl = c + ul
    const th = c + ul;
    bb = th - c;
    const tl = (c - (th - bb)) + (ul - bb);
    // vh + vl = p + th
    const vh = p + th;
    bb = vh - p;
    const vl = (p - (vh - bb)) + (th - bb);
    const av = Math.abs(vh);
    if (av > TINY_R && av < HUGE) {
      // result = RN(vh + RO(tl + vl))
      const s = tl + vl;
      bb = s - tl;
      const err = (tl - (s - bb)) + (vl - bb);
      return err === 0 ? vh + s : vh + toOdd(s, err);
    }
  }
  return fmaSlow(a, b, c);
}

// ---------------------------------------------------------------------------
// Exact fallback: a*b + c as a BigInt times a power of two, rounded once.

interface Decomposed {
  m: bigint; // signed integer significand
  e: number; // value = m * 2^e
}

function decompose(x: number): Decomposed {
  f64[0] = x;
  const hi = u32[1] as number;
  const lo = u32[0] as number;
  const exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) {
    e = -1074;
  } else {
    m |= 1n << 52n;
    e = exp - 1075;
  }
  if (hi >>> 31) m = -m;
  return { m, e };
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** Rounds the exact value m * 2^e (m > 0) to the nearest double, ties to even. */
function roundToDouble(m: bigint, e: number): number {
  const len = bitLength(m);
  // exponent of the leading bit: value in [2^(len-1+e), 2^(len+e))
  const lead = len - 1 + e;
  if (lead >= 1024) return Infinity;
  // target quantum: 2^(lead-52) for normals, 2^-1074 for subnormals
  const q = Math.max(lead - 52, -1074);
  let shift = q - e; // how many low bits to drop
  let r: bigint;
  if (shift <= 0) {
    r = m << BigInt(-shift);
    shift = 0;
  } else {
    const s = BigInt(shift);
    r = m >> s;
    const rem = m - (r << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (r & 1n) === 1n)) r += 1n;
  }
  // r * 2^q, with r <= 2^53 (a carry may give exactly 2^53)
  const rn = Number(r); // exact: r has at most 54 significant bits, and 2^53 is exact
  // Scale in two steps so no intermediate overflows or rounds (rn*2^q is exact).
  // (rn is an integer < 2^54 and rn*2^q is the representable result, so each product is exact)
  if (q < -1000) return (rn * pow2(q + 600)) * pow2(-600);
  if (q > 900) return (rn * pow2(q - 100)) * pow2(100);
  return rn * pow2(q);
}

/**
 * fma by exact BigInt arithmetic: the fallback of fma, and an independent reference for testing
 * its fast paths (slow: microseconds per call).
 */
export function fmaExact(a: number, b: number, c: number): number {
  return fmaSlow(a, b, c);
}

function fmaSlow(a: number, b: number, c: number): number {
  // Non-finite operands, and zero products, follow IEEE arithmetic directly:
  // a*b is then exact (0, inf or nan), so one rounding happens at most.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c;
  if (!Number.isFinite(c)) return c; // a finite product never cancels an infinity (even if it rounds to one)
  if (a === 0 || b === 0) return a * b + c;
  if (c === 0) return a * b;
  const da = decompose(a);
  const db = decompose(b);
  const dc = decompose(c);
  const pm = da.m * db.m;
  const pe = da.e + db.e;
  let m: bigint;
  let e: number;
  if (pe <= dc.e) {
    m = pm + (dc.m << BigInt(dc.e - pe));
    e = pe;
  } else {
    m = (pm << BigInt(pe - dc.e)) + dc.m;
    e = dc.e;
  }
  // Exact zero sum of nonzero terms is +0 in round-to-nearest.
  if (m === 0n) return 0;
  if (m < 0n) return -roundToDouble(-m, e);
  return roundToDouble(m, e);
}
