/**
 * Decimal forms of learning rates. A float32 result is written as the shortest
 * decimal that reads back to the same float32 (what numpy prints:
 * 0.0050037503, not 0.005003750324249268): a client that casts it to float32
 * gets Keras's bits, and a person reads what Keras would have shown them.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact in a double up to 1e22

// The last decimal found, as `mantissa × 10^-power`: module state rather than an object, to allocate nothing per value.
let foundMantissa = 0;
let foundPower = 0;

/**
 * Finds the shortest decimal that reads back (through a double, as JSON
 * clients read it) to the positive float32 `x`. With d significant digits the
 * candidates are the d-digit decimals just below and above x, found by
 * scaling with an exact power of ten; if one reads back to x, so does one with
 * d + 1 digits, so the fewest digits are found by bisection. Returns false
 * where exact powers of ten do not reach (below 1e-13 or above 1e20).
 */
function findShortest(x: number): boolean {
  const exponent = Math.floor(Math.log10(x));
  if (exponent > 20 || exponent < -13) return false;
  let fewest = 1;
  let most = 9;
  while (fewest < most) {
    const digits = (fewest + most) >>> 1;
    if (withDigits(x, digits, exponent)) most = digits;
    else fewest = digits + 1;
  }
  return withDigits(x, fewest, exponent);
}

function withDigits(x: number, digits: number, exponent: number): boolean {
  const power = digits - 1 - exponent;
  const scale = POWERS_OF_TEN[Math.abs(power)] as number;
  const scaled = power >= 0 ? x * scale : x / scale;
  // Ties between two equally near decimals go up, as toPrecision (and numpy) round.
  const nearest = Math.round(scaled);
  return readsBack(x, nearest, power, scale) || readsBack(x, nearest > scaled ? nearest - 1 : nearest + 1, power, scale);
}

function readsBack(x: number, mantissa: number, power: number, scale: number): boolean {
  if (Math.fround(power >= 0 ? mantissa / scale : mantissa * scale) !== x) return false;
  foundMantissa = mantissa;
  foundPower = power;
  return true;
}

function foundValue(): number {
  const scale = POWERS_OF_TEN[Math.abs(foundPower)] as number;
  return foundPower >= 0 ? foundMantissa / scale : foundMantissa * scale;
}

/** The shortest decimal, as a JS number, that rounds to the float32 `x` (which must already be a float32 value). */
export function shortestFloat32(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  const value = findShortest(magnitude) ? foundValue() : shortestFloat32BySearch(magnitude);
  return x < 0 ? -value : value;
}

/** A decimal `mantissa × 10^-power`, filled in by shortestFloat32Decimal. */
export interface Decimal {
  mantissa: number;
  power: number;
}

/**
 * The shortest decimal of the positive float32 `x` as integer digits and a
 * power of ten, for writers that print digits without making a string.
 * Returns false (leaving `into` alone) where the fast search does not reach;
 * use String(shortestFloat32(x)) there.
 */
export function shortestFloat32Decimal(x: number, into: Decimal): boolean {
  if (!(x > 0) || !Number.isFinite(x) || !findShortest(x)) return false;
  into.mantissa = foundMantissa;
  into.power = foundPower;
  return true;
}

/** The plain search: toPrecision with more and more digits. Slow, and right for every float32. */
export function shortestFloat32BySearch(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return candidate;
  }
  // Nine significant digits always round-trip a float32.
  return Number(x.toPrecision(9));
}
