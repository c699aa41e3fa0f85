/**
 * The allowlist of schedule classes. Deserialization only ever builds what is
 * registered here: a class name from a request is looked up, never resolved
 * against a module, and nothing from a request is executed.
 */
import { Compile, type Validator } from 'typebox/compile';
import type { TObject } from 'typebox';
import { KERAS_SCHEDULES_MODULE, type ScheduleClass } from './definition.js';
import { KERAS_SCHEDULES } from './catalogue.js';

/** Module paths Keras 3, Keras 2 / tf.keras and tf_keras have written for the built-in schedules. */
export const KERAS_SCHEDULE_MODULES: ReadonlySet<string> = new Set([
  KERAS_SCHEDULES_MODULE,
  'keras.src.optimizers.schedules',
  'keras.src.optimizers.schedules.learning_rate_schedule',
  'keras.optimizers.schedules.learning_rate_schedule',
  'tensorflow.keras.optimizers.schedules',
  'tf_keras.optimizers.schedules',
  'tf_keras.src.optimizers.schedules.learning_rate_schedule',
]);

/** A schedule class as the registry holds it: the record, how requests name it, and its compiled config validator. */
export interface Registration {
  readonly scheduleClass: ScheduleClass;
  /** `null` for Keras's built-ins; `package>ClassName` for schedules a server registers. */
  readonly registeredName: string | null;
  readonly validator: Validator;
}

function registration(scheduleClass: ScheduleClass, registeredName: string | null): Registration {
  // TypeBox's compiled validator type is parameterised by its schema; the registry keeps them side by side.
  return { scheduleClass, registeredName, validator: Compile(scheduleClass.configSchema as TObject) as unknown as Validator };
}

export class ScheduleRegistry {
  private readonly builtins = new Map<string, Registration>();
  private readonly customs = new Map<string, Registration>();

  /** A registry of Keras's own classes, each found by its class name. */
  constructor(builtins: readonly ScheduleClass[] = KERAS_SCHEDULES) {
    for (const scheduleClass of builtins) this.builtins.set(scheduleClass.className, registration(scheduleClass, null));
  }

  /** Registers a server-side schedule, found only by its registered name (never by class name alone), as Keras's `register_keras_serializable` names it. */
  registerCustom(scheduleClass: ScheduleClass, registeredName: string): this {
    if (!registeredName.endsWith(`>${scheduleClass.className}`)) {
      throw new Error(`registered name ${registeredName} must end with >${scheduleClass.className}`);
    }
    this.customs.set(registeredName, registration(scheduleClass, registeredName));
    return this;
  }

  builtin(className: string): Registration | undefined {
    return this.builtins.get(className);
  }

  custom(registeredName: string): Registration | undefined {
    return this.customs.get(registeredName);
  }

  /** Every registered schedule, built-ins first, each once. */
  all(): Registration[] {
    return [...this.builtins.values(), ...this.customs.values()];
  }

  /** Names a client may send, for error messages. */
  knownNames(): string[] {
    return [...this.builtins.keys(), ...this.customs.keys()];
  }
}
