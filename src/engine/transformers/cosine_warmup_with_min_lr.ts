import { cos } from '../stepped/libm.js';
import { max } from '../stepped/python.js';
import { cyclesRule, rateRule, type TransformersTypeDefinition } from './definition.js';
import { minLrSchema, readMinLr } from './min_lr.js';

/**
 * The cosine with a floor whose warmup starts above 0: (k + 1) / warmup, or from warmup_lr_rate; its
 * progress counts from one step earlier than cosine_with_min_lr's.
 */
export const cosineWarmupWithMinLr: TransformersTypeDefinition = {
  className: 'cosine_warmup_with_min_lr',
  description: 'Warmup that starts above 0 (or at warmup_lr_rate), then a cosine from base_lr down to min_lr (or min_lr_rate * base_lr).',
  functionName: 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate',
  kwargsSchema: {
    num_cycles: { type: 'number', default: 0.5, minimum: 0, description: 'Waves of the cosine.' },
    ...minLrSchema,
    warmup_lr_rate: { type: ['number', 'null'], default: null, minimum: 0, maximum: 1, description: 'Warmup start as a share of base_lr (null: 1 / num_warmup_steps).' },
  },
  requiresWarmup: true,
  requiresTraining: true,
  takesKwargs: true,
  read(reader, counts, baseLr) {
    const num_cycles = reader.number('num_cycles', cyclesRule(0.5));
    const { min_lr, min_lr_rate, rate } = readMinLr(reader, baseLr);
    const warmup_lr_rate = reader.context.number(reader.raw('warmup_lr_rate'), reader.at('warmup_lr_rate'), rateRule(null, 'a share of base_lr'));
    const w = counts.num_warmup_steps as number;
    const t = counts.num_training_steps as number;
    return {
      kwargs: { num_cycles, min_lr, min_lr_rate, warmup_lr_rate },
      lambda: (k) => {
        if (k < w) {
          if (warmup_lr_rate === null) return (k + 1.0) / max(1.0, w);
          return warmup_lr_rate + ((1.0 - warmup_lr_rate) * k) / max(1, w - 1);
        }
        const progress = (k - w + 1.0) / max(1.0, t - w);
        let factor = 0.5 * (1.0 + cos(Math.PI * num_cycles * 2.0 * progress));
        factor = factor * (1 - rate) + rate;
        return max(0, factor);
      },
    };
  },
};
