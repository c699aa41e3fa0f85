/**
 * sin(x) and cos(x) as glibc 2.36's `__sin_fma` and `__cos_fma` compute them.
 *
 * Algorithm: IBM Accurate Mathematical Library (glibc dbl-64/s_sin.c, as simplified in 2018):
 * - |x| < 0.855469: cos by table (sin/cos of the nearest multiple of 1/128 and their tails,
 *   `__sincostab`) plus short polynomials; sin by a Taylor polynomial below 0.126, else the table.
 * - 0.855469 <= |x| < 2.426265: reflect about pi/2 (pi/2 split in two, hp0 + hp1).
 * - |x| < 105414350: Cody–Waite reduction by pi/2 in four parts into a + da and a quadrant.
 * - larger: `__branred`, an exact multi-word reduction with 2/pi in base 2^24.
 *
 * Fusion (the FMA build; each `fma` below is a `vfmadd`/`vfnmadd`/`vfmsub` in `__cos_fma` /
 * `__sin_fma`, 70 in each): GCC contracts every product whose only uses are additions or
 * subtractions in the same block. That includes the Cody–Waite steps of the reduction
 * (t2 = y - xn*pp3 and db = (y - t2) - xn*pp3 each become one fma, so the reduction is not
 * the exact two-sum its source intends, and neither is ours). `__branred` is shared with the
 * generic build (no FMA instructions), so it is plain arithmetic here too.
 */
import * as fmaModule from './fma.js';
import { doublesFromHex, fromWords, hiWord, pow2 } from './bits.js';
import { sincostab } from './tables.js';

// Imported bindings as module constants: where the module is transformed to CommonJS (tsx: tests,
// scripts), every use of an imported binding is a megamorphic property load plus a getter call.
const { P_2_52, P_2_53, P_2_54, TINY_D, UFP_OMU, UFP_PHI, VELTKAMP, fma, fmaQ, roundToIntFused } = fmaModule;

/** sin, sin tail, cos, cos tail of i/128 for i = 0..110 (glibc `__sincostab`). */
const TAB = doublesFromHex(sincostab);

/** A double from its bits (hi, lo words): constants as the C source spells them in hex. */
const w = fromWords;
// usncs.h (s_sin.c's constants)
const s1 = -w(0x3fc55555, 0x55555555); // -0x1.5555555555555p-3
const s2 = w(0x3f811111, 0x11110ece); // 0x1.1111111110ECEp-7
const s3 = -w(0x3f2a01a0, 0x19db08b8); // -0x1.A01A019DB08B8p-13
const s4 = w(0x3ec71de2, 0x7b9a7ed9); // 0x1.71DE27B9A7ED9p-19
const s5 = -w(0x3e5addff, 0xc2fcdf59); // -0x1.ADDFFC2FCDF59p-26
const big = w(0x42c80000, 0); // 0x1.8p45: ulp 2^-7, rounds |x| to the table grid
const hp0 = w(0x3ff921fb, 0x54442d18); // pi/2 high
const hp1 = w(0x3c91a626, 0x33145c07); // pi/2 low
const mp1 = w(0x3ff921fb, 0x58000000);
const mp2 = -w(0x3e4dde97, 0x3c000000); // -0x1.DDE973Cp-27
const pp3 = -w(0x3c8cb3b3, 0x98000000); // -0x1.CB3B398p-55
const pp4 = -w(0x3acd747f, 0x23e32ed7); // -0x1.d747f23e32ed7p-83
const hpinv = w(0x3fe45f30, 0x6dc9c883); // 2/pi
const toint = w(0x43380000, 0); // 0x1.8p52
// s_sin.c's short polynomials
const sn3 = -1.66666666666664880952546298448555e-01;
const sn5 = 8.33333214285722277379541354343671e-03;
const cs2 = 4.99999999999999999999950396842453e-01;
const cs4 = -4.16666666666664434524222570944589e-02;
const cs6 = 1.38888874007937613028114285595617e-03;

// ---------------------------------------------------------------------------
// Fast, exact kernels. Every fused operation of glibc is reproduced by a certified fast path that
// falls back to fma() when its test fails (fma.ts): [Q] by calling fmaQ, [D] written out here.
// Sizes: |x| <= 1/256 + |dx| after the table step of doCos and sinTable, |x| < 0.126 in
// sinTaylor; table values |sn|, |cs| <= 1 (split once: TABS), tails |ssn|, |ccs| < 2^-53; so no
// operand comes near 2^996 (no split overflows) and no result near 2^970 (ufp), and the guards
// only reject tiny or zero products and the rare close calls.
//
// Why [Q] is a call (fmaQ) and [D] is written out (seven times). A call is fast only if TurboFan
// inlines it, which it decides per call site when it optimizes the calling function: (1) at most
// about 920 bytes of bytecode are inlined into one optimized function, all sites together (fmaQ
// is 75 bytes, a [D] function 160-200); (2) a function of at most 460 bytes is itself inlined into
// its callers (sin, cos, the caller's loop), its calls with it; (3) a site reached in fewer than
// 15% of the function's calls so far is not inlined, and stays a call until the function is
// deoptimized, which a working call never causes. A schedule moves through the argument ranges
// one after another, so (3) does happen: with [D] as calls too (kernels below 460 bytes), cos of
// |x| < 0.855 took 62 instead of 30 ns/call in about one run in four, its kernel having inlined 2
// of its 8 calls. So each kernel (doCos, sinTaylor, sinTable, sincosReduced) is one path with no
// branch before any fmaQ call (doCos computes entry 0 like the other entries rather than by a
// shortcut, sinTable's c = fma(x, dx, xq) also runs for dx = 0), stays above 460 bytes (the
// written-out [D] steps are most of that: keep it so), and makes at most 5 fmaQ calls.

const TD = TINY_D;
const E52 = P_2_52;
const E53 = P_2_53;
const E54 = P_2_54;
const SPL = VELTKAMP;
const PHI = UFP_PHI;
const OMU = UFP_OMU;
const P968 = pow2(-968);

/** [snH, snL, csH, csL] per table entry: Veltkamp halves (26 bits each) of sn and cs. */
const TABS = (() => {
  const out = new Float64Array(TAB.length);
  for (let i = 0; i < TAB.length; i += 4) {
    for (const j of [0, 2]) {
      const a = TAB[i + j] as number;
      const t = SPL * a;
      const h = t - (t - a);
      out[i + j] = h;
      out[i + j + 1] = a - h;
    }
  }
  return out;
})();

/** Kernel arguments and result (see doCos). */
const K = new Float64Array(2);

/**
 * cos(x + dx) for |x| < 0.855469 (plus tails): table value and corrections. x, dx are read from
 * K[0], K[1] and the result is written to K[0]: doubles passed to or returned from a function that
 * V8 does not inline are boxed (a heap allocation each), and this one is too large to inline.
 */
function doCos(): void {
  let x = K[0] as number;
  let dx = K[1] as number;
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const u = big + ax;
  const g = u - big; // exact: the multiple of 1/128 nearest ax
  const k = (g * 512) | 0; // 4 * table index (the index is the low word of u = 1.5*2^45 + i/128)
  x = ax - g + dx;
  const xx = x * x;
  let p: number, ap: number, av: number, q: number, hl: number, tt: number, bH: number, bL: number, uu: number;
  const c = xx * fmaQ(xx, fmaQ(xx, cs6, cs4), cs2); // q2 = fma(xx, fma(xx, cs6, cs4), cs2), [Q] twice
  const s = fmaQ(x * xx, fmaQ(xx, sn5, sn3), x); // fma(x*xx, fma(xx, sn5, sn3), x), [Q] twice
  const cor = fmaQ(-s, TAB[k + 1] as number, TAB[k + 3] as number); // fma(-s, ssn, ccs) [Q]
  const mcs = -(TAB[k + 2] as number);
  // cor2 = fma(mcs, c, cor) [D]: cs split in TABS, |c| < 2^-16
  p = mcs * c;
  tt = SPL * c;
  bH = tt - (tt - c);
  bL = c - bH;
  uu = cor + (((((-(TABS[k + 2] as number)) * bH - p) + (-(TABS[k + 2] as number)) * bL) + (-(TABS[k + 3] as number)) * bH) + (-(TABS[k + 3] as number)) * bL);
  let cor2 = p + uu;
  ap = Math.abs(p);
  av = Math.abs(cor2);
  q = PHI * cor2;
  hl = Math.abs(q - OMU * q);
  hl = av > hl ? hl * E53 : hl * E54;
  if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - cor2) + uu) + Math.abs(uu) * E52 < hl)) cor2 = fma(mcs, c, cor);
  const msn = -(TAB[k] as number);
  // cor3 = fma(msn, s, cor2) [D]: sn split in TABS, |s| < 2^-7
  p = msn * s;
  tt = SPL * s;
  bH = tt - (tt - s);
  bL = s - bH;
  uu = cor2 + (((((-(TABS[k] as number)) * bH - p) + (-(TABS[k] as number)) * bL) + (-(TABS[k + 1] as number)) * bH) + (-(TABS[k + 1] as number)) * bL);
  let cor3 = p + uu;
  ap = Math.abs(p);
  av = Math.abs(cor3);
  q = PHI * cor3;
  hl = Math.abs(q - OMU * q);
  hl = av > hl ? hl * E53 : hl * E54;
  if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - cor3) + uu) + Math.abs(uu) * E52 < hl)) cor3 = fma(msn, s, cor2);
  K[0] = (TAB[k + 2] as number) + cor3;
}

/** sin(x + dx) for |x| < 0.855469 (plus tails); x, dx from K[0], K[1], result to K[0]. */
function doSin(): void {
  if (Math.abs(K[0] as number) < 0.126) sinTaylor();
  else sinTable();
}

/** doSin for |x| < 0.126: TAYLOR_SIN(x*x, x, dx) = ((P(xx)*x - 0.5*dx)*xx + dx) + x. */
function sinTaylor(): void {
  const x = K[0] as number;
  const dx = K[1] as number;
  let p: number, ap: number, av: number, q: number, hl: number, tt: number, aH: number, aL: number, bH: number, bL: number, uu: number;
  const xx = x * x;
  // h1 = fma(fma(fma(fma(s5, xx, s4), xx, s3), xx, s2), xx, s1), [Q] four times
  const h1 = fmaQ(fmaQ(fmaQ(fmaQ(s5, xx, s4), xx, s3), xx, s2), xx, s1);
  if (dx === 0) {
    // fma(P, x, -0) = RN(P*x) and fma(w, xx, 0) = RN(w*xx): with a zero addend the fused
    // operation is the plain product (a zero result takes the product's sign either way)
    K[0] = x + (h1 * x) * xx;
    return;
  }
  // w = fma(P, x, -0.5*dx), then x + fma(w, xx, dx): both [D] (P*x and w*xx dominate the tails)
  const mhdx = -(0.5 * dx);
  // w = fma(h1, x, mhdx) [D]: both factors split here
  p = h1 * x;
  tt = SPL * h1;
  aH = tt - (tt - h1);
  aL = h1 - aH;
  tt = SPL * x;
  bH = tt - (tt - x);
  bL = x - bH;
  uu = mhdx + ((((aH * bH - p) + aH * bL) + aL * bH) + aL * bL);
  let w = p + uu;
  ap = Math.abs(p);
  av = Math.abs(w);
  q = PHI * w;
  hl = Math.abs(q - OMU * q);
  hl = av > hl ? hl * E53 : hl * E54;
  if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - w) + uu) + Math.abs(uu) * E52 < hl)) w = fma(h1, x, mhdx);
  // t = fma(w, xx, dx) [D]: both factors split here
  p = w * xx;
  tt = SPL * w;
  aH = tt - (tt - w);
  aL = w - aH;
  tt = SPL * xx;
  bH = tt - (tt - xx);
  bL = xx - bH;
  uu = dx + ((((aH * bH - p) + aH * bL) + aL * bH) + aL * bL);
  let t = p + uu;
  ap = Math.abs(p);
  av = Math.abs(t);
  q = PHI * t;
  hl = Math.abs(q - OMU * q);
  hl = av > hl ? hl * E53 : hl * E54;
  if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - t) + uu) + Math.abs(uu) * E52 < hl)) t = fma(w, xx, dx);
  K[0] = x + t;
}

/** doSin for 0.126 <= |x| < 0.855469: table value and corrections. */
function sinTable(): void {
  const xold = K[0] as number;
  let dx = K[1] as number;
  let p: number, ap: number, av: number, q: number, hl: number, tt: number, aH: number, aL: number, bH: number, bL: number, uu: number;
  if (xold <= 0) dx = -dx;
  const ax = Math.abs(xold);
  const u = big + ax;
  const g = u - big;
  const k = (g * 512) | 0;
  const x = ax - g;
  const xx = x * x;
  const t1 = fmaQ(xx, sn5, sn3); // [Q]
  const xq = xx * fmaQ(xx, fmaQ(xx, cs6, cs4), cs2); // q2 = fma(xx, fma(xx, cs6, cs4), cs2), [Q] twice
  const xxx = x * xx;
  // c = fma(x, dx, xq) [Q]: xq itself when dx = 0 (a zero product leaves the addend)
  const c = fmaQ(x, dx, xq);
  let s: number;
  if (dx === 0) {
    // fma(x*xx, t1, +-0) = RN(x*xx*t1): exact zero addend, as above
    s = x + xxx * t1;
  } else {
    // s = x + fma(x*xx, t1, dx) [D]: x^3/6 dominates the tail dx
    // sd = fma(xxx, t1, dx) [D]: both factors split here
    p = xxx * t1;
    tt = SPL * xxx;
    aH = tt - (tt - xxx);
    aL = xxx - aH;
    tt = SPL * t1;
    bH = tt - (tt - t1);
    bL = t1 - bH;
    uu = dx + ((((aH * bH - p) + aH * bL) + aL * bH) + aL * bL);
    let sd = p + uu;
    ap = Math.abs(p);
    av = Math.abs(sd);
    q = PHI * sd;
    hl = Math.abs(q - OMU * q);
    hl = av > hl ? hl * E53 : hl * E54;
    if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - sd) + uu) + Math.abs(uu) * E52 < hl)) sd = fma(xxx, t1, dx);
    s = x + sd;
  }
  const ssn = TAB[k + 1] as number;
  const ccs = TAB[k + 3] as number;
  const cor = fmaQ(s, ccs, ssn); // fma(s, ccs, ssn) [Q]
  const msn = -(TAB[k] as number);
  // cor2 = fma(msn, c, cor) [D]: sn split in TABS, |c| < 2^-16
  p = msn * c;
  tt = SPL * c;
  bH = tt - (tt - c);
  bL = c - bH;
  uu = cor + (((((-(TABS[k] as number)) * bH - p) + (-(TABS[k] as number)) * bL) + (-(TABS[k + 1] as number)) * bH) + (-(TABS[k + 1] as number)) * bL);
  let cor2 = p + uu;
  ap = Math.abs(p);
  av = Math.abs(cor2);
  q = PHI * cor2;
  hl = Math.abs(q - OMU * q);
  hl = av > hl ? hl * E53 : hl * E54;
  if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - cor2) + uu) + Math.abs(uu) * E52 < hl)) cor2 = fma(msn, c, cor);
  const cs = TAB[k + 2] as number;
  // cor3 = fma(cs, s, cor2) [D]: cs split in TABS, |s| < 2^-7
  p = cs * s;
  tt = SPL * s;
  bH = tt - (tt - s);
  bL = s - bH;
  uu = cor2 + (((((TABS[k + 2] as number) * bH - p) + (TABS[k + 2] as number) * bL) + (TABS[k + 3] as number) * bH) + (TABS[k + 3] as number) * bL);
  let cor3 = p + uu;
  ap = Math.abs(p);
  av = Math.abs(cor3);
  q = PHI * cor3;
  hl = Math.abs(q - OMU * q);
  hl = av > hl ? hl * E53 : hl * E54;
  if (!(ap >= TD && ap >= Math.abs(uu) && av >= P968 && Math.abs((p - cor3) + uu) + Math.abs(uu) * E52 < hl)) cor3 = fma(cs, s, cor2);
  const r = (TAB[k] as number) + cor3;
  K[0] = xold < 0 || (xold === 0 && 1 / xold < 0) ? -Math.abs(r) : Math.abs(r);
}

/** pp4 = -0x1.d747f23e32ed7p-83 in Veltkamp halves, for the exact error of xn*pp4. */
const PP4H = (() => {
  const t = SPL * pp4;
  return t - (t - pp4);
})();
const PP4L = pp4 - PP4H;

/**
 * sin (n0 = 0) or cos (n0 = 1) of x = K[0], |x| < 105414350, to K[0]: reduce_sincos (x = a + da
 * plus a multiple of pi/2, the quadrant n), then doSincos: one function of more than 460 bytes of
 * bytecode (see "Why [Q] is a call").
 */
function sincosReduced(n0: number): void {
  const x = K[0] as number;
  const t = roundToIntFused(x, hpinv, toint); // fma(x, hpinv, toint)
  const xn = t - toint;
  // loWord(t) & 3: t = 1.5*2^52 + xn has ulp 1, so its low word is xn mod 2^32 (|xn| <= 2^26)
  const n = (xn | 0) & 3;
  // mp1, mp2 and pp3 have at most 27 significant bits and |xn| <= 2^26 here, so xn*mp1, xn*mp2
  // and xn*pp3 are exact: the contracted and the plain operations are the same single rounding.
  const y = (x - xn * mp1) - xn * mp2;
  // t1 = xn*pp3 has two subtraction uses, both contracted (and exact)
  const t2 = y - xn * pp3;
  let db = (y - t2) - xn * pp3;
  // pp4 is full precision: these two really are fused.
  const mxn = -xn;
  const b = fmaQ(mxn, pp4, t2); // [Q]: |xn*pp4| < 2^-56
  // db += fma(-xn, pp4, c) with c = t2 - b. When c = 0 (b = t2, the usual case) the fma is the
  // plain product p. Otherwise the exact sum p + e + c is rounded by [R]: e = -xn*pp4 - p is
  // exact because xn, an integer below 2^26, is its own high half (fma.ts): e = (-xn*PP4H - p)
  // + -xn*PP4L; c + p = v + d1 (two-sum), w = RN(d1 + e) with |w - (d1 + e)| <= RN(|w|*2^-52)
  // (exact if subnormal), r = RN(v + w) = v + w - d2 (two-sum): p + e + c = r + d2 + (error of w).
  const c = t2 - b;
  const p = mxn * pp4;
  if (c === 0) {
    db += p;
  } else {
    let q: number, hl: number, bb: number;
    const e = (mxn * PP4H - p) + mxn * PP4L;
    const v = c + p;
    bb = v - p;
    const d1 = (p - (v - bb)) + (c - bb);
    const w = d1 + e;
    let r = v + w;
    bb = r - v;
    const d2 = (v - (r - bb)) + (w - bb);
    const av = Math.abs(r);
    q = PHI * r;
    hl = Math.abs(q - OMU * q);
    hl = av > hl ? hl * E53 : hl * E54;
    if (!(av >= P968 && Math.abs(d2) + Math.abs(w) * E52 < hl)) r = fma(mxn, pp4, c);
    db += r;
  }
  K[0] = b;
  K[1] = db;
  K[0] = doSincos(n0 + n);
}

// __branred constants (branred.h)
const tm600 = pow2(-600);
const tm24 = pow2(-24);
const bbig = w(0x43380000, 0); // 0x1.8p52
const bbig1 = w(0x43580000, 0); // 0x1.8p54
const bmp1 = w(0x3ff921fb, 0x58000000);
const bmp2 = w(0xbe4dde97, 0x40000000);
const SPLIT = 134217729; // 2^27 + 1
/** 2/pi in base 2^24 digits. */
const toverp = new Float64Array([
  10680707.0, 7228996.0, 1387004.0, 2578385.0, 16069853.0,
  12639074.0, 9804092.0, 4427841.0, 16666979.0, 11263675.0,
  12935607.0, 2387514.0, 4345298.0, 14681673.0, 3074569.0,
  13734428.0, 16653803.0, 1880361.0, 10960616.0, 8533493.0,
  3062596.0, 8710556.0, 7349940.0, 6258241.0, 3772886.0,
  3769171.0, 3798172.0, 8675211.0, 12450088.0, 3874808.0,
  9961438.0, 366607.0, 15675153.0, 9132554.0, 7151469.0,
  3571407.0, 2607881.0, 12013382.0, 4155038.0, 6285869.0,
  7677882.0, 13102053.0, 15825725.0, 473591.0, 9065106.0,
  15363067.0, 6271263.0, 9264392.0, 5636912.0, 4652155.0,
  7056368.0, 13614112.0, 10155062.0, 1944035.0, 9527646.0,
  15080200.0, 6658437.0, 6231200.0, 6832269.0, 16767104.0,
  5075751.0, 3212806.0, 1398474.0, 7579849.0, 6349435.0,
  12618859.0, 4703257.0, 12806093.0, 14477321.0, 2786137.0,
  12875403.0, 9837734.0, 14528324.0, 13719321.0, 343717.0,
]);
const rr = new Float64Array(6);

// one half of __branred's reduction: x1 * 2/pi as sum (integer part mod 4) + b + bb
let hSum = 0;
let hB = 0;
let hBB = 0;
function branredHalf(x1: number): void {
  let k = ((hiWord(x1) >>> 20) & 2047) - 450;
  k = k < 0 ? 0 : (k / 24) | 0; // C's (k-450)/24 truncates; negative values become 0 anyway
  let gor = fromWords((0x63f00000 - ((k * 24) << 20)) >>> 0, 0); // 2^576 / 2^(24k)
  for (let i = 0; i < 6; i++) {
    rr[i] = x1 * (toverp[k + i] as number) * gor;
    gor *= tm24;
  }
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const s = ((rr[i] as number) + bbig) - bbig;
    sum += s;
    rr[i] = (rr[i] as number) - s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += rr[5 - i] as number;
  let bb = ((((((rr[0] as number) - t) + (rr[1] as number)) + (rr[2] as number)) + (rr[3] as number))
    + (rr[4] as number)) + (rr[5] as number);
  let s = (t + bbig) - bbig;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = (t - b) + bb;
  s = (sum + bbig1) - bbig1;
  sum -= s;
  hSum = sum;
  hB = b;
  hBB = bb;
}

/** __branred: reduces huge |x| by pi/2 exactly enough; sets K = [a, da]; returns the quadrant. */
function branred(xin: number): number {
  const x = xin * tm600;
  let t = x * SPLIT;
  const x1 = t - (t - x);
  const x2 = x - x1;
  branredHalf(x1);
  const b1 = hB;
  const bb1 = hBB;
  const sum1 = hSum;
  branredHalf(x2);
  const b2 = hB;
  const bb2 = hBB;
  const sum2 = hSum;
  let sum = sum1 + sum2;
  let b = b1 + b2;
  let bb = Math.abs(b1) > Math.abs(b2) ? (b1 - b) + b2 : (b2 - b) + b1;
  if (b > 0.5) {
    b -= 1.0;
    sum += 1.0;
  } else if (b < -0.5) {
    b += 1.0;
    sum -= 1.0;
  }
  let s = b + (bb + bb1 + bb2);
  t = ((b - s) + bb) + (bb1 + bb2);
  b = s * SPLIT;
  const t1 = b - (b - s);
  const t2 = s - t1;
  b = s * hp0;
  bb = (((t1 * bmp1 - b) + t1 * bmp2) + t2 * bmp1) + (t2 * bmp2 + s * hp1 + t * hp0);
  s = b + bb;
  t = (b - s) + bb;
  K[0] = s;
  K[1] = t;
  return (sum | 0) & 3; // (int) sum & 3: sum is a small integer-valued double
}

/** sin or cos of K = [a, da] in quadrant n. */
function doSincos(n: number): number {
  if ((n & 1) !== 0) doCos();
  else doSin();
  const r = K[0] as number;
  return (n & 2) !== 0 ? -r : r;
}

// The range tests compare |x| with doubles whose low word is zero: |x| < w(K, 0) exactly when the
// high word of |x| is below K (glibc's tests on k = hi & 0x7fffffff); NaN fails every one of them.
const X_TINY_S = w(0x3e500000, 0); // 2^-26
const X_TINY_C = w(0x3e400000, 0); // 2^-27
const X_TABLE = w(0x3feb6000, 0); // 0.855469
const X_REFLECT = w(0x400368fd, 0); // 2.426265
const X_REDUCE = w(0x419921fb, 0); // 105414350

export function sin(x: number): number {
  const ax = Math.abs(x);
  if (ax < X_TINY_S) return x; // |x| < 2^-26
  if (ax < X_TABLE) {
    // |x| < 0.855469
    K[0] = x;
    K[1] = 0;
    doSin();
    return K[0] as number;
  }
  if (ax < X_REFLECT) {
    // 0.855469 <= |x| < 2.426265: sin(x) = +-cos(pi/2 - |x|)
    K[0] = hp0 - ax;
    K[1] = hp1;
    doCos();
    const r = K[0] as number;
    return x < 0 ? -Math.abs(r) : Math.abs(r);
  }
  if (ax < X_REDUCE) {
    K[0] = x;
    sincosReduced(0);
    return K[0] as number;
  }
  if (ax < Infinity) return doSincos(branred(x));
  return x / x; // inf or nan: nan
}

export function cos(x: number): number {
  const ax = Math.abs(x);
  if (ax < X_TINY_C) return 1.0; // |x| < 2^-27
  if (ax < X_TABLE) {
    K[0] = x;
    K[1] = 0;
    doCos();
    return K[0] as number;
  }
  if (ax < X_REFLECT) {
    // cos(x) = sin(pi/2 - |x|), with pi/2 - |x| as a + da
    const y = hp0 - ax;
    const a = y + hp1;
    K[0] = a;
    K[1] = (y - a) + hp1;
    doSin();
    return K[0] as number;
  }
  if (ax < X_REDUCE) {
    K[0] = x;
    sincosReduced(1);
    return K[0] as number;
  }
  if (ax < Infinity) return doSincos(branred(x) + 1);
  return x / x;
}
