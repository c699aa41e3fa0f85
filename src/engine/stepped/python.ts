/**
 * Python's float operations where they differ from JavaScript's: Python raises where JavaScript answers
 * Infinity or NaN (division by zero, `0.0 ** -1`, a `**` that overflows). A schedule that would raise
 * in torch at some step must refuse that step here too, never answer a number torch never produced.
 */
import { pow, pythonMod } from './libm.js';

/** What Python raised, by type and message; the runner turns it into a problem at `/step`. */
export class PythonError extends Error {
  constructor(
    readonly pythonType: 'ZeroDivisionError' | 'OverflowError' | 'ValueError' | 'NotImplementedError',
    message: string,
  ) {
    super(message);
    this.name = 'PythonError';
  }

  /** As Python prints it: `ZeroDivisionError: division by zero`. */
  describe(): string {
    return this.message === '' ? this.pythonType : `${this.pythonType}: ${this.message}`;
  }
}

/** `a / b` on floats (or ints: true division of integers below 2^53 rounds the same way). */
export function div(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'division by zero');
  return a / b;
}

/** `a % b`, Python's sign convention. */
export function mod(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'division by zero');
  return pythonMod(a, b);
}

/** `a // b` as CPython's float_floor_div computes it (exact for integers too). */
export function floorDiv(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'division by zero');
  let m = a % b;
  let d = (a - m) / b;
  if (m !== 0 && b < 0 !== m < 0) {
    m += b;
    d -= 1;
  }
  if (d === 0) return Math.sign(a / b) < 0 || Object.is(a / b, -0) ? -0 : 0;
  let f = Math.floor(d);
  if (d - f > 0.5) f += 1;
  return f;
}

/**
 * `x ** y` on floats, as CPython's float_pow: 1 for a zero exponent or a base of 1, ZeroDivisionError for
 * zero to a negative power, OverflowError where the C result overflows (underflow to 0 is silent).
 */
export function power(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === 0 && y < 0) throw new PythonError('ZeroDivisionError', 'zero to a negative power');
  const r = pow(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
    throw new PythonError('OverflowError', "(34, 'Numerical result out of range')");
  }
  return r;
}

/** Python's `max(a, b)`: the first argument unless the second is strictly greater (so NaN loses). */
export function max(a: number, b: number): number {
  return b > a ? b : a;
}

/** Python's `min(a, b)`: the first argument unless the second is strictly smaller. */
export function min(a: number, b: number): number {
  return b < a ? b : a;
}

/** `bisect.bisect_right(sorted, x)`: how many entries are <= x. */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < (sorted[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A number as Python's repr() prints it: an int as digits, a float with its shortest round-trip digits
 * (as JavaScript finds them) in Python's layout: `10.0`, `1e-05`, `1e+16`, `0.0003`.
 */
export function pythonNumber(value: number, isInt: boolean): string {
  if (isInt && Number.isInteger(value)) return BigInt(value).toString();
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0] ?? ''}${rest}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}
