/**
 * Keras writes numpy scalars and arrays in a config as
 * `{"class_name": "__tensor__" | "__numpy__", "config": {"value", "dtype"}}`.
 * Keras cannot read these back into a schedule; we can: each one is replaced
 * by its plain value, and the dtype is kept for the one field that decides the
 * dtype of the computation.
 */
import { jsonTypeOf, pointer, type Problem } from '../errors.js';

const TENSOR_CLASSES = new Set(['__tensor__', '__numpy__']);
const TENSOR_DTYPES = ['float32', 'float64', 'int32', 'int64'] as const;
export type TensorDtype = (typeof TENSOR_DTYPES)[number];

export interface UnwrappedValue {
  readonly value: unknown;
  /** The dtype of the tensor that held this value (or its first element), if any. */
  readonly dtype: TensorDtype | null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where unwrapping reports: problems, and the places of the values that float tensors held (Python floats to Keras). */
export interface UnwrapReport {
  readonly problems: Problem[];
  readonly floats: Set<string>;
}

/** Replaces tensor objects anywhere in a config value by plain numbers, or reports why it cannot. */
export function unwrapTensors(value: unknown, path: string, report: UnwrapReport): UnwrappedValue {
  if (Array.isArray(value)) {
    const items = value.map((item, index) => unwrapTensors(item, pointer(path, index), report));
    return { value: items.map((item) => item.value), dtype: items[0]?.dtype ?? null };
  }
  if (!isPlainObject(value)) return { value, dtype: null };
  const className = value['class_name'];
  if (typeof className === 'string' && TENSOR_CLASSES.has(className)) return readTensor(value, path, report);
  const { problems } = report;
  problems.push({ path, message: describeForeignObject(className) });
  return { value: null, dtype: null };
}

function describeForeignObject(className: unknown): string {
  if (typeof className !== 'string') return 'expected a number, a list or a boolean here, got an object';
  if (className.startsWith('__') && className.endsWith('__')) {
    return `a serialized \`${className}\` object is not accepted here: only numbers and __tensor__/__numpy__ values are read, and code is never executed`;
  }
  return `a serialized Keras object (${className}) is not accepted here: expected a number, a list or a __tensor__/__numpy__ value`;
}

function readTensor(tensor: Record<string, unknown>, path: string, report: UnwrapReport): UnwrappedValue {
  const { problems } = report;
  const config = tensor['config'];
  const configPath = pointer(path, 'config');
  if (!isPlainObject(config)) {
    problems.push({ path: configPath, message: `a ${String(tensor['class_name'])} needs a config object with "value" and "dtype"` });
    return { value: null, dtype: null };
  }
  const dtype = config['dtype'];
  if (!TENSOR_DTYPES.includes(dtype as TensorDtype)) {
    problems.push({
      path: pointer(configPath, 'dtype'),
      message: `unsupported tensor dtype ${JSON.stringify(dtype)}: expected one of ${TENSOR_DTYPES.join(', ')}`,
    });
    return { value: null, dtype: null };
  }
  const value = castTensorValue(config['value'], dtype as TensorDtype, pointer(configPath, 'value'), problems);
  if (dtype === 'float32' || dtype === 'float64') markNumbers(value, path, report.floats);
  return { value, dtype: dtype as TensorDtype };
}

/** Records the place of every number in an unwrapped value. */
function markNumbers(value: unknown, path: string, places: Set<string>): void {
  if (typeof value === 'number') places.add(path);
  else if (Array.isArray(value)) value.forEach((item, index) => markNumbers(item, pointer(path, index), places));
}

/** Rounds the numbers of a tensor's (possibly nested) value to what its dtype holds. */
function castTensorValue(value: unknown, dtype: TensorDtype, path: string, problems: Problem[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => castTensorValue(item, dtype, pointer(path, index), problems));
  if (typeof value !== 'number') {
    problems.push({ path, message: `a tensor value must be a number or a list of numbers, got ${jsonTypeOf(value)}` });
    return null;
  }
  // What Keras's serialize() writes for a float32 tensor: the float64 value of that float32, every digit.
  if (dtype === 'float32') return Math.fround(value);
  if ((dtype === 'int32' || dtype === 'int64') && !Number.isInteger(value)) {
    problems.push({ path, message: `a ${dtype} tensor holds integers, got ${value}` });
  }
  return value;
}
