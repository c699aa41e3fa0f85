import type { Static, TObject } from 'typebox';
import type { Problem } from './errors.js';
import type { Arithmetic, Dtype } from './numerics.js';

/** Learning rates for many steps, in the schedule's dtype. */
export type LearningRates = Float32Array | Float64Array;

/** Largest step accepted: optimizer iterations are int64, and a JS number holds integers exactly up to here. */
export const MAX_STEP = Number.MAX_SAFE_INTEGER;

/** How many steps Python's `range(start, stop, stride)` yields. */
export function rangeLength(start: number, stop: number, stride: number): number {
  const span = stop - start;
  if (stride === 0 || span === 0 || Math.sign(span) !== Math.sign(stride)) return 0;
  return Math.ceil(span / stride);
}

/**
 * A Keras learning-rate schedule, ready to answer steps.
 *
 * Subclasses cast their config into the dtype once, at construction, and
 * implement `at(step)` with the op order of Keras's `__call__`. The many-step
 * methods reuse `at` and write straight into a typed array, so answering a
 * million steps allocates one array and nothing per step.
 */
export abstract class LearningRateSchedule {
  constructor(protected readonly arithmetic: Arithmetic) {}

  get dtype(): Dtype {
    return this.arithmetic.dtype;
  }

  /** A typed array of the schedule's dtype, to answer `length` steps into. */
  allocate(length: number): LearningRates {
    return this.arithmetic.allocate(length);
  }

  /** The learning rate at one step: any finite number Keras accepts, usually an integer from 0 to 2^53 − 1. */
  abstract at(step: number): number;

  /**
   * Whether the schedule also writes the optimizer's momentum (PyTorch's OneCycleLR and CyclicLR with
   * cycle_momentum, alone or in a composite): then momentumAt and the `momentum` arrays of atSteps and atRange
   * answer SGD's `momentum` (Adam's `betas[0]`), in float64. Keras's schedules never do.
   */
  get cyclesMomentum(): boolean {
    return false;
  }

  /** The momentum at one step, for a schedule that cycles it (NaN for the others). */
  momentumAt(_step: number): number {
    return Number.NaN;
  }

  /** The rates at `steps`; `momentum`, when given (a schedule that cycles momentum), gets the momentum at each. */
  atSteps(steps: ArrayLike<number>, out: LearningRates = this.allocate(steps.length), momentum?: Float64Array): LearningRates {
    for (let i = 0; i < steps.length; i++) {
      out[i] = this.at(steps[i] as number);
      if (momentum !== undefined) momentum[i] = this.momentumAt(steps[i] as number);
    }
    return out;
  }

  /** The rates at `start`, `start + stride`, ...: as many as `out` holds (and the momentum at each into `momentum`, as atSteps). */
  atRange(start: number, stride: number, out: LearningRates, momentum?: Float64Array): LearningRates {
    for (let i = 0, step = start; i < out.length; i++, step += stride) {
      out[i] = this.at(step);
      if (momentum !== undefined) momentum[i] = this.momentumAt(step);
    }
    return out;
  }
}

/** A config after validation: every key present, defaults filled in, tensors unwrapped to plain numbers. */
export type ScheduleConfig<Schema extends TObject> = Required<Static<Schema>>;

/** The module `keras.optimizers.schedules.serialize()` writes for Keras's built-in schedules. */
export const KERAS_SCHEDULES_MODULE = 'keras.optimizers.schedules';

/**
 * Everything the service knows about one schedule class, in one record: what
 * Keras's `serialize()` calls it, its config (the schema is the single source
 * of its keys in `get_config()` order, types, defaults and documentation), and
 * how to build it. Registering a schedule is adding its record to a list.
 */
export interface ScheduleClass<Schema extends TObject = TObject> {
  readonly className: string;
  /** Module written back on serialization. */
  readonly module: string;
  readonly description: string;
  readonly configSchema: Schema;
  /** The config key whose value decides the dtype Keras computes in (its first element, if a list). Default: `initial_learning_rate`. */
  readonly dtypeKey?: string;
  /** Construction checks that a schema cannot express; paths are relative to the config. */
  check?(config: ScheduleConfig<Schema>): Problem[];
  create(config: ScheduleConfig<Schema>, arithmetic: Arithmetic): LearningRateSchedule;
}

export const DEFAULT_DTYPE_KEY = 'initial_learning_rate';

/** The config-schema keyword marking a default that Keras declares as a Python float (`alpha=0.0`), since JSON cannot tell `0.0` from `0`. */
export const PYTHON_FLOAT_DEFAULT = 'x-python-float';
