/**
 * A small pool of worker threads (one per core by default) for big ranges, so that a million-step
 * answer being computed and written never holds up the single steps of every other trainer on the
 * replica. The main thread still validates the schedule (from its cache) before a job is sent, and the
 * worker loads it as the main thread does (src/cache/schedules.ts, keyed by the text as sent), so every
 * refusal reads the same; the worker answers with the whole binary body, the rates themselves (for a
 * chart), or text chunks pulled one at a time by a Readable as the client reads.
 */
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { Dtype, FamilyMode, LearningRates, Problem } from '../engine/index.js';
import type { Answer, AnswerFormat, StepSpec } from '../answers/encode.js';
import { HttpProblem } from '../http-problem.js';

/** Fewer steps than this are answered on the event loop: sending them to a worker costs more than computing them. */
export const WORKER_MIN_STEPS = 65_536;

/** What a worker is given: the request's schedule as the main thread loaded it, and what to answer. */
export interface Job {
  readonly schedule: unknown;
  /** The schedule's text as the body wrote it (the cache key), when the body's text was kept. */
  readonly scheduleText: string | undefined;
  readonly dtype: Dtype | undefined;
  readonly mode: FamilyMode | undefined;
  /** Pointers into the body (under /schedule) of integer-valued numbers written as floats. */
  readonly floatIntegers: readonly string[];
  readonly steps: StepSpec;
  /** A body to send, or 'rates': the rates (and momentum) themselves, for a chart drawn on the main thread. */
  readonly format: AnswerFormat | 'rates';
}

export type ToWorker = { readonly kind: 'job'; readonly id: number; readonly job: Job } | { readonly kind: 'more' | 'cancel'; readonly id: number };

export type WorkerReply =
  | { readonly id: number; readonly kind: 'whole'; readonly bytes: ArrayBuffer }
  | { readonly id: number; readonly kind: 'stream' }
  | { readonly id: number; readonly kind: 'chunk'; readonly bytes: ArrayBuffer }
  | { readonly id: number; readonly kind: 'end' }
  | { readonly id: number; readonly kind: 'rates'; readonly rates: LearningRates; readonly momentum: Float64Array | undefined }
  /** The HttpProblem the worker's load or computation raised, field by field (an Error does not cross threads whole). */
  | { readonly id: number; readonly kind: 'refused'; readonly status: number; readonly detail: string; readonly errors: readonly Problem[] | undefined };

interface Pending {
  resolve(body: Buffer | Readable | Answer): void;
  reject(error: Error): void;
  stream?: Readable;
}

/** The worker script beside this file: .ts when running from source (tests, tsx), .js when built. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./range-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/**
 * A worker thread running range-worker. Built, it is plain JavaScript. From source, tsx's loader is
 * registered in the worker first: a loader registered with `--import tsx` does not reach workers.
 */
function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

class PooledWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();

  constructor(onExit: (worker: PooledWorker) => void) {
    this.worker = startWorker();
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => this.receive(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => {
      this.failAll(new Error('a range worker stopped'));
      onExit(this);
    });
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    switch (reply.kind) {
      case 'whole':
        this.pending.delete(reply.id);
        pending.resolve(Buffer.from(reply.bytes));
        return;
      case 'rates':
        this.pending.delete(reply.id);
        pending.resolve({ rates: reply.rates, momentum: reply.momentum });
        return;
      case 'refused':
        this.pending.delete(reply.id);
        pending.reject(new HttpProblem(reply.status, reply.detail, reply.errors));
        return;
      case 'stream':
        pending.stream = this.pull(reply.id);
        pending.resolve(pending.stream);
        return;
      case 'chunk':
        pending.stream?.push(Buffer.from(reply.bytes));
        return;
      case 'end':
        this.pending.delete(reply.id);
        pending.stream?.push(null);
    }
  }

  /** A stream that asks the worker for one chunk each time it wants more, and cancels the job if destroyed early. */
  private pull(id: number): Readable {
    return new Readable({
      highWaterMark: 1024 * 1024,
      read: () => this.send({ kind: 'more', id }),
      destroy: (error, callback) => {
        if (this.pending.delete(id)) this.send({ kind: 'cancel', id });
        callback(error);
      },
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) {
      if (pending.stream === undefined) pending.reject(error);
      else pending.stream.destroy(error);
    }
    this.pending.clear();
  }
}

export class RangePool {
  private readonly workers: PooledWorker[] = [];
  private nextId = 1;

  constructor(readonly size: number) {}

  /** Runs a job on the least busy worker (started on first use); resolves to the answer's body. Rejects with an HttpProblem as the main thread would. */
  run(job: Job & { readonly format: AnswerFormat }): Promise<Buffer | Readable> {
    return this.submit(job);
  }

  /** The rates (and momentum) of a job, moved across from the worker as typed arrays. */
  rates(job: Job & { readonly format: 'rates' }): Promise<Answer> {
    return this.submit(job);
  }

  private submit<T extends Buffer | Readable | Answer>(job: Job): Promise<T> {
    const worker = this.pick();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      worker.pending.set(id, { resolve: resolve as (body: Buffer | Readable | Answer) => void, reject });
      worker.send({ kind: 'job', id, job });
    });
  }

  /**
   * Stops the workers once every job in flight has been answered to its last byte: the app closes
   * while draining, and an answer being written must not be cut (the shutdown timeout bounds the wait).
   */
  async close(): Promise<void> {
    while (this.workers.some((pooled) => pooled.pending.size > 0)) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(this.workers.splice(0).map((pooled) => pooled.worker.terminate()));
  }

  private pick(): PooledWorker {
    if (this.workers.length < this.size) {
      const pooled = new PooledWorker((gone) => this.workers.splice(this.workers.indexOf(gone) >>> 0, 1));
      this.workers.push(pooled);
      return pooled;
    }
    return this.workers.reduce((idlest, candidate) => (candidate.pending.size < idlest.pending.size ? candidate : idlest));
  }
}
