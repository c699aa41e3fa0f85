/**
 * The depth check every document passes before anything recurses through it, whatever its family.
 */
import { ScheduleError } from './errors.js';

/**
 * Deepest nesting a real serialized schedule reaches: a loss-scale optimizer
 * wrapping an optimizer whose schedule holds a list of tensors is 10 levels.
 */
export const MAX_NESTING = 12;

/**
 * Refuses input nested deeper than MAX_NESTING, looking no deeper than that.
 * Call it before anything that recurses through the input (JSON.stringify
 * included): a body of 100,000 nested arrays would otherwise overflow the stack.
 */
export function assertShallow(input: unknown): void {
  if (nestingExceeds(input, MAX_NESTING)) {
    throw new ScheduleError([{ path: '', message: `nested deeper than any serialized schedule or optimizer (more than ${MAX_NESTING} levels)` }]);
  }
}

function nestingExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestingExceeds(child, limit - 1));
}

