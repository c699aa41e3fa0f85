/**
 * The one place where floating-point rounding is decided.
 *
 * Keras evaluates a schedule op by op in the dtype of its learning rate
 * (float32 unless told otherwise), so every intermediate result is rounded to
 * that dtype before the next op sees it. A schedule is written once against
 * {@link Arithmetic}; choosing `float32` or `float64` decides where each
 * intermediate lands. JavaScript computes every op in double; for float32 we
 * round the double result, which is the correctly rounded float32 answer for
 * `+ - * /` (a double holds every float32 sum, difference and product exactly
 * enough that one more rounding is exact). `pow` and `log` are rounded from
 * double too. Cosine is the exception: Keras's numpy backend uses numpy's own
 * float32 kernel, whose answers are up to 1.5 ulp from the true cosine, and
 * near `cos = -1` those differences grow to several ulps of the learning rate,
 * so float32 cosine follows numpy's kernel step for step (see numpyCos32).
 */

import { cos as glibcCos, log as glibcLog, pow as glibcPow, powf } from './math/index.js';

export type Dtype = 'float32' | 'float64';


/**
 * The ops a schedule is written with. Two final implementations, one per
 * dtype, rather than one class holding a rounding function: every call site
 * in a schedule then sees at most two receiver types, which V8 inlines.
 */
export abstract class Arithmetic {
  abstract readonly dtype: Dtype;
  /** pi as Keras builds it: `ops.array(math.pi, dtype)`. */
  abstract readonly pi: number;
  /** `ops.cast(value, dtype)` of a Python number or a step. */
  abstract cast(x: number): number;
  abstract add(a: number, b: number): number;
  abstract sub(a: number, b: number): number;
  abstract mul(a: number, b: number): number;
  abstract div(a: number, b: number): number;
  abstract pow(base: number, exponent: number): number;
  abstract log(x: number): number;
  /** Cosine as Keras's backend computes it in this dtype. */
  abstract cos(x: number): number;
  /** A typed array of this dtype, for answers about many steps. */
  abstract allocate(length: number): Float32Array | Float64Array;

  /** floor, ceil and min of values already in the dtype are exact: no rounding. */
  floor(x: number): number {
    return Math.floor(x);
  }

  ceil(x: number): number {
    return Math.ceil(x);
  }

  min(a: number, b: number): number {
    return a < b ? a : b;
  }
}

class Float32Arithmetic extends Arithmetic {
  readonly dtype = 'float32';
  readonly pi = Math.fround(Math.PI);
  cast(x: number): number {
    return Math.fround(x);
  }
  add(a: number, b: number): number {
    return Math.fround(a + b);
  }
  sub(a: number, b: number): number {
    return Math.fround(a - b);
  }
  mul(a: number, b: number): number {
    return Math.fround(a * b);
  }
  div(a: number, b: number): number {
    return Math.fround(a / b);
  }
  pow(base: number, exponent: number): number {
    // numpy's float32 power is glibc's powf on its scalar path (what the golden data follows), which is not
    // correctly rounded everywhere: rounding the double pow would be 1 ulp off there.
    return powf(base, exponent);
  }
  log(x: number): number {
    return Math.fround(Math.log(x));
  }
  cos(x: number): number {
    return numpyCos32(x);
  }
  allocate(length: number): Float32Array {
    return new Float32Array(length);
  }
}

class Float64Arithmetic extends Arithmetic {
  readonly dtype = 'float64';
  readonly pi = Math.PI;
  cast(x: number): number {
    return x;
  }
  add(a: number, b: number): number {
    return a + b;
  }
  sub(a: number, b: number): number {
    return a - b;
  }
  mul(a: number, b: number): number {
    return a * b;
  }
  div(a: number, b: number): number {
    return a / b;
  }
  // glibc's, bit for bit (its FMA variants): V8's Math.pow, Math.log and Math.cos differ in the last bit
  // at a few percent of arguments, and numpy, TensorFlow and CPython call glibc.
  pow(base: number, exponent: number): number {
    return glibcPow(base, exponent);
  }
  log(x: number): number {
    return glibcLog(x);
  }
  cos(x: number): number {
    return glibcCos(x);
  }
  allocate(length: number): Float64Array {
    return new Float64Array(length);
  }
}

const ARITHMETIC: Record<Dtype, Arithmetic> = {
  float32: new Float32Arithmetic(),
  float64: new Float64Arithmetic(),
};

export function arithmeticFor(dtype: Dtype): Arithmetic {
  return ARITHMETIC[dtype];
}

/**
 * Fused multiply-add rounded once to float32, for float32 inputs. The product
 * of two float32s is exact in a double, so only the sum can round twice (to
 * double, then to float32). That matters only when the double sum lands
 * exactly halfway between two float32s; then the sign of the remainder the
 * double sum lost decides which way the exact result rounds.
 */
export function fusedMultiplyAdd32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const rounded = Math.fround(sum);
  const offset = sum - rounded;
  // Only at a tie is `rounded + 2 * offset` the float32 on the other side.
  const otherSide = rounded + 2 * offset;
  if (offset === 0 || Math.fround(otherSide) !== otherSide) return rounded;
  const addend = sum - product;
  const remainder = product - (sum - addend) + (c - addend);
  if (remainder === 0) return rounded;
  return remainder > 0 === otherSide > rounded ? otherSide : rounded;
}

// Cody-Waite split of -pi/2 into three float32 parts, and 2/pi, as numpy's float32 kernel uses them.
const TWO_OVER_PI = 0.6366197466850281; // 0x1.45f306p-1
const MINUS_HALF_PI_HIGH = -1.570796012878418;
const MINUS_HALF_PI_MEDIUM = -3.1391647326017846e-07;
const MINUS_HALF_PI_LOW = -5.390302529957765e-15;
// Beyond this the three-part reduction loses accuracy, and numpy calls the C library instead.
const REDUCTION_LIMIT = 71476.0625;
const ROUNDING_SHIFT = 12582912;

/**
 * float32 cosine as numpy computes it on x86-64 with FMA (what Keras's numpy
 * backend runs): reduce by the nearest multiple of pi/2, then a degree-8
 * cosine or degree-9 sine polynomial on [-pi/4, pi/4], all in float32 with
 * fused multiply-adds. It differs from the correctly rounded cosine by up to
 * 1.5 ulp, and Keras's answers carry those differences, amplified where
 * `1 + cos` cancels.
 */
export function numpyCos32(x: number): number {
  if (!(Math.abs(x) <= REDUCTION_LIMIT)) return Math.fround(Math.cos(x));
  // Adding and removing 1.5 * 2^23 rounds to the nearest integer, ties to even, as numpy does.
  const quadrant = Math.fround(Math.fround(x * TWO_OVER_PI) + ROUNDING_SHIFT) - ROUNDING_SHIFT;
  let reduced = fusedMultiplyAdd32(quadrant, MINUS_HALF_PI_HIGH, x);
  reduced = fusedMultiplyAdd32(quadrant, MINUS_HALF_PI_MEDIUM, reduced);
  reduced = fusedMultiplyAdd32(quadrant, MINUS_HALF_PI_LOW, reduced);
  const square = Math.fround(reduced * reduced);
  // cos(x) = sin(x + pi/2): one quadrant further on.
  const turn = (quadrant + 1) & 3;
  const value = (turn & 1) === 0 ? sinePolynomial(reduced, square) : cosinePolynomial(square);
  return (turn & 2) === 0 ? value : 0 - value;
}

function cosinePolynomial(square: number): number {
  let r = fusedMultiplyAdd32(2.4372266125283204e-05, square, -0.001388652017340064);
  r = fusedMultiplyAdd32(r, square, 0.04166661947965622);
  r = fusedMultiplyAdd32(r, square, -0.5);
  return fusedMultiplyAdd32(r, square, 1);
}

function sinePolynomial(reduced: number, square: number): number {
  let r = fusedMultiplyAdd32(2.8404097065504175e-06, square, -0.00019856491417158395);
  r = fusedMultiplyAdd32(r, square, 0.008333397097885609);
  r = fusedMultiplyAdd32(r, square, -0.1666666716337204);
  r = Math.fround(r * square);
  return fusedMultiplyAdd32(r, reduced, reduced);
}
