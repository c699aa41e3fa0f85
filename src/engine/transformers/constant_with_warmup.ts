import type { TransformersTypeDefinition } from './definition.js';

/** Linear warmup, then base_lr: get_scheduler passes only num_warmup_steps. */
export const constantWithWarmup: TransformersTypeDefinition = {
  className: 'constant_with_warmup',
  description: 'Linear warmup from 0, then base_lr (num_training_steps is accepted and ignored).',
  functionName: 'get_constant_schedule_with_warmup',
  kwargsSchema: {},
  requiresWarmup: true,
  requiresTraining: false,
  takesKwargs: false,
  read(_reader, counts) {
    const w = counts.num_warmup_steps as number;
    // float(current_step) / float(max(1.0, num_warmup_steps)) while warming up.
    return { kwargs: {}, lambda: (k) => (k < w ? k / (w > 1.0 ? w : 1.0) : 1.0) };
  },
};
