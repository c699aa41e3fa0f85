/**
 * The engine: Keras learning-rate schedules in pure TypeScript. No HTTP here.
 */
import { parseSchedule, type ParseOptions, type ParsedSchedule } from './deserialize.js';
import { arithmeticFor } from './numerics.js';
import type { ScheduleRegistry } from './registry.js';
import type { LearningRateSchedule } from './schedule.js';
import { serializeSchedule, type SerializedSchedule } from './serialize.js';

export { describeProblem, ScheduleError, type Problem } from './errors.js';
export { shortestFloat32, shortestFloat32Decimal, type Decimal } from './format.js';
export type { Dtype } from './numerics.js';
export { createKerasRegistry, ScheduleRegistry, type RegisteredSchedule, KERAS_SCHEDULES_MODULE } from './registry.js';
export { LearningRateSchedule, MAX_STEP, rangeLength, type LearningRates, type StepRange } from './schedule.js';
export { defineSchedule, type ScheduleDefinition, type ScheduleConfig, type ScheduleSpec } from './definition.js';
export { assertShallow, parseSchedule, type ParsedSchedule, type ParseOptions, MAX_NESTING } from './deserialize.js';
export { serializeSchedule, type SerializedSchedule } from './serialize.js';

export interface LoadedSchedule {
  readonly schedule: LearningRateSchedule;
  readonly canonical: SerializedSchedule;
  readonly parsed: ParsedSchedule;
}

export function buildSchedule(parsed: ParsedSchedule): LearningRateSchedule {
  return parsed.registration.definition.create(parsed.config, arithmeticFor(parsed.dtype));
}

/** Reads any accepted serialized form and returns the schedule, ready to answer steps. Throws ScheduleError. */
export function loadSchedule(input: unknown, registry: ScheduleRegistry, options: ParseOptions = {}): LoadedSchedule {
  const parsed = parseSchedule(input, registry, options);
  return { schedule: buildSchedule(parsed), canonical: serializeSchedule(parsed), parsed };
}
