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

export interface ScheduleSpec<Schema extends TObject> {
  readonly className: string;
  readonly description: string;
  readonly configSchema: Schema;
  /** Defaults to `initial_learning_rate`, as for every Keras schedule but PiecewiseConstantDecay. */
  readonly dtypeKey?: string;
  readonly check?: (config: ScheduleConfig<Schema>) => Problem[];
  /** The class that computes it, built from a validated config. */
  readonly schedule: new (config: ScheduleConfig<Schema>, arithmetic: Arithmetic) => LearningRateSchedule;
}

/** A registry definition from a schedule class and its config schema. */
export function defineSchedule<Schema extends TObject>(spec: ScheduleSpec<Schema>): ScheduleDefinition<Schema> {
  const { className, description, configSchema, dtypeKey = 'initial_learning_rate', check = () => [], schedule: Schedule } = spec;
  return { className, description, configSchema, dtypeKey, check, create: (config, arithmetic) => new Schedule(config, arithmetic) };
}
