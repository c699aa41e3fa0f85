/**
 * The bounded caches of loaded schedules (the main thread's, behind `app.schedules`, and each range worker's):
 * least recently used, bounded by entry count and by estimated heap bytes, so that many distinct large schedules
 * cannot grow the process without bound.
 */
import type { LoadedSchedule } from '../engine/index.js';

/** SCHEDULE_CACHE_BYTES's default: 32 MiB. */
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
/** An entry heavier than this fraction of the byte budget is never cached: 64 such entries would fill it all. */
export const MAX_ENTRY_FRACTION = 1 / 64;

interface Weighed<V> {
  readonly value: V;
  readonly weight: number;
}

/**
 * Least-recently-used map bounded by entry count and by total weight (bytes): a Map keeps insertion order, so
 * re-inserting on a hit moves the entry to the end, and eviction takes from the front until both bounds hold.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, Weighed<V>>();
  private weight = 0;

  /** @param maxEntryBytes heavier entries are not kept at all (default: the whole budget). */
  constructor(
    readonly capacity: number,
    readonly maxBytes = Number.POSITIVE_INFINITY,
    readonly maxEntryBytes = maxBytes,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** What the entries weigh together. */
  get bytes(): number {
    return this.weight;
  }

  /** Whether an entry of this weight would be kept. */
  admits(weight: number): boolean {
    return this.capacity > 0 && weight <= this.maxEntryBytes && weight <= this.maxBytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps the value under its weight (bytes), evicting the least recently used; false when it is too heavy to keep. */
  set(key: string, value: V, weight = 0): boolean {
    this.delete(key);
    if (!this.admits(weight)) return false;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > this.capacity || this.weight > this.maxBytes) this.delete(this.entries.keys().next().value as string);
    return true;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}

/** Bytes a string takes in V8's heap: one byte a character when every character is Latin-1, two otherwise, and a header. */
export function stringBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return 16 + (/[^\u0000-\u00ff]/.test(text) ? 2 : 1) * text.length;
}

/** Heap bytes of a parsed JSON value, as V8 holds it: boxed numbers, arrays of pointers, objects with their properties. */
function valueBytes(value: unknown): number {
  if (typeof value === 'string') return stringBytes(value);
  if (typeof value !== 'object' || value === null) return 16;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + 8 + valueBytes(item), 32);
  return Object.entries(value).reduce((sum, [key, item]) => sum + 16 + stringBytes(key) + valueBytes(item), 64);
}

/** Fixed cost of an entry: the Map slot, LoadedSchedule, ParsedSchedule, the schedule object and their small fields. */
const ENTRY_OVERHEAD = 1024;
/** What a stepped schedule's checkpoints may come to (MAX_CHECKPOINTS, 512, small states of about 100 bytes). */
const FAMILY_CHECKPOINTS_BYTES = 64 * 1024;

/**
 * What a cache entry holds, estimated in bytes: its key (the schedule's JSON), the parsed config, the schedule built
 * from it (which copies the config's arrays: counted as the config once more), the float places (one pointer string
 * each), and the canonical JSON normalize writes into the entry later (about the config's JSON: counted as its size).
 */
export function entryBytes(key: string, loaded: LoadedSchedule): number {
  const { config, places, keepsCheckpoints } = loaded.footprint;
  let pointers = 0;
  for (const place of places) pointers += 64 + stringBytes(place);
  // A PyTorch recursion keeps checkpoints of its state as it is asked for later steps: an allowance for them.
  return ENTRY_OVERHEAD + (keepsCheckpoints ? FAMILY_CHECKPOINTS_BYTES : 0) + stringBytes(key) + 3 * valueBytes(config) + pointers;
}

