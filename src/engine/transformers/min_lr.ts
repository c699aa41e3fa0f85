/** min_lr or min_lr_rate, exactly one, as both cosine-with-min-lr schedules read them. */
import type { ConfigReader } from '../stepped/reader.js';

export const minLrSchema: Record<string, Record<string, unknown>> = {
  min_lr: { type: ['number', 'null'], default: null, minimum: 0, description: 'The floor, as a learning rate (at most base_lr). Exactly one of min_lr and min_lr_rate.' },
  min_lr_rate: { type: ['number', 'null'], default: null, minimum: 0, maximum: 1, description: 'The floor, as a share of base_lr. Exactly one of min_lr and min_lr_rate.' },
};

/** The min_lr_rate the lambda uses: min_lr / optimizer.defaults["lr"] when min_lr is given. */
export function readMinLr(reader: ConfigReader, baseLr: number): { min_lr: number | null; min_lr_rate: number | null; rate: number } {
  const min_lr = reader.optionalNumber('min_lr', { min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` });
  const min_lr_rate = reader.optionalNumber('min_lr_rate', {
    min: 0,
    max: 1,
    range: (_v, shown) => `must be between 0 and 1, got ${shown}: above 1 the 'decay' climbs above base_lr`,
  });
  if (min_lr !== null && min_lr_rate !== null) {
    reader.problem('min_lr_rate', 'Only one of min_lr or min_lr_rate should be set');
    return { min_lr, min_lr_rate, rate: Number.NaN };
  }
  if (min_lr === null && min_lr_rate === null) {
    reader.problem('min_lr', 'One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`');
    return { min_lr, min_lr_rate, rate: Number.NaN };
  }
  if (min_lr !== null) {
    if (baseLr === 0) reader.problem('min_lr', 'min_lr with base_lr 0: transformers divides min_lr by the optimizer\'s lr (ZeroDivisionError)');
    else if (min_lr > baseLr) reader.problem('min_lr', `must be at most base_lr (${baseLr}), got ${min_lr}: the 'decay' would climb above base_lr`);
    return { min_lr, min_lr_rate, rate: min_lr / baseLr };
  }
  return { min_lr, min_lr_rate, rate: min_lr_rate as number };
}
