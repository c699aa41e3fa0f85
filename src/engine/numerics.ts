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

export type Dtype = 'float32' | 'float64';

export const DTYPES: readonly Dtype[] = ['float32', 'float64'];

export class Arithmetic {
  /** Rounds a double to the dtype (identity for float64). */
  readonly round: (x: number) => number;
  /** pi as Keras builds it: `ops.array(math.pi, dtype)`. */
  readonly pi: number;
  /** Cosine as Keras's backend computes it in this dtype. */
  readonly cos: (x: number) => number;

  constructor(readonly dtype: Dtype) {
    this.round = dtype === 'float32' ? Math.fround : identity;
    this.cos = dtype === 'float32' ? numpyCos32 : Math.cos;
    this.pi = this.round(Math.PI);
  }

  /** `ops.cast(value, dtype)` of a Python number or a step. */
  cast(x: number): number {
    return this.round(x);
  }

  add(a: number, b: number): number {
    return this.round(a + b);
  }

  sub(a: number, b: number): number {
    return this.round(a - b);
  }

  mul(a: number, b: number): number {
    return this.round(a * b);
  }

  div(a: number, b: number): number {
    return this.round(a / b);
  }

  pow(base: number, exponent: number): number {
    return this.round(Math.pow(base, exponent));
  }

  log(x: number): number {
    return this.round(Math.log(x));
  }

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

  /** A typed array of this dtype, for answers about many steps. */
  allocate(length: number): Float32Array | Float64Array {
    return this.dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  }
}

function identity(x: number): number {
  return x;
}

const ARITHMETIC: Record<Dtype, Arithmetic> = {
  float32: new Arithmetic('float32'),
  float64: new Arithmetic('float64'),
};

export function arithmeticFor(dtype: Dtype): Arithmetic {
  return ARITHMETIC[dtype];
}

/**
 * Fused multiply-add rounded once to float32, for float32 inputs. The product
 * of two float32s is exact in a double, so only the sum can round twice (to
 * double, then to float32); that matters only when the double sum sits exactly
 * on a float32 tie, and then the sign of the lost remainder breaks the tie.
 */
export function fusedMultiplyAdd32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const rounded = Math.fround(sum);
  if (rounded === sum) return rounded;
  const addend = sum - product;
  const remainder = product - (sum - addend) + (c - addend);
  if (remainder === 0 || !isFloat32Tie(sum, rounded)) return rounded;
  return Math.fround(remainder > 0 ? nextDoubleUp(sum) : nextDoubleDown(sum));
}

function isFloat32Tie(value: number, rounded: number): boolean {
  const neighbour = rounded < value ? nextFloat32Up(rounded) : nextFloat32Down(rounded);
  return (rounded + neighbour) / 2 === value;
}

const bits64 = new DataView(new ArrayBuffer(8));

function stepFloat32(x: number, direction: 1 | -1): number {
  bits64.setFloat32(0, x);
  const raw = bits64.getInt32(0);
  const towardZero = (x > 0) !== (direction > 0);
  if (x === 0) {
    bits64.setInt32(0, direction > 0 ? 1 : 0x80000001);
  } else {
    bits64.setInt32(0, towardZero ? raw - 1 : raw + 1);
  }
  return bits64.getFloat32(0);
}

function nextFloat32Up(x: number): number {
  return stepFloat32(x, 1);
}

function nextFloat32Down(x: number): number {
  return stepFloat32(x, -1);
}

function stepDouble(x: number, direction: 1 | -1): number {
  bits64.setFloat64(0, x);
  const raw = bits64.getBigInt64(0);
  const towardZero = (x > 0) !== (direction > 0);
  bits64.setBigInt64(0, towardZero ? raw - 1n : raw + 1n);
  return bits64.getFloat64(0);
}

function nextDoubleUp(x: number): number {
  return stepDouble(x, 1);
}

function nextDoubleDown(x: number): number {
  return stepDouble(x, -1);
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
