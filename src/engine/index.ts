/**
 * The engine: learning-rate schedules of three families (Keras, torch.optim.lr_scheduler, transformers) in
 * pure TypeScript, each number as its library computes it. No HTTP here. This module exports what the rest of
 * the service uses, and nothing else.
 */
import { loadShallowSchedule } from './families.js';
import type { LoadedSchedule, LoadOptions } from './family.js';
import type { ScheduleRegistry } from './keras/registry.js';
import { assertShallow } from './shallow.js';

export { describeProblem, pointer, RequestError, ScheduleError, type Problem } from './errors.js';
export { loadShallowSchedule, scheduleCatalogue } from './families.js';
export type { CatalogueEntry, Family, FamilyMode, Footprint, LoadedSchedule, LoadOptions } from './family.js';
export { MAX_NAME_LENGTH, ScheduleRegistry, type Registration, type ScheduleClass } from './keras/index.js';
export type { Dtype } from './numerics.js';
export { LearningRateSchedule, MAX_STEP, rangeLength, type LearningRates } from './schedule.js';
export { assertShallow, MAX_NESTING } from './shallow.js';
export { shortestFloat32 } from './shortest-float32.js';

/** Reads a document of any family (checking its depth first) and returns the schedule, ready to answer steps. */
export function loadSchedule(document: unknown, registry: ScheduleRegistry, options: LoadOptions = {}): LoadedSchedule {
  assertShallow(document);
  return loadShallowSchedule(document, registry, options);
}
