/**
 * The two shapes of a PyTorch or Hugging Face schedule behind LearningRateSchedule, in float64 (Python floats):
 * a recursion stepped by a SteppedRunner (torch's schedulers), or a function evaluated fresh at each step
 * (transformers' LambdaLR schedules, torch's closed forms).
 */
import { arithmeticFor } from '../numerics.js';
import { LearningRateSchedule, type LearningRates } from '../schedule.js';
import type { SteppedRunner } from './runner.js';
import { checkRange, checkStep } from './steps.js';

const FLOAT64 = arithmeticFor('float64');

/** A recursion: any step from its cursor or nearest checkpoint, a range in one pass, the momentum where it writes one. */
export class RecursionSchedule extends LearningRateSchedule {
  constructor(private readonly runner: SteppedRunner) {
    super(FLOAT64);
  }

  at(step: number): number {
    return this.runner.at(step);
  }

  override get cyclesMomentum(): boolean {
    return this.runner.hasMomentum;
  }

  override momentumAt(step: number): number {
    return this.runner.hasMomentum ? this.runner.momentumAt(step) : Number.NaN;
  }

  /** A counting-down range (stride < 0) is answered step by step; any other in one pass, which refuses a bad range. */
  override atRange(start: number, stride: number, out: LearningRates, momentum?: Float64Array): LearningRates {
    if (stride < 0) return super.atRange(start, stride, out, momentum);
    this.runner.fill(start, stride, out as Float64Array, momentum);
    return out;
  }
}

/** A function of the step count, evaluated fresh at each step (it throws RequestError where the library raises). */
export class EvaluatedSchedule extends LearningRateSchedule {
  constructor(private readonly value: (step: number) => number) {
    super(FLOAT64);
  }

  at(step: number): number {
    checkStep(step);
    return this.value(step);
  }

  override atRange(start: number, stride: number, out: LearningRates, momentum?: Float64Array): LearningRates {
    if (stride < 0) return super.atRange(start, stride, out, momentum);
    checkRange(start, stride, out.length);
    for (let i = 0; i < out.length; i++) out[i] = this.value(start + i * stride);
    return out;
  }
}
