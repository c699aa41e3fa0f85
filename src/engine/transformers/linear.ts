import { max } from '../stepped/python.js';
import { warmupFraction, type TransformersTypeDefinition } from './definition.js';

/** Warmup from 0 to base_lr, then linearly down to 0 at num_training_steps (and 0 after). */
export const linear: TransformersTypeDefinition = {
  className: 'linear',
  description: 'Linear warmup from 0, then linear decay to 0 at num_training_steps.',
  functionName: 'get_linear_schedule_with_warmup',
  kwargsSchema: {},
  requiresWarmup: true,
  requiresTraining: true,
  takesKwargs: true,
  read(_reader, counts) {
    const w = counts.num_warmup_steps as number;
    const t = counts.num_training_steps as number;
    const span = max(1, t - w);
    return {
      kwargs: {},
      lambda: (k) => (k < w ? warmupFraction(k, w) : max(0.0, (t - k) / span)),
    };
  },
};
