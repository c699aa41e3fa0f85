/**
 * The Keras family: `keras.optimizers.schedules.serialize()` forms (and an optimizer's config holding one), read
 * as Keras reads them, computed float32 op by op (or float64), written back as Keras writes them. The default
 * family: a document naming no other family's module is read as Keras's.
 */
import type { Family, LoadedSchedule, LoadOptions } from '../family.js';
import { arithmeticFor } from '../numerics.js';
import { toPythonJson } from '../python-json.js';
import type { LearningRateSchedule } from '../schedule.js';
import { KERAS_SCHEDULES_MODULE } from './definition.js';
import { parseSchedule, type ParsedSchedule } from './deserialize.js';
import type { ScheduleRegistry } from './registry.js';
import { serializeSchedule, type Serialized, type SerializedSchedule } from './serialize.js';

/** A Keras schedule ready to answer steps, with what it was read from; its canonical form is written only when asked for. */
export class KerasLoadedSchedule implements LoadedSchedule {
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

  get footprint() {
    return { config: this.parsed.config, places: this.parsed.floats, keepsCheckpoints: false };
  }
}

/** Reads a Keras schedule already known to be shallow (assertShallow), and builds it. Throws ScheduleError. */
export function loadKerasSchedule(input: unknown, registry: ScheduleRegistry, options: LoadOptions = {}): KerasLoadedSchedule {
  const parsed = parseSchedule(input, registry, options);
  const schedule = parsed.registration.scheduleClass.create(parsed.config, arithmeticFor(parsed.dtype));
  return new KerasLoadedSchedule(parsed, schedule);
}

export const kerasFamily: Family = {
  name: 'Keras',
  module: KERAS_SCHEDULES_MODULE,
  claims: () => true,
  knows: (className, registry) => registry.builtin(className) !== undefined,
  catalogue: (registry) =>
    registry.all().map(({ scheduleClass }) => ({
      className: scheduleClass.className,
      module: scheduleClass.module,
      description: scheduleClass.description,
      configSchema: scheduleClass.configSchema as unknown as Record<string, unknown>,
    })),
  load: loadKerasSchedule,
};

export { KERAS_SCHEDULES_MODULE, type ScheduleClass, type ScheduleConfig } from './definition.js';
export { MAX_NAME_LENGTH } from './config-fields.js';
export { ScheduleRegistry, type Registration } from './registry.js';
export type { SerializedSchedule } from './serialize.js';
