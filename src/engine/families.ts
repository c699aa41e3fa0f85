/**
 * Schedule families beside Keras's, each in its own folder, found by the `module` a request names: the
 * registry of families. Adding a family is its folder and a line in FAMILIES; nothing above the engine
 * knows their names. Their schedules answer through the same LearningRateSchedule interface (range
 * kernels included) as Keras's, so every route, format and plot serves them unchanged.
 */
import { pointer, RequestError } from './errors.js';
import { arithmeticFor, type Dtype } from './numerics.js';
import { LearningRateSchedule, type LearningRates } from './schedule.js';
import { toPythonJson } from './serialize.js';
import type { CatalogueEntry, FamilyMode, FamilySchedule } from './stepped/family.js';
import { loadTorchSchedule, TORCH_MODULE, torchCatalogue } from './torch/index.js';
import { loadTransformersSchedule, TRANSFORMERS_MODULE, transformersCatalogue } from './transformers/index.js';

export type { CatalogueEntry, FamilyMode } from './stepped/family.js';

interface Family {
  readonly module: string;
  readonly catalogue: readonly CatalogueEntry[];
  load(document: unknown, options: { mode?: FamilyMode; spelling?: (pointer: string) => 'integer' | 'float' | undefined }): FamilySchedule;
}

const FAMILIES: readonly Family[] = [
  { module: TORCH_MODULE, catalogue: torchCatalogue, load: loadTorchSchedule },
  { module: TRANSFORMERS_MODULE, catalogue: transformersCatalogue, load: loadTransformersSchedule },
];

/** The family a serialized schedule belongs to by its `module`, if it is not a Keras one. */
export function familyOf(document: unknown): Family | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const module = (document as Record<string, unknown>)['module'];
  return FAMILIES.find((family) => family.module === module);
}

/**
 * A family class sent without its `module` is read as a Keras schedule, which it is not: the problem to answer
 * instead of "unknown schedule class" (undefined when the document is not such a class, or Keras knows the name).
 */
export function missingFamilyModule(document: unknown, kerasKnows: (className: string) => boolean): { path: string; message: string } | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const { module, class_name: className, registered_name: registeredName } = document as Record<string, unknown>;
  // A registered name is a Keras custom schedule's (found by that name, whatever its class name).
  if (module !== undefined || typeof registeredName === 'string' || typeof className !== 'string' || kerasKnows(className)) return undefined;
  const family = FAMILIES.find((candidate) => candidate.catalogue.some((entry) => entry.className === className));
  if (family === undefined) return undefined;
  return { path: '/module', message: `${className} is a ${family.module} schedule: send "module": "${family.module}" (a schedule without one is read as a Keras schedule)` };
}

/** Every class of every family, for the catalogue. */
export function familyCatalogue(): CatalogueEntry[] {
  return FAMILIES.flatMap((family) => family.catalogue);
}

/** A family's schedule behind the engine's interface: float64 (Python floats), ranges in one pass of its kernel. */
class FamilyBackedSchedule extends LearningRateSchedule {
  constructor(private readonly family: FamilySchedule) {
    super(arithmeticFor('float64'));
  }

  at(step: number): number {
    return this.family.at(step);
  }

  override get cyclesMomentum(): boolean {
    return this.family.momentumAt !== undefined;
  }

  override momentumAt(step: number): number {
    return this.family.momentumAt?.(step) ?? Number.NaN;
  }

  override atRange(start: number, stride: number, out: LearningRates, momentum?: Float64Array): LearningRates {
    if (stride < 1) return super.atRange(start, stride, out, momentum);
    this.family.fill(start, stride, out as Float64Array, momentum);
    return out;
  }
}

export interface FamilyLoadRequest {
  readonly dtype?: Dtype | undefined;
  readonly mode?: FamilyMode | undefined;
  /** Pointers, relative to the schedule, of integer-valued numbers the caller wrote as floats. */
  readonly floatIntegers?: ReadonlySet<string> | undefined;
}

export class LoadedFamilySchedule {
  readonly schedule: LearningRateSchedule;
  private json: string | undefined;

  constructor(
    private readonly family: Family,
    private readonly loaded: FamilySchedule,
    private readonly document: unknown,
    private readonly floatIntegers: ReadonlySet<string>,
  ) {
    this.schedule = new FamilyBackedSchedule(loaded);
  }

  get canonical(): Record<string, unknown> {
    return this.loaded.canonical();
  }

  /** The request form read back, each number a float or an int as Python reads it back (torch checks some types). */
  get canonicalJson(): string {
    const canonical = this.canonical;
    this.json ??= toPythonJson(canonical, floatPlaces(canonical, this.document, this.floatIntegers, this.family.catalogue));
    return this.json;
  }
}

export function loadFamilySchedule(family: Family, document: unknown, request: FamilyLoadRequest): LoadedFamilySchedule {
  if (request.dtype === 'float32') {
    throw new RequestError([{ path: '/dtype', message: `${family.module} schedules compute in Python floats (float64): ask for float64 or leave dtype out` }]);
  }
  const floatIntegers = request.floatIntegers ?? new Set<string>();
  const loaded = family.load(document, {
    ...(request.mode === undefined ? {} : { mode: request.mode }),
    spelling: (place) => (floatIntegers.has(place) ? 'float' : undefined),
  });
  return new LoadedFamilySchedule(family, loaded, document, floatIntegers);
}

type JsonSchema = { readonly type?: unknown; readonly properties?: Record<string, JsonSchema> };

/**
 * Which numbers of a canonical form are Python floats: what the caller wrote with a fraction or exponent
 * (or not whole); and, for what the caller left out, the defaults the class's config schema types as `number`.
 */
function floatPlaces(canonical: unknown, document: unknown, floatIntegers: ReadonlySet<string>, catalogue: readonly CatalogueEntry[]): Set<string> {
  const places = new Set<string>();
  const schemaOf = (className: unknown): JsonSchema | undefined =>
    catalogue.find((entry) => entry.className === className)?.configSchema as JsonSchema | undefined;
  const visit = (node: unknown, sent: unknown, path: string, schema: JsonSchema | undefined): void => {
    if (typeof node === 'number') {
      if (!Number.isInteger(node) || floatIntegers.has(path) || (sent === undefined && schema?.type === 'number')) places.add(path);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, (sent as unknown[] | undefined)?.[i], pointer(path, i), undefined));
    } else if (typeof node === 'object' && node !== null) {
      const object = node as Record<string, unknown>;
      const configSchema = 'config' in object ? schemaOf(object['class_name']) : undefined;
      for (const [key, item] of Object.entries(object)) {
        const itemSchema = key === 'config' ? configSchema : schema?.properties?.[key];
        visit(item, (sent as Record<string, unknown> | undefined)?.[key], pointer(path, key), itemSchema);
      }
    }
  };
  visit(canonical, document, '', undefined);
  return places;
}
