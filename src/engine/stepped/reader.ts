/**
 * Reads a config object key by key, collecting every problem (with its JSON pointer) instead of
 * stopping at the first, and noting which keys were read so that the rest can be refused as
 * unexpected keyword arguments, as Python refuses them.
 */
import { jsonTypeOf, pointer, pythonRepr, ScheduleError, type Problem } from '../errors.js';
import type { FloatIntegers } from '../family.js';
import { pythonNumber } from './python.js';

export interface NumberRule {
  /** The keyword's default; leave out for a required argument. `null` is Python's None. */
  readonly default?: number | null;
  /** Whether an explicit `null` (None) is accepted. */
  readonly nullable?: boolean;
  /** Torch checks `isinstance(x, int)`: the message when the value is a float (or spelled as one). */
  readonly pythonInt?: (value: number) => string;
  /** Torch checks `isinstance(x, float)`: the message when the value is an int (or spelled as one). */
  readonly pythonFloat?: (value: number) => string;
  /** The value must be a whole number (a float spelling like 10.0 is fine). */
  readonly integral?: boolean;
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
  /** The message when the value is outside [min, max]; `shown` is the value as Python prints it. */
  readonly range?: (value: number, shown: string) => string;
  /** The message when a required argument is missing. */
  readonly missing?: string;
}

export class ReadContext {
  readonly problems: Problem[] = [];
  constructor(private readonly floatIntegers: FloatIntegers) {}

  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Throws everything collected so far, if anything. */
  check(): void {
    if (this.problems.length > 0) throw new ScheduleError(this.problems);
  }

  /** Python's view of a JSON number: an int, unless it has a fraction or was written as a float. */
  isPythonInt(value: number, at: string): boolean {
    return Number.isInteger(value) && !this.floatIntegers.has(at);
  }

  /** Reads one JSON value as a number under `rule`; NaN when refused (the problem is recorded). */
  number(value: unknown, at: string, rule: NumberRule): number | null {
    if (value === undefined) {
      if (rule.default === undefined) {
        this.problem(at, rule.missing ?? 'is required');
        return Number.NaN;
      }
      return rule.default;
    }
    if (value === null) {
      if (rule.nullable === true || rule.default === null) return null;
      this.problem(at, 'must be a number, not null (Python\'s None)');
      return Number.NaN;
    }
    if (typeof value === 'boolean') {
      this.problem(at, `must be a number, not a boolean (Python would silently take ${pythonRepr(value)} as ${value ? 1 : 0})`);
      return Number.NaN;
    }
    if (typeof value !== 'number') {
      const written = typeof value === 'string' ? ` ${pythonRepr(value)}: write numbers as JSON numbers` : '';
      this.problem(at, `must be a number, got ${jsonTypeOf(value)}${written}`);
      return Number.NaN;
    }
    if (!Number.isFinite(value)) {
      this.problem(at, `must be finite, got ${value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan'} (1e999 in JSON reads as infinity)`);
      return Number.NaN;
    }
    if (rule.pythonInt !== undefined && !this.isPythonInt(value, at)) {
      this.problem(at, rule.pythonInt(value));
      return Number.NaN;
    }
    if (rule.pythonFloat !== undefined && this.isPythonInt(value, at)) {
      this.problem(at, rule.pythonFloat(value));
      return Number.NaN;
    }
    if (rule.integral === true && !Number.isInteger(value)) {
      this.problem(at, `must be a whole number, got ${value}`);
      return Number.NaN;
    }
    if (!inRange(value, rule)) {
      const shown = pythonNumber(value, this.isPythonInt(value, at));
      this.problem(at, rule.range?.(value, shown) ?? describeRange(shown, rule));
      return Number.NaN;
    }
    return value;
  }
}

function inRange(value: number, rule: NumberRule): boolean {
  if (rule.min !== undefined && (rule.minExclusive === true ? value <= rule.min : value < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive === true ? value >= rule.max : value > rule.max)) return false;
  return true;
}

function describeRange(shown: string, rule: NumberRule): string {
  const bounds: string[] = [];
  if (rule.min !== undefined) bounds.push(`${rule.minExclusive === true ? '>' : '>='} ${rule.min}`);
  if (rule.max !== undefined) bounds.push(`${rule.maxExclusive === true ? '<' : '<='} ${rule.max}`);
  return `must be ${bounds.join(' and ')}, got ${shown}`;
}

/** The keys of one config object, read one by one. */
export class ConfigReader {
  private readonly seen = new Set<string>();

  constructor(
    readonly context: ReadContext,
    readonly object: Readonly<Record<string, unknown>>,
    /** Pointer of the object itself, e.g. `/config` or `/config/schedulers/0/config`. */
    readonly path: string,
  ) {}

  at(key: string): string {
    return pointer(this.path, key);
  }

  /** The raw value (undefined when absent), marking the key as read. */
  raw(key: string): unknown {
    this.seen.add(key);
    return Object.hasOwn(this.object, key) ? this.object[key] : undefined;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.object, key);
  }

  problem(key: string, message: string): void {
    this.context.problem(this.at(key), message);
  }

  number(key: string, rule: NumberRule): number {
    const value = this.context.number(this.raw(key), this.at(key), rule);
    return value === null ? Number.NaN : value;
  }

  /** A number where None is a meaningful value. */
  optionalNumber(key: string, rule: NumberRule): number | null {
    return this.context.number(this.raw(key), this.at(key), { ...rule, nullable: true, default: null });
  }

  flag(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.problem(key, `must be true or false, got ${jsonTypeOf(value)} ${pythonRepr(value)}`);
      return fallback;
    }
    return value;
  }

  choice<T extends string>(key: string, options: readonly T[], fallback: T, message?: (value: unknown) => string): T {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      this.problem(key, message?.(value) ?? `must be one of ${options.map((o) => `'${o}'`).join(', ')}, got ${pythonRepr(value)}`);
      return fallback;
    }
    return value as T;
  }

  /** An array of at most `maxLength` entries (required unless `optional`). */
  list(key: string, maxLength: number, what: string): readonly unknown[] | undefined {
    const value = this.raw(key);
    if (value === undefined) {
      this.problem(key, `is required (${what})`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.problem(key, `must be a list of ${what}, got ${jsonTypeOf(value)} ${pythonRepr(value)}`);
      return undefined;
    }
    if (value.length > maxLength) {
      this.problem(key, `at most ${maxLength} entries are accepted, got ${value.length}`);
      return undefined;
    }
    return value;
  }

  /** Refuses every key not read, with `message(key)` (Python's "unexpected keyword argument" words). */
  finish(message: (key: string) => string): void {
    for (const key of Object.keys(this.object)) {
      if (!this.seen.has(key)) this.problem(key, message(key));
    }
  }
}

/** The object at `at`, or a problem if it is not a JSON object. */
export function asObject(context: ReadContext, value: unknown, at: string, what: string): Readonly<Record<string, unknown>> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    context.problem(at, `must be ${what} (a JSON object), got ${jsonTypeOf(value)}`);
    return undefined;
  }
  return value as Readonly<Record<string, unknown>>;
}
