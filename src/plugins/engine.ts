/**
 * Puts the engine behind the app: a registry, and a bounded cache of parsed
 * schedules keyed by the schedule's JSON and dtype, so trainers that send the
 * same schedule every step skip validation and construction.
 */
import fp from 'fastify-plugin';
import { assertShallow, createKerasRegistry, loadSchedule, type Dtype, type LoadedSchedule, type ScheduleRegistry } from '../engine/index.js';

export interface ScheduleService {
  readonly registry: ScheduleRegistry;
  /** Parses (or finds in the cache) a serialized schedule. Throws ScheduleError. */
  load(schedule: unknown, dtype: Dtype | undefined): LoadedSchedule;
}

declare module 'fastify' {
  interface FastifyInstance {
    schedules: ScheduleService;
  }
}

export interface EnginePluginOptions {
  readonly registry?: ScheduleRegistry;
  readonly cacheSize: number;
}

/** Least-recently-used map: a Map keeps insertion order, so re-inserting on a hit moves the entry to the end. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export function createScheduleService(registry: ScheduleRegistry, cacheSize: number): ScheduleService {
  const cache = new LruCache<LoadedSchedule>(cacheSize);
  // A trainer sends the same schedule every step: comparing with the last key skips the LRU bookkeeping.
  let lastKey = '';
  let last: LoadedSchedule | undefined;
  return {
    registry,
    load(schedule, dtype) {
      // The key is the schedule's JSON: refuse what is too deep to stringify first.
      assertShallow(schedule);
      const key = `${dtype ?? ''}|${JSON.stringify(schedule)}`;
      if (key === lastKey && last !== undefined) return last;
      let loaded = cache.get(key);
      if (loaded === undefined) {
        loaded = loadSchedule(schedule, registry, { dtype });
        cache.set(key, loaded);
      }
      if (cacheSize > 0) [lastKey, last] = [key, loaded];
      return loaded;
    },
  };
}

export default fp<EnginePluginOptions>(
  async (app, options) => {
    app.decorate('schedules', createScheduleService(options.registry ?? createKerasRegistry(), options.cacheSize));
  },
  { name: 'engine' },
);
