import { readFileSync } from 'node:fs';
import type { Dtype } from '../../src/engine/index.js';
import { floatSpelledIntegers, placesUnder } from '../../src/numbers/number-spellings.js';

export interface GoldenValueCase {
  readonly id: string;
  readonly kind: 'value';
  readonly form: string;
  readonly schedule: unknown;
  readonly canonical?: unknown;
  /** The exact JSON text Python's json.dumps wrote for Keras's serialize(): `1.0` (a float) is not `1` (an int). */
  readonly canonical_text?: string;
  /** Not in the file: the schedule's JSON text exactly as the line spells it, to send as a request body would. */
  readonly scheduleText: string;
  /** Not in the file: pointers, relative to the schedule, of its integer-valued numbers written as floats (`0.0`). */
  readonly scheduleFloatIntegers: ReadonlySet<string>;
  readonly dtype: Dtype;
  readonly request_dtype: Dtype | null;
  readonly steps: number[];
  readonly expected: number[];
  readonly fragile_steps?: number[];
}

export interface GoldenErrorCase {
  readonly id: string;
  readonly kind: 'error';
  readonly schedule: unknown;
  readonly keras_error: string;
  readonly why: string;
}

export type GoldenCase = GoldenValueCase | GoldenErrorCase;

const FIXTURE = new URL('../fixtures/keras-golden.jsonl', import.meta.url);

export const goldenCases: readonly GoldenCase[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => ({
    ...(JSON.parse(line) as GoldenCase),
    scheduleText: memberText(line, 'schedule'),
    scheduleFloatIntegers: placesUnder(floatSpelledIntegers(line), '/schedule'),
  }));

/** The text of a top-level member's value in a one-line JSON object (`{"key": <this>, ...}`), spellings intact. */
function memberText(line: string, key: string): string {
  const start = line.indexOf(`"${key}": `) + key.length + 4;
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const code = line[i];
    if (code === '"') {
      for (i++; line[i] !== '"'; i++) if (line[i] === '\\') i++;
    } else if (code === '{' || code === '[') depth++;
    else if (code === '}' || code === ']') depth--;
    if (depth === 0 && (code === '}' || code === ']' || code === '"')) return line.slice(start, i + 1);
  }
  throw new Error(`no member ${key} in ${line.slice(0, 80)}`);
}

export const valueCases = goldenCases.filter((c): c is GoldenValueCase => c.kind === 'value');
export const errorCases = goldenCases.filter((c): c is GoldenErrorCase => c.kind === 'error');

const scratch = new DataView(new ArrayBuffer(4));

/** Position of a float32 on the number line of float32s, so that adjacent floats differ by one. */
function float32Ordinal(x: number): number {
  scratch.setFloat32(0, x);
  const bits = scratch.getInt32(0);
  return bits < 0 ? -(bits & 0x7fffffff) : bits;
}

/** Units in the last place (of float32) between two float32 values. */
export function float32UlpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return Math.abs(float32Ordinal(a) - float32Ordinal(b));
}

export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

/** The golden README's agreement rule. */
export const FLOAT32_ULP_TOLERANCE = 4;
export const FLOAT64_RELATIVE_TOLERANCE = 1e-12;

export function agrees(dtype: Dtype, actual: number, expected: number): boolean {
  return dtype === 'float32'
    ? float32UlpDistance(actual, expected) <= FLOAT32_ULP_TOLERANCE
    : relativeError(actual, expected) <= FLOAT64_RELATIVE_TOLERANCE;
}

/** A JSON text read with its number spellings kept: the value, and the pointers of every number written as a float. */
export interface SpelledJson {
  readonly value: unknown;
  readonly floats: string[];
}

/** Reads JSON keeping what JSON.parse forgets: which numbers are floats (a fraction or an exponent, or not whole). */
export function readSpelled(text: string): SpelledJson {
  const value: unknown = JSON.parse(text);
  const floats = new Set(floatSpelledIntegers(text));
  const visit = (node: unknown, path: string): void => {
    if (typeof node === 'number' && !Number.isInteger(node)) floats.add(path);
    else if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${path}/${i}`));
    else if (typeof node === 'object' && node !== null) for (const [key, item] of Object.entries(node)) visit(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  visit(value, '');
  return { value, floats: [...floats].sort() };
}

/**
 * What normalize must write for a golden case, spellings kept. For a float32 `__tensor__` the golden text holds
 * the double the tensor was made from, which the float32 tensor cannot carry; Keras's serialize() of the schedule
 * read from that tensor writes the float64 value of the float32: that value, still a float.
 */
export function expectedCanonical(c: GoldenValueCase): SpelledJson | undefined {
  if (c.canonical_text === undefined) return undefined;
  const expected = readSpelled(c.canonical_text);
  if (c.form !== 'tensor32') return expected;
  const config = (expected.value as { config: Record<string, unknown> }).config;
  const sent = (c.schedule as { config: Record<string, { config?: { value?: unknown } }> }).config;
  for (const [key, wrapped] of Object.entries(sent)) {
    if (typeof wrapped === 'object' && wrapped !== null && typeof wrapped.config?.value === 'number') config[key] = Math.fround(wrapped.config.value);
  }
  return expected;
}
