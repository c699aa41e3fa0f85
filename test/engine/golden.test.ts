import t from 'tap';
import { ScheduleRegistry, loadSchedule, ScheduleError } from '../../src/engine/index.js';
import { loadKerasSchedule } from '../../src/engine/keras/index.js';
import { agrees, errorCases, expectedCanonical, float32UlpDistance, readSpelled, relativeError, valueCases, type GoldenValueCase } from '../helpers/golden.js';

const registry = new ScheduleRegistry();

function load(c: GoldenValueCase) {
  return loadKerasSchedule(c.schedule, registry, { dtype: c.request_dtype ?? undefined, floatIntegers: c.scheduleFloatIntegers });
}

t.test('every golden schedule computes what Keras 3.16 computed', async (t) => {
  let steps = 0;
  let identical = 0;
  const byDtype = { float32: { steps: 0, identical: 0 }, float64: { steps: 0, identical: 0 } };
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
      if (!fragile.has(step)) {
        const tally = byDtype[c.dtype];
        tally.steps++;
        if (Object.is(actual, expected)) tally.identical++;
      }
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
  for (const [dtype, tally] of Object.entries(byDtype)) {
    t.comment(`golden ${dtype}: ${tally.identical} of ${tally.steps} non-fragile steps bit-identical (${((tally.identical / tally.steps) * 100).toFixed(2)}%)`);
  }
  t.equal(byDtype.float32.identical, byDtype.float32.steps, 'float32: every non-fragile golden step bit-identical');
  t.ok(byDtype.float64.identical >= 0.999 * byDtype.float64.steps, 'float64: at least 99.9% of non-fragile golden steps bit-identical');
  t.comment(`golden: ${steps} steps in ${valueCases.length} schedules; bit-identical ${identical} (${(share * 100).toFixed(2)}%)`);
  t.comment(`golden: worst float32 distance ${worstUlps} ulp (${worstUlpsAt}); worst float64 relative error ${worstRelative} (${worstRelativeAt})`);
  t.comment(`golden: fragile steps outside tolerance: ${fragileDisagreements}`);
  t.equal(steps, 8941, 'the whole golden file was read');
  t.ok(worstUlps <= 4, 'every non-fragile float32 value within 4 ulps');
  t.ok(share >= 0.99, `at least 99% bit-identical (got ${(share * 100).toFixed(2)}%)`);
});

t.test('the canonical form is what keras.optimizers.schedules.serialize() writes, number spellings included', async (t) => {
  let compared = 0;
  for (const c of valueCases) {
    const expected = expectedCanonical(c);
    if (expected === undefined) continue;
    const loaded = load(c);
    const written = readSpelled(loaded.canonicalJson);
    t.same(written.value, expected.value, `${c.id} (${c.form}): same values`);
    t.same(written.floats, expected.floats, `${c.id} (${c.form}): the same numbers are floats (1.0) and ints (1)`);
    t.equal(JSON.stringify(Object.keys(loaded.canonical.config)), JSON.stringify(Object.keys((expected.value as { config: object }).config)), `${c.id}: key order`);
    t.same(loaded.canonical, written.value, `${c.id}: the canonical object is the canonical text's value`);
    compared++;
  }
  t.equal(compared, 310, 'every golden case with a canonical_text');
  t.comment(`normalize equals Keras's serialize() text on ${compared} of ${compared} golden cases, spellings included`);
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
