/**
 * JSON text as Python's `json.dumps` writes it for every family: each number spelled as Python spells the value
 * (`1.0` for a float, `1` for an int), which decides what Keras and torch build from it.
 */
import { pointer } from './errors.js';

/** A float as Python's `repr` writes it: the shortest round-trip digits, `.0` on whole numbers, exponent outside [1e-4, 1e16). */
export function pythonFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [digits, exponent] = shortestDigits(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  // Python's repr: fixed notation when the decimal exponent is in [-4, 16), scientific otherwise.
  if (exponent >= -4 && exponent < 16) {
    const point = exponent + 1;
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const magnitude = Math.abs(exponent);
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
}

/** The shortest round-trip significant digits of a positive double (as JavaScript finds them) and its decimal exponent. */
function shortestDigits(value: number): [string, number] {
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  return [mantissa.replace('.', ''), Number(exponent)];
}

/**
 * JSON text of `value` in which the numbers at `floats` (and every non-integer) are written as Python floats:
 * `json.dumps(value, separators=(",", ":"))` of the Python object, compact like every other answer.
 */
export function toPythonJson(value: unknown, floats: ReadonlySet<string>, path = ''): string {
  if (typeof value === 'number') return floats.has(path) || !Number.isInteger(value) ? pythonFloat(value) : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item, index) => toPythonJson(item, floats, pointer(path, index))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${toPythonJson(item, floats, pointer(path, key))}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
