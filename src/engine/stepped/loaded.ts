/**
 * A PyTorch or Hugging Face schedule as loaded: the schedule, and the request form read back, whose JSON text
 * spells each number as Python reads it back (torch checks the types of some arguments).
 */
import { pointer, RequestError } from '../errors.js';
import type { CatalogueEntry, FloatIntegers, Footprint, LoadedSchedule } from '../family.js';
import type { Dtype } from '../numerics.js';
import { toPythonJson } from '../python-json.js';
import type { LearningRateSchedule } from '../schedule.js';

/** Refuses float32 for a family that computes in Python floats. */
export function refuseFloat32(module: string, dtype: Dtype | undefined): void {
  if (dtype === 'float32') {
    throw new RequestError([{ path: '/dtype', message: `${module} schedules compute in Python floats (float64): ask for float64 or leave dtype out` }]);
  }
}

export class PythonFormSchedule implements LoadedSchedule {
  private json: string | undefined;

  constructor(
    readonly schedule: LearningRateSchedule,
    private readonly form: Record<string, unknown>,
    private readonly document: unknown,
    private readonly floatIntegers: FloatIntegers,
    private readonly catalogue: readonly CatalogueEntry[],
    private readonly keepsCheckpoints: boolean,
  ) {}

  /** A copy of the request form read back: every key, defaults filled, in the constructor's order. */
  get canonical(): Record<string, unknown> {
    return structuredClone(this.form);
  }

  get canonicalJson(): string {
    this.json ??= toPythonJson(this.form, floatPlaces(this.form, this.document, this.floatIntegers, this.catalogue));
    return this.json;
  }

  get footprint(): Footprint {
    return { config: this.form, places: [], keepsCheckpoints: this.keepsCheckpoints };
  }
}

type JsonSchema = { readonly type?: unknown; readonly properties?: Record<string, JsonSchema> };

/**
 * Which numbers of a canonical form are Python floats: what the caller wrote with a fraction or exponent
 * (or not whole); and, for what the caller left out, the defaults the class's config schema types as `number`.
 */
function floatPlaces(canonical: unknown, document: unknown, floatIntegers: FloatIntegers, catalogue: readonly CatalogueEntry[]): Set<string> {
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
