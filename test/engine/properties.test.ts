import fc from 'fast-check';
import t from 'tap';
import { createKerasRegistry, loadSchedule, MAX_STEP, rangeLength, type LoadedSchedule } from '../../src/engine/index.js';
import { valueCases } from '../helpers/golden.js';

const registry = createKerasRegistry();
const loaded: LoadedSchedule[] = valueCases.map((c) => loadSchedule(c.schedule, registry, { dtype: c.request_dtype ?? undefined }));
const anySchedule = fc.constantFrom(...loaded);
const step = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: MAX_STEP }));

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

t.test('a range answers exactly what its steps answer one by one', async (t) => {
  fc.assert(
    fc.property(anySchedule, step, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 5000 }), ({ schedule }, start, count, stride) => {
      const stop = Math.min(start + count * stride, MAX_STEP);
      const range = { start, stop, stride };
      const steps = Array.from({ length: rangeLength(range) }, (_, i) => start + i * stride);
      const oneByOne = steps.map((s) => schedule.at(s));
      return sameBits(schedule.atRange(range), schedule.atSteps(steps)) && sameBits(schedule.atSteps(steps), oneByOne);
    }),
    { numRuns: 400 },
  );
  t.pass('400 random ranges matched');
});

t.test('a descending range matches too', async (t) => {
  fc.assert(
    fc.property(anySchedule, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 50 }), ({ schedule }, start, stride) => {
      const range = { start, stop: -1, stride: -stride };
      const steps: number[] = [];
      for (let s = start; s > -1; s -= stride) steps.push(s);
      return sameBits(schedule.atRange(range), schedule.atSteps(steps));
    }),
  );
  t.pass();
});

t.test('normalizing twice changes nothing', async (t) => {
  fc.assert(
    fc.property(anySchedule, ({ canonical, parsed }) => {
      const again = loadSchedule(canonical, registry);
      return JSON.stringify(again.canonical) === JSON.stringify(canonical) && again.parsed.serializedDtype === parsed.serializedDtype;
    }),
    { numRuns: 400 },
  );
  t.pass();
});

t.test('the canonical form answers the same rates as the original', async (t) => {
  fc.assert(
    fc.property(anySchedule, step, ({ canonical, schedule }, s) => {
      const again = loadSchedule(canonical, registry, { dtype: schedule.dtype }).schedule;
      return Object.is(again.at(s), schedule.at(s));
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

t.test('rangeLength follows Python range()', async (t) => {
  t.equal(rangeLength({ start: 0, stop: 10, stride: 3 }), 4);
  t.equal(rangeLength({ start: 0, stop: 9, stride: 3 }), 3);
  t.equal(rangeLength({ start: 5, stop: 5, stride: 1 }), 0);
  t.equal(rangeLength({ start: 5, stop: 0, stride: 1 }), 0);
  t.equal(rangeLength({ start: 5, stop: -1, stride: -2 }), 3);
  t.equal(rangeLength({ start: 0, stop: 10, stride: 0 }), 0);
});
