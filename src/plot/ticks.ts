/**
 * Axis ticks and their labels: "nice" linear ticks (1, 2 or 5 times a power of ten), decade ticks for a
 * log axis, and compact labels (10k / 1.5M for steps, 0.0005 or 2e−5 for rates).
 *
 * Tick values are computed from an integer multiple and a power of ten (k·m / 10^e, or k·m·10^e), never
 * by adding a float step repeatedly, so 0.0006 is written as 0.0006 and not 0.0006000000000000001, and
 * integer ticks near 2^53 stay exact.
 */

/** A tick step m × 10^e with m ∈ {1, 2, 5}. */
export interface NiceStep {
  readonly mantissa: 1 | 2 | 5;
  readonly exponent: number;
  /** m × 10^e as a number. */
  readonly value: number;
}

export interface LinearTicks {
  /** The axis domain, widened to tick multiples when `loose` was asked for. */
  readonly min: number;
  readonly max: number;
  readonly step: NiceStep;
  /** Tick values inside [min, max], ascending. */
  readonly values: number[];
}

export interface LogTicks {
  /** log10 of the domain ends (whole decades, multiples of the tick step). */
  readonly minExponent: number;
  readonly maxExponent: number;
  /** The decade exponents that carry a tick, ascending. */
  readonly exponents: number[];
  /** Unlabelled minor ticks (2..9 × 10^e) when the axis spans few decades; empty otherwise. */
  readonly minor: number[];
}

/** 10^e as the double nearest to the decimal 1e<e> (10 ** -3 is not 0.001; this is). */
export function powerOfTen(e: number): number {
  return Number(`1e${e}`);
}

/** multiple × m × 10^e as the double nearest to that decimal (multiple × m is an exact integer here). */
function scaled(multiple: number, step: NiceStep): number {
  const m = multiple * step.mantissa;
  return Math.abs(m) < 1e21 ? Number(`${m}e${step.exponent}`) : m * powerOfTen(step.exponent);
}

const MANTISSAS = [1, 2, 5] as const;

/** The smallest nice step that cuts `span` into at most `maxIntervals` intervals (at least `minStep`). */
export function niceStep(span: number, maxIntervals: number, minStep = 0): NiceStep {
  const intervals = Math.max(1, Math.floor(maxIntervals));
  const raw = Math.max(span / intervals, minStep, Number.MIN_VALUE);
  let exponent = Math.floor(Math.log10(raw)) - 1;
  for (;;) {
    for (const mantissa of MANTISSAS) {
      const value = scaled(1, { mantissa, exponent, value: 0 });
      if (value >= minStep && span / value <= intervals * (1 + 1e-12)) return { mantissa, exponent, value };
    }
    exponent++;
  }
}

/**
 * Nice ticks for [min, max] (min < max, finite), at most about `maxTicks` of them. `integer` keeps the step at 1 or
 * more (steps are integers). `loose` widens the domain to the enclosing tick multiples.
 */
export function linearTicks(min: number, max: number, maxTicks: number, options: { integer?: boolean; loose?: boolean } = {}): LinearTicks {
  const step = niceStep(max - min, Math.max(1, maxTicks - 1), options.integer ? 1 : 0);
  let first = Math.ceil(min / step.value - 1e-9);
  let last = Math.floor(max / step.value + 1e-9);
  let lo = min;
  let hi = max;
  if (options.loose) {
    first = Math.floor(min / step.value + 1e-9);
    last = Math.ceil(max / step.value - 1e-9);
    lo = Math.min(min, scaled(first, step));
    hi = Math.max(max, scaled(last, step));
  }
  const values: number[] = [];
  // At most a few hundred ticks, and none that float precision cannot tell apart (a span below about
  // 1e-15 of its magnitude has no nice ticks to give).
  for (let j = 0; first + j <= last && j <= 500; j++) {
    const v = scaled(first + j, step);
    if (v >= lo && v <= hi && v !== values[values.length - 1]) values.push(v === 0 ? 0 : v);
  }
  return { min: lo, max: hi, step, values };
}

/**
 * Decade ticks for a log axis over [10^minExponent, 10^maxExponent] (integer exponents, min < max): every 1, 2,
 * 5, 10 … decades, the domain widened to the enclosing ticks.
 */
export function logTicks(minExponent: number, maxExponent: number, maxTicks: number): LogTicks {
  const every = niceStep(maxExponent - minExponent, Math.max(1, maxTicks - 1), 1).value;
  // Widened to multiples of the tick step, so both ends carry a tick.
  const lo = Math.floor(minExponent / every) * every;
  const hi = Math.ceil(maxExponent / every) * every;
  const exponents: number[] = [];
  for (let e = lo; e <= hi; e += every) exponents.push(e);
  const minor: number[] = [];
  if (every === 1 && hi - lo <= 4) {
    for (let e = lo; e < hi; e++) for (let m = 2; m <= 9; m++) minor.push(Math.log10(m) + e);
  }
  return { minExponent: lo, maxExponent: hi, exponents, minor };
}

/** U+2212, the minus sign typeset in labels. */
export const MINUS = '\u2212';

function signed(text: string): string {
  return text.replace(/-/g, MINUS);
}

function stripZeros(mantissa: string): string {
  return mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
}

/** `digits` fraction digits of x·10^-e written as mantissa e exponent: 1.5e−5. */
function exponential(value: number, digits: number): string {
  const [mantissa = '', exponent = '0'] = value.toExponential(Math.min(20, Math.max(0, digits))).split('e');
  return signed(`${stripZeros(mantissa)}e${exponent.replace('+', '')}`);
}

function decimalExponent(value: number): number {
  return Number(value.toExponential().split('e')[1]);
}

/** 1234567 → "1,234,567" (exact for every safe integer). */
export function groupThousands(value: number): string {
  const digits = Math.abs(value).toFixed(0);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? MINUS + grouped : grouped;
}

const STEP_UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Labels for integer step ticks that share one step: plain below 10,000 ("2500"), then each tick in k / M / B / T
 * with as many decimals as the step needs ("500", "12k", "1.5M"). Ticks beyond 10^15 are written as exponents ("2e15")
 * when that is exact enough to tell them apart, as whole grouped integers otherwise ("9,007,199,254,740,000").
 */
export function stepLabels(values: readonly number[], step: NiceStep): string[] {
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (largest < 1e4) return values.map((v) => signed(String(v)));
  if (largest >= 1e15) {
    const digits = decimalExponent(largest) - step.exponent;
    if (digits <= 3) return values.map((v) => (v === 0 ? '0' : exponential(v, decimalExponent(Math.abs(v)) - step.exponent)));
    return values.map(groupThousands);
  }
  const [largestUnit] = STEP_UNITS.find(([u]) => largest >= u) ?? [1e3];
  if (Math.log10(largestUnit) - step.exponent > 3) return values.map(groupThousands);
  return values.map((v) => {
    const [unit, suffix] = STEP_UNITS.find(([u]) => Math.abs(v) >= u) ?? [1, ''];
    const decimals = Math.max(0, Math.log10(unit) - step.exponent);
    return signed(unit === 1 ? String(v) : stripZeros((v / unit).toFixed(decimals)) + suffix);
  });
}

/**
 * Labels for rate ticks that share one step: decimals while the step is 0.0001 or coarser and the values
 * stay below a million ("0.0005"), exponents otherwise ("2e−5", "1.5e−5"); zero is "0".
 */
export function rateLabels(values: readonly number[], step: NiceStep): string[] {
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (step.exponent >= -4 && largest < 1e6) {
    const decimals = Math.max(0, -step.exponent);
    return values.map((v) => (v === 0 ? '0' : signed(v.toFixed(decimals))));
  }
  return values.map((v) => (v === 0 ? '0' : exponential(v, decimalExponent(Math.abs(v)) - step.exponent)));
}

/** Labels for decade ticks: 0.001 … 10000 as decimals when every tick is in that range, 1e−5 otherwise. */
export function decadeLabels(exponents: readonly number[]): string[] {
  const plain = exponents.every((e) => e >= -3 && e <= 4);
  return exponents.map((e) => (plain ? signed(e < 0 ? powerOfTen(e).toFixed(-e) : String(powerOfTen(e))) : signed(`1e${e}`)));
}
