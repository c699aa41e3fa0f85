import type { Arithmetic, Dtype } from './numerics.js';

/** Learning rates for many steps, in the schedule's dtype. */
export type LearningRates = Float32Array | Float64Array;

/** Python-style `range(start, stop, stride)`: `stop` is exclusive, `stride` is never 0. */
export interface StepRange {
  readonly start: number;
  readonly stop: number;
  readonly stride: number;
}

/** Largest step accepted: optimizer iterations are int64, and a JS number holds integers exactly up to here. */
export const MAX_STEP = Number.MAX_SAFE_INTEGER;

/** How many steps `range(start, stop, stride)` yields. */
export function rangeLength({ start, stop, stride }: StepRange): number {
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
  abstract readonly className: string;

  constructor(protected readonly arithmetic: Arithmetic) {}

  get dtype(): Dtype {
    return this.arithmetic.dtype;
  }

  /** A typed array of the schedule's dtype, to answer `length` steps into. */
  allocate(length: number): LearningRates {
    return this.arithmetic.allocate(length);
  }

  /** The learning rate at one integer step (0 ≤ step ≤ 2^53 − 1). */
  abstract at(step: number): number;

  atSteps(steps: ArrayLike<number>, out: LearningRates = this.allocate(steps.length)): LearningRates {
    for (let i = 0; i < steps.length; i++) {
      out[i] = this.at(steps[i] as number);
    }
    return out;
  }

  atRange(range: StepRange, out: LearningRates = this.allocate(rangeLength(range))): LearningRates {
    const count = rangeLength(range);
    for (let i = 0, step = range.start; i < count; i++, step += range.stride) {
      out[i] = this.at(step);
    }
    return out;
  }
}
