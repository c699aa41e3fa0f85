/**
 * Learning rates on the wire. float32 values are written as the shortest
 * decimal that reads back to the same float32 (numpy's repr), float64 values
 * as JavaScript's shortest round-trip form, in JSON and CSV alike. Text
 * answers are written as ASCII into buffers of about CHUNK_BYTES: a small
 * answer is one buffer, a large one a stream with backpressure, so a million
 * steps never sit in memory as strings. The rates are computed first, all of
 * them, through the schedule's range kernel (a million float64s are 8 MB), so
 * that a step without a rate is a 400 before any byte is sent.
 *
 * A schedule that also writes the optimizer's momentum (PyTorch's cycle_momentum) answers it beside the rates
 * in every format: a `momentum` array after `learning_rates` in JSON, a `momentum` column in CSV, a second block
 * of float64s after the rates in binary.
 */
import { endianness } from 'node:os';
import { Readable } from 'node:stream';
import { shortestFloat32, type Dtype, type LearningRates, type LearningRateSchedule } from '../engine/index.js';
import { AsciiWriter } from '../numbers/ascii-writer.js';

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
  /** The schedule's rates at every step, written into `out` (and the momentum at each into `momentum`, when given). */
  ratesOf(schedule: LearningRateSchedule, out: LearningRates, momentum?: Float64Array): LearningRates;
}

/** What an answer says at each step: the learning rate, and the momentum where the schedule writes one. */
export interface Answer {
  readonly rates: LearningRates;
  readonly momentum: Float64Array | undefined;
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
    ratesOf: (schedule, out, momentum) => schedule.atSteps(steps, out, momentum),
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
    ratesOf: (schedule, out, momentum) => schedule.atRange(start, stride, out, momentum),
  };
}

/** The sequence a spec describes. */
export function stepsOf(spec: StepSpec): StepSequence {
  return spec.kind === 'list' ? listSteps(spec.list) : rangeSteps(spec.start, spec.stop, spec.stride, spec.count);
}

/** Every rate (and momentum) at once, through the schedule's range kernel where the steps are a range. */
export function computeAnswer(schedule: LearningRateSchedule, steps: StepSequence): Answer {
  const momentum = schedule.cyclesMomentum ? new Float64Array(steps.length) : undefined;
  const rates = steps.ratesOf(schedule, schedule.allocate(steps.length), momentum);
  return { rates, momentum };
}

/** A learning rate as a JSON number; null where Keras answers inf or nan (JSON has no such numbers). */
export function jsonRate(value: number, dtype: Dtype): number | null {
  if (!Number.isFinite(value)) return null;
  return dtype === 'float32' ? shortestFloat32(value) : value;
}

export const CHUNK_BYTES = 256 * 1024;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;
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
export function* jsonChunks(dtype: Dtype, steps: StepSequence, { rates, momentum }: Answer): Generator<Buffer> {
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(`{"dtype":"${dtype}",`);
  yield* steps.writeJsonSteps(writer);
  writer.text(',"learning_rates":');
  yield* jsonArray(writer, rates, dtype);
  if (momentum !== undefined) {
    writer.text(',"momentum":');
    yield* jsonArray(writer, momentum, 'float64');
  }
  writer.byte(CLOSE_BRACE);
  yield writer.take();
}

/** `[v0,v1,...]`, handing over a chunk whenever one is full. */
function* jsonArray(writer: AsciiWriter, values: LearningRates, dtype: Dtype): Generator<Buffer> {
  writer.byte(OPEN_BRACKET);
  for (let i = 0; i < values.length; i++) {
    if (i > 0) writer.byte(COMMA);
    writeRate(writer, values[i] as number, dtype, jsonNonFinite);
    if (writer.length >= CHUNK_BYTES) yield writer.take();
  }
  writer.byte(CLOSE_BRACKET);
}

export const CSV_HEADER = 'step,learning_rate\n';
export const CSV_HEADER_WITH_MOMENTUM = 'step,learning_rate,momentum\n';

/** A CSV answer in chunks, from rates computed beforehand (as jsonChunks). */
export function* csvChunks(dtype: Dtype, steps: StepSequence, { rates, momentum }: Answer): Generator<Buffer> {
  const writer = new AsciiWriter(CHUNK_BYTES + 1024);
  writer.text(momentum === undefined ? CSV_HEADER : CSV_HEADER_WITH_MOMENTUM);
  for (let i = 0; i < rates.length; i++) {
    writer.integer(steps.stepAt(i));
    writer.byte(COMMA);
    writeRate(writer, rates[i] as number, dtype, csvNonFinite);
    if (momentum !== undefined) {
      writer.byte(COMMA);
      writeRate(writer, momentum[i] as number, 'float64', csvNonFinite);
    }
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

/** Little-endian IEEE 754 values, one per step, then (for a schedule that writes one) the momentum as float64s, one per step; nothing else. */
export function encodeBinary({ rates, momentum }: Answer): Buffer {
  if (momentum === undefined) return littleEndian(rates);
  return Buffer.concat([littleEndian(rates), littleEndian(momentum)]);
}

function littleEndian(values: LearningRates): Buffer {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (endianness() === 'LE') return bytes;
  return values.BYTES_PER_ELEMENT === 4 ? Buffer.from(bytes).swap32() : Buffer.from(bytes).swap64();
}

/** The answer a binary body holds (its momentum block present when `momentum` says so), as typed arrays of their own. */
export function decodeBinary(bytes: Uint8Array, dtype: Dtype, count: number, momentum: boolean): Answer {
  // Copied: a Buffer's offset need not be aligned for a typed array.
  const copy = new Uint8Array(bytes).buffer;
  const rates = dtype === 'float32' ? new Float32Array(copy, 0, count) : new Float64Array(copy, 0, count);
  return { rates, momentum: momentum ? new Float64Array(copy, rates.byteLength, count) : undefined };
}

export type AnswerFormat = 'json' | 'csv' | 'binary';

/** The chunks of a text answer. */
export function textChunks(format: 'json' | 'csv', dtype: Dtype, steps: StepSequence, answer: Answer): Generator<Buffer> {
  return format === 'csv' ? csvChunks(dtype, steps, answer) : jsonChunks(dtype, steps, answer);
}

/** The body of an answer in a format: one buffer, or a stream of chunks with backpressure. */
export function answerBody(format: AnswerFormat, dtype: Dtype, steps: StepSequence, answer: Answer): Buffer | Readable {
  return format === 'binary' ? encodeBinary(answer) : textBody(textChunks(format, dtype, steps, answer));
}
