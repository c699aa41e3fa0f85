/**
 * The engine behind a registry and a bounded cache of loaded schedules keyed by the schedule's text as sent (or its
 * JSON) and dtype, so trainers that send the same schedule every step skip validation and construction. This is
 * where a schedule from a request is loaded, so this is where the engine's problems get the JSON pointer of the
 * schedule in the body: the schedules plugin (app.schedules) and each range worker load through it alike.
 */
import {
  assertShallow,
  loadShallowSchedule,
  MAX_NAME_LENGTH,
  pointer,
  ScheduleError,
  ScheduleRegistry,
  type LoadedSchedule,
  type Dtype,
  type FamilyMode,
} from '../engine/index.js';
import { placesUnder } from '../numbers/number-spellings.js';
import { DEFAULT_CACHE_BYTES, entryBytes, LruCache, MAX_ENTRY_FRACTION } from './schedule-cache.js';
import type { CacheMetrics } from '../plugins/metrics.js';

export { DEFAULT_CACHE_BYTES, entryBytes, LruCache, MAX_ENTRY_FRACTION, stringBytes } from './schedule-cache.js';
import { problemFor } from '../http-problem.js';

/** Where a schedule was found in the request body, and how the body spelled its numbers. */
export interface BodyPlace {
  /** JSON pointer of the schedule in the body; `/schedule` by default. */
  readonly path?: string;
  /** The body's float-spelled integers (request.floatIntegers), pointers into the whole body. */
  readonly floatIntegers?: ReadonlySet<string> | null;
  /** PyTorch schedules: stepped (default) or torch's closed form. */
  readonly mode?: FamilyMode | undefined;
  /** The body's members as written (request.memberTexts): the schedule's own text keys the cache. */
  readonly memberTexts?: ReadonlyMap<string, string> | null;
}

export interface Schedules {
  readonly registry: ScheduleRegistry;
  /** Loads (or finds in the cache) the serialized schedule found in the body. Throws HttpProblem 400: about the schedule (pointers into it at its place in the body) or a request field. */
  load(schedule: unknown, dtype: Dtype | undefined, place?: BodyPlace): LoadedSchedule;
  /** The cache's entries, their estimated weight in bytes, and its hits and misses so far. */
  stats(): CacheStats;
}



/**
 * Longest key or string anywhere in a schedule (module, class and registered names, tensor dtypes, an optimizer's
 * other settings): Keras writes identifiers and module paths there; 1,024 characters is generous. A `name` has its
 * own, lower limit (MAX_NAME_LENGTH, 256, as each config schema declares).
 */
export const MAX_STRING_LENGTH = 1024;

/**
 * Refuses any key or string longer than MAX_STRING_LENGTH in a schedule assertShallow has passed (so this walk is
 * bounded by MAX_NESTING), naming where it is; a key's pointer is its object's, so no long key is echoed back.
 */
function assertShortStrings(value: unknown, tokens: (string | number)[] = [], limit = MAX_STRING_LENGTH): void {
  // The pointer is written only for a refusal: tokens are pushed and popped on the way.
  const here = () => tokens.reduce<string>((path, token) => pointer(path, token), '');
  if (typeof value === 'string') {
    if (value.length > limit) {
      const what = limit === MAX_NAME_LENGTH ? 'a name' : 'a string in a schedule';
      throw new ScheduleError([{ path: here(), message: `must not have more than ${limit} characters (${what}), got ${value.length}` }]);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      tokens.push(index);
      assertShortStrings(value[index], tokens);
      tokens.pop();
    }
    return;
  }
  for (const key in value) {
    if (key.length > MAX_STRING_LENGTH) {
      throw new ScheduleError([{ path: here(), message: `a key of ${key.length} characters: keys in a schedule are at most ${MAX_STRING_LENGTH}` }]);
    }
    tokens.push(key);
    // Every `name` (a schedule's, an optimizer's) is refused here as its config schema would, as one problem.
    assertShortStrings((value as Record<string, unknown>)[key], tokens, key === 'name' ? MAX_NAME_LENGTH : MAX_STRING_LENGTH);
    tokens.pop();
  }
}


/** The cache behind `app.schedules`, for tests and the memory benchmark. */
export interface CacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
}

export function createSchedules(registry: ScheduleRegistry, cacheSize: number, cacheBytes = DEFAULT_CACHE_BYTES, metrics?: CacheMetrics): Schedules {
  const cache = new LruCache<LoadedSchedule>(cacheSize, cacheBytes, Math.floor(cacheBytes * MAX_ENTRY_FRACTION));
  // A trainer sends the same schedule every step: comparing with the last key skips the LRU bookkeeping. Only a
  // schedule the cache admitted is remembered here, so this holds no more than one cache entry's weight.
  let lastKey = '';
  let last: LoadedSchedule | undefined;
  let hits = 0;
  let misses = 0;

  /**
   * The key is the schedule's text as the body wrote it, which says how its numbers were spelled (`1.0` is not `1`
   * to Keras) and costs nothing to make; without it (a schedule given as a value), its JSON and the float places.
   * A text's schedule was checked when it was cached; a value is checked for depth before it is stringified.
   */
  function keyOf(schedule: unknown, dtype: Dtype | undefined, mode: FamilyMode | undefined, text: string | undefined, floatIntegers: () => ReadonlySet<string>): string {
    if (text !== undefined) return `${dtype ?? ''}|${mode ?? ''}|text|${text}`;
    assertShallow(schedule);
    return `${dtype ?? ''}|${mode ?? ''}|json|${JSON.stringify(schedule)}|${[...floatIntegers()].join(' ')}`;
  }

  function loadCached(schedule: unknown, dtype: Dtype | undefined, floatIntegers: () => ReadonlySet<string>, mode: FamilyMode | undefined, text: string | undefined): LoadedSchedule {
    const key = keyOf(schedule, dtype, mode, text, floatIntegers);
    if (key === lastKey && last !== undefined) {
      hits++;
      metrics?.cacheHit();
      return last;
    }
    let loaded = cache.get(key);
    if (loaded === undefined) {
      // Only a schedule not seen before needs checking (nesting, then string lengths): a hit is the same schedule,
      // checked when it was cached.
      assertShallow(schedule);
      assertShortStrings(schedule);
      misses++;
      metrics?.cacheMiss();
      loaded = loadShallowSchedule(schedule, registry, { dtype, floatIntegers: floatIntegers(), mode });
      if (!cache.set(key, loaded, entryBytes(key, loaded))) return loaded;
    } else {
      hits++;
      metrics?.cacheHit();
    }
    [lastKey, last] = [key, loaded];
    return loaded;
  }

  return {
    registry,
    stats: () => ({ entries: cache.size, bytes: cache.bytes, hits, misses }),
    load(schedule, dtype, { path = '/schedule', floatIntegers, mode, memberTexts } = {}) {
      // Only a top-level member has its text kept; a schedule elsewhere (an optimizer's, say) is keyed by value.
      const text = path.lastIndexOf('/') === 0 ? memberTexts?.get(path.slice(1)) : undefined;
      const places = () => (floatIntegers === undefined || floatIntegers === null ? new Set<string>() : placesUnder(floatIntegers, path));
      try {
        return loadCached(schedule, dtype, places, mode, text);
      } catch (error) {
        // A RequestError is about a request field (dtype, mode), its pointer already into the body; only the
        // schedule's own problems get the schedule's place in the body.
        throw problemFor(error, path) ?? error;
      }
    },
  };
}

