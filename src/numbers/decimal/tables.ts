/**
 * Tables for the decimal writers, built once when the module loads (BigInt is
 * used here, at load time only, to get the exact values; the writers
 * themselves only read these typed arrays).
 */

/** 10^i for i in [0, 22]: exactly representable in a double. */
export const POW10 = new Float64Array(23);
for (let i = 0; i < 23; i++) POW10[i] = 10 ** i;

/**
 * 10^i for i in [-P10_OFFSET, P10_OFFSET] as an unevaluated sum of two doubles,
 * P10H[i + P10_OFFSET] + P10L[i + P10_OFFSET], with a relative error below
 * 2^-106. P10H is the double nearest 10^i; P10HH + P10HL is P10H split in two
 * halves of at most 26 significant bits each (for exact products).
 */
export const P10_OFFSET = 64;
export const P10H = new Float64Array(2 * P10_OFFSET + 1);
export const P10L = new Float64Array(2 * P10_OFFSET + 1);
export const P10HH = new Float64Array(2 * P10_OFFSET + 1);
export const P10HL = new Float64Array(2 * P10_OFFSET + 1);

/** The exact value of a finite double as numerator / 2^shift (shift >= 0). */
function exactDouble(x: number): { numerator: bigint; shift: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return exponent >= 0 ? { numerator: mantissa << BigInt(exponent), shift: 0 } : { numerator: mantissa, shift: -exponent };
}

/** numerator / denominator (positive or negative BigInts) rounded to a double, to about 2^-52 relative. */
function ratio(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  // Scale so that the integer quotient has about 64 significant bits, then divide exactly by a power of two.
  const shift = 64 - (n.toString(2).length - denominator.toString(2).length);
  const quotient = shift >= 0 ? (n << BigInt(shift)) / denominator : n / (denominator << BigInt(-shift));
  const value = Number(quotient) * 2 ** -shift;
  return negative ? -value : value;
}

for (let i = -P10_OFFSET; i <= P10_OFFSET; i++) {
  const high = Number(`1e${i}`); // correctly rounded
  const { numerator, shift } = exactDouble(high);
  // 10^i - high = (10^i * 2^shift - numerator) / 2^shift, with 10^i = 10^i / 1 for i < 0 handled by the denominator.
  const tenNumerator = i >= 0 ? 10n ** BigInt(i) : 1n;
  const tenDenominator = i >= 0 ? 1n : 10n ** BigInt(-i);
  const low = ratio(tenNumerator * (1n << BigInt(shift)) - numerator * tenDenominator, tenDenominator * (1n << BigInt(shift)));
  const split = 134217729 * high; // Veltkamp: high = hh + hl with 26 and 27 significant bits
  const hh = split - (split - high);
  P10H[i + P10_OFFSET] = high;
  P10L[i + P10_OFFSET] = low;
  P10HH[i + P10_OFFSET] = hh;
  P10HL[i + P10_OFFSET] = high - hh;
}

/**
 * Schubfach's g for doubles (Giulietti, section 9): for e = -k,
 * g = floor(10^e * 2^(125 - floor(log2(10^e)))) + 1, a 126-bit integer in
 * [2^125, 2^126], stored as six 24-bit limbs (least significant first) at
 * G[(e - G_MIN_E) * 6].
 */
export const G_MIN_E = -292;
export const G_MAX_E = 326;
export const G = new Float64Array((G_MAX_E - G_MIN_E + 1) * 6);
for (let e = G_MIN_E; e <= G_MAX_E; e++) {
  const f = flog2pow10(e);
  const r = 125 - f;
  let g: bigint;
  if (e >= 0) {
    const ten = 10n ** BigInt(e);
    g = r >= 0 ? ten << BigInt(r) : ten >> BigInt(-r);
  } else {
    g = (1n << BigInt(r)) / 10n ** BigInt(-e);
  }
  g += 1n;
  if (g < 1n << 125n || g > 1n << 126n) throw new Error(`g out of range for e = ${e}`);
  for (let limb = 0; limb < 6; limb++) G[(e - G_MIN_E) * 6 + limb] = Number((g >> BigInt(24 * limb)) & 0xffffffn);
}

/** floor(log10(2^q)) for |q| <= 1500 (exact integer arithmetic in doubles, as in Schubfach's MathUtils). */
export function flog10pow2(q: number): number {
  return Math.floor((q * 661971961083) / 2199023255552);
}

/** floor(log10(3/4 * 2^q)) for |q| <= 1500. */
export function flog10threeQuartersPow2(q: number): number {
  return Math.floor((q * 661971961083 - 274743187321) / 2199023255552);
}

/** floor(log2(10^e)) for |e| <= 1500. */
export function flog2pow10(e: number): number {
  return Math.floor((e * 913124641741) / 274877906944);
}
