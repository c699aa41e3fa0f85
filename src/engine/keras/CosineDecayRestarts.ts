import { Type } from 'typebox';
import { initialLearningRate, optionalFloat, positiveSteps, scheduleName } from './config-fields.js';
import type { Arithmetic } from '../numerics.js';
import { LearningRateSchedule } from '../schedule.js';
import { KERAS_SCHEDULES_MODULE, type ScheduleClass, type ScheduleConfig } from './definition.js';

const CosineDecayRestartsConfig = Type.Object(
  {
    initial_learning_rate: initialLearningRate(),
    first_decay_steps: positiveSteps('Length of the first cosine period, in steps.'),
    t_mul: optionalFloat(
      2.0,
      'Each period is `t_mul` times longer than the one before. Values below 1 are refused: the periods shrink, ' +
        'run out after a finite number of steps, and Keras answers NaN from then on.',
      { minimum: 1 },
    ),
    m_mul: optionalFloat(1.0, 'Each period starts at `m_mul` times the previous period\'s starting rate.'),
    alpha: optionalFloat(0.0, 'Each period decays to `alpha` times the initial rate.'),
    name: scheduleName('SGDRDecay'),
  },
  { additionalProperties: false },
);
type Config = ScheduleConfig<typeof CosineDecayRestartsConfig>;

/** SGDR: cosine decay that restarts, each period `t_mul` times longer and `m_mul` times lower. */
export class CosineDecayRestarts extends LearningRateSchedule {
  private readonly initialLearningRate: number;
  private readonly firstDecaySteps: number;
  private readonly alpha: number;
  private readonly tMul: number;
  private readonly mMul: number;
  private readonly logTMul: number;
  private readonly oneMinusTMul: number;
  private readonly oneMinusAlpha: number;
  // Everything that depends only on the restart index, kept for the last index seen: consecutive steps almost
  // always fall in the same period, and these powers cost more than the rest of a step.
  private cachedRestart = NaN;
  private cachedGrowth = NaN;
  private cachedPeriodsBefore = NaN;
  private cachedPeak = NaN;

  constructor(config: Config, arithmetic: Arithmetic) {
    super(arithmetic);
    const a = arithmetic;
    this.initialLearningRate = a.cast(config.initial_learning_rate);
    this.firstDecaySteps = a.cast(config.first_decay_steps);
    this.alpha = a.cast(config.alpha);
    this.tMul = a.cast(config.t_mul);
    this.mMul = a.cast(config.m_mul);
    this.logTMul = a.log(this.tMul);
    this.oneMinusTMul = a.sub(1, this.tMul);
    this.oneMinusAlpha = a.sub(1, this.alpha);
  }

  at(step: number): number {
    const a = this.arithmetic;
    const fraction = a.div(a.cast(step), this.firstDecaySteps);
    // Keras switches on the t_mul already cast to the dtype, so a t_mul that rounds to 1 cycles evenly.
    return this.tMul === 1 ? this.evenPeriods(fraction) : this.growingPeriods(fraction);
  }

  /** All periods as long as the first: the restart index is the whole part of the fraction. */
  private evenPeriods(fraction: number): number {
    const restart = this.arithmetic.floor(fraction);
    this.enterPeriod(restart);
    return this.rateIn(this.arithmetic.sub(fraction, restart));
  }

  /** Period i lasts t_mul^i first periods: invert the geometric sum with a log to find the period. */
  private growingPeriods(fraction: number): number {
    const a = this.arithmetic;
    const restart = a.floor(a.div(a.log(a.sub(1, a.mul(fraction, this.oneMinusTMul))), this.logTMul));
    this.enterPeriod(restart);
    return this.rateIn(a.div(a.sub(fraction, this.cachedPeriodsBefore), this.cachedGrowth));
  }

  private enterPeriod(restart: number): void {
    if (restart === this.cachedRestart) return;
    const a = this.arithmetic;
    this.cachedRestart = restart;
    this.cachedGrowth = a.pow(this.tMul, restart);
    this.cachedPeriodsBefore = a.div(a.sub(1, this.cachedGrowth), this.oneMinusTMul);
    this.cachedPeak = a.mul(0.5, a.pow(this.mMul, restart));
  }

  /** The rate at a fraction of the current period (entered with enterPeriod). */
  private rateIn(fractionOfPeriod: number): number {
    const a = this.arithmetic;
    const cosine = a.mul(this.cachedPeak, a.add(1, a.cos(a.mul(a.pi, fractionOfPeriod))));
    return a.mul(this.initialLearningRate, a.add(a.mul(this.oneMinusAlpha, cosine), this.alpha));
  }
}

export const cosineDecayRestarts: ScheduleClass<typeof CosineDecayRestartsConfig> = {
  className: 'CosineDecayRestarts',
  module: KERAS_SCHEDULES_MODULE,
  description: 'Cosine decay with warm restarts (SGDR): each period `t_mul` times longer, starting `m_mul` times lower.',
  configSchema: CosineDecayRestartsConfig,
  create: (config, arithmetic) => new CosineDecayRestarts(config, arithmetic),
};
