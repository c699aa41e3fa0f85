import { KERAS_SCHEDULES_MODULE, type ScheduleClass } from './definition.js';
import { rateDecayConfig } from './config-fields.js';
import { RateDecay } from './RateDecay.js';

const ExponentialDecayConfig = rateDecayConfig('ExponentialDecay', 'Factor applied to the rate every `decay_steps` steps.');

/** `initial_learning_rate * decay_rate ^ (step / decay_steps)`, the exponent floored when `staircase`. */
export class ExponentialDecay extends RateDecay {
  protected rateAt(progress: number): number {
    const a = this.arithmetic;
    return a.mul(this.initialLearningRate, a.pow(this.decayRate, progress));
  }
}

export const exponentialDecay: ScheduleClass<typeof ExponentialDecayConfig> = {
  className: 'ExponentialDecay',
  module: KERAS_SCHEDULES_MODULE,
  description: 'Multiplies the rate by `decay_rate` every `decay_steps` steps, smoothly or (staircase) in jumps.',
  configSchema: ExponentialDecayConfig,
  create: (config, arithmetic) => new ExponentialDecay(config, arithmetic),
};
