/**
 * The C library functions that torch's and transformers' Python code reaches through `math.cos`,
 * `**`/`math.pow`, `math.sqrt` and `%` on floats. Every stepped schedule imports them from here and
 * nowhere else, so that one file decides whose libm the numbers follow.
 *
 * They are glibc's, bit for bit (src/engine/math, its FMA variants, as on the machines that made the
 * golden data): V8's `Math.cos` and `Math.pow` differ from glibc's by 1 ulp at a few percent of
 * arguments, and a recursion carries such a difference to every later step. `Math.sqrt` is correctly
 * rounded, like glibc's.
 */
import { cos as glibcCos, pow as glibcPow } from '../math/index.js';

export let cos: (x: number) => number = glibcCos;
export let pow: (x: number, y: number) => number = glibcPow;
export const sqrt: (x: number) => number = Math.sqrt;

export interface Libm {
  readonly cos: (x: number) => number;
  readonly pow: (x: number, y: number) => number;
}

/**
 * Replaces cos and pow for every stepped schedule (ES module bindings are live), e.g. with glibc-exact
 * ports; returns the previous pair so that a test can put it back. Loaded schedules keep their cached
 * checkpoints, which were computed with the previous functions: load schedules after swapping.
 */
export function useLibm(libm: Libm): Libm {
  const previous = { cos, pow };
  cos = libm.cos;
  pow = libm.pow;
  return previous;
}

/**
 * Python's `a % b` on floats: C's `fmod` (which JavaScript's `%` is, exactly), moved into the sign of
 * the divisor, and a zero result carrying the divisor's sign. The caller has ruled out b = 0, which
 * Python refuses with ZeroDivisionError. On integer-valued doubles below 2^53 this is also Python's
 * `int % int`.
 */
export function pythonMod(a: number, b: number): number {
  let r = a % b;
  if (r !== 0) {
    if (r < 0 !== b < 0) r += b;
  } else {
    r = b < 0 ? -0 : 0;
  }
  return r;
}
