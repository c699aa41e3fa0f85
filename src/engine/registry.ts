/**
 * The allowlist of schedule classes. Deserialization only ever builds what is
 * registered here: a class name from a request is looked up, never resolved
 * against a module, and nothing from a request is executed.
 */
import { Compile, type Validator } from 'typebox/compile';
import type { TObject } from 'typebox';
import type { ScheduleDefinition } from './definition.js';
import { cosineDecay } from './schedules/CosineDecay.js';
import { cosineDecayRestarts } from './schedules/CosineDecayRestarts.js';
import { exponentialDecay } from './schedules/ExponentialDecay.js';
import { inverseTimeDecay } from './schedules/InverseTimeDecay.js';
import { piecewiseConstantDecay } from './schedules/PiecewiseConstantDecay.js';
import { polynomialDecay } from './schedules/PolynomialDecay.js';

/** The module `keras.optimizers.schedules.serialize()` writes for the built-in schedules. */
export const KERAS_SCHEDULES_MODULE = 'keras.optimizers.schedules';

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

export interface RegisteredSchedule {
  readonly definition: ScheduleDefinition;
  /** Module written back on serialization. */
  readonly module: string;
  /** `null` for Keras's built-ins; `package>ClassName` for schedules a server registers. */
  readonly registeredName: string | null;
  readonly validator: Validator;
}

export interface CustomRegistration {
  /** As Keras's `register_keras_serializable` names it: `package>ClassName`. */
  readonly registeredName: string;
  readonly module: string;
}

// TypeBox's compiled validator type is parameterised by its schema; the registry keeps them side by side.
function compile(schema: TObject): Validator {
  return Compile(schema) as unknown as Validator;
}

export class ScheduleRegistry {
  private readonly builtins = new Map<string, RegisteredSchedule>();
  private readonly customs = new Map<string, RegisteredSchedule>();

  /** Registers one of Keras's own classes, found by its class name. */
  registerBuiltin<Schema extends TObject>(definition: ScheduleDefinition<Schema>): this {
    this.builtins.set(definition.className, {
      definition: definition as unknown as ScheduleDefinition,
      module: KERAS_SCHEDULES_MODULE,
      registeredName: null,
      validator: compile(definition.configSchema),
    });
    return this;
  }

  /** Registers a server-side schedule, found only by its registered name (never by class name alone). */
  registerCustom<Schema extends TObject>(definition: ScheduleDefinition<Schema>, registration: CustomRegistration): this {
    if (!registration.registeredName.endsWith(`>${definition.className}`)) {
      throw new Error(`registered name ${registration.registeredName} must end with >${definition.className}`);
    }
    this.customs.set(registration.registeredName, {
      definition: definition as unknown as ScheduleDefinition,
      module: registration.module,
      registeredName: registration.registeredName,
      validator: compile(definition.configSchema),
    });
    return this;
  }

  builtin(className: string): RegisteredSchedule | undefined {
    return this.builtins.get(className);
  }

  custom(registeredName: string): RegisteredSchedule | undefined {
    return this.customs.get(registeredName);
  }

  /** Every registered schedule, built-ins first, each once. */
  all(): RegisteredSchedule[] {
    return [...this.builtins.values(), ...this.customs.values()];
  }

  /** Names a client may send, for error messages. */
  knownNames(): string[] {
    return [...this.builtins.keys(), ...this.customs.keys()];
  }
}

/** A registry holding Keras's six built-in schedules, in the order Keras's module declares them. */
export function createKerasRegistry(): ScheduleRegistry {
  return new ScheduleRegistry()
    .registerBuiltin(exponentialDecay)
    .registerBuiltin(piecewiseConstantDecay)
    .registerBuiltin(polynomialDecay)
    .registerBuiltin(inverseTimeDecay)
    .registerBuiltin(cosineDecay)
    .registerBuiltin(cosineDecayRestarts);
}
