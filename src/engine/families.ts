/**
 * The registry of families: each in its own folder, found by the `module` a document names, Keras last as the
 * default for a document that names none. Adding a family is its folder and a line in FAMILIES; nothing above
 * the engine knows their names. Their schedules answer through the same LearningRateSchedule interface (range
 * kernels included), so every route, format and plot serves them unchanged.
 */
import { ScheduleError } from './errors.js';
import type { CatalogueEntry, Family, LoadedSchedule, LoadOptions } from './family.js';
import { kerasFamily } from './keras/index.js';
import type { ScheduleRegistry } from './keras/registry.js';
import { torchFamily } from './torch/index.js';
import { transformersFamily } from './transformers/index.js';

/** Every family; the last is the default, which claims whatever no other does. */
const FAMILIES: readonly Family[] = [torchFamily, transformersFamily, kerasFamily];
const DEFAULT_FAMILY = kerasFamily;

/**
 * A class of another family sent without its `module` is read by the default family, which does not know it:
 * the problem to answer instead of "unknown schedule class" (undefined when the document is not such a class).
 */
function missingModule(document: unknown, registry: ScheduleRegistry): { path: string; message: string } | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const { module, class_name: className, registered_name: registeredName } = document as Record<string, unknown>;
  // A registered name is a Keras custom schedule's (found by that name, whatever its class name).
  if (module !== undefined || typeof registeredName === 'string' || typeof className !== 'string' || DEFAULT_FAMILY.knows(className, registry)) return undefined;
  const family = FAMILIES.find((candidate) => candidate !== DEFAULT_FAMILY && candidate.knows(className, registry));
  if (family === undefined) return undefined;
  return { path: '/module', message: `${className} is a ${family.module} schedule: send "module": "${family.module}" (a schedule without one is read as a ${DEFAULT_FAMILY.name} schedule)` };
}

/**
 * Reads a document of any family, already known to be shallow (assertShallow), by the family that claims it.
 * Throws ScheduleError (about the schedule) or RequestError (about a request field: dtype, mode, step).
 */
export function loadShallowSchedule(document: unknown, registry: ScheduleRegistry, options: LoadOptions = {}): LoadedSchedule {
  const family = FAMILIES.find((candidate) => candidate.claims(document)) ?? DEFAULT_FAMILY;
  if (family === DEFAULT_FAMILY) {
    const problem = missingModule(document, registry);
    if (problem !== undefined) throw new ScheduleError([problem]);
  }
  return family.load(document, registry, options);
}

/** Every schedule class the service computes, the default family's first, then each other family's in order. */
export function scheduleCatalogue(registry: ScheduleRegistry): CatalogueEntry[] {
  return [DEFAULT_FAMILY, ...FAMILIES.filter((family) => family !== DEFAULT_FAMILY)].flatMap((family) => family.catalogue(registry));
}
