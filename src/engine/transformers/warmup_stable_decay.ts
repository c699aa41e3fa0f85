import { cos, sqrt } from '../stepped/libm.js';
import { max } from '../stepped/python.js';
import { cyclesRule, rateRule, type TransformersTypeDefinition } from './definition.js';

type Shape = 'linear' | 'cosine' | '1-sqrt';
const SHAPES: readonly Shape[] = ['linear', 'cosine', '1-sqrt'];

/** Warmup, a stable phase at base_lr, a decay to min_lr_ratio * base_lr, then that floor. */
export const warmupStableDecay: TransformersTypeDefinition = {
  className: 'warmup_stable_decay',
  description: 'Warmup (linear, cosine or 1-sqrt), a stable phase at base_lr, then a decay (linear, cosine or 1-sqrt) to min_lr_ratio * base_lr.',
  functionName: 'get_wsd_schedule',
  kwargsSchema: {
    num_decay_steps: { type: 'number', minimum: 0, description: 'Steps of the decay phase (required).' },
    num_stable_steps: { type: ['number', 'null'], default: null, minimum: 0, description: 'Steps of the stable phase (null: num_training_steps - warmup - decay).' },
    warmup_type: { enum: SHAPES, default: 'linear', description: 'Warmup shape.' },
    decay_type: { enum: SHAPES, default: 'cosine', description: 'Decay shape.' },
    min_lr_ratio: { type: 'number', default: 0, minimum: 0, maximum: 1, description: 'Floor as a share of base_lr (also where warmup starts).' },
    num_cycles: { type: 'number', default: 0.5, minimum: 0, description: 'Waves of the cosine decay.' },
  },
  requiresWarmup: true,
  requiresTraining: false,
  requiredKwargs: ['num_decay_steps'],
  takesKwargs: true,
  read(reader, counts) {
    const num_decay_steps = reader.number('num_decay_steps', {
      missing: "get_wsd_schedule() missing 1 required positional argument: 'num_decay_steps'",
      min: 0,
      range: (_v, shown) => `must be >= 0, got ${shown}`,
    });
    const num_stable_steps = reader.optionalNumber('num_stable_steps', { min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` });
    const shape = (key: string, fallback: Shape, what: string) =>
      reader.choice(key, SHAPES, fallback, (v) => `Unknown ${what} type: ${String(v)}, expected 'linear', 'cosine' or '1-sqrt'`);
    const warmup_type = shape('warmup_type', 'linear', 'warmup');
    const decay_type = shape('decay_type', 'cosine', 'decay');
    const m = reader.number('min_lr_ratio', rateRule(0, 'a share of base_lr') as { default: number });
    const num_cycles = reader.number('num_cycles', cyclesRule(0.5));
    const w = counts.num_warmup_steps as number;
    const t = counts.num_training_steps;
    let stable = num_stable_steps;
    if (stable === null) {
      if (t === null) reader.context.problem('/config/num_training_steps', 'Either num_training_steps or num_stable_steps must be specified.');
      else {
        stable = t - w - num_decay_steps;
        if (stable < 0) {
          reader.context.problem(
            '/config/num_training_steps',
            `num_training_steps (${t}) is shorter than num_warmup_steps + num_decay_steps (${w + num_decay_steps}): the stable phase would be ${stable} steps long`,
          );
        }
      }
    }
    const s = stable ?? Number.NaN;
    const d = num_decay_steps;
    return {
      kwargs: { num_decay_steps, num_stable_steps, warmup_type, decay_type, min_lr_ratio: m, num_cycles },
      lambda: (k) => {
        if (k < w) {
          const progress = k / max(1, w);
          const f = warmup_type === 'linear' ? progress : warmup_type === 'cosine' ? 0.5 * (1.0 - cos(Math.PI * progress)) : 1.0 - sqrt(1.0 - progress);
          return max(0.0, f * (1.0 - m) + m);
        }
        if (k < w + s) return 1.0;
        if (k < w + s + d) {
          const progress = (k - w - s) / max(1, d);
          const f =
            decay_type === 'linear' ? 1.0 - progress : decay_type === 'cosine' ? 0.5 * (1.0 + cos(Math.PI * num_cycles * 2.0 * progress)) : 1.0 - sqrt(progress);
          return max(0.0, f * (1.0 - m) + m);
        }
        return m;
      },
    };
  },
};
