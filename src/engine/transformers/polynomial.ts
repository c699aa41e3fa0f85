import { div, power, pythonNumber } from '../stepped/python.js';
import { warmupFraction, type TransformersTypeDefinition } from './definition.js';

/**
 * Linear warmup, then (base_lr - lr_end) * remaining ** power + lr_end, then lr_end. The lambda divides by
 * the optimizer's lr (LambdaLR multiplies it back), so the floor is base_lr * (lr_end / base_lr), not lr_end.
 */
export const polynomial: TransformersTypeDefinition = {
  className: 'polynomial',
  description: 'Linear warmup from 0, then polynomial decay from base_lr to lr_end at num_training_steps.',
  functionName: 'get_polynomial_decay_schedule_with_warmup',
  kwargsSchema: {
    lr_end: { type: 'number', default: 1e-7, minimum: 0, description: 'The final learning rate; must be below base_lr.' },
    power: { type: 'number', default: 1.0, minimum: 0, description: 'Power of the polynomial.' },
  },
  requiresWarmup: true,
  requiresTraining: true,
  takesKwargs: true,
  read(reader, counts, baseLr) {
    const lr_end = reader.number('lr_end', { default: 1e-7, min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` });
    const pw = reader.number('power', {
      default: 1.0,
      min: 0,
      range: (_v, shown) => `must be >= 0, got ${shown}: a negative power makes the lr climb after warmup, then 0 ** power raises ZeroDivisionError at num_training_steps`,
    });
    if (!(baseLr > lr_end)) reader.problem('lr_end', `lr_end (${pythonNumber(lr_end, false)}) must be smaller than initial lr (${pythonNumber(baseLr, false)})`);
    const w = counts.num_warmup_steps as number;
    const t = counts.num_training_steps as number;
    if (t !== null && t === w) {
      reader.context.problem(
        '/config/num_training_steps',
        `num_training_steps equal to num_warmup_steps leaves no decay steps: transformers divides by zero at step ${t}`,
      );
    }
    const lrInit = baseLr;
    const range = lrInit - lr_end;
    const decaySteps = t - w;
    return {
      kwargs: { lr_end, power: pw },
      lambda: (k) => {
        if (k < w) return warmupFraction(k, w);
        if (k > t) return div(lr_end, lrInit);
        const remaining = 1 - div(k - w, decaySteps);
        const decay = range * power(remaining, pw) + lr_end;
        return div(decay, lrInit);
      },
    };
  },
};
