import type { Static, TObject } from 'typebox';
import type { Problem } from './errors.js';
import type { Arithmetic } from './numerics.js';
import type { LearningRateSchedule } from './schedule.js';

/** A config after validation: every key present, defaults filled in, tensors unwrapped to plain numbers. */
export type ScheduleConfig<Schema extends TObject> = Required<Static<Schema>>;

/**
 * Everything the registry knows about one schedule class. The config schema is
 * the single source of its keys (in Keras's `get_config()` order), types,
 * defaults and documentation.
 */
export interface ScheduleDefinition<Schema extends TObject = TObject> {
  readonly className: string;
  readonly description: string;
  readonly configSchema: Schema;
  /** The config key whose value decides the dtype Keras computes in (its first element, if a list). */
  readonly dtypeKey: string;
  /** Construction checks that a schema cannot express; paths are relative to the config. */
  check(config: ScheduleConfig<Schema>): Problem[];
  create(config: ScheduleConfig<Schema>, arithmetic: Arithmetic): LearningRateSchedule;
}
