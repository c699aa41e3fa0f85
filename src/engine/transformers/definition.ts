/**
 * What each transformers SchedulerType file provides: how `get_scheduler` treats the common counts for it,
 * how to read its scheduler_specific_kwargs, and its lr_lambda (LambdaLR sets lr = base_lr * lambda(k),
 * evaluated fresh at every step: no recursion).
 */
import type { ConfigReader } from '../stepped/reader.js';

/** `get_scheduler`'s num_warmup_steps and num_training_steps (null: None). */
export interface Counts {
  readonly num_warmup_steps: number | null;
  readonly num_training_steps: number | null;
}

export interface TransformersTypeDefinition {
  /** The SchedulerType value, e.g. 'cosine_with_restarts'. */
  readonly className: string;
  readonly description: string;
  /** The schedule function's name, for its TypeError messages. */
  readonly functionName: string;
  /** JSON Schema properties of the type's own keyword arguments. */
  readonly kwargsSchema: Record<string, Record<string, unknown>>;
  readonly requiresWarmup: boolean;
  readonly requiresTraining: boolean;
  /** The type's own keyword arguments that have no default (its schema lists them as required). */
  readonly requiredKwargs?: readonly string[];
  /** False where get_scheduler drops scheduler_specific_kwargs without a word (constant, constant_with_warmup). */
  readonly takesKwargs: boolean;
  /**
   * Reads the type's keyword arguments (the reader marks what it reads; the loader refuses the rest).
   * Returns them with defaults filled and the lambda of the step.
   */
  read(reader: ConfigReader, counts: Counts, baseLr: number): { readonly kwargs: Record<string, unknown>; readonly lambda: (step: number) => number };
}

/** `float(current_step) / float(max(1, num_warmup_steps))`: every warmup but cosine_warmup_with_min_lr's. */
export function warmupFraction(step: number, warmup: number): number {
  return step / (warmup > 1 ? warmup : 1);
}

/** A rate or ratio in [0, 1]. */
export function rateRule(fallback: number | null, why: string) {
  return { default: fallback, min: 0, max: 1, range: (_v: number, shown: string) => `must be between 0 and 1, got ${shown}: ${why}` };
}

export const cyclesRule = (fallback: number) => ({ default: fallback, min: 0, range: (_v: number, shown: string) => `must be >= 0, got ${shown}` });
