/**
 * Learning rates on the wire. float32 values are written as the shortest
 * decimal that reads back to the same float32 (numpy's repr), float64 values
 * as JavaScript's shortest round-trip form. Large answers are built as one
 * string or one buffer, never pushed number by number through a schema serializer.
 */
import { endianness } from 'node:os';
import { shortestFloat32, type Dtype, type LearningRates } from '../engine/index.js';

/** The steps of a request: an explicit list, or a range generated on the fly. */
export interface StepSequence {
  readonly length: number;
  stepAt(index: number): number;
}

export function listSteps(steps: readonly number[]): StepSequence {
  return { length: steps.length, stepAt: (index) => steps[index] as number };
}

export function rangeSteps(start: number, stride: number, length: number): StepSequence {
  return { length, stepAt: (index) => start + index * stride };
}

/** A learning rate as a JSON number; null where Keras answers inf or nan (JSON has no such numbers). */
export function jsonRate(value: number, dtype: Dtype): number | null {
  if (!Number.isFinite(value)) return null;
  return dtype === 'float32' ? shortestFloat32(value) : value;
}

function csvRate(value: number, dtype: Dtype): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(dtype === 'float32' ? shortestFloat32(value) : value);
}

export function encodeJson(dtype: Dtype, steps: StepSequence, rates: LearningRates): string {
  const stepParts = new Array<string>(steps.length);
  const rateParts = new Array<string>(steps.length);
  for (let i = 0; i < steps.length; i++) {
    stepParts[i] = String(steps.stepAt(i));
    rateParts[i] = String(jsonRate(rates[i] as number, dtype));
  }
  return `{"dtype":"${dtype}","steps":[${stepParts.join(',')}],"learning_rates":[${rateParts.join(',')}]}`;
}

export const CSV_HEADER = 'step,learning_rate\n';

export function encodeCsv(dtype: Dtype, steps: StepSequence, rates: LearningRates): string {
  const rows = new Array<string>(steps.length + 1);
  rows[0] = CSV_HEADER;
  for (let i = 0; i < steps.length; i++) rows[i + 1] = `${steps.stepAt(i)},${csvRate(rates[i] as number, dtype)}\n`;
  return rows.join('');
}

/** Little-endian IEEE 754 values, one per step, and nothing else. */
export function encodeBinary(rates: LearningRates): Buffer {
  const bytes = Buffer.from(rates.buffer, rates.byteOffset, rates.byteLength);
  if (endianness() === 'LE') return bytes;
  return rates.BYTES_PER_ELEMENT === 4 ? Buffer.from(bytes).swap32() : Buffer.from(bytes).swap64();
}
