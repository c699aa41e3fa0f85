/**
 * A worker thread that answers big ranges off the event loop: it loads the schedule (with its own
 * small cache), computes every rate through the range kernel, and writes the answer's bytes chunk by
 * chunk, one chunk each time the main thread asks for more, so a slow reader holds back the writing
 * and no answer piles up in memory. The messages are declared in range-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { loadShallowSchedule, ScheduleError, ScheduleRegistry, type LoadedSchedule } from '../engine/index.js';
import { computeAnswer, encodeBinary, stepsOf, textChunks } from '../answers/encode.js';
import type { Job, ToWorker, WorkerReply } from './range-pool.js';
import { DEFAULT_CACHE_BYTES, entryBytes, LruCache, MAX_ENTRY_FRACTION } from '../cache/schedule-cache.js';

const registry = new ScheduleRegistry();
/** Each worker's own cache: a quarter of the main thread's default budget, bounded the same way (entries and bytes). */
const CACHE_BYTES = DEFAULT_CACHE_BYTES / 4;
const cache = new LruCache<LoadedSchedule>(64, CACHE_BYTES, Math.floor(CACHE_BYTES * MAX_ENTRY_FRACTION));
const streams = new Map<number, Generator<Buffer>>();

function load(job: Job): LoadedSchedule {
  const key = JSON.stringify([job.schedule, job.dtype, job.mode, job.floatIntegers]);
  let loaded = cache.get(key);
  if (loaded === undefined) {
    loaded = loadShallowSchedule(job.schedule, registry, { dtype: job.dtype, mode: job.mode, floatIntegers: new Set(job.floatIntegers) });
    cache.set(key, loaded, entryBytes(key, loaded));
  }
  return loaded;
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
    if (job.format === 'binary') {
      const bytes = ownBytes(encodeBinary(answer));
      post({ id, kind: 'whole', bytes }, [bytes]);
      return;
    }
    streams.set(id, textChunks(job.format, schedule.dtype, steps, answer));
    post({ id, kind: 'stream' });
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    const problems = error.problems.map(({ path, message }) => ({ path, message }));
    post({ id, kind: 'refused', problems, aboutRequest: error.name === 'RequestError' });
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
