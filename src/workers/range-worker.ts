/**
 * A worker thread that answers big ranges off the event loop: it loads the schedule as the main thread does
 * (src/cache/schedules.ts, with its own small cache keyed the same way), computes every rate through the range
 * kernel, and writes the answer's bytes chunk by chunk, one chunk each time the main thread asks for more, so a
 * slow reader holds back the writing and no answer piles up in memory. The messages are declared in range-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { ScheduleRegistry, type LoadedSchedule } from '../engine/index.js';
import { computeAnswer, encodeBinary, stepsOf, textChunks } from '../answers/encode.js';
import { createSchedules, DEFAULT_CACHE_BYTES } from '../cache/schedules.js';
import { problemFor } from '../http-problem.js';
import type { Job, ToWorker, WorkerReply } from './range-pool.js';

/** Each worker's own cache: a quarter of the main thread's default budget, bounded the same way (entries and bytes). */
const schedules = createSchedules(new ScheduleRegistry(), 64, DEFAULT_CACHE_BYTES / 4);
const streams = new Map<number, Generator<Buffer>>();

function load(job: Job): LoadedSchedule {
  const memberTexts = job.scheduleText === undefined ? null : new Map([['schedule', job.scheduleText]]);
  return schedules.load(job.schedule, job.dtype, { floatIntegers: new Set(job.floatIntegers), mode: job.mode, memberTexts });
}

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(reply, transfer);
}

/** The bytes in a buffer of their own: Buffer.allocUnsafe slices share a pool, which cannot be transferred. */
function ownBytes(chunk: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(chunk.byteLength);
  new Uint8Array(copy).set(chunk);
  return copy;
}

function start(id: number, job: Job): void {
  try {
    const { schedule } = load(job);
    const steps = stepsOf(job.steps);
    const answer = computeAnswer(schedule, steps);
    if (job.format === 'rates') {
      const transfer = [answer.rates.buffer, ...(answer.momentum === undefined ? [] : [answer.momentum.buffer])] as ArrayBuffer[];
      post({ id, kind: 'rates', rates: answer.rates, momentum: answer.momentum }, transfer);
      return;
    }
    if (job.format === 'binary') {
      const bytes = ownBytes(encodeBinary(answer));
      post({ id, kind: 'whole', bytes }, [bytes]);
      return;
    }
    streams.set(id, textChunks(job.format, schedule.dtype, steps, answer));
    post({ id, kind: 'stream' });
  } catch (error) {
    const problem = problemFor(error);
    if (problem === undefined) throw error;
    post({ id, kind: 'refused', status: problem.status, detail: problem.message, errors: problem.errors });
  }
}

function more(id: number): void {
  const chunks = streams.get(id);
  if (chunks === undefined) return;
  const next = chunks.next();
  if (next.done === true) {
    streams.delete(id);
    post({ id, kind: 'end' });
    return;
  }
  const bytes = ownBytes(next.value);
  post({ id, kind: 'chunk', bytes }, [bytes]);
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.kind === 'job') start(message.id, message.job);
  else if (message.kind === 'more') more(message.id);
  else streams.delete(message.id);
});
