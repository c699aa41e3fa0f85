/**
 * `app.rangePool`: worker threads for big ranges (RANGE_WORKERS of them, one per core by default; 0
 * computes every answer on the event loop), closed with the app. A server with its own schedule
 * registrations computes in the main thread: workers only know the built-in families.
 */
import fp from 'fastify-plugin';
import { RangePool } from '../http/range-pool.js';

declare module 'fastify' {
  interface FastifyInstance {
    rangePool: RangePool | null;
  }
}

/** Fewer steps than this are answered on the event loop: sending them to a worker costs more than computing them. */
export const WORKER_MIN_STEPS = 65_536;

export default fp<{ workers: number }>(
  async (app, { workers }) => {
    const pool = workers > 0 ? new RangePool(workers) : null;
    app.decorate('rangePool', pool);
    app.addHook('onClose', async () => pool?.close());
  },
  { name: 'range-pool' },
);
