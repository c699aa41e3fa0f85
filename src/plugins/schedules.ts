/**
 * Puts the engine behind the app as `app.schedules` (src/cache/schedules.ts: a registry and a bounded cache of
 * loaded schedules), with its size and weight as Prometheus gauges.
 */
import fp from 'fastify-plugin';
import { ScheduleRegistry } from '../engine/index.js';
import { createSchedules, DEFAULT_CACHE_BYTES, type Schedules } from '../cache/schedules.js';

declare module 'fastify' {
  interface FastifyInstance {
    schedules: Schedules;
  }
}

export interface SchedulesOptions {
  readonly registry?: ScheduleRegistry;
  /** Most entries (SCHEDULE_CACHE_SIZE). */
  readonly cacheSize: number;
  /** Most bytes the entries may weigh (SCHEDULE_CACHE_BYTES); DEFAULT_CACHE_BYTES when not given. */
  readonly cacheBytes?: number;
}

export default fp<SchedulesOptions>(
  async (app, options) => {
    const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
    const metrics = app.hasDecorator('metrics') ? app.metrics : undefined;
    const schedules = createSchedules(options.registry ?? new ScheduleRegistry(), options.cacheSize, cacheBytes, metrics);
    app.decorate('schedules', schedules);
    metrics?.gauge('lr_schedule_cache_entries', 'Schedules in the schedule cache.', () => schedules.stats().entries);
    metrics?.gauge('lr_schedule_cache_bytes', 'Estimated bytes the schedule cache holds (at most SCHEDULE_CACHE_BYTES).', () => schedules.stats().bytes);
  },
  { name: 'schedules' },
);
