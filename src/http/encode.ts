/**
 * Learning rates on the wire. float32 values are written as the shortest
 * decimal that reads back to the same float32 (numpy's repr), float64 values
 * as JavaScript's shortest round-trip form, in JSON and CSV alike. Text
 * answers are written as ASCII into buffers of about CHUNK_BYTES: a small
 * answer is one buffer, a large one a stream with backpressure, so a million
 * steps never sit in memory as strings.
 */
import { endianness } from 'node:os';
import { Readable } from 'node:stream';
import { shortestFloat32, type Dtype, type LearningRates } from '../engine/index.js';
import { AsciiWriter } from './ascii-writer.js';

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

export const CHUNK_BYTES = 256 * 1024;
const COMMA = 44;
const NEWLINE = 10;

function writeRate(writer: AsciiWriter, value: number, dtype: Dtype, nonFinite: (value: number) => string): void {
  if (!Number.isFinite(value)) writer.text(nonFinite(value));
  else if (value === 0) writer.byte(48);
  else if (dtype === 'float32') writer.float32(value);
  else writer.text(String(value));
}

const jsonNonFinite = () => 'null';
const csvNonFinite = (value: number) => (Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf');

export function* jsonChunks(dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<Buffer> {
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(`{"dtype":"${dtype}","steps":[`);
  for (let i = 0; i < steps.length; i++) {
    if (i > 0) writer.byte(COMMA);
    writer.integer(steps.stepAt(i));
    if (writer.length >= CHUNK_BYTES) yield writer.take();
  }
  writer.text('],"learning_rates":[');
  for (let i = 0; i < steps.length; i++) {
    if (i > 0) writer.byte(COMMA);
    writeRate(writer, rates[i] as number, dtype, jsonNonFinite);
    if (writer.length >= CHUNK_BYTES) yield writer.take();
  }
  writer.text(']}');
  yield writer.take();
}

export const CSV_HEADER = 'step,learning_rate\n';

export function* csvChunks(dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<Buffer> {
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(CSV_HEADER);
  for (let i = 0; i < steps.length; i++) {
    writer.integer(steps.stepAt(i));
    writer.byte(COMMA);
    writeRate(writer, rates[i] as number, dtype, csvNonFinite);
    writer.byte(NEWLINE);
    if (writer.length >= CHUNK_BYTES) yield writer.take();
  }
  yield writer.take();
}

/** One buffer for an answer that fits in one chunk; a stream with backpressure for a larger one. */
export function textBody(chunks: Generator<Buffer>): Buffer | Readable {
  const first = chunks.next();
  const second = first.done ? first : chunks.next();
  if (second.done) return first.done ? Buffer.alloc(0) : first.value;
  return Readable.from(
    (function* () {
      yield first.value as Buffer;
      yield second.value;
      yield* chunks;
    })(),
  );
}

/** Little-endian IEEE 754 values, one per step, and nothing else. */
export function encodeBinary(rates: LearningRates): Buffer {
  const bytes = Buffer.from(rates.buffer, rates.byteOffset, rates.byteLength);
  if (endianness() === 'LE') return bytes;
  return rates.BYTES_PER_ELEMENT === 4 ? Buffer.from(bytes).swap32() : Buffer.from(bytes).swap64();
}
