/** The transformers SchedulerType values this service computes, and those it refuses with the reason. */
import { constant } from './constant.js';
import { constantWithWarmup } from './constant_with_warmup.js';
import { cosine } from './cosine.js';
import { cosineWarmupWithMinLr } from './cosine_warmup_with_min_lr.js';
import { cosineWithMinLr } from './cosine_with_min_lr.js';
import { cosineWithRestarts } from './cosine_with_restarts.js';
import type { TransformersTypeDefinition } from './definition.js';
import { inverseSqrt } from './inverse_sqrt.js';
import { linear } from './linear.js';
import { polynomial } from './polynomial.js';
import { warmupStableDecay } from './warmup_stable_decay.js';

export const TRANSFORMERS_MODULE = 'transformers';

export const TRANSFORMERS_TYPES: ReadonlyMap<string, TransformersTypeDefinition> = new Map(
  [linear, cosine, cosineWithRestarts, polynomial, constant, constantWithWarmup, inverseSqrt, cosineWithMinLr, cosineWarmupWithMinLr, warmupStableDecay].map(
    (d) => [d.className, d],
  ),
);

export const REFUSED_TRANSFORMERS_TYPES: ReadonlyMap<string, string> = new Map([
  ['reduce_lr_on_plateau', 'reduce_lr_on_plateau follows a metric stream (step(metrics)), not the step count: no learning rate can be computed from a step alone'],
  ['greedy', 'greedy (GreedyLR) follows a metric stream (step(metrics)), not the step count: no learning rate can be computed from a step alone'],
]);

/** SchedulerType's values in transformers' order, for the library's own "not a valid SchedulerType" message. */
const SCHEDULER_TYPES = [
  'linear',
  'cosine',
  'cosine_with_restarts',
  'polynomial',
  'constant',
  'constant_with_warmup',
  'inverse_sqrt',
  'reduce_lr_on_plateau',
  'cosine_with_min_lr',
  'cosine_warmup_with_min_lr',
  'warmup_stable_decay',
  'greedy',
];

export function transformersRefusalFor(className: string): string {
  return (
    REFUSED_TRANSFORMERS_TYPES.get(className) ??
    `${className} is not a valid SchedulerType, please select one of [${SCHEDULER_TYPES.map((t) => `'${t}'`).join(', ')}]`
  );
}

const COUNTS_SCHEMA = {
  num_warmup_steps: { type: ['number', 'null'], minimum: 0, default: null, description: 'get_scheduler\'s num_warmup_steps (null: None).' },
  num_training_steps: { type: ['number', 'null'], minimum: 0, default: null, description: 'get_scheduler\'s num_training_steps (null: None).' },
};

export const transformersCatalogue = [...TRANSFORMERS_TYPES.values()].map((d) => ({
  className: d.className,
  module: TRANSFORMERS_MODULE,
  description: d.description,
  configSchema: {
    type: 'object',
    properties: { ...COUNTS_SCHEMA, ...d.kwargsSchema },
    required: [...(d.requiresWarmup ? ['num_warmup_steps'] : []), ...(d.requiresTraining ? ['num_training_steps'] : []), ...(d.requiredKwargs ?? [])],
    additionalProperties: false,
  },
}));
