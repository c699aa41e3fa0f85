import t, { type Test } from 'tap';
import { ScheduleError } from '../../../src/engine/errors.js';
import { useLibm, type Libm } from '../../../src/engine/stepped/libm.js';
import { loadTorchSchedule } from '../../../src/engine/torch/index.js';
import { loadTransformersSchedule } from '../../../src/engine/transformers/index.js';
import { errorCases, refusedAt, relativeError, valueCases, type TorchGoldenValueCase } from './golden.js';

function load(c: { family: 'torch' | 'hf'; schedule: unknown }, mode?: 'stepped' | 'closed_form') {
  return c.family === 'torch' ? loadTorchSchedule(c.schedule, { mode }) : loadTransformersSchedule(c.schedule, { mode });
}

interface Tally {
  values: number;
  identical: number;
  within: number;
  worst: number;
  worstAt: string;
}

/** Every golden value, stepped; returns the tally (and fails the test for any value beyond 1e-12). */
function runGolden(t: Test, label: string, cases: readonly TorchGoldenValueCase[]): Tally {
  const tally: Tally = { values: 0, identical: 0, within: 0, worst: 0, worstAt: 'none' };
  for (const c of cases) {
    const schedule = load(c);
    c.steps.forEach((step, i) => {
      const expected = c.expected[i] as number;
      const actual = schedule.schedule.at(step);
      tally.values++;
      if (Object.is(actual, expected)) tally.identical++;
      const relative = relativeError(actual, expected);
      if (relative <= 1e-12) tally.within++;
      else t.fail(`${label} ${c.id} step ${step}: ${actual} vs ${expected} (relative ${relative})`);
      if (relative > tally.worst) [tally.worst, tally.worstAt] = [relative, `${c.id} step ${step}`];
    });
  }
  const share = (100 * tally.identical) / tally.values;
  t.comment(`${label}: ${tally.values} values in ${cases.length} cases; bit-identical ${tally.identical} (${share.toFixed(2)}%); within 1e-12 ${tally.within}; worst relative ${tally.worst} (${tally.worstAt})`);
  return tally;
}

t.test('every golden value, stepped, within 1e-12 of torch / transformers (with the default libm)', async (t) => {
  const total = runGolden(t, 'golden (default libm: glibc-exact)', valueCases);
  runGolden(t, '  torch', valueCases.filter((c) => c.family === 'torch'));
  runGolden(t, '  transformers', valueCases.filter((c) => c.family === 'hf'));
  t.equal(total.values, 10564, 'the whole golden file was read');
  t.equal(total.within, total.values, 'every value within 1e-12 relative');
});

t.test('with glibc-exact cos and pow (src/engine/math), if present: >= 99.5% bit-identical', async (t) => {
  const specifier = '../../../src/engine/math/index.js';
  const math = (await import(specifier).catch(() => undefined)) as Partial<Libm> | undefined;
  if (math?.cos === undefined || math.pow === undefined) {
    t.comment('src/engine/math does not export cos and pow (yet): skipped');
    return;
  }
  const previous = useLibm({ cos: math.cos, pow: math.pow });
  try {
    const tally = runGolden(t, 'golden (glibc libm)', valueCases);
    t.ok(tally.identical / tally.values >= 0.995, `at least 99.5% bit-identical (${tally.identical} of ${tally.values})`);
    let values = 0;
    let identical = 0;
    for (const c of valueCases) {
      if (c.closed_form === undefined) continue;
      const schedule = load(c, 'closed_form');
      c.steps.forEach((step, i) => {
        values++;
        if (Object.is(schedule.schedule.at(step), c.closed_form?.[i])) identical++;
      });
    }
    t.comment(`closed form (glibc libm): ${values} values; bit-identical ${identical} (${((100 * identical) / values).toFixed(2)}%)`);
  } finally {
    useLibm(previous);
  }
});

t.test('closed_form mode is torch\'s _get_closed_form_lr() wherever the golden has it', async (t) => {
  let values = 0;
  let identical = 0;
  let within = 0;
  for (const c of valueCases) {
    if (c.closed_form === undefined && c.closed_form_error === undefined) {
      if (c.family === 'torch' && !['SequentialLR', 'ChainedScheduler', 'CyclicLR', 'OneCycleLR', 'CosineAnnealingWarmRestarts'].includes(c.schedule.class_name)) {
        t.fail(`${c.id}: a closed-form class without closed_form in the golden`);
      }
      refusedAt(t, () => load(c, 'closed_form'), '/mode', /./, `${c.id}: no closed form: refused naming mode`);
      continue;
    }
    const schedule = load(c, 'closed_form');
    c.steps.forEach((step, i) => {
      if (c.closed_form === undefined) {
        t.throws(() => schedule.schedule.at(step), ScheduleError, `${c.id} step ${step}: torch's closed form raises`);
        return;
      }
      const expected = c.closed_form[i] as number;
      const actual = schedule.schedule.at(step);
      values++;
      if (Object.is(actual, expected)) identical++;
      if (relativeError(actual, expected) <= 1e-12) within++;
      else t.fail(`${c.id} step ${step}: closed form ${actual} vs torch ${expected}`);
    });
  }
  t.comment(`closed form: ${values} values; bit-identical ${identical} (${((100 * identical) / values).toFixed(2)}%); within 1e-12 ${within}`);
  t.equal(within, values, 'every closed-form value within 1e-12');
});

t.test('every golden error case is refused with a problem naming a field', async (t) => {
  t.equal(errorCases.length, 44, 'all 44 error cases read');
  for (const c of errorCases) {
    try {
      load(c);
      t.fail(`${c.id}: accepted (${c.why})`);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      const named = error.problems.filter((p) => p.path.startsWith('/') && p.message.length > 0);
      t.ok(named.length > 0, `${c.id}: refused at ${error.problems.map((p) => p.path).join(', ')}`);
    }
  }
});
