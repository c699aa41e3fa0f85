import { Type } from 'typebox';
import { initialLearningRate, optionalBoolean, optionalFloat, positiveSteps, scheduleName } from './config-fields.js';
import type { Arithmetic } from '../numerics.js';
import { LearningRateSchedule } from '../schedule.js';
import { KERAS_SCHEDULES_MODULE, type ScheduleClass, type ScheduleConfig } from './definition.js';

const PolynomialDecayConfig = Type.Object(
  {
    initial_learning_rate: initialLearningRate(),
    decay_steps: positiveSteps('Steps to go from the initial to the end rate (one cycle, if `cycle`).'),
    end_learning_rate: optionalFloat(0.0001, 'Rate reached after `decay_steps` steps.'),
    power: optionalFloat(1.0, 'Exponent of the polynomial; 1 is linear. Negative powers are refused (infinite rate at the end).', {
      minimum: 0,
    }),
    cycle: optionalBoolean(false, 'If true, restart the decay over the next multiple of `decay_steps` instead of holding the end rate.'),
    name: scheduleName('PolynomialDecay'),
  },
  { additionalProperties: false },
);
type Config = ScheduleConfig<typeof PolynomialDecayConfig>;

/** `(initial - end) * (1 - step / decay_steps) ^ power + end`, clamped at the end or cycling. */
export class PolynomialDecay extends LearningRateSchedule {
  private readonly initialLearningRate: number;
  private readonly endLearningRate: number;
  private readonly power: number;
  private readonly decaySteps: number;
  private readonly cycle: boolean;
  // The last (position, span) and its rate: past the end the position is clamped and repeats at every step.
  private lastPosition = NaN;
  private lastSpan = NaN;
  private lastRate = NaN;

  constructor(config: Config, arithmetic: Arithmetic) {
    super(arithmetic);
    this.initialLearningRate = arithmetic.cast(config.initial_learning_rate);
    this.endLearningRate = arithmetic.cast(config.end_learning_rate);
    this.power = arithmetic.cast(config.power);
    this.decaySteps = arithmetic.cast(config.decay_steps);
    this.cycle = config.cycle;
  }

  at(step: number): number {
    const a = this.arithmetic;
    let position = a.cast(step);
    let span = this.decaySteps;
    if (this.cycle) {
      // The first multiple of decay_steps beyond the step; at step 0 Keras uses one period, not zero.
      const multiplier = position === 0 ? 1 : a.ceil(a.div(position, this.decaySteps));
      span = a.mul(span, multiplier);
    } else {
      position = a.min(position, span);
    }
    if (position === this.lastPosition && span === this.lastSpan) return this.lastRate;
    const fraction = a.div(position, span);
    const shape = a.pow(a.sub(1, fraction), this.power);
    this.lastRate = a.add(a.mul(a.sub(this.initialLearningRate, this.endLearningRate), shape), this.endLearningRate);
    this.lastPosition = position;
    this.lastSpan = span;
    return this.lastRate;
  }
}

export const polynomialDecay: ScheduleClass<typeof PolynomialDecayConfig> = {
  className: 'PolynomialDecay',
  module: KERAS_SCHEDULES_MODULE,
  description: 'Decays polynomially from the initial to the end rate over `decay_steps`, then holds it or cycles.',
  configSchema: PolynomialDecayConfig,
  create: (config, arithmetic) => new PolynomialDecay(config, arithmetic),
};
