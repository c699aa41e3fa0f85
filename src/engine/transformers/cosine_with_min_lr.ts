import { cosineLambda } from './cosine.js';
import { cyclesRule, type TransformersTypeDefinition } from './definition.js';
import { minLrSchema, readMinLr } from './min_lr.js';

/** The cosine schedule with a floor: factor * (1 - min_lr_rate) + min_lr_rate. */
export const cosineWithMinLr: TransformersTypeDefinition = {
  className: 'cosine_with_min_lr',
  description: 'Linear warmup from 0, then a cosine from base_lr down to min_lr (or min_lr_rate * base_lr).',
  functionName: 'get_cosine_with_min_lr_schedule_with_warmup',
  kwargsSchema: {
    num_cycles: { type: 'number', default: 0.5, minimum: 0, description: 'Waves of the cosine (0.5: from the peak down to the floor).' },
    ...minLrSchema,
  },
  requiresWarmup: true,
  requiresTraining: true,
  takesKwargs: true,
  read(reader, counts, baseLr) {
    const num_cycles = reader.number('num_cycles', cyclesRule(0.5));
    const { min_lr, min_lr_rate, rate } = readMinLr(reader, baseLr);
    return {
      kwargs: { num_cycles, min_lr, min_lr_rate },
      lambda: cosineLambda(counts.num_warmup_steps as number, counts.num_training_steps as number, num_cycles, rate),
    };
  },
};
