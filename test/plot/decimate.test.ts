import fc from 'fast-check';
import t from 'tap';
import { decimate, orderSteps, stepCount } from '../../src/plot/index.js';

/** What decimation must keep, computed the slow way: per column, the lowest and highest finite rate. */
function columnExtremes(steps: number[], rates: ArrayLike<number>, x0: number, x1: number, columns: number): Map<number, { lo: number; hi: number }> {
  const out = new Map<number, { lo: number; hi: number }>();
  steps.forEach((s, i) => {
    const v = rates[i] as number;
    if (!Number.isFinite(s) || !Number.isFinite(v)) return;
    const c = Math.min(columns - 1, Math.max(0, Math.floor(((s - x0) * columns) / (x1 - x0))));
    const e = out.get(c) ?? { lo: Infinity, hi: -Infinity };
    out.set(c, { lo: Math.min(e.lo, v), hi: Math.max(e.hi, v) });
  });
  return out;
}

t.test('every column keeps its lowest and highest rate, in step order, at most 4 points a column', async (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constant(Number.NaN))), { minLength: 2, maxLength: 400 }),
      fc.integer({ min: 1, max: 50 }),
      (pairs, columns) => {
        const steps = pairs.map((p) => p[0]);
        const rates = Float64Array.from(pairs.map((p) => p[1]));
        const order = orderSteps(steps);
        const x0 = order.min;
        const x1 = order.max > order.min ? order.max : order.min + 1;
        const d = decimate(order, rates, x0, x1, columns);
        if (d.count > 4 * columns) throw new Error(`${d.count} points for ${columns} columns`);
        const kept = new Map<number, { lo: number; hi: number }>();
        for (let i = 0; i < d.count; i++) {
          const s = d.steps[i] as number;
          const v = d.rates[i] as number;
          if (i > 0 && s < (d.steps[i - 1] as number)) throw new Error('not in step order');
          const c = Math.min(columns - 1, Math.max(0, Math.floor(((s - x0) * columns) / (x1 - x0))));
          const e = kept.get(c) ?? { lo: Infinity, hi: -Infinity };
          kept.set(c, { lo: Math.min(e.lo, v), hi: Math.max(e.hi, v) });
        }
        const expected = columnExtremes(steps, rates, x0, x1, columns);
        if (JSON.stringify([...kept].sort()) !== JSON.stringify([...expected].sort())) throw new Error(`kept ${JSON.stringify([...kept])} expected ${JSON.stringify([...expected])}`);
        const finite = pairs.filter((p) => Number.isFinite(p[1])).length;
        return d.finite === finite && d.nonFinite === pairs.length - finite;
      },
    ),
  );
});

t.test('ranges: ascending, descending, empty; statistics', async (t) => {
  const rates = new Float32Array([3, 1, 4, 1, 5, 9, 2, 6]);
  const up = decimate(orderSteps({ start: 10, stride: 2, count: 8 }), rates, 10, 24, 100);
  t.same(Array.from(up.rates.subarray(0, up.count)), [3, 1, 4, 1, 5, 9, 2, 6], 'fewer points than columns: all kept');
  t.same([up.min, up.max, up.minPositive, up.nonPositive, up.reduced], [1, 9, 1, 0, false]);
  const down = decimate(orderSteps({ start: 24, stride: -2, count: 8 }), rates, 10, 24, 100);
  t.same(Array.from(down.steps.subarray(0, down.count)), [10, 12, 14, 16, 18, 20, 22, 24], 'a descending range is walked in ascending step order');
  t.same(Array.from(down.rates.subarray(0, down.count)), [6, 2, 9, 5, 1, 4, 1, 3]);
  const one = decimate(orderSteps({ start: 0, stride: 1, count: 8 }), rates, 0, 7, 1);
  t.same(Array.from(one.rates.subarray(0, one.count)), [3, 1, 9, 6], 'one column: first, lowest, highest, last');
  t.equal(one.reduced, true);
  t.equal(stepCount({ start: 0, stride: 1, count: -3 }), 0);
  t.equal(orderSteps({ start: Number.NaN, stride: 1, count: 2 }).badSteps, 2, 'a range with a non-finite start has no drawable steps');
  const none = decimate(orderSteps([]), new Float32Array(0), 0, 1, 10);
  t.same([none.count, none.finite, Number.isNaN(none.min), Number.isNaN(none.minPositive)], [0, 0, true, true]);
  const signs = decimate(orderSteps([0, 1, 2]), new Float64Array([0, -1, 2]), 0, 2, 10);
  t.same([signs.nonPositive, signs.minPositive], [2, 2]);
});

t.test('gaps: a break where a column is left without finite rates, none inside a column', async (t) => {
  const rates = new Float64Array([1, Number.NaN, 1, 1, Number.NaN, Number.NaN, 1, 1]);
  const wide = decimate(orderSteps({ start: 0, stride: 1, count: 8 }), rates, 0, 7, 8);
  t.same(Array.from(wide.moveTo.subarray(0, wide.count)), [1, 1, 0, 1, 0], 'pieces start after each gap');
  const narrow = decimate(orderSteps({ start: 0, stride: 1, count: 8 }), rates, 0, 7, 1);
  t.same(Array.from(narrow.moveTo.subarray(0, narrow.count)), [1, 0], 'a gap inside one column is not drawn');
  t.equal(narrow.nonFinite, 3);
});

t.test('an unsorted list decimates exactly as the same points sorted', async (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constant(Number.NaN), fc.constant(0.5)), { minLength: 300, maxLength: 300 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer(),
      (steps, values, columns, seed) => {
        const sorted = [...steps].sort((a, b) => a - b);
        const rateOf = new Map(sorted.map((s, i) => [s, values[i] as number]));
        // A deterministic shuffle of the same points.
        const shuffled = sorted.map((s, i) => ({ s, key: Math.sin(seed + i * 12.9898) })).sort((a, b) => a.key - b.key).map((p) => p.s);
        const x0 = sorted[0] as number;
        const x1 = sorted.length > 1 ? (sorted[sorted.length - 1] as number) : x0 + 1;
        const a = decimate(orderSteps(sorted), Float64Array.from(sorted, (s) => rateOf.get(s) as number), x0, x1, columns);
        const b = decimate(orderSteps(shuffled), Float64Array.from(shuffled, (s) => rateOf.get(s) as number), x0, x1, columns);
        const view = (d: typeof a) => [Array.from(d.steps.subarray(0, d.count)), Array.from(d.rates.subarray(0, d.count)), Array.from(d.moveTo.subarray(0, d.count)), d.finite, d.nonFinite, d.min, d.max, d.reduced];
        return JSON.stringify(view(b)) === JSON.stringify(view(a));
      },
    ),
    { numRuns: 200 },
  );
  const withBadStep = decimate(orderSteps([0, Number.NaN, 1, 2]), new Float32Array([1, 5, 2, 3]), 0, 2, 10);
  t.same(Array.from(withBadStep.rates.subarray(0, withBadStep.count)), [1, 2, 3], 'a sorted list with a non-finite step: that point is left out');
  const duplicates = decimate(orderSteps([5, 1, 5, 1]), new Float32Array([1, 2, 3, 4]), 1, 5, 10);
  t.same(Array.from(duplicates.rates.subarray(0, duplicates.count)), [2, 4, 1, 3], 'equal steps keep their given order');
});
