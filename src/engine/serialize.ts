/**
 * Writes a parsed schedule back exactly as `keras.optimizers.schedules.serialize()`
 * writes the same schedule object: module, class name, every config key in
 * `get_config()` order with defaults filled, plain numbers, registered_name.
 */
import type { ParsedSchedule } from './deserialize.js';

export interface SerializedSchedule {
  readonly module: string;
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly registered_name: string | null;
}

export function serializeSchedule(parsed: ParsedSchedule): SerializedSchedule {
  const { registration } = parsed;
  return {
    module: registration.module,
    class_name: registration.definition.className,
    config: configFor(parsed),
    registered_name: registration.registeredName,
  };
}

/**
 * Plain numbers carry no dtype, so a schedule that computes in float64
 * because its learning rate was a float64 tensor keeps that one tensor:
 * reading the canonical form again gives the same schedule in the same dtype.
 */
function configFor({ registration, config, serializedDtype }: ParsedSchedule): Record<string, unknown> {
  const copy = structuredClone(config) as Record<string, unknown>;
  if (serializedDtype === 'float64') {
    const key = registration.definition.dtypeKey;
    const value = copy[key];
    if (Array.isArray(value)) value[0] = float64Tensor(value[0]);
    else copy[key] = float64Tensor(value);
  }
  return copy;
}

function float64Tensor(value: unknown): Record<string, unknown> {
  return { class_name: '__tensor__', config: { value, dtype: 'float64' } };
}
