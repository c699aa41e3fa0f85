/**
 * Decimal forms of learning rates. A float32 result is written as the shortest
 * decimal that reads back to the same float32 (what numpy prints:
 * 0.0050037503, not 0.005003750324249268): a client that casts it to float32
 * gets Keras's bits, and a person reads what Keras would have shown them.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact in a double up to 1e22

/**
 * Finds shortest decimals of float32 values, as `mantissa × 10^-power`. The
 * last one found is kept in the fields rather than returned as an object, so
 * that a writer printing a million values allocates nothing per value.
 */
export class Float32Decimals {
  mantissa = 0;
  power = 0;

  /**
   * Finds the shortest decimal that reads back (through a double, as JSON
   * clients read it) to the positive float32 `x`. With d significant digits the
   * candidates are the d-digit decimals just below and above x, found by
   * scaling with an exact power of ten; if one reads back to x, so does one with
   * d + 1 digits, so the fewest digits are found by bisection. Returns false
   * (leaving the fields alone) where exact powers of ten do not reach (below
   * 1e-13 or above 1e20): use String(shortestFloat32(x)) there.
   */
  find(x: number): boolean {
    if (!(x > 0) || !Number.isFinite(x)) return false;
    const exponent = Math.floor(Math.log10(x));
    if (exponent > 20 || exponent < -13) return false;
    let fewest = 1;
    let most = 9;
    while (fewest < most) {
      const digits = (fewest + most) >>> 1;
      if (this.withDigits(x, digits, exponent)) most = digits;
      else fewest = digits + 1;
    }
    return this.withDigits(x, fewest, exponent);
  }

  /** The decimal last found, as a JS number. */
  value(): number {
    const scale = POWERS_OF_TEN[Math.abs(this.power)] as number;
    return this.power >= 0 ? this.mantissa / scale : this.mantissa * scale;
  }

  private withDigits(x: number, digits: number, exponent: number): boolean {
    const power = digits - 1 - exponent;
    const scale = POWERS_OF_TEN[Math.abs(power)] as number;
    const scaled = power >= 0 ? x * scale : x / scale;
    // Ties between two equally near decimals go up, as toPrecision (and numpy) round.
    const nearest = Math.round(scaled);
    return this.readsBack(x, nearest, power, scale) || this.readsBack(x, nearest > scaled ? nearest - 1 : nearest + 1, power, scale);
  }

  private readsBack(x: number, mantissa: number, power: number, scale: number): boolean {
    if (Math.fround(power >= 0 ? mantissa / scale : mantissa * scale) !== x) return false;
    this.mantissa = mantissa;
    this.power = power;
    return true;
  }
}

/** The shortest decimal, as a JS number, that rounds to the float32 `x` (which must already be a float32 value). */
export function shortestFloat32(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  const decimals = new Float32Decimals();
  const value = decimals.find(magnitude) ? decimals.value() : shortestFloat32BySearch(magnitude);
  return x < 0 ? -value : value;
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
