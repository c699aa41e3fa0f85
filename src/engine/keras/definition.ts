/**
 * What the Keras family knows about one schedule class: its record (ScheduleClass), its validated config type,
 * and the serialized form's constants.
 */
import type { Static, TObject } from 'typebox';
import type { Problem } from '../errors.js';
import type { Arithmetic } from '../numerics.js';
import type { LearningRateSchedule } from '../schedule.js';

/** A config after validation: every key present, defaults filled in, tensors unwrapped to plain numbers. */
export type ScheduleConfig<Schema extends TObject> = Required<Static<Schema>>;

/** The module `keras.optimizers.schedules.serialize()` writes for Keras's built-in schedules. */
export const KERAS_SCHEDULES_MODULE = 'keras.optimizers.schedules';

/**
 * Everything the service knows about one schedule class, in one record: what
 * Keras's `serialize()` calls it, its config (the schema is the single source
 * of its keys in `get_config()` order, types, defaults and documentation), and
 * how to build it. Registering a schedule is adding its record to a list.
 */
export interface ScheduleClass<Schema extends TObject = TObject> {
  readonly className: string;
  /** Module written back on serialization. */
  readonly module: string;
  readonly description: string;
  readonly configSchema: Schema;
  /** The config key whose value decides the dtype Keras computes in (its first element, if a list). Default: `initial_learning_rate`. */
  readonly dtypeKey?: string;
  /** Construction checks that a schema cannot express; paths are relative to the config. */
  check?(config: ScheduleConfig<Schema>): Problem[];
  create(config: ScheduleConfig<Schema>, arithmetic: Arithmetic): LearningRateSchedule;
}

export const DEFAULT_DTYPE_KEY = 'initial_learning_rate';

/** The config-schema keyword marking a default that Keras declares as a Python float (`alpha=0.0`), since JSON cannot tell `0.0` from `0`. */
export const PYTHON_FLOAT_DEFAULT = 'x-python-float';
