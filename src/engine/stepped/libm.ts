/**
 * The C library functions that torch's and transformers' Python code reaches through `math.cos`,
 * `**`/`math.pow`, `math.sqrt` and `%` on floats. Every stepped schedule imports them from here and
 * nowhere else, so that one file decides whose libm the numbers follow.
 *
 * For now these are V8's: `Math.sqrt` is correctly rounded like glibc's, but V8's `Math.cos` and
 * `Math.pow` differ from glibc's (x86-64, FMA path) by 1 ulp at a few percent of arguments, and a
 * recursion carries such a difference to every later step. Bit-exact glibc ports are to be swapped in
 * here; nothing else needs to change.
 */

export let cos: (x: number) => number = Math.cos;
export let pow: (x: number, y: number) => number = Math.pow;
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
