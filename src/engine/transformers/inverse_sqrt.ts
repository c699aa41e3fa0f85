import { sqrt } from '../stepped/libm.js';
import { warmupFraction, type TransformersTypeDefinition } from './definition.js';

/** Linear warmup, then 1 / sqrt((k + timescale - warmup) / timescale). */
export const inverseSqrt: TransformersTypeDefinition = {
  className: 'inverse_sqrt',
  description: 'Linear warmup from 0, then inverse square-root decay (num_training_steps is accepted and ignored).',
  functionName: 'get_inverse_sqrt_schedule',
  kwargsSchema: {
    timescale: { type: ['number', 'null'], default: null, exclusiveMinimum: 0, description: 'Time scale (null: num_warmup_steps, or 10000 when that is 0).' },
  },
  requiresWarmup: true,
  requiresTraining: false,
  takesKwargs: true,
  read(reader, counts) {
    const timescale = reader.optionalNumber('timescale', {
      min: 0,
      minExclusive: true,
      range: (_v, shown) => `must be > 0, got ${shown}: transformers divides by it at the end of warmup (0 raises ZeroDivisionError)`,
    });
    const w = counts.num_warmup_steps as number;
    // `timescale = num_warmup_steps or 10_000`
    const scale = timescale ?? (w !== 0 ? w : 10_000);
    const shift = scale - w;
    return {
      kwargs: { timescale },
      lambda: (k) => (k < w ? warmupFraction(k, w) : 1.0 / sqrt((k + shift) / scale)),
    };
  },
};
