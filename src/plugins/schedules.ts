/**
 * Puts the engine behind the app as `app.schedules`: a registry, and a bounded
 * cache of loaded schedules keyed by the schedule's JSON and dtype, so
 * trainers that send the same schedule every step skip validation and
 * construction. This is where a schedule from a request is loaded, so this is
 * where the engine's problems get the JSON pointer of the schedule in the body.
 */
import fp from 'fastify-plugin';
import { assertShallow, loadShallowSchedule, ScheduleError, ScheduleRegistry, type Dtype, type LoadedSchedule } from '../engine/index.js';
import { placesUnder } from '../http/number-spellings.js';
import { HttpProblem } from './problem-details.js';

/** Where a schedule was found in the request body, and how the body spelled its numbers. */
export interface BodyPlace {
  /** JSON pointer of the schedule in the body; `/schedule` by default. */
  readonly path?: string;
  /** The body's float-spelled integers (request.floatIntegers), pointers into the whole body. */
  readonly floatIntegers?: ReadonlySet<string> | null;
}

export interface Schedules {
  readonly registry: ScheduleRegistry;
  /** Loads (or finds in the cache) the serialized schedule found in the body. Throws HttpProblem 400. */
  load(schedule: unknown, dtype: Dtype | undefined, place?: BodyPlace): LoadedSchedule;
}

declare module 'fastify' {
  interface FastifyInstance {
    schedules: Schedules;
  }
}

export interface SchedulesOptions {
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

/** The engine's problems, as a 400 whose pointers start at the schedule's place in the body. */
function invalidSchedule(error: ScheduleError, path: string): HttpProblem {
  return HttpProblem.invalid('invalid schedule', error.problems.map((problem) => ({ ...problem, path: path + problem.path })));
}

export function createSchedules(registry: ScheduleRegistry, cacheSize: number): Schedules {
  const cache = new LruCache<LoadedSchedule>(cacheSize);
  // A trainer sends the same schedule every step: comparing with the last key skips the LRU bookkeeping.
  let lastKey = '';
  let last: LoadedSchedule | undefined;

  function loadCached(schedule: unknown, dtype: Dtype | undefined, floatIntegers: ReadonlySet<string>): LoadedSchedule {
    // The key is the schedule's JSON and how its numbers were spelled (`1.0` is not `1` to Keras):
    // refuse what is too deep to stringify first (the only depth check).
    assertShallow(schedule);
    const key = `${dtype ?? ''}|${JSON.stringify(schedule)}|${[...floatIntegers].join(' ')}`;
    if (key === lastKey && last !== undefined) return last;
    let loaded = cache.get(key);
    if (loaded === undefined) {
      loaded = loadShallowSchedule(schedule, registry, { dtype, floatIntegers });
      cache.set(key, loaded);
    }
    if (cacheSize > 0) [lastKey, last] = [key, loaded];
    return loaded;
  }

  return {
    registry,
    load(schedule, dtype, { path = '/schedule', floatIntegers } = {}) {
      try {
        return loadCached(schedule, dtype, floatIntegers === undefined || floatIntegers === null ? new Set() : placesUnder(floatIntegers, path));
      } catch (error) {
        throw error instanceof ScheduleError ? invalidSchedule(error, path) : error;
      }
    },
  };
}

export default fp<SchedulesOptions>(
  async (app, options) => {
    app.decorate('schedules', createSchedules(options.registry ?? new ScheduleRegistry(), options.cacheSize));
  },
  { name: 'schedules' },
);
