/**
 * Load shedding on the process's own health (@fastify/under-pressure): when
 * the mean event-loop delay over the last second exceeds
 * MAX_EVENT_LOOP_DELAY_MS, or the V8 heap in use exceeds MAX_HEAP_USED_BYTES,
 * requests get 503 problem+json with Retry-After instead of queueing behind
 * work the instance cannot finish in time. /ready answers 503 meanwhile (so a
 * load balancer sends elsewhere); /health and /metrics still answer (a busy
 * process is not a dead one, and the metrics are how you see it is busy).
 */
import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../http-problem.js';

export interface UnderPressureOptions {
  readonly maxEventLoopDelayMs: number;
  readonly maxHeapUsedBytes: number;
  readonly retryAfterSeconds: number;
  /** How often memory and event-loop delay are sampled; 1 s by default. */
  readonly sampleIntervalMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** True while the instance sheds load (always false when both limits are off). */
    underPressure(): boolean;
  }
}

export default fp<UnderPressureOptions>(
  async (app, options) => {
    if (options.maxEventLoopDelayMs === 0 && options.maxHeapUsedBytes === 0) {
      app.decorate('underPressure', () => false);
      return;
    }
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      maxHeapUsedBytes: options.maxHeapUsedBytes,
      sampleInterval: options.sampleIntervalMs ?? 1000,
      retryAfter: options.retryAfterSeconds,
      pressureHandler: async (request, reply, type, value) => {
        if (request.routeOptions.config.probe === true) return;
        app.metrics.shed('under_pressure');
        reply.header('retry-after', String(options.retryAfterSeconds));
        const delay = Number(value);
        // under-pressure reports Infinity when the loop was blocked for a whole sampling interval.
        const measured =
          type !== 'eventLoopDelay' ? `heap in use ${String(value)} bytes` : Number.isFinite(delay) ? `event-loop delay ${Math.round(delay)} ms` : 'event loop blocked';
        throw new HttpProblem(503, `the instance is overloaded (${measured}); retry later`);
      },
    });
    app.decorate('underPressure', () => app.isUnderPressure());
  },
  { name: 'under-pressure', dependencies: ['metrics'] },
);
