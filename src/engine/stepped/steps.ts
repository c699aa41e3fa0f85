/**
 * The steps a Python-float family answers: optimizer step counts, integers from 0 to 2^53 - 1.
 */
import { RequestError } from '../errors.js';

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
