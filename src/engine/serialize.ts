/**
 * Writes a parsed schedule back exactly as `keras.optimizers.schedules.serialize()`
 * writes the same schedule object: module, class name, every config key in
 * `get_config()` order with defaults filled, plain numbers, registered_name.
 */
import type { ParsedSchedule } from './deserialize.js';
import { DEFAULT_DTYPE_KEY } from './schedule.js';

export interface SerializedSchedule {
  readonly module: string;
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly registered_name: string | null;
}

export function serializeSchedule(parsed: ParsedSchedule): SerializedSchedule {
  const { scheduleClass, registeredName } = parsed.registration;
  return {
    module: scheduleClass.module,
    class_name: scheduleClass.className,
    config: configFor(parsed),
    registered_name: registeredName,
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
    const key = registration.scheduleClass.dtypeKey ?? DEFAULT_DTYPE_KEY;
    const value = copy[key];
    if (Array.isArray(value)) value[0] = float64Tensor(value[0]);
    else copy[key] = float64Tensor(value);
  }
  return copy;
}

function float64Tensor(value: unknown): Record<string, unknown> {
  return { class_name: '__tensor__', config: { value, dtype: 'float64' } };
}
