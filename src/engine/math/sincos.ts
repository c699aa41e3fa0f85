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
import { fma, roundToIntFused } from './fma.js';
import { doublesFromHex, fromWords, hiWord, loWord, pow2 } from './bits.js';
import { sincostab } from './tables.js';

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

/** cos(x + dx) for |x| < 0.855469 (plus tails): table value and corrections. */
function doCos(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const u = big + ax;
  const k = loWord(u) << 2;
  x = ax - (u - big) + dx;
  const xx = x * x;
  const s = fma(x * xx, fma(xx, sn5, sn3), x);
  const c = xx * fma(xx, fma(xx, cs6, cs4), cs2);
  const sn = TAB[k] as number;
  const ssn = TAB[k + 1] as number;
  const cs = TAB[k + 2] as number;
  const ccs = TAB[k + 3] as number;
  // cor = (ccs - s*ssn - cs*c) - sn*s, every product fused
  const cor = fma(-sn, s, fma(-cs, c, fma(-s, ssn, ccs)));
  return cs + cor;
}

/** sin(x + dx) for |x| < 0.855469 (plus tails). */
function doSin(x: number, dx: number): number {
  const xold = x;
  if (Math.abs(x) < 0.126) {
    // TAYLOR_SIN(x*x, x, dx): ((P(xx)*a - 0.5*da)*xx + da) + a
    const xx = x * x;
    const p = fma(fma(fma(fma(s5, xx, s4), xx, s3), xx, s2), xx, s1);
    const t = fma(fma(p, x, -(0.5 * dx)), xx, dx);
    return x + t;
  }
  if (x <= 0) dx = -dx;
  const ax = Math.abs(x);
  const u = big + ax;
  const k = loWord(u) << 2;
  x = ax - (u - big);
  const xx = x * x;
  const s = x + fma(x * xx, fma(xx, sn5, sn3), dx);
  // c = x*dx + xx*(cs2 + ...): the first product (x*dx) is the fused one
  const c = fma(x, dx, xx * fma(xx, fma(xx, cs6, cs4), cs2));
  const sn = TAB[k] as number;
  const ssn = TAB[k + 1] as number;
  const cs = TAB[k + 2] as number;
  const ccs = TAB[k + 3] as number;
  // cor = (ssn + s*ccs - sn*c) + cs*s
  const cor = fma(cs, s, fma(-sn, c, fma(s, ccs, ssn)));
  const r = sn + cor;
  return xold < 0 || (xold === 0 && 1 / xold < 0) ? -Math.abs(r) : Math.abs(r);
}

// reduce_sincos / __branred outputs: a + da, through module state (no allocation per call).
let ra = 0;
let rda = 0;

/** Reduces |x| < 105414350 by pi/2; sets ra, rda; returns the quadrant (mod 4). */
function reduceSincos(x: number): number {
  const t = roundToIntFused(x, hpinv, toint);
  const xn = t - toint;
  const n = loWord(t) & 3;
  // mp1, mp2 and pp3 have at most 27 significant bits and |xn| <= 2^26 here, so xn*mp1, xn*mp2
  // and xn*pp3 are exact: the contracted and the plain operations are the same single rounding.
  const y = (x - xn * mp1) - xn * mp2;
  // t1 = xn*pp3 has two subtraction uses, both contracted (and exact)
  const t2 = y - xn * pp3;
  let db = (y - t2) - xn * pp3;
  // pp4 is full precision: these two really are fused
  const b = fma(-xn, pp4, t2);
  db += fma(-xn, pp4, t2 - b);
  ra = b;
  rda = db;
  return n;
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

/** __branred: reduces huge |x| by pi/2 exactly enough; sets ra, rda; returns the quadrant. */
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
  ra = s;
  rda = t;
  return (sum | 0) & 3; // (int) sum & 3: sum is a small integer-valued double
}

/** sin or cos of a + da in quadrant n. */
function doSincos(a: number, da: number, n: number): number {
  const r = (n & 1) !== 0 ? doCos(a, da) : doSin(a, da);
  return (n & 2) !== 0 ? -r : r;
}

export function sin(x: number): number {
  const k = hiWord(x) & 0x7fffffff;
  if (k < 0x3e500000) return x; // |x| < 2^-26
  if (k < 0x3feb6000) return doSin(x, 0); // |x| < 0.855469
  if (k < 0x400368fd) {
    // 0.855469 <= |x| < 2.426265: sin(x) = +-cos(pi/2 - |x|)
    const t = hp0 - Math.abs(x);
    const r = doCos(t, hp1);
    return x < 0 ? -Math.abs(r) : Math.abs(r);
  }
  if (k < 0x419921fb) {
    const n = reduceSincos(x);
    return doSincos(ra, rda, n);
  }
  if (k < 0x7ff00000) {
    const n = branred(x);
    return doSincos(ra, rda, n);
  }
  return x / x; // inf or nan: nan
}

export function cos(x: number): number {
  const k = hiWord(x) & 0x7fffffff;
  if (k < 0x3e400000) return 1.0; // |x| < 2^-27
  if (k < 0x3feb6000) return doCos(x, 0);
  if (k < 0x400368fd) {
    // cos(x) = sin(pi/2 - |x|), with pi/2 - |x| as a + da
    const y = hp0 - Math.abs(x);
    const a = y + hp1;
    const da = (y - a) + hp1;
    return doSin(a, da);
  }
  if (k < 0x419921fb) {
    const n = reduceSincos(x);
    return doSincos(ra, rda, n + 1);
  }
  if (k < 0x7ff00000) {
    const n = branred(x);
    return doSincos(ra, rda, n + 1);
  }
  return x / x;
}
