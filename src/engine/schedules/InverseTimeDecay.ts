import { defineSchedule } from '../definition.js';
import { rateDecayConfig } from '../config-fields.js';
import { RateDecay } from './RateDecay.js';

const InverseTimeDecayConfig = rateDecayConfig('InverseTimeDecay', 'How much the denominator grows every `decay_steps` steps.');

/** `initial_learning_rate / (1 + decay_rate * step / decay_steps)`, the ratio floored when `staircase`. */
export class InverseTimeDecay extends RateDecay {
  readonly className = 'InverseTimeDecay';

  at(step: number): number {
    const a = this.arithmetic;
    const denominator = a.add(1, a.mul(this.decayRate, this.progress(step)));
    return a.div(this.initialLearningRate, denominator);
  }
}

export const inverseTimeDecay = defineSchedule({
  className: 'InverseTimeDecay',
  description: 'Divides the initial rate by `1 + decay_rate * step / decay_steps` (1/t decay), smoothly or in steps.',
  configSchema: InverseTimeDecayConfig,
  schedule: InverseTimeDecay,
});
