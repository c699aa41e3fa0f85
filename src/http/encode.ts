/**
 * Learning rates on the wire. float32 values are written as the shortest
 * decimal that reads back to the same float32 (numpy's repr), float64 values
 * as JavaScript's shortest round-trip form, in JSON and CSV alike. Text
 * answers are written as ASCII into buffers of about CHUNK_BYTES: a small
 * answer is one buffer, a large one a stream with backpressure, so a million
 * steps never sit in memory as strings. The rates are computed first, all of
 * them, through the schedule's range kernel (a million float64s are 8 MB), so
 * that a step without a rate is a 400 before any byte is sent.
 */
import { endianness } from 'node:os';
import { Readable } from 'node:stream';
import { shortestFloat32, type Dtype, type LearningRates, type LearningRateSchedule } from '../engine/index.js';
import { AsciiWriter } from './ascii-writer.js';

/** A request's steps as plain data (what a worker thread is sent): an explicit list, or a counted range. */
export type StepSpec =
  | { readonly kind: 'list'; readonly list: readonly number[] }
  | { readonly kind: 'range'; readonly start: number; readonly stop: number; readonly stride: number; readonly count: number };

/** The steps of a request: an explicit list, or a range generated on the fly. */
export interface StepSequence {
  /** The same steps as plain data, to rebuild this sequence elsewhere with stepsOf. */
  readonly spec: StepSpec;
  readonly length: number;
  stepAt(index: number): number;
  /** How a JSON answer says which steps it answers: the list itself, or the range the request gave (not its million steps). */
  writeJsonSteps(writer: AsciiWriter): Generator<Buffer>;
  /** The schedule's rates at steps [from, to), written into `out` (which has room for them). */
  ratesOf(schedule: LearningRateSchedule, from: number, to: number, out: LearningRates): LearningRates;
}

export function listSteps(steps: readonly number[]): StepSequence {
  return {
    spec: { kind: 'list', list: steps },
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
    spec: { kind: 'range', start, stop, stride, count: length },
    length,
    stepAt,
    // eslint-disable-next-line require-yield -- a few bytes: nothing to hand over before the rates
    *writeJsonSteps(writer) {
      writer.text(`"range":{"start":${start},"stop":${stop},"stride":${stride}}`);
    },
    ratesOf: (schedule, from, to, out) => schedule.atRange(stepAt(from), stride, out.subarray(0, to - from)),
  };
}

/** The sequence a spec describes. */
export function stepsOf(spec: StepSpec): StepSequence {
  return spec.kind === 'list' ? listSteps(spec.list) : rangeSteps(spec.start, spec.stop, spec.stride, spec.count);
}

/** Every rate at once, through the schedule's range kernel where the steps are a range. */
export function allRates(schedule: LearningRateSchedule, steps: StepSequence): LearningRates {
  return steps.ratesOf(schedule, 0, steps.length, schedule.allocate(steps.length));
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
  else writer.float64(value);
}

const jsonNonFinite = () => 'null';
const csvNonFinite = (value: number) => (Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf');

/**
 * A JSON answer in chunks, from rates computed beforehand: a schedule that has no rate at some step
 * (a PyTorch OneCycleLR past its total) fails before the first byte is sent, not in the middle of an answer.
 */
export function* jsonChunks(dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<Buffer> {
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(`{"dtype":"${dtype}",`);
  yield* steps.writeJsonSteps(writer);
  writer.text(',"learning_rates":[');
  for (let i = 0; i < rates.length; i++) {
    if (i > 0) writer.byte(COMMA);
    writeRate(writer, rates[i] as number, dtype, jsonNonFinite);
    if (writer.length >= CHUNK_BYTES) yield writer.take();
  }
  writer.text(']}');
  yield writer.take();
}

export const CSV_HEADER = 'step,learning_rate\n';

/** A CSV answer in chunks, from rates computed beforehand (as jsonChunks). */
export function* csvChunks(dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<Buffer> {
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(CSV_HEADER);
  for (let i = 0; i < rates.length; i++) {
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

export type AnswerFormat = 'json' | 'csv' | 'binary';

/** The chunks of a text answer. */
export function textChunks(format: 'json' | 'csv', dtype: Dtype, steps: StepSequence, rates: LearningRates): Generator<Buffer> {
  return format === 'csv' ? csvChunks(dtype, steps, rates) : jsonChunks(dtype, steps, rates);
}

/** The body of an answer in a format: one buffer, or a stream of chunks with backpressure. */
export function answerBody(format: AnswerFormat, dtype: Dtype, steps: StepSequence, rates: LearningRates): Buffer | Readable {
  return format === 'binary' ? encodeBinary(rates) : textBody(textChunks(format, dtype, steps, rates));
}
