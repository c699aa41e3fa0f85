/**
 * Writes a parsed schedule back exactly as `keras.optimizers.schedules.serialize()`
 * writes the same schedule object: module, class name, every config key in
 * `get_config()` order with defaults filled, plain numbers, registered_name;
 * and, as JSON text, every number spelled as Python's json.dumps spells it:
 * `1.0` for a Python float, `1` for an int. Keras builds an integer-typed
 * schedule from `1`, so the spelling is part of the schedule.
 */
import type { ParsedSchedule } from './deserialize.js';
import { pointer } from '../errors.js';
import { DEFAULT_DTYPE_KEY } from './definition.js';

export interface SerializedSchedule {
  readonly module: string;
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly registered_name: string | null;
}

export interface Serialized {
  readonly schedule: SerializedSchedule;
  /** JSON pointers, relative to `schedule`, of the numbers Keras holds as Python floats. */
  readonly floats: ReadonlySet<string>;
}

export function serializeSchedule(parsed: ParsedSchedule): Serialized {
  const { scheduleClass, registeredName } = parsed.registration;
  const { config, floats } = configFor(parsed);
  return {
    schedule: { module: scheduleClass.module, class_name: scheduleClass.className, config, registered_name: registeredName },
    floats: new Set([...floats].map((place) => `/config${place}`)),
  };
}

/**
 * Plain numbers carry no dtype, so a schedule that computes in float64
 * because its learning rate was a float64 tensor keeps that one tensor:
 * reading the canonical form again gives the same schedule in the same dtype.
 */
function configFor({ registration, config, serializedDtype, floats }: ParsedSchedule): { config: Record<string, unknown>; floats: Set<string> } {
  const copy = structuredClone(config) as Record<string, unknown>;
  const places = new Set(floats);
  if (serializedDtype === 'float64') {
    const key = registration.scheduleClass.dtypeKey ?? DEFAULT_DTYPE_KEY;
    const value = copy[key];
    const place = Array.isArray(value) ? pointer(pointer('', key), 0) : pointer('', key);
    if (Array.isArray(value)) value[0] = float64Tensor(value[0]);
    else copy[key] = float64Tensor(value);
    // The number now sits inside the tensor, and a float64 tensor holds a float.
    places.delete(place);
    places.add(`${place}/config/value`);
  }
  return { config: copy, floats: places };
}

function float64Tensor(value: unknown): Record<string, unknown> {
  return { class_name: '__tensor__', config: { value, dtype: 'float64' } };
}
