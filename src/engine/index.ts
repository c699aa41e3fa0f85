/**
 * The engine: Keras learning-rate schedules in pure TypeScript. No HTTP here.
 * This module exports what the rest of the service uses, and nothing else.
 */
import { familyCatalogue, familyOf, loadFamilySchedule, missingFamilyModule, type CatalogueEntry, type FamilyMode } from './families.js';
import { assertShallow, parseSchedule, type ParseOptions, type ParsedSchedule } from './deserialize.js';
import { ScheduleError } from './errors.js';
import { arithmeticFor } from './numerics.js';
import type { ScheduleRegistry } from './registry.js';
import type { LearningRateSchedule } from './schedule.js';
import { serializeSchedule, toPythonJson, type Serialized, type SerializedSchedule } from './serialize.js';

export { describeProblem, pointer, RequestError, ScheduleError, type Problem } from './errors.js';
export type { CatalogueEntry, FamilyMode } from './families.js';
export { shortestFloat32 } from './shortest-float32.js';
export type { Dtype } from './numerics.js';
export { ScheduleRegistry, type Registration } from './registry.js';
export { LearningRateSchedule, MAX_STEP, rangeLength, type LearningRates, type ScheduleClass } from './schedule.js';
export { assertShallow, type ParseOptions } from './deserialize.js';

/** A schedule ready to answer steps, with what it was read from; its canonical form is written only when asked for. */
export class LoadedSchedule {
  private serialized: Serialized | undefined;
  private json: string | undefined;

  constructor(
    readonly parsed: ParsedSchedule,
    readonly schedule: LearningRateSchedule,
  ) {}

  /** The schedule as `keras.optimizers.schedules.serialize()` writes it (JSON cannot say which numbers are floats: see canonicalJson). */
  get canonical(): SerializedSchedule {
    this.serialized ??= serializeSchedule(this.parsed);
    return this.serialized.schedule;
  }

  /** The canonical form as JSON text, each number spelled as Python's json.dumps spells Keras's value (`1.0` for a float, `1` for an int). */
  get canonicalJson(): string {
    this.serialized ??= serializeSchedule(this.parsed);
    this.json ??= toPythonJson(this.serialized.schedule, this.serialized.floats);
    return this.json;
  }
}

/**
 * Reads a schedule already known to be shallow (assertShallow), and builds it. Throws ScheduleError.
 * The Keras family of loadAnyShallowSchedule; loadSchedule checks the depth first.
 */
function loadShallowSchedule(input: unknown, registry: ScheduleRegistry, options: ParseOptions = {}): LoadedSchedule {
  const parsed = parseSchedule(input, registry, options);
  const schedule = parsed.registration.scheduleClass.create(parsed.config, arithmeticFor(parsed.dtype));
  return new LoadedSchedule(parsed, schedule);
}

/** What any family's loaded schedule offers the service: the schedule, and its canonical form as an object and as text. */
export interface AnyLoadedSchedule {
  readonly schedule: LearningRateSchedule;
  readonly canonical: unknown;
  readonly canonicalJson: string;
}

export interface AnyLoadOptions extends ParseOptions {
  /** PyTorch schedules: `stepped` (default, what a training loop's optimizer holds) or torch's `closed_form`. */
  readonly mode?: FamilyMode | undefined;
}

/**
 * Reads a schedule of any family, already known to be shallow: a PyTorch or Hugging Face one by its
 * `module`, anything else as Keras. Throws ScheduleError (about the schedule) or RequestError (about a
 * request field: dtype, mode, step).
 */
export function loadAnyShallowSchedule(input: unknown, registry: ScheduleRegistry, options: AnyLoadOptions = {}): AnyLoadedSchedule {
  const family = familyOf(input);
  if (family !== undefined) return loadFamilySchedule(family, input, options);
  const missingModule = missingFamilyModule(input, (className) => registry.builtin(className) !== undefined);
  if (missingModule !== undefined) throw new ScheduleError([missingModule]);
  return loadShallowSchedule(input, registry, options);
}

/** Every schedule class the service computes, Keras's first, then each family's. */
export function scheduleCatalogue(registry: ScheduleRegistry): CatalogueEntry[] {
  const keras = registry.all().map(({ scheduleClass }) => ({
    className: scheduleClass.className,
    module: scheduleClass.module,
    description: scheduleClass.description,
    configSchema: scheduleClass.configSchema as unknown as Record<string, unknown>,
  }));
  return [...keras, ...familyCatalogue()];
}

/** Reads any accepted serialized form and returns the schedule, ready to answer steps. Throws ScheduleError. */
export function loadSchedule(input: unknown, registry: ScheduleRegistry, options: ParseOptions = {}): LoadedSchedule {
  assertShallow(input);
  return loadShallowSchedule(input, registry, options);
}
