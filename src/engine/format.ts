/**
 * Decimal forms of learning rates. A float32 result is written as the
 * shortest decimal that reads back to the same float32 (what numpy prints:
 * 0.0050037503, not 0.005003750324249268): a client that casts it to float32
 * gets Keras's bits, and a person reads what Keras would have shown them.
 */

/** The shortest decimal, as a JS number, that rounds to the float32 `x` (which must already be a float32 value). */
export function shortestFloat32(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return candidate;
  }
  // Nine significant digits always round-trip a float32.
  return Number(x.toPrecision(9));
}
