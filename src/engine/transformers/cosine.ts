import { cos } from '../stepped/libm.js';
import { max } from '../stepped/python.js';
import { cyclesRule, warmupFraction, type TransformersTypeDefinition } from './definition.js';

/**
 * transformers defines `_get_cosine_schedule_with_warmup_lr_lambda` twice; the second definition (with
 * min_lr_rate, default 0.0) is the one every cosine schedule calls. Past num_training_steps it keeps
 * following the cosine.
 */
export function cosineLambda(w: number, t: number, numCycles: number, minLrRate: number): (k: number) => number {
  const span = max(1, t - w);
  return (k) => {
    if (k < w) return warmupFraction(k, w);
    const progress = (k - w) / span;
    let factor = 0.5 * (1.0 + cos(Math.PI * numCycles * 2.0 * progress));
    factor = factor * (1 - minLrRate) + minLrRate;
    return max(0, factor);
  };
}

export const cosine: TransformersTypeDefinition = {
  className: 'cosine',
  description: 'Linear warmup from 0, then a cosine from base_lr down to 0 (num_cycles half-waves: 0.5 is one descent).',
  functionName: 'get_cosine_schedule_with_warmup',
  kwargsSchema: { num_cycles: { type: 'number', default: 0.5, minimum: 0, description: 'Waves of the cosine (0.5: from the peak down to 0).' } },
  requiresWarmup: true,
  requiresTraining: true,
  takesKwargs: true,
  read(reader, counts) {
    const num_cycles = reader.number('num_cycles', cyclesRule(0.5));
    return {
      kwargs: { num_cycles },
      lambda: cosineLambda(counts.num_warmup_steps as number, counts.num_training_steps as number, num_cycles, 0.0),
    };
  },
};
