import { Type } from 'typebox';
import { initialLearningRate, optionalFloat, optionalNumber, positiveSteps, scheduleName } from './config-fields.js';
import type { Arithmetic } from '../numerics.js';
import { LearningRateSchedule } from '../schedule.js';
import { KERAS_SCHEDULES_MODULE, type ScheduleClass, type ScheduleConfig } from './definition.js';

const CosineDecayConfig = Type.Object(
  {
    initial_learning_rate: initialLearningRate(),
    decay_steps: positiveSteps('Steps of the cosine decay (after the warmup, if any).'),
    alpha: optionalFloat(0.0, 'The decay ends at `alpha` times its starting rate.'),
    name: scheduleName('CosineDecay'),
    warmup_target: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        default: null,
        description:
          'Rate reached at the end of a linear warmup from `initial_learning_rate`; the decay then starts from it. `null`: no warmup.',
      }),
    ),
    warmup_steps: optionalNumber(0, 'Length of the linear warmup, in steps (used only with `warmup_target`).', { minimum: 0 }),
  },
  { additionalProperties: false },
);
type Config = ScheduleConfig<typeof CosineDecayConfig>;

interface Warmup {
  readonly target: number;
  readonly steps: number;
}

/** Optional linear warmup, then a half cosine from the start rate down to `alpha` times it. */
export class CosineDecay extends LearningRateSchedule {
  private readonly initialLearningRate: number;
  private readonly decaySteps: number;
  /** Keras computes `1 - alpha` on the Python float, then meets the dtype. */
  private readonly oneMinusAlpha: number;
  private readonly alpha: number;
  private readonly warmup: Warmup | null;
  private readonly lastStep: number;
  // The last position and its rate: past the end the position is clamped and repeats at every step.
  private lastPosition = NaN;
  private lastRate = NaN;

  constructor(config: Config, arithmetic: Arithmetic) {
    super(arithmetic);
    this.initialLearningRate = arithmetic.cast(config.initial_learning_rate);
    this.decaySteps = arithmetic.cast(config.decay_steps);
    this.oneMinusAlpha = arithmetic.cast(1 - config.alpha);
    this.alpha = arithmetic.cast(config.alpha);
    this.warmup =
      config.warmup_target === null
        ? null
        : { target: arithmetic.cast(config.warmup_target), steps: arithmetic.cast(config.warmup_steps) };
    this.lastStep = this.warmup === null ? this.decaySteps : arithmetic.add(this.decaySteps, this.warmup.steps);
  }

  at(step: number): number {
    const a = this.arithmetic;
    const position = a.min(a.cast(step), this.lastStep);
    if (position === this.lastPosition) return this.lastRate;
    this.lastRate = this.rateAt(position);
    this.lastPosition = position;
    return this.lastRate;
  }

  private rateAt(position: number): number {
    const a = this.arithmetic;
    const warmup = this.warmup;
    if (warmup === null) return this.decay(position, this.initialLearningRate);
    if (position < warmup.steps) {
      const fraction = a.div(position, warmup.steps);
      return a.add(a.mul(a.sub(warmup.target, this.initialLearningRate), fraction), this.initialLearningRate);
    }
    return this.decay(a.sub(position, warmup.steps), warmup.target);
  }

  private decay(position: number, startRate: number): number {
    const a = this.arithmetic;
    const fraction = a.div(position, this.decaySteps);
    const cosine = a.mul(0.5, a.add(1, a.cos(a.mul(a.pi, fraction))));
    return a.mul(startRate, a.add(a.mul(this.oneMinusAlpha, cosine), this.alpha));
  }
}

export const cosineDecay: ScheduleClass<typeof CosineDecayConfig> = {
  className: 'CosineDecay',
  module: KERAS_SCHEDULES_MODULE,
  description: 'Optional linear warmup to `warmup_target`, then cosine decay to `alpha` times the start rate over `decay_steps`.',
  configSchema: CosineDecayConfig,
  create: (config, arithmetic) => new CosineDecay(config, arithmetic),
};
