/**
 * Admission for range computations: at most MAX_CONCURRENT_RANGES large
 * answers of POST /v1/learning-rates are computed and sent at once; the next
 * RANGE_QUEUE_SIZE wait (first come, first served) up to RANGE_QUEUE_TIMEOUT_MS
 * for a slot; any more, or any that waited too long, get 503 problem+json with
 * Retry-After. Small requests are never held back, so one-step and short-list
 * callers keep their latency while ranges queue.
 *
 * What counts as a range: a request asking for more than RANGE_STEPS (16,384)
 * steps, whether as `range` or as `steps`. Up to that, an answer costs about a
 * millisecond and a few hundred kB, sent as one buffer; above it, answers grow
 * to tens of MB, streamed while the client reads, so a slow reader holds CPU
 * time, memory and a socket for as long as it reads.
 *
 * A slot is held from the preHandler until the answer's ServerResponse emits
 * 'close': after the last byte was handed to the socket, or when the client
 * went away mid-stream, or when an error answer was sent instead. 'close' is
 * emitted exactly once in every one of those cases, so slots never leak.
 *
 * A route opts in with `config: { rangeAdmission: stepsAskedFor }`, a function
 * that says how many steps a request asks for (read once by the route itself,
 * undefined for a request it refuses); the hook is added to that route alone,
 * so other routes pay nothing.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../http-problem.js';

/** Requests asking for more steps than this are admitted one slot each (16,384: a few ms of work or more). */
export const RANGE_STEPS = 16_384;

export interface RangeAdmissionOptions {
  readonly maxConcurrent: number;
  readonly queueSize: number;
  readonly queueTimeoutMs: number;
  readonly retryAfterSeconds: number;
}

export interface RangeAdmission {
  /** Range answers being computed or sent. */
  readonly inFlight: number;
  /** Range requests waiting for a slot. */
  readonly queued: number;
  /** Waits for a slot for this request (released when its answer closes); throws HttpProblem 503 when shed. */
  acquire(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    rangeAdmission: RangeAdmission;
  }
  interface FastifyContextConfig {
    /** How many steps a request of this route asks for (undefined: refused by the route): many take a range slot (see range-admission.ts). */
    rangeAdmission?: (request: FastifyRequest) => number | undefined;
  }
}

interface Waiter {
  grant(): void;
  readonly reply: FastifyReply;
}

export function createRangeAdmission(options: RangeAdmissionOptions, onShed: (reason: 'range_queue_full' | 'range_queue_timeout') => void): RangeAdmission {
  let inFlight = 0;
  const queue: Waiter[] = [];

  function release(): void {
    inFlight -= 1;
    // Hand the slot to the first waiter whose client is still there.
    while (queue.length > 0 && inFlight < options.maxConcurrent) {
      const next = queue.shift() as Waiter;
      if (next.reply.raw.destroyed || next.reply.raw.writableEnded) continue;
      next.grant();
    }
  }

  function hold(reply: FastifyReply): void {
    inFlight += 1;
    reply.raw.once('close', release);
  }

  function shed(reply: FastifyReply, reason: 'range_queue_full' | 'range_queue_timeout', detail: string): HttpProblem {
    onShed(reason);
    reply.header('retry-after', String(options.retryAfterSeconds));
    return new HttpProblem(503, detail);
  }

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return queue.length;
    },
    acquire(_request, reply) {
      // The client left before this point (its 'close' has been emitted already and will not be again): take nothing.
      if (reply.raw.destroyed) return Promise.reject(new HttpProblem(503, 'the client closed the connection before its request was admitted'));
      if (inFlight < options.maxConcurrent && queue.length === 0) {
        hold(reply);
        return Promise.resolve();
      }
      if (queue.length >= options.queueSize) {
        return Promise.reject(
          shed(reply, 'range_queue_full', `${inFlight} range answers in progress and ${queue.length} waiting, the most this instance takes; retry later`),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const leave = () => {
          clearTimeout(timer);
          reply.raw.removeListener('close', gone);
          const index = queue.indexOf(waiter);
          if (index !== -1) queue.splice(index, 1);
        };
        const waiter: Waiter = {
          reply,
          grant() {
            leave();
            hold(reply);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          leave();
          reject(shed(reply, 'range_queue_timeout', `no range slot became free within ${options.queueTimeoutMs} ms; retry later`));
        }, options.queueTimeoutMs);
        // The client went away while waiting: stop waiting (the answer goes nowhere).
        const gone = () => {
          leave();
          reject(new HttpProblem(503, 'the client closed the connection while its request waited'));
        };
        reply.raw.once('close', gone);
        queue.push(waiter);
      });
    },
  };
}

export default fp<RangeAdmissionOptions>(
  async (app, options) => {
    const admission = createRangeAdmission(options, (reason) => app.metrics.shed(reason));
    app.decorate('rangeAdmission', admission);
    app.metrics.gauge('lr_ranges_in_flight', 'Range answers (more than 16,384 steps) being computed or sent.', () => admission.inFlight);
    app.metrics.gauge('lr_ranges_queued', 'Range requests waiting for a slot.', () => admission.queued);

    app.addHook('onRoute', (route) => {
      const stepsAskedFor = route.config?.rangeAdmission;
      if (stepsAskedFor === undefined) return;
      const admit: preHandlerAsyncHookHandler = async (request, reply) => {
        const count = stepsAskedFor(request);
        // Small requests pass; so do refused ones (over MAX_POINTS, malformed), which the route answers at once.
        if (count === undefined || count <= RANGE_STEPS) return;
        await admission.acquire(request, reply);
      };
      const existing = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
      route.preHandler = [...existing, admit];
    });
  },
  { name: 'range-admission', dependencies: ['metrics'] },
);
