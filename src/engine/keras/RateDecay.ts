import type { ScheduleConfig } from './definition.js';
import type { rateDecayConfig } from './config-fields.js';
import type { Arithmetic } from '../numerics.js';
import { LearningRateSchedule, type LearningRates } from '../schedule.js';

export type RateDecayConfig = ScheduleConfig<ReturnType<typeof rateDecayConfig>>;

/**
 * What ExponentialDecay and InverseTimeDecay share: the same config, and the
 * same `step / decay_steps` progress, floored when `staircase` is set.
 */
export abstract class RateDecay extends LearningRateSchedule {
  protected readonly initialLearningRate: number;
  protected readonly decayRate: number;
  private readonly decaySteps: number;
  private readonly staircase: boolean;

  constructor(config: RateDecayConfig, arithmetic: Arithmetic) {
    super(arithmetic);
    this.initialLearningRate = arithmetic.cast(config.initial_learning_rate);
    this.decaySteps = arithmetic.cast(config.decay_steps);
    this.decayRate = arithmetic.cast(config.decay_rate);
    this.staircase = config.staircase;
  }

  at(step: number): number {
    return this.rateAt(this.progressAt(step));
  }

  /**
   * A range keeps the last progress and its rate: a staircase repeats its progress for `decay_steps` steps in a
   * row, and the power or division it costs is most of a step. Keyed by the progress itself, so the answer is the
   * same bits; kept in this call only, as Keras's `__call__` keeps nothing (the schedule is shared by requests).
   */
  override atRange(start: number, stride: number, out: LearningRates, momentum?: Float64Array): LearningRates {
    let lastProgress = Number.NaN;
    let lastRate = Number.NaN;
    for (let i = 0, step = start; i < out.length; i++, step += stride) {
      const progress = this.progressAt(step);
      if (progress !== lastProgress) {
        lastRate = this.rateAt(progress);
        lastProgress = progress;
      }
      out[i] = lastRate;
    }
    if (momentum !== undefined) momentum.fill(Number.NaN);
    return out;
  }

  /** `step / decay_steps`, floored when `staircase`. */
  private progressAt(step: number): number {
    const a = this.arithmetic;
    const ratio = a.div(a.cast(step), this.decaySteps);
    return this.staircase ? a.floor(ratio) : ratio;
  }

  /** The rate at `step / decay_steps` (floored when `staircase`), in Keras's op order. */
  protected abstract rateAt(progress: number): number;
}
