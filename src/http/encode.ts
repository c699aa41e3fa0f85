/**
 * Learning rates on the wire. float32 values are written as the shortest
 * decimal that reads back to the same float32 (numpy's repr), float64 values
 * as JavaScript's shortest round-trip form, in JSON and CSV alike. Text
 * answers are written as ASCII into buffers of about CHUNK_BYTES: a small
 * answer is one buffer, a large one a stream with backpressure, so a million
 * steps never sit in memory as strings. Their rates are computed block by
 * block as the text is written, so the client is reading while the rest is
 * still being computed.
 */
import { endianness } from 'node:os';
import { Readable } from 'node:stream';
import { shortestFloat32, type Dtype, type LearningRates, type LearningRateSchedule } from '../engine/index.js';
import { AsciiWriter } from './ascii-writer.js';

/** The steps of a request: an explicit list, or a range generated on the fly. */
export interface StepSequence {
  readonly length: number;
  stepAt(index: number): number;
  /** How a JSON answer says which steps it answers: the list itself, or the range the request gave (not its million steps). */
  writeJsonSteps(writer: AsciiWriter): Generator<Buffer>;
  /** The schedule's rates at steps [from, to), written into `out` (which has room for them). */
  ratesOf(schedule: LearningRateSchedule, from: number, to: number, out: LearningRates): LearningRates;
}

export function listSteps(steps: readonly number[]): StepSequence {
  return {
    length: steps.length,
    stepAt: (index) => steps[index] as number,
    *writeJsonSteps(writer) {
      writer.text('"steps":[');
      for (let i = 0; i < steps.length; i++) {
        if (i > 0) writer.byte(COMMA);
        writer.integer(steps[i] as number);
        if (writer.length >= CHUNK_BYTES) yield writer.take();
      }
      writer.byte(CLOSE_BRACKET);
    },
    ratesOf: (schedule, from, to, out) => schedule.atSteps(steps.slice(from, to), out.subarray(0, to - from)),
  };
}

/** The steps of Python's `range(start, stop, stride)`, `length` of them (counted once, by the caller). */
export function rangeSteps(start: number, stop: number, stride: number, length: number): StepSequence {
  const stepAt = (index: number) => start + index * stride;
  return {
    length,
    stepAt,
    // eslint-disable-next-line require-yield -- a few bytes: nothing to hand over before the rates
    *writeJsonSteps(writer) {
      writer.text(`"range":{"start":${start},"stop":${stop},"stride":${stride}}`);
    },
    ratesOf: (schedule, from, to, out) => schedule.atRange(stepAt(from), stride, out.subarray(0, to - from)),
  };
}

/** Every rate at once, for the binary answer. */
export function allRates(schedule: LearningRateSchedule, steps: StepSequence): LearningRates {
  return steps.ratesOf(schedule, 0, steps.length, schedule.allocate(steps.length));
}

/** Steps whose rates are computed together while writing text: writing can start before all are computed. */
export const RATE_BLOCK = 16_384;

/** The rates of all steps, block by block, each block written into the same buffer. */
function* rateBlocks(schedule: LearningRateSchedule, steps: StepSequence): Generator<LearningRates> {
  const buffer = schedule.allocate(RATE_BLOCK);
  for (let from = 0; from < steps.length; from += RATE_BLOCK) yield steps.ratesOf(schedule, from, Math.min(from + RATE_BLOCK, steps.length), buffer);
}

/** A learning rate as a JSON number; null where Keras answers inf or nan (JSON has no such numbers). */
export function jsonRate(value: number, dtype: Dtype): number | null {
  if (!Number.isFinite(value)) return null;
  return dtype === 'float32' ? shortestFloat32(value) : value;
}

export const CHUNK_BYTES = 256 * 1024;
const COMMA = 44;
const CLOSE_BRACKET = 93;
const NEWLINE = 10;

function writeRate(writer: AsciiWriter, value: number, dtype: Dtype, nonFinite: (value: number) => string): void {
  if (!Number.isFinite(value)) writer.text(nonFinite(value));
  else if (value === 0) writer.text('0');
  else if (dtype === 'float32') writer.float32(value);
  else writer.text(String(value));
}

const jsonNonFinite = () => 'null';
const csvNonFinite = (value: number) => (Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf');

export function* jsonChunks(schedule: LearningRateSchedule, steps: StepSequence): Generator<Buffer> {
  const { dtype } = schedule;
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(`{"dtype":"${dtype}",`);
  yield* steps.writeJsonSteps(writer);
  writer.text(',"learning_rates":[');
  let first = true;
  for (const block of rateBlocks(schedule, steps)) {
    for (let j = 0; j < block.length; j++) {
      if (!first) writer.byte(COMMA);
      first = false;
      writeRate(writer, block[j] as number, dtype, jsonNonFinite);
      if (writer.length >= CHUNK_BYTES) yield writer.take();
    }
  }
  writer.text(']}');
  yield writer.take();
}

export const CSV_HEADER = 'step,learning_rate\n';

export function* csvChunks(schedule: LearningRateSchedule, steps: StepSequence): Generator<Buffer> {
  const { dtype } = schedule;
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(CSV_HEADER);
  let index = 0;
  for (const block of rateBlocks(schedule, steps)) {
    for (let j = 0; j < block.length; j++, index++) {
      writer.integer(steps.stepAt(index));
      writer.byte(COMMA);
      writeRate(writer, block[j] as number, dtype, csvNonFinite);
      writer.byte(NEWLINE);
      if (writer.length >= CHUNK_BYTES) yield writer.take();
    }
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
