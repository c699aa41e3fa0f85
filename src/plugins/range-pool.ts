/**
 * `app.rangePool`: worker threads for big ranges (RANGE_WORKERS of them, one per core by default; 0
 * computes every answer on the event loop), closed with the app. A server with its own schedule
 * registrations computes in the main thread: workers only know the built-in families.
 */
import fp from 'fastify-plugin';
import { RangePool } from '../workers/range-pool.js';

declare module 'fastify' {
  interface FastifyInstance {
    rangePool: RangePool | null;
  }
}

export default fp<{ workers: number }>(
  async (app, { workers }) => {
    const pool = workers > 0 ? new RangePool(workers) : null;
    app.decorate('rangePool', pool);
    app.addHook('onClose', async () => pool?.close());
  },
  { name: 'range-pool' },
);
