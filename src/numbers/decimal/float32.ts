/**
 * Shortest decimals of float32 values, written as ASCII bytes, byte for byte
 * what the service has always written: String(shortestFloat32(x)).
 *
 * The algorithm is Raffaello Giulietti's Schubfach ("The Schubfach way to
 * render doubles", 2020), sections 8-9: with k = floor(log10(width of the
 * rounding interval R)), R holds at least one multiple of 10^k and at most one
 * multiple of 10^(k+1). So the shortest decimal is the one multiple of 10^(k+1)
 * in R if there is one (its trailing zeros are then dropped), else one of the
 * two multiples of 10^k next to x. No search over lengths and no logarithm.
 *
 * What "rounds to x" means here differs from the paper: a JSON client parses
 * the decimal to a double and then casts it to float32, so a decimal D belongs
 * to R when Math.fround(Number(D)) === x. R is the float32 rounding interval
 * widened (x even) or narrowed (x odd) by half a double ulp at each end, which
 * changes the answer at rare double-rounding boundaries. Schubfach's
 * fixed-point membership test is therefore replaced by the read-back itself:
 *
 * - Near range (1e-13 <= x < 1e21, every learning rate): the candidate
 *   n * 10^t has |t| <= 22, so n / 10^-t (or n * 10^t) is one correctly
 *   rounded double operation: Math.fround of it === x is the exact test. The
 *   choice among the two multiples of 10^k is made exactly as the previous
 *   writer made it (the nearer by Math.round of x scaled in doubles, ties up,
 *   else the other), so every bit pattern gives the same bytes.
 * - Far range (the rest): the previous writer used x.toPrecision(d) for
 *   d = 1, 2, ... (the correctly rounded d-digit decimal, ties up) and took the
 *   first that reads back. R is symmetric about x there except at powers of
 *   two, so that is the nearest multiple of 10^k when no multiple of 10^(k+1)
 *   is in R. The read-back Number(n * 10^t) is computed with 10^t as a double-
 *   double (error < 2^-100); when the result is within a few double ulps of a
 *   float32 midpoint, where that error could matter, the value is deferred to
 *   the previous search (never, in practice: see scripts/decimal-exhaustive.ts
 *   for how often over all 2^31 - 2^23 positive finite float32 values). Powers
 *   of two in the far range (164 values) are looked up in a table built at load.
 *
 * -0 is written "0", NaN "NaN", infinities "Infinity" and "-Infinity", as String does.
 */
import { writeAscii, writeDecimal, writeInfinity, writeNaN } from './ascii.js';
import { P10_OFFSET, P10H, P10HH, P10HL, P10L, POW10, flog10pow2, flog10threeQuartersPow2 } from './tables.js';

const MINUS = 45;

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** k = floor(log10(width of R)) by biased exponent: regular spacing, and at powers of two (3/4 of the ulp). */
const K_REGULAR = new Int8Array(256);
const K_POWER_OF_TWO = new Int8Array(256);
/** Half a float32 ulp by biased exponent. */
const HALF_ULP = new Float64Array(256);
for (let biased = 0; biased < 255; biased++) {
  const q = (biased === 0 ? 1 : biased) - 150; // x = c * 2^q
  K_REGULAR[biased] = flog10pow2(q);
  K_POWER_OF_TWO[biased] = biased > 1 ? flog10threeQuartersPow2(q) : flog10pow2(q);
  HALF_ULP[biased] = 2 ** (q - 1);
}

// The decimal found, as mantissa * 10^exponent (module state: nothing is allocated per value).
let mantissa = 0;
let exponent = 0;

/** How many values went to the exact fallback search (a diagnostic for the exhaustive check). */
export let float32Deferred = 0;

/**
 * Writes the float32 value `x` (a number that is exactly a float32) at
 * `offset` as its shortest decimal, as String(shortestFloat32(x)) prints it,
 * and returns the offset after it. Needs at most 22 bytes of room (-123456790000000000000).
 */
export function writeFloat32(buffer: Uint8Array, offset: number, x: number): number {
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
  F32[0] = x;
  const bits = U32[0] as number;
  const biased = bits >>> 23;
  const fraction = bits & 0x7fffff;
  if (x >= 1e-13 && x < 1e21) {
    near(x, fraction === 0 ? (K_POWER_OF_TWO[biased] as number) : (K_REGULAR[biased] as number));
  } else if (fraction === 0 || (biased === 0 && (fraction & (fraction - 1)) === 0)) {
    const index = biased === 0 ? 256 + 31 - Math.clz32(fraction) : biased;
    mantissa = TABLE_MANTISSA[index] as number;
    exponent = TABLE_EXPONENT[index] as number;
  } else if (!far(x, K_REGULAR[biased] as number, HALF_ULP[biased] as number)) {
    float32Deferred++;
    return writeAscii(buffer, offset, String(bySearch(x)));
  }
  const high = mantissa >= 1e8 ? Math.floor(mantissa / 1e8) : 0;
  return writeDecimal(buffer, offset, high, mantissa - high * 1e8, exponent);
}

/** Whether n * 10^-power reads back to x through a double; power in [-22, 22], so the read-back is one rounding. */
function readsBack(x: number, n: number, power: number): boolean {
  return Math.fround(power >= 0 ? n / (POW10[power] as number) : n * (POW10[-power] as number)) === x;
}

/** x scaled by 10^power, computed as the previous writer computed it. */
function scaled(x: number, power: number): number {
  return power >= 0 ? x * (POW10[power] as number) : x / (POW10[-power] as number);
}

/** The near range, 1e-13 <= x < 1e21; k as above. */
function near(x: number, k: number): void {
  // The one multiple of 10^(k+1) in R, if any: one of the two next to x.
  let power = -1 - k;
  const below = Math.floor(scaled(x, power));
  if (readsBack(x, below, power)) {
    mantissa = below;
    exponent = -power;
    return;
  }
  if (readsBack(x, below + 1, power)) {
    mantissa = below + 1;
    exponent = -power;
    return;
  }
  power = -k;
  const s = scaled(x, power);
  const nearest = Math.round(s);
  mantissa = readsBack(x, nearest, power) ? nearest : nearest > s ? nearest - 1 : nearest + 1;
  exponent = k;
}

/**
 * Whether n * 10^t reads back to x through a double (1), does not (0), or lies
 * too close to the edge of R for the double-double product to tell (-1).
 * `half` is half a float32 ulp of x (x is not a power of two here).
 */
function member(x: number, n: number, t: number, half: number): number {
  if (n === 0) return 0;
  const i = t + P10_OFFSET;
  const h = P10H[i] as number;
  const hh = P10HH[i] as number;
  const hl = P10HL[i] as number;
  // Dekker's exact product n * h = p + e, plus n times the low part of 10^t.
  const p = n * h;
  const split = 134217729 * n;
  const nh = split - (split - n);
  const nl = n - nh;
  const e = nh * hh - p + nh * hl + nl * hh + nl * hl + n * (P10L[i] as number);
  const distance = Math.abs(p + e - x);
  const margin = x * 3.552713678800501e-15; // x * 2^-48: several double ulps
  if (distance < half - margin) return 1;
  if (distance > half + margin) return 0;
  return -1;
}

/** The far range; returns false where it cannot decide (the caller then searches). */
function far(x: number, k: number, half: number): boolean {
  const scaleUp = -1 - k + P10_OFFSET;
  const below = Math.floor(x * (P10H[scaleUp] as number));
  const first = member(x, below, k + 1, half);
  if (first < 0) return false;
  if (first === 1) {
    mantissa = below;
    exponent = k + 1;
    return true;
  }
  const second = member(x, below + 1, k + 1, half);
  if (second < 0) return false;
  if (second === 1) {
    mantissa = below + 1;
    exponent = k + 1;
    return true;
  }
  // The multiple of 10^k nearest x, ties up (toPrecision's rounding).
  const i = -k + P10_OFFSET;
  const s = x * (P10H[i] as number);
  let floor = Math.floor(s);
  let fraction = s - floor;
  if (Math.abs(fraction - 0.5) < 2 ** -20) {
    // Recompute x * 10^-k as a double-double: x * h exactly (x has 24 bits, h splits into two halves), plus x * low.
    const p1 = x * (P10HH[i] as number);
    const p2 = x * (P10HL[i] as number);
    const low = x * (P10L[i] as number);
    const whole = Math.floor(p1);
    const rest = p1 - whole + p2 + low; // within 2^-48 of x * 10^-k - whole
    floor = whole + Math.floor(rest);
    fraction = rest - Math.floor(rest);
    if (Math.abs(fraction - 0.5) < 2 ** -40) return false;
  }
  mantissa = fraction < 0.5 ? floor : floor + 1;
  exponent = k;
  return true;
}

/** The previous writer's search, for what the fast paths defer: toPrecision with more and more digits. */
function bySearch(x: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return candidate;
  }
  return Number(x.toPrecision(9));
}

// Far-range powers of two (normal ones by biased exponent, subnormal 2^-149..2^-127 at 256 + bit), found by the search at load.
const TABLE_MANTISSA = new Float64Array(256 + 23);
const TABLE_EXPONENT = new Int16Array(256 + 23);
for (let index = 0; index < 256 + 23; index++) {
  const x = index < 256 ? 2 ** (index - 127) : 2 ** (index - 256 - 149);
  if (index === 0 || index === 255 || (x >= 1e-13 && x < 1e21)) continue;
  const [digits = '', power = '0'] = bySearch(x).toExponential().split('e');
  const significand = digits.replace('.', '');
  TABLE_MANTISSA[index] = Number(significand);
  TABLE_EXPONENT[index] = Number(power) - (significand.length - 1);
}
