/**
 * The one interface every schedule family meets (Keras, torch.optim.lr_scheduler, transformers): it names the
 * documents it reads, lists its classes, and loads a document into a LoadedSchedule, whose schedule answers
 * steps through LearningRateSchedule (range kernels included). families.ts lists the families; a new one is
 * its folder and a line there.
 */
import type { Dtype } from './numerics.js';
import type { LearningRateSchedule } from './schedule.js';
import type { ScheduleRegistry } from './keras/registry.js';

/** PyTorch schedules: 'stepped' (default), what a training loop's optimizer holds; 'closed_form', torch's `_get_closed_form_lr()`. */
export type FamilyMode = 'stepped' | 'closed_form';

export interface CatalogueEntry {
  readonly className: string;
  readonly module: string;
  readonly description: string;
  /** JSON Schema of `config`. */
  readonly configSchema: Record<string, unknown>;
}

/**
 * JSON pointers, relative to the schedule document, of the integer-valued numbers the caller wrote with a
 * fraction or an exponent (`1.0`, `1e3`): Python reads them as floats, and a JSON parser forgets the spelling.
 * The one form the float-spelling fact takes in the engine; a family only asks `has(pointer)`.
 */
export type FloatIntegers = Pick<ReadonlySet<string>, 'has'>;

export interface LoadOptions {
  /** The dtype the caller asks for; by default, the one the document implies (Python floats: float64). */
  readonly dtype?: Dtype | undefined;
  readonly mode?: FamilyMode | undefined;
  readonly floatIntegers?: ReadonlySet<string> | undefined;
  /** Steps of a recursion stepped from scratch before a step is refused (default MAX_RECURSION_STEPS). */
  readonly maxRecursionSteps?: number | undefined;
}

/** What a loaded schedule holds beyond its cache key, for the cache's weight estimate. */
export interface Footprint {
  /** The config the schedule was built from (it copies its arrays): its size stands for the entry's. */
  readonly config: unknown;
  /** The pointers the entry keeps (one string each). */
  readonly places: Iterable<string>;
  /** True when answering later steps keeps checkpoints of a recursion (an allowance is made for them). */
  readonly keepsCheckpoints: boolean;
}

/** A schedule ready to answer steps, with its canonical form (written only when asked for). */
export interface LoadedSchedule {
  readonly schedule: LearningRateSchedule;
  /** The document as its library would write it back: every key, defaults filled. */
  readonly canonical: unknown;
  /** The canonical form as JSON text, each number spelled as Python's json.dumps spells the library's value. */
  readonly canonicalJson: string;
  readonly footprint: Footprint;
}

export interface Family {
  /** What users call it, for messages: 'Keras', 'PyTorch', 'Hugging Face'. */
  readonly name: string;
  /** The `module` its documents name (the default family's: the module it writes back). */
  readonly module: string;
  /** Whether `document` is this family's. The default family (listed last) claims whatever no other does. */
  claims(document: unknown): boolean;
  /** Whether a class of this name is one of the family's (the registry holds Keras's custom classes). */
  knows(className: string, registry: ScheduleRegistry): boolean;
  /** Every class it accepts, with a description and the JSON Schema of its config. */
  catalogue(registry: ScheduleRegistry): readonly CatalogueEntry[];
  /** Loads a document already known to be shallow (assertShallow). Throws ScheduleError or RequestError. */
  load(document: unknown, registry: ScheduleRegistry, options?: LoadOptions): LoadedSchedule;
}

/** The document's `module`, if it is an object that names one. */
function moduleOf(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  return (document as Record<string, unknown>)['module'];
}

/** A family whose documents name its `module`, with a fixed catalogue and a loader that needs no registry. */
export function moduleFamily(name: string, module: string, catalogue: readonly CatalogueEntry[], load: (document: unknown, options?: LoadOptions) => LoadedSchedule): Family {
  return {
    name,
    module,
    claims: (document) => moduleOf(document) === module,
    knows: (className) => catalogue.some((entry) => entry.className === className),
    catalogue: () => catalogue,
    load: (document, _registry, options) => load(document, options),
  };
}
