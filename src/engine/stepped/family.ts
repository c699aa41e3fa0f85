/**
 * What the PyTorch and Hugging Face loaders hand back: a schedule answering optimizer steps in float64,
 * whatever arithmetic (a recursion, a fresh lambda, a closed form) produces them.
 */
import { RequestError } from '../errors.js';

export interface FamilySchedule {
  readonly dtype: 'float64';
  /** The learning rate after `step` calls of `scheduler.step()` (integer step >= 0). */
  at(step: number): number;
  /** `out.length` learning rates at start, start + stride, ... (stride >= 1), in one pass; `momentum` (when the schedule has one) gets the momentum at each. */
  fill(start: number, stride: number, out: Float64Array, momentum?: Float64Array): void;
  /**
   * Present when the schedule also writes the optimizer's momentum (PyTorch's OneCycleLR and CyclicLR with
   * cycle_momentum, alone or in a composite): SGD's `momentum`, Adam's `betas[0]` after `step` steps.
   */
  readonly momentumAt?: (step: number) => number;
  /** The request form read back: every key, defaults filled, in the constructor's order. */
  canonical(): Record<string, unknown>;
}

/** How a number was written in the request: `10` is an 'integer', `10.0` and `1e-3` are 'float's. */
export type Spelling = (pointer: string) => 'integer' | 'float' | undefined;

export type FamilyMode = 'stepped' | 'closed_form';

export interface FamilyLoadOptions {
  /** 'stepped' (default): what a training loop's optimizer holds; 'closed_form': torch's `_get_closed_form_lr()`. */
  readonly mode?: FamilyMode;
  /** Pointers are relative to the schedule document, e.g. `/config/T_0`. */
  readonly spelling?: (pointer: string) => 'integer' | 'float' | undefined;
  /** Steps of a recursion stepped from scratch before a step is refused (default MAX_RECURSION_STEPS, 50,000,000). */
  readonly maxRecursionSteps?: number;
}

export interface CatalogueEntry {
  readonly className: string;
  readonly module: string;
  readonly description: string;
  /** JSON Schema of `config`. */
  readonly configSchema: Record<string, unknown>;
}

/** Spelling when the caller cannot tell: a JSON number with no fraction reads as an integer. */
export const unknownSpelling: Spelling = () => undefined;

/** Refuses a step that is not an optimizer step count. */
export function checkStep(step: number, pointer = '/step'): void {
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new RequestError([{ path: pointer, message: `must be an integer >= 0 and <= 2^53 - 1, got ${String(step)}` }]);
  }
}

/** Refuses a fill range that is not start >= 0, stride >= 1, every step a safe integer. */
export function checkRange(start: number, stride: number, length: number): void {
  checkStep(start, '/range/start');
  if (!Number.isSafeInteger(stride) || stride < 1) {
    throw new RequestError([{ path: '/range/stride', message: `must be an integer >= 1, got ${String(stride)}` }]);
  }
  if (length > 0) checkStep(start + stride * (length - 1), '/range/stop');
}
