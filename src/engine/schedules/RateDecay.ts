import type { ScheduleConfig } from '../schedule.js';
import type { rateDecayConfig } from '../config-fields.js';
import type { Arithmetic } from '../numerics.js';
import { LearningRateSchedule } from '../schedule.js';

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
  // The last progress and its rate: a staircase repeats its progress for `decay_steps` steps in a row, and the
  // power or division it costs is most of a step. Keyed by the progress itself, so the answer is the same bits.
  private lastProgress = NaN;
  private lastRate = NaN;

  constructor(config: RateDecayConfig, arithmetic: Arithmetic) {
    super(arithmetic);
    this.initialLearningRate = arithmetic.cast(config.initial_learning_rate);
    this.decaySteps = arithmetic.cast(config.decay_steps);
    this.decayRate = arithmetic.cast(config.decay_rate);
    this.staircase = config.staircase;
  }

  at(step: number): number {
    const a = this.arithmetic;
    const ratio = a.div(a.cast(step), this.decaySteps);
    const progress = this.staircase ? a.floor(ratio) : ratio;
    if (progress !== this.lastProgress) {
      this.lastRate = this.rateAt(progress);
      this.lastProgress = progress;
    }
    return this.lastRate;
  }

  /** The rate at `step / decay_steps` (floored when `staircase`), in Keras's op order. */
  protected abstract rateAt(progress: number): number;
}
