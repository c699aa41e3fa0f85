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

let libmCos: (x: number) => number = glibcCos;

// The last argument of cos and its result. torch's CosineAnnealingLR step divides cos(pi*e/T) by
// cos(pi*(e-1)/T), the previous step's numerator, computed from the same expression: evaluating the
// denominator first finds it here, which halves its cosines (an exact cos is costly; this cache is a pure
// function of the argument, so the order in which a formula asks for its cosines changes no value).
let lastArgument = Number.NaN;
let lastCos = Number.NaN;

/** glibc's cos (or the one useLibm installed), remembering its last result. */
export function cos(x: number): number {
  // (0 === -0 here is harmless: cos is even.)
  if (x !== lastArgument) {
    lastCos = libmCos(x);
    lastArgument = x;
  }
  return lastCos;
}

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
  const previous = { cos: libmCos, pow };
  libmCos = libm.cos;
  pow = libm.pow;
  lastArgument = Number.NaN;
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
