/**
 * From any number of (step, rate) points to at most a few points per pixel column, in one pass.
 *
 * Points are drawn in ascending step order; equal steps keep their given order. Each pixel column keeps, in
 * step order, its first point, its lowest, its highest and its last: a line through them looks exactly like
 * the line through all the points at that resolution, and a one-point spike, a restart or a staircase edge
 * stays visible. A range or a sorted list is streamed; an unsorted list is gathered column by column in the
 * same single pass (nothing is sorted, nothing is allocated per point) and gives the same points.
 *
 * Non-finite rates are not drawn: the line is broken where they fall, unless the gap is narrower than a
 * pixel column (a break that thin could not be seen; it is counted in `nonFinite` instead).
 */

/** Steps of the points: an explicit list, or start + i·stride for i in [0, count). */
export type PlotSteps = ArrayLike<number> | PlotRange;

export interface PlotRange {
  readonly start: number;
  readonly stride: number;
  readonly count: number;
}

export type PlotRates = Float32Array | Float64Array;

function isRange(steps: PlotSteps): steps is PlotRange {
  return typeof (steps as { count?: unknown }).count === 'number' && typeof (steps as { stride?: unknown }).stride === 'number';
}

/** How to walk the points in ascending step order, and the step extent of the drawable ones. */
export interface StepOrder {
  /** Number of points with a finite step (the ones drawn, if their rate is finite too). */
  readonly length: number;
  /**
   * True when index order is step order (a range, or a sorted list without non-finite steps): the points
   * are then streamed. Otherwise they are gathered column by column, still in one pass and without sorting.
   */
  readonly sorted: boolean;
  /** A range with a negative stride: step order is index order backwards. */
  readonly reversed: boolean;
  readonly range: { readonly start: number; readonly stride: number } | null;
  readonly list: ArrayLike<number> | null;
  /** Smallest and largest finite step (NaN when there is none). */
  readonly min: number;
  readonly max: number;
  /** Points skipped because their step itself is not a finite number. */
  readonly badSteps: number;
}

/** Number of points `steps` describes. */
export function stepCount(steps: PlotSteps): number {
  return isRange(steps) ? Math.max(0, Math.floor(steps.count)) : steps.length;
}

/** One pass over the steps (none for a range): their extent, and whether they are already in order. */
export function orderSteps(steps: PlotSteps): StepOrder {
  if (isRange(steps)) {
    const count = stepCount(steps);
    const { start, stride } = steps;
    if (count === 0 || !Number.isFinite(start) || !Number.isFinite(stride)) {
      return { length: 0, sorted: true, reversed: false, range: { start: 0, stride: 1 }, list: null, min: NaN, max: NaN, badSteps: count };
    }
    const last = start + (count - 1) * stride;
    return { length: count, sorted: true, reversed: stride < 0, range: { start, stride }, list: null, min: Math.min(start, last), max: Math.max(start, last), badSteps: 0 };
  }
  const n = steps.length;
  let min = Infinity;
  let max = -Infinity;
  let sorted = true;
  let badSteps = 0;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = steps[i] as number;
    if (!Number.isFinite(s)) {
      badSteps++;
      continue;
    }
    if (s < previous) sorted = false;
    previous = s;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const length = n - badSteps;
  if (length === 0) return { length: 0, sorted: true, reversed: false, range: null, list: [], min: NaN, max: NaN, badSteps };
  return { length, sorted: sorted && badSteps === 0, reversed: false, range: null, list: steps, min, max, badSteps };
}

/** The points to draw, in step order, with the statistics of all the points. */
export interface Decimated {
  /** Number of points kept; the arrays below may be longer. */
  readonly count: number;
  readonly steps: Float64Array;
  readonly rates: Float64Array;
  /** 1 where a point starts a new piece of line (the first point, and the first after a visible gap). */
  readonly moveTo: Uint8Array;
  /** Points whose step and rate are finite. */
  readonly finite: number;
  /** Points with a finite step whose rate is NaN or ±Infinity. */
  readonly nonFinite: number;
  /** Finite rates ≤ 0 (a log axis cannot place them). */
  readonly nonPositive: number;
  /** Extremes of the finite rates (NaN when there is none); minPositive is the smallest rate > 0. */
  readonly min: number;
  readonly max: number;
  readonly minPositive: number;
  /** True when some column held more than one point (the picture is a reduction). */
  readonly reduced: boolean;
}

/** Room for what `decimate` writes, and the statistics both of its walks gather. */
class Output {
  count = 0;
  readonly steps: Float64Array;
  readonly rates: Float64Array;
  readonly moveTo: Uint8Array;
  constructor(columns: number) {
    const capacity = 4 * columns + 4;
    this.steps = new Float64Array(capacity);
    this.rates = new Float64Array(capacity);
    this.moveTo = new Uint8Array(capacity);
  }
  push(step: number, rate: number, moveTo: number): void {
    const k = this.count++;
    this.steps[k] = step;
    this.rates[k] = rate;
    this.moveTo[k] = moveTo;
  }
}

interface Stats {
  finite: number;
  nonFinite: number;
  nonPositive: number;
  min: number;
  max: number;
  minPositive: number;
  reduced: boolean;
}

function result(out: Output, st: Stats): Decimated {
  return {
    count: out.count,
    steps: out.steps,
    rates: out.rates,
    moveTo: out.moveTo,
    finite: st.finite,
    nonFinite: st.nonFinite,
    nonPositive: st.nonPositive,
    min: st.finite > 0 ? st.min : NaN,
    max: st.finite > 0 ? st.max : NaN,
    minPositive: st.minPositive === Infinity ? NaN : st.minPositive,
    reduced: st.reduced,
  };
}

/**
 * Reduces the points to at most 4 per column, `columns` columns spanning steps [x0, x1] (x0 < x1).
 * One pass over the rates, no sorting and no allocation per point; the output has at most 4 × columns points.
 */
export function decimate(order: StepOrder, rates: ArrayLike<number>, x0: number, x1: number, columns: number): Decimated {
  const cols = Math.max(1, Math.floor(columns));
  return order.sorted ? streamed(order, rates, x0, cols / (x1 - x0), cols) : gathered(order, rates, x0, cols / (x1 - x0), cols);
}

/** Points already in step order: one bucket at a time, flushed when the column changes. */
function streamed(order: StepOrder, rates: ArrayLike<number>, x0: number, colK: number, cols: number): Decimated {
  const out = new Output(cols);
  const outS = out.steps;
  const outV = out.rates;
  const outM = out.moveTo;
  const n = order.length;
  const { reversed } = order;
  const list = order.list ?? [];
  const start = order.range ? order.range.start : 0;
  const stride = order.range ? order.range.stride : 0;
  const ranged = order.range !== null;

  let k = 0;
  let finite = 0;
  let nonFinite = 0;
  let nonPositive = 0;
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  let reduced = false;

  // The current column's bucket: first, lowest, highest and last point (position in step order, step, rate).
  let bCol = -1;
  let bPen = 1;
  let fP = 0, fS = 0, fV = 0;
  let lP = 0, lS = 0, lV = 0;
  let loP = 0, loS = 0, loV = 0;
  let hiP = 0, hiS = 0, hiV = 0;
  let gap = false;

  for (let p = 0; p <= n; p++) {
    let col = -2;
    let s = 0;
    let v = 0;
    if (p < n) {
      const i = reversed ? n - 1 - p : p;
      s = ranged ? start + i * stride : (list[i] as number);
      v = rates[i] as number;
      if (!(v - v === 0)) {
        nonFinite++;
        gap = true;
        continue;
      }
      finite++;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v > 0) {
        if (v < minPositive) minPositive = v;
      } else nonPositive++;
      col = Math.floor((s - x0) * colK);
      if (col >= cols) col = cols - 1;
      else if (col < 0) col = 0;
    }
    if (col === bCol) {
      reduced = true;
      gap = false;
      lP = p; lS = s; lV = v;
      if (v < loV) { loP = p; loS = s; loV = v; }
      if (v > hiV) { hiP = p; hiS = s; hiV = v; }
      continue;
    }
    if (bCol >= 0) {
      // Flush the bucket in step order: first, then lowest/highest in their order, then last.
      outS[k] = fS; outV[k] = fV; outM[k] = bPen; k++;
      let done = fP;
      const aFirst = loP <= hiP;
      const aP = aFirst ? loP : hiP, aS = aFirst ? loS : hiS, aV = aFirst ? loV : hiV;
      const bP = aFirst ? hiP : loP, bS = aFirst ? hiS : loS, bV = aFirst ? hiV : loV;
      if (aP > done) { outS[k] = aS; outV[k] = aV; outM[k] = 0; k++; done = aP; }
      if (bP > done) { outS[k] = bS; outV[k] = bV; outM[k] = 0; k++; done = bP; }
      if (lP > done) { outS[k] = lS; outV[k] = lV; outM[k] = 0; k++; }
    }
    if (p === n) break;
    bPen = bCol < 0 || gap ? 1 : 0;
    gap = false;
    bCol = col;
    fP = lP = loP = hiP = p;
    fS = lS = loS = hiS = s;
    fV = lV = loV = hiV = v;
  }
  out.count = k;
  return result(out, { finite, nonFinite, nonPositive, min, max, minPositive, reduced });
}

/**
 * Points in any order (an unsorted list, or one with non-finite steps): each column gathers its first and
 * last point by step (ties: the earlier index first) and its lowest and highest; a column's points are then
 * written in step order. The same points, the same order and the same breaks as `streamed` would give the
 * sorted list.
 */
function gathered(order: StepOrder, rates: ArrayLike<number>, x0: number, colK: number, cols: number): Decimated {
  const list = order.list ?? [];
  const n = list.length;
  // Per column: first, last, lowest, highest (step, rate, index); the extent of the non-finite rates.
  const f = new Float64Array(cols * 3);
  const l = new Float64Array(cols * 3);
  const lo = new Float64Array(cols * 3);
  const hi = new Float64Array(cols * 3);
  const gapLo = new Float64Array(cols).fill(Infinity);
  const gapHi = new Float64Array(cols).fill(-Infinity);
  const points = new Uint32Array(cols);
  const st: Stats = { finite: 0, nonFinite: 0, nonPositive: 0, min: Infinity, max: -Infinity, minPositive: Infinity, reduced: false };

  for (let i = 0; i < n; i++) {
    const s = list[i] as number;
    if (!(s - s === 0)) continue;
    let c = Math.floor((s - x0) * colK);
    if (c >= cols) c = cols - 1;
    else if (c < 0) c = 0;
    const v = rates[i] as number;
    if (!(v - v === 0)) {
      st.nonFinite++;
      if (s < (gapLo[c] as number)) gapLo[c] = s;
      if (s > (gapHi[c] as number)) gapHi[c] = s;
      continue;
    }
    st.finite++;
    if (v < st.min) st.min = v;
    if (v > st.max) st.max = v;
    if (v > 0) {
      if (v < st.minPositive) st.minPositive = v;
    } else st.nonPositive++;
    const j = 3 * c;
    const seen = points[c] as number;
    points[c] = seen + 1;
    if (seen === 0) {
      f[j] = l[j] = lo[j] = hi[j] = s;
      f[j + 1] = l[j + 1] = lo[j + 1] = hi[j + 1] = v;
      f[j + 2] = l[j + 2] = lo[j + 2] = hi[j + 2] = i;
      continue;
    }
    // Later indices come later among equal steps: strictly smaller steps replace the first, equal or larger the last.
    if (s < (f[j] as number)) { f[j] = s; f[j + 1] = v; f[j + 2] = i; }
    if (s >= (l[j] as number)) { l[j] = s; l[j + 1] = v; l[j + 2] = i; }
    if (v < (lo[j + 1] as number) || (v === lo[j + 1] && s < (lo[j] as number))) { lo[j] = s; lo[j + 1] = v; lo[j + 2] = i; }
    if (v > (hi[j + 1] as number) || (v === hi[j + 1] && s < (hi[j] as number))) { hi[j] = s; hi[j + 1] = v; hi[j + 2] = i; }
  }

  const out = new Output(cols);
  const before = (a: Float64Array, b: Float64Array, j: number) => (a[j] as number) < (b[j] as number) || (a[j] === b[j] && (a[j + 2] as number) < (b[j + 2] as number));
  let first = true;
  let gap = false;
  for (let c = 0; c < cols; c++) {
    if (points[c] === 0) {
      if (gapLo[c] !== Infinity) gap = true;
      continue;
    }
    if ((points[c] as number) > 1) st.reduced = true;
    const j = 3 * c;
    const pen = first || gap || (gapLo[c] as number) < (f[j] as number) ? 1 : 0;
    first = false;
    out.push(f[j] as number, f[j + 1] as number, pen);
    const [a, b] = before(hi, lo, j) ? [hi, lo] : [lo, hi];
    let done = f;
    for (const next of [a, b, l]) {
      if (before(done, next, j)) {
        out.push(next[j] as number, next[j + 1] as number, 0);
        done = next;
      }
    }
    gap = (gapHi[c] as number) > (l[j] as number);
  }
  return result(out, st);
}
