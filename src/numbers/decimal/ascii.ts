/**
 * Prints a decimal `(high * 10^8 + low) * 10^exponent` as Number#toString
 * prints it (ECMA-262 Number::toString, radix 10): plain digits for decimal
 * exponents n in (-6, 21], exponent form `d.ddde±n` outside, trailing zeros of
 * the significand removed. No allocation: digits go through a scratch array.
 */

const ZERO = 48;
const DOT = 46;
const LOWER_E = 101;
const PLUS = 43;
const MINUS = 45;

const DIGITS = new Uint8Array(20);
const END = 20;

/**
 * Writes the positive decimal `(high * 10^8 + low) * 10^exponent`, with
 * 0 <= low < 10^8 and 0 <= high < 10^9 (not both zero), at `offset`; returns
 * the offset after it.
 */
export function writeDecimal(buffer: Uint8Array, offset: number, high: number, low: number, exponent: number): number {
  let start = END;
  let rest = low;
  if (high !== 0) {
    for (let i = 0; i < 8; i++) {
      const quotient = (rest / 10) | 0;
      DIGITS[--start] = ZERO + rest - quotient * 10;
      rest = quotient;
    }
    rest = high;
  }
  do {
    const quotient = (rest / 10) | 0;
    DIGITS[--start] = ZERO + rest - quotient * 10;
    rest = quotient;
  } while (rest !== 0);
  let end = END;
  while (DIGITS[end - 1] === ZERO) {
    end--;
    exponent++;
  }
  const count = end - start;
  const n = count + exponent; // the value is 0.d1d2...dk * 10^n
  if (n >= count && n <= 21) {
    offset = copy(buffer, offset, start, end);
    for (let i = count; i < n; i++) buffer[offset++] = ZERO;
    return offset;
  }
  if (n > 0 && n <= 21) {
    offset = copy(buffer, offset, start, start + n);
    buffer[offset++] = DOT;
    return copy(buffer, offset, start + n, end);
  }
  if (n > -6 && n <= 0) {
    buffer[offset++] = ZERO;
    buffer[offset++] = DOT;
    for (let i = n; i < 0; i++) buffer[offset++] = ZERO;
    return copy(buffer, offset, start, end);
  }
  buffer[offset++] = DIGITS[start] as number;
  if (count > 1) {
    buffer[offset++] = DOT;
    offset = copy(buffer, offset, start + 1, end);
  }
  buffer[offset++] = LOWER_E;
  let e = n - 1;
  if (e < 0) {
    buffer[offset++] = MINUS;
    e = -e;
  } else {
    buffer[offset++] = PLUS;
  }
  if (e >= 100) {
    const hundreds = (e / 100) | 0;
    buffer[offset++] = ZERO + hundreds;
    e -= hundreds * 100;
    const tens = (e / 10) | 0;
    buffer[offset++] = ZERO + tens;
    buffer[offset++] = ZERO + e - tens * 10;
  } else if (e >= 10) {
    const tens = (e / 10) | 0;
    buffer[offset++] = ZERO + tens;
    buffer[offset++] = ZERO + e - tens * 10;
  } else {
    buffer[offset++] = ZERO + e;
  }
  return offset;
}

function copy(buffer: Uint8Array, offset: number, from: number, to: number): number {
  for (let i = from; i < to; i++) buffer[offset++] = DIGITS[i] as number;
  return offset;
}

const NAN = [78, 97, 78];
const INFINITY = [73, 110, 102, 105, 110, 105, 116, 121];

/** "NaN", as String(NaN). */
export function writeNaN(buffer: Uint8Array, offset: number): number {
  for (const code of NAN) buffer[offset++] = code;
  return offset;
}

/** "Infinity", as String(Infinity) (the caller writes the sign). */
export function writeInfinity(buffer: Uint8Array, offset: number): number {
  for (const code of INFINITY) buffer[offset++] = code;
  return offset;
}

/** Writes an ASCII string (rare paths only: this is the one place a string is read). */
export function writeAscii(buffer: Uint8Array, offset: number, text: string): number {
  for (let i = 0; i < text.length; i++) buffer[offset++] = text.charCodeAt(i);
  return offset;
}
