import { cos, pythonMod } from '../stepped/libm.js';
import { max } from '../stepped/python.js';
import { cyclesRule, warmupFraction, type TransformersTypeDefinition } from './definition.js';

/** Linear warmup, then num_cycles cosines from base_lr to 0 with hard restarts; 0 from num_training_steps on. */
export const cosineWithRestarts: TransformersTypeDefinition = {
  className: 'cosine_with_restarts',
  description: 'Linear warmup from 0, then num_cycles cosine descents with hard restarts; 0 from num_training_steps on.',
  functionName: 'get_cosine_with_hard_restarts_schedule_with_warmup',
  kwargsSchema: { num_cycles: { type: 'number', default: 1, minimum: 0, description: 'Number of cosine descents (hard restarts between them).' } },
  requiresWarmup: true,
  requiresTraining: true,
  takesKwargs: true,
  read(reader, counts) {
    const num_cycles = reader.number('num_cycles', cyclesRule(1));
    const w = counts.num_warmup_steps as number;
    const t = counts.num_training_steps as number;
    const span = max(1, t - w);
    return {
      kwargs: { num_cycles },
      lambda: (k) => {
        if (k < w) return warmupFraction(k, w);
        const progress = (k - w) / span;
        if (progress >= 1.0) return 0.0;
        return max(0.0, 0.5 * (1.0 + cos(Math.PI * pythonMod(num_cycles * progress, 1.0))));
      },
    };
  },
};
