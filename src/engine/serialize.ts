/**
 * Writes a parsed schedule back exactly as `keras.optimizers.schedules.serialize()`
 * writes the same schedule object: module, class name, every config key in
 * `get_config()` order with defaults filled, plain numbers, registered_name;
 * and, as JSON text, every number spelled as Python's json.dumps spells it:
 * `1.0` for a Python float, `1` for an int. Keras builds an integer-typed
 * schedule from `1`, so the spelling is part of the schedule.
 */
import type { ParsedSchedule } from './deserialize.js';
import { pointer } from './errors.js';
import { DEFAULT_DTYPE_KEY } from './schedule.js';

export interface SerializedSchedule {
  readonly module: string;
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly registered_name: string | null;
}

export interface Serialized {
  readonly schedule: SerializedSchedule;
  /** JSON pointers, relative to `schedule`, of the numbers Keras holds as Python floats. */
  readonly floats: ReadonlySet<string>;
}

export function serializeSchedule(parsed: ParsedSchedule): Serialized {
  const { scheduleClass, registeredName } = parsed.registration;
  const { config, floats } = configFor(parsed);
  return {
    schedule: { module: scheduleClass.module, class_name: scheduleClass.className, config, registered_name: registeredName },
    floats: new Set([...floats].map((place) => `/config${place}`)),
  };
}

/**
 * Plain numbers carry no dtype, so a schedule that computes in float64
 * because its learning rate was a float64 tensor keeps that one tensor:
 * reading the canonical form again gives the same schedule in the same dtype.
 */
function configFor({ registration, config, serializedDtype, floats }: ParsedSchedule): { config: Record<string, unknown>; floats: Set<string> } {
  const copy = structuredClone(config) as Record<string, unknown>;
  const places = new Set(floats);
  if (serializedDtype === 'float64') {
    const key = registration.scheduleClass.dtypeKey ?? DEFAULT_DTYPE_KEY;
    const value = copy[key];
    const place = Array.isArray(value) ? pointer(pointer('', key), 0) : pointer('', key);
    if (Array.isArray(value)) value[0] = float64Tensor(value[0]);
    else copy[key] = float64Tensor(value);
    // The number now sits inside the tensor, and a float64 tensor holds a float.
    places.delete(place);
    places.add(`${place}/config/value`);
  }
  return { config: copy, floats: places };
}

function float64Tensor(value: unknown): Record<string, unknown> {
  return { class_name: '__tensor__', config: { value, dtype: 'float64' } };
}

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
