import { readFileSync } from 'node:fs';
import type { Dtype } from '../../src/engine/index.js';

export interface GoldenValueCase {
  readonly id: string;
  readonly kind: 'value';
  readonly form: string;
  readonly schedule: unknown;
  readonly canonical?: unknown;
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
  .map((line) => JSON.parse(line) as GoldenCase);

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
