import t from 'tap';
import { ScheduleRegistry, loadSchedule, ScheduleError, shortestFloat32 } from '../../src/engine/index.js';
import { agrees, errorCases, float32UlpDistance, relativeError, valueCases, type GoldenValueCase } from '../helpers/golden.js';

const registry = new ScheduleRegistry();

function load(c: GoldenValueCase) {
  return loadSchedule(c.schedule, registry, { dtype: c.request_dtype ?? undefined });
}

t.test('every golden schedule computes what Keras 3.16 computed', async (t) => {
  let steps = 0;
  let identical = 0;
  let fragileDisagreements = 0;
  let worstUlps = 0;
  let worstUlpsAt = 'none';
  let worstRelative = 0;
  let worstRelativeAt = 'none';
  for (const c of valueCases) {
    const { schedule, parsed } = load(c);
    t.equal(parsed.dtype, c.dtype, `${c.id}: computes in ${c.dtype}`);
    const fragile = new Set(c.fragile_steps ?? []);
    const answers = schedule.atSteps(c.steps);
    c.steps.forEach((step, i) => {
      const expected = c.expected[i] as number;
      const actual = answers[i] as number;
      steps++;
      if (Object.is(actual, expected)) identical++;
      if (fragile.has(step)) {
        if (!agrees(c.dtype, actual, expected)) fragileDisagreements++;
        return;
      }
      if (c.dtype === 'float32') {
        const ulps = float32UlpDistance(actual, expected);
        if (ulps > worstUlps) [worstUlps, worstUlpsAt] = [ulps, `${c.id} step ${step}`];
      } else {
        const relative = relativeError(actual, expected);
        if (relative > worstRelative) [worstRelative, worstRelativeAt] = [relative, `${c.id} step ${step}`];
      }
      if (!agrees(c.dtype, actual, expected)) t.fail(`${c.id} step ${step}: ${actual} vs Keras ${expected}`);
    });
  }
  const share = identical / steps;
  t.comment(`golden: ${steps} steps in ${valueCases.length} schedules; bit-identical ${identical} (${(share * 100).toFixed(2)}%)`);
  t.comment(`golden: worst float32 distance ${worstUlps} ulp (${worstUlpsAt}); worst float64 relative error ${worstRelative} (${worstRelativeAt})`);
  t.comment(`golden: fragile steps outside tolerance: ${fragileDisagreements}`);
  t.equal(steps, 8941, 'the whole golden file was read');
  t.ok(worstUlps <= 4, 'every non-fragile float32 value within 4 ulps');
  t.ok(share >= 0.99, `at least 99% bit-identical (got ${(share * 100).toFixed(2)}%)`);
});

t.test('the canonical form is what keras.optimizers.schedules.serialize() writes', async (t) => {
  for (const c of valueCases) {
    if (c.canonical === undefined) continue;
    const expected = structuredClone(c.canonical) as { config: Record<string, unknown> };
    if (c.form === 'tensor32') {
      // The golden canonical holds the double the float32 tensor was made from; the tensor holds only its float32,
      // which we write as its shortest decimal. Compare what both are as float32.
      const value = expected.config['initial_learning_rate'] as number;
      expected.config['initial_learning_rate'] = shortestFloat32(Math.fround(value));
    }
    t.same(load(c).canonical, expected, `${c.id} (${c.form})`);
    t.equal(JSON.stringify(Object.keys(load(c).canonical.config)), JSON.stringify(Object.keys(expected.config)), `${c.id}: key order`);
  }
});

t.test('every golden error case is refused with a located problem', async (t) => {
  for (const c of errorCases) {
    const error = t.throws(() => loadSchedule(c.schedule, registry), ScheduleError, c.id) as unknown;
    t.ok(error instanceof ScheduleError && error.problems.length > 0, `${c.id}: ${c.why}`);
    if (error instanceof ScheduleError && c.keras_error.startsWith('ValueError: ')) {
      const kerasMessage = c.keras_error.slice('ValueError: '.length);
      const [head] = kerasMessage.split(' Received');
      t.match(error.problems[0]?.message, head as string, `${c.id}: Keras's own words`);
    }
  }
});
