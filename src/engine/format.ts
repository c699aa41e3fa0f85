/**
 * Decimal forms of learning rates. A float32 result is written as the shortest
 * decimal that reads back to the same float32 (what numpy prints:
 * 0.0050037503, not 0.005003750324249268): a client that casts it to float32
 * gets Keras's bits, and a person reads what Keras would have shown them.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact in a double up to 1e22

/**
 * The shortest decimal, as a JS number, that rounds to the float32 `x` (which
 * must already be a float32 value). With d significant digits, the candidates
 * are the d-digit decimals just below and above x, found by scaling with an
 * exact power of ten; if one reads back to x, so does one with d + 1 digits,
 * so the fewest digits are found by bisection. Reading back goes through a
 * double, as JSON clients do.
 */
export function shortestFloat32(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return x < 0 ? -shortestPositive(-x) : shortestPositive(x);
}

function shortestPositive(x: number): number {
  const exponent = Math.floor(Math.log10(x));
  if (exponent > 20 || exponent < -13) return shortestFloat32BySearch(x);
  let fewest = 1;
  let most = 9;
  while (fewest < most) {
    const digits = (fewest + most) >>> 1;
    if (Number.isNaN(withDigits(x, digits, exponent))) fewest = digits + 1;
    else most = digits;
  }
  const found = withDigits(x, fewest, exponent);
  return Number.isNaN(found) ? shortestFloat32BySearch(x) : found;
}

/** The decimal with `digits` significant digits nearest x that reads back to x, or NaN if neither neighbour does. */
function withDigits(x: number, digits: number, exponent: number): number {
  const power = digits - 1 - exponent;
  const scale = POWERS_OF_TEN[Math.abs(power)] as number;
  const scaled = power >= 0 ? x * scale : x / scale;
  // Ties between two equally near decimals go up, as toPrecision (and numpy) round.
  const nearest = Math.round(scaled);
  const first = power >= 0 ? nearest / scale : nearest * scale;
  if (Math.fround(first) === x) return first;
  const other = nearest > scaled ? nearest - 1 : nearest + 1;
  const second = power >= 0 ? other / scale : other * scale;
  return Math.fround(second) === x ? second : NaN;
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
