/**
 * A faster twin of ascii.ts's writeDecimal for the up to 17 digits of a
 * double: digits are made two at a time (a table of "00".."99" and a
 * multiply-shift for division by 100) instead of one division per digit.
 * Same output: Number#toString's notation. (ascii.ts is kept as it is for
 * float32, whose exhaustive verification ran against it; the two can be
 * merged once that check is run again.)
 */

const ZERO = 48;
const DOT = 46;
const LOWER_E = 101;
const PLUS = 43;
const MINUS = 45;

const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  PAIRS[2 * i + 1] = ZERO + (i % 10);
}

const DIGITS = new Uint8Array(24);
const END = 24;

/** Four digits of n (0 <= n < 10000) ending before `end` in DIGITS. */
function four(n: number, end: number): void {
  const hundreds = (n * 5243) >>> 19; // n / 100 for n < 43699
  const rest = n - hundreds * 100;
  DIGITS[end - 1] = PAIRS[2 * rest + 1] as number;
  DIGITS[end - 2] = PAIRS[2 * rest] as number;
  DIGITS[end - 3] = PAIRS[2 * hundreds + 1] as number;
  DIGITS[end - 4] = PAIRS[2 * hundreds] as number;
}

/**
 * Writes the positive decimal `(high * 10^8 + low) * 10^exponent`, with
 * 0 <= low < 10^8 and 0 <= high < 10^9 (not both zero), at `offset` as
 * Number#toString prints it; returns the offset after it.
 */
export function writeDecimalFast(buffer: Uint8Array, offset: number, high: number, low: number, exponent: number): number {
  // 24 - 17 = 7 leading places: DIGITS[7..24) holds high (9 digits) and low (8 digits), zero-padded.
  const lowTop = (low / 10000) | 0;
  four(low - lowTop * 10000, END);
  four(lowTop, END - 4);
  const highTop = (high / 10000) | 0;
  four(high - highTop * 10000, END - 8);
  const highTopTop = (highTop / 10000) | 0;
  four(highTop - highTopTop * 10000, END - 12);
  DIGITS[END - 17] = ZERO + highTopTop;
  let start = END - 17;
  while (DIGITS[start] === ZERO) start++;
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
  } else if (e < 10) {
    buffer[offset++] = ZERO + e;
    return offset;
  }
  buffer[offset++] = PAIRS[2 * e] as number;
  buffer[offset++] = PAIRS[2 * e + 1] as number;
  return offset;
}

function copy(buffer: Uint8Array, offset: number, from: number, to: number): number {
  for (let i = from; i < to; i++) buffer[offset++] = DIGITS[i] as number;
  return offset;
}
