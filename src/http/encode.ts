/**
 * Learning rates on the wire. float32 values are written as the shortest
 * decimal that reads back to the same float32 (numpy's repr), float64 values
 * as JavaScript's shortest round-trip form. Text answers are produced in
 * chunks: a small answer is joined into one string, a large one is streamed
 * with backpressure, so a million steps never sit in memory as one string.
 */
import { endianness } from 'node:os';
import { Readable } from 'node:stream';
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

function finiteRateText(value: number, dtype: Dtype): string {
  return String(dtype === 'float32' ? shortestFloat32(value) : value);
}

function jsonRateText(value: number, dtype: Dtype): string {
  return Number.isFinite(value) ? finiteRateText(value, dtype) : 'null';
}

function csvRateText(value: number, dtype: Dtype): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return finiteRateText(value, dtype);
}

/** Values per chunk: large enough to amortize the stream, small enough to keep memory flat. */
export const CHUNK_VALUES = 16_384;

/** `format(i)` for i in [0, length), joined by `separator`, in chunks of CHUNK_VALUES. */
function* chunked(length: number, format: (index: number) => string, separator: string): Generator<string> {
  for (let start = 0; start < length; start += CHUNK_VALUES) {
    const end = Math.min(start + CHUNK_VALUES, length);
    // Concatenation builds a rope that is flattened once when written: cheaper than an array and a join.
    let chunk = start === 0 ? format(start) : separator + format(start);
    for (let i = start + 1; i < end; i++) chunk += separator + format(i);
    yield chunk;
  }
}

export function* jsonChunks(dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<string> {
  yield `{"dtype":"${dtype}","steps":[`;
  yield* chunked(steps.length, (i) => String(steps.stepAt(i)), ',');
  yield '],"learning_rates":[';
  yield* chunked(steps.length, (i) => jsonRateText(rates[i] as number, dtype), ',');
  yield ']}';
}

export const CSV_HEADER = 'step,learning_rate\n';

export function* csvChunks(dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<string> {
  yield CSV_HEADER;
  for (const chunk of chunked(steps.length, (i) => `${steps.stepAt(i)},${csvRateText(rates[i] as number, dtype)}`, '\n')) {
    yield chunk;
  }
  if (steps.length > 0) yield '\n';
}

/** One string for a small answer; a stream with backpressure for a large one. */
export function textBody(chunks: Generator<string>, length: number): string | Readable {
  return length <= CHUNK_VALUES ? [...chunks].join('') : Readable.from(chunks);
}

/** Little-endian IEEE 754 values, one per step, and nothing else. */
export function encodeBinary(rates: LearningRates): Buffer {
  const bytes = Buffer.from(rates.buffer, rates.byteOffset, rates.byteLength);
  if (endianness() === 'LE') return bytes;
  return rates.BYTES_PER_ELEMENT === 4 ? Buffer.from(bytes).swap32() : Buffer.from(bytes).swap64();
}
