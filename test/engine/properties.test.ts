import fc from 'fast-check';
import t from 'tap';
import { MAX_STEP, rangeLength, ScheduleRegistry, type LearningRateSchedule } from '../../src/engine/index.js';
import { loadKerasSchedule, type KerasLoadedSchedule } from '../../src/engine/keras/index.js';
import { valueCases } from '../helpers/golden.js';

const registry = new ScheduleRegistry();
const loaded: KerasLoadedSchedule[] = valueCases.map((c) => loadKerasSchedule(c.schedule, registry, { dtype: c.request_dtype ?? undefined, floatIntegers: c.scheduleFloatIntegers }));
const anySchedule = fc.constantFrom(...loaded);
// Steps of either sign: Keras answers negative steps too.
const step = fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: -MAX_STEP, max: MAX_STEP }));

/** The rates of Python's range(start, stop, stride), through the range path. */
function rangeRates(schedule: LearningRateSchedule, start: number, stop: number, stride: number) {
  return schedule.atRange(start, stride, schedule.allocate(rangeLength(start, stop, stride)));
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

t.test('a range answers exactly what its steps answer one by one', async (t) => {
  fc.assert(
    fc.property(anySchedule, step, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 5000 }), ({ schedule }, start, count, stride) => {
      const stop = Math.min(start + count * stride, MAX_STEP);
      const steps = Array.from({ length: rangeLength(start, stop, stride) }, (_, i) => start + i * stride);
      const oneByOne = steps.map((s) => schedule.at(s));
      return sameBits(rangeRates(schedule, start, stop, stride), schedule.atSteps(steps)) && sameBits(schedule.atSteps(steps), oneByOne);
    }),
    { numRuns: 400 },
  );
  t.pass('400 random ranges matched');
});

t.test('a descending range matches too', async (t) => {
  fc.assert(
    fc.property(anySchedule, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 50 }), ({ schedule }, start, stride) => {
      const steps: number[] = [];
      for (let s = start; s > -1; s -= stride) steps.push(s);
      return sameBits(rangeRates(schedule, start, -1, -stride), schedule.atSteps(steps));
    }),
  );
  t.pass();
});

t.test('normalizing twice changes nothing', async (t) => {
  fc.assert(
    fc.property(anySchedule, ({ canonical, parsed }) => {
      const again = loadKerasSchedule(canonical, registry);
      return JSON.stringify(again.canonical) === JSON.stringify(canonical) && again.parsed.serializedDtype === parsed.serializedDtype;
    }),
    { numRuns: 400 },
  );
  t.pass();
});

t.test('the canonical form answers the same rates as the original', async (t) => {
  fc.assert(
    fc.property(anySchedule, step, ({ canonical, schedule }, s) => {
      const again = loadKerasSchedule(canonical, registry, { dtype: schedule.dtype }).schedule;
      return Object.is(again.at(s), schedule.at(s));
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

t.test('rangeLength follows Python range()', async (t) => {
  t.equal(rangeLength(0, 10, 3), 4);
  t.equal(rangeLength(0, 9, 3), 3);
  t.equal(rangeLength(5, 5, 1), 0);
  t.equal(rangeLength(5, 0, 1), 0);
  t.equal(rangeLength(5, -1, -2), 3);
  t.equal(rangeLength(0, 10, 0), 0);
});
