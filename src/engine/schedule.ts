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
 * A learning-rate schedule of any family, ready to answer steps: what every route, format and plot reads.
 *
 * Subclasses fix their numbers once, at construction (a Keras schedule casts its config into its dtype; a
 * PyTorch or Hugging Face one computes in float64, Python's floats), and implement `at(step)` with the op order
 * of the library's own code. The many-step methods reuse `at` and write straight into a typed array, so
 * answering a million steps allocates one array and nothing per step; a family may override them with a
 * one-pass kernel. A loaded schedule is shared by every request that sends it: answering keeps no state that
 * changes an answer.
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
