/** The torch.optim.lr_scheduler classes this service computes, and those it refuses with the reason. */
import { ChainedSchedulerDefinition } from './ChainedScheduler.js';
import { ConstantLRDefinition } from './ConstantLR.js';
import { CosineAnnealingLRDefinition } from './CosineAnnealingLR.js';
import { CosineAnnealingWarmRestartsDefinition } from './CosineAnnealingWarmRestarts.js';
import { CyclicLRDefinition } from './CyclicLR.js';
import type { TorchClassDefinition } from './definition.js';
import { ExponentialLRDefinition } from './ExponentialLR.js';
import { LinearLRDefinition } from './LinearLR.js';
import { MultiStepLRDefinition } from './MultiStepLR.js';
import { OneCycleLRDefinition } from './OneCycleLR.js';
import { PolynomialLRDefinition } from './PolynomialLR.js';
import { SequentialLRDefinition } from './SequentialLR.js';
import { StepLRDefinition } from './StepLR.js';

export const TORCH_MODULE = 'torch.optim.lr_scheduler';

export const TORCH_CLASSES: ReadonlyMap<string, TorchClassDefinition> = new Map(
  [
    StepLRDefinition,
    MultiStepLRDefinition,
    ConstantLRDefinition,
    LinearLRDefinition,
    ExponentialLRDefinition,
    PolynomialLRDefinition,
    CosineAnnealingLRDefinition,
    CosineAnnealingWarmRestartsDefinition,
    CyclicLRDefinition,
    OneCycleLRDefinition,
    SequentialLRDefinition,
    ChainedSchedulerDefinition,
  ].map((d) => [d.className, d]),
);

/** Classes torch has that the service will not compute, and why. */
export const REFUSED_TORCH_CLASSES: ReadonlyMap<string, string> = new Map([
  ['LambdaLR', 'LambdaLR takes code (lr_lambda): the service never runs code; most lambdas are one of the classes here, or a transformers schedule'],
  ['MultiplicativeLR', 'MultiplicativeLR takes code (lr_lambda): the service never runs code'],
  ['ReduceLROnPlateau', 'ReduceLROnPlateau follows a metric stream (step(metrics)), not the step count: no learning rate can be computed from a step alone'],
  ['LRScheduler', 'LRScheduler is the abstract base class: its get_lr() raises NotImplementedError'],
  ['_LRScheduler', '_LRScheduler is the abstract base class: its get_lr() raises NotImplementedError'],
  ['SWALR', "SWALR lives in torch.optim.swa_utils, not torch.optim.lr_scheduler (module 'torch.optim.lr_scheduler' has no attribute 'SWALR')"],
]);

export function refusalFor(className: string): string {
  return (
    REFUSED_TORCH_CLASSES.get(className) ??
    `module 'torch.optim.lr_scheduler' has no learning-rate scheduler '${className}'; one of ${[...TORCH_CLASSES.keys()].join(', ')}`
  );
}

export const torchCatalogue = [...TORCH_CLASSES.values()].map((d) => ({
  className: d.className,
  module: TORCH_MODULE,
  description: d.description,
  configSchema: d.configSchema,
}));
