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

  constructor(config: RateDecayConfig, arithmetic: Arithmetic) {
    super(arithmetic);
    this.initialLearningRate = arithmetic.cast(config.initial_learning_rate);
    this.decaySteps = arithmetic.cast(config.decay_steps);
    this.decayRate = arithmetic.cast(config.decay_rate);
    this.staircase = config.staircase;
  }

  protected progress(step: number): number {
    const a = this.arithmetic;
    const ratio = a.div(a.cast(step), this.decaySteps);
    return this.staircase ? a.floor(ratio) : ratio;
  }
}
