import { KERAS_SCHEDULES_MODULE, type ScheduleClass } from './definition.js';
import { rateDecayConfig } from './config-fields.js';
import { RateDecay } from './RateDecay.js';

const InverseTimeDecayConfig = rateDecayConfig('InverseTimeDecay', 'How much the denominator grows every `decay_steps` steps.');

/** `initial_learning_rate / (1 + decay_rate * step / decay_steps)`, the ratio floored when `staircase`. */
export class InverseTimeDecay extends RateDecay {
  protected rateAt(progress: number): number {
    const a = this.arithmetic;
    const denominator = a.add(1, a.mul(this.decayRate, progress));
    return a.div(this.initialLearningRate, denominator);
  }
}

export const inverseTimeDecay: ScheduleClass<typeof InverseTimeDecayConfig> = {
  className: 'InverseTimeDecay',
  module: KERAS_SCHEDULES_MODULE,
  description: 'Divides the initial rate by `1 + decay_rate * step / decay_steps` (1/t decay), smoothly or in steps.',
  configSchema: InverseTimeDecayConfig,
  create: (config, arithmetic) => new InverseTimeDecay(config, arithmetic),
};
