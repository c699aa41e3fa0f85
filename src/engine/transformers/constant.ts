import type { TransformersTypeDefinition } from './definition.js';

/** base_lr at every step: get_scheduler ignores the counts and drops any scheduler_specific_kwargs. */
export const constant: TransformersTypeDefinition = {
  className: 'constant',
  description: 'base_lr at every step (num_warmup_steps and num_training_steps are accepted and ignored).',
  functionName: 'get_constant_schedule',
  kwargsSchema: {},
  requiresWarmup: false,
  requiresTraining: false,
  takesKwargs: false,
  read: () => ({ kwargs: {}, lambda: () => 1 }),
};
