/**
 * The cases of Keras's own schedule tests (keras/src/optimizers/schedules/learning_rate_schedule_test.py, Keras 3)
 * that ask for a rate, answered by this service instead of Keras. The expectations are Keras's (its test file's
 * formulas, computed here in double as Python computes them); the tolerance is its assertAllClose(x, y, 1e-6):
 * |x - y| <= 1e-6 + 1e-6 * |y|.
 */
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

type Config = Record<string, unknown>;
interface KerasCase {
  readonly test: string;
  readonly className: string;
  readonly config: Config;
  readonly step: number;
  readonly expected: number;
}

const f64 = (value: number) => ({ class_name: '__tensor__', config: { value, dtype: 'float64' } });

function npCosineDecay(step: number, decaySteps: number, alpha = 0.0): number {
  const completed = Math.min(step, decaySteps) / decaySteps;
  return (1.0 - alpha) * (0.5 * (1.0 + Math.cos(Math.PI * completed))) + alpha;
}

function linearWarmup(step: number, warmupSteps: number, initialLr: number, targetLr: number): number {
  return (step / warmupSteps) * (targetLr - initialLr);
}

function npCosineDecayRestarts(step: number, decaySteps: number, tMul = 2.0, mMul = 1.0, alpha = 0.0): number {
  let factor = 1.0;
  while (step >= decaySteps) {
    step -= decaySteps;
    decaySteps *= tMul;
    factor *= mMul;
  }
  return (1.0 - alpha) * (factor * 0.5 * (1.0 + Math.cos(Math.PI * (step / decaySteps)))) + alpha;
}

const range = (start: number, stop: number, stride: number) => Array.from({ length: Math.ceil((stop - start) / stride) }, (_, i) => start + i * stride);

const cases: KerasCase[] = [
  { test: 'ExponentialDecay test_continuous', className: 'ExponentialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96 }, step: 5, expected: 0.05 * 0.96 ** (5.0 / 10.0) },
  ...['test_staircase', 'test_variables'].flatMap((test) =>
    [1.0, 2, 100].map((step) => ({
      test: `ExponentialDecay ${test} step ${step}`,
      className: 'ExponentialDecay',
      config: { initial_learning_rate: 0.1, decay_steps: 3, decay_rate: 0.96, staircase: true },
      step,
      expected: step === 100 ? 0.1 * 0.96 ** Math.floor(100 / 3) : 0.1,
    })),
  ),
  ...([[-999.0, 1.0], [100, 1.0], [105, 0.1], [110, 0.1], [120, 0.01], [999, 0.001]] as const).map(([step, expected]) => ({
    test: `PiecewiseConstantDecay test_piecewise_values step ${step}`,
    className: 'PiecewiseConstantDecay',
    config: { boundaries: [100, 110, 120], values: [1.0, 0.1, 0.01, 0.001] },
    step,
    expected,
  })),
  ...[0.4, 0.4, 0.5, 0.6, 0.7].map((expected, step) => ({
    test: `PiecewiseConstantDecay test_boundary_values step ${step}`,
    className: 'PiecewiseConstantDecay',
    config: { boundaries: [1, 2, 3], values: [0.4, 0.5, 0.6, 0.7] },
    step,
    expected,
  })),
  { test: 'LinearDecay test_halfway', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.0 }, step: 5, expected: 0.05 * 0.5 },
  { test: 'LinearDecay test_end', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001 }, step: 10, expected: 0.001 },
  { test: 'LinearDecay test_halfway_with_end', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001 }, step: 5, expected: (0.05 + 0.001) * 0.5 },
  { test: 'LinearDecay test_beyond_end', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001 }, step: 15, expected: 0.001 },
  { test: 'LinearDecay test_beyond_end_with_cycle', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001, cycle: true }, step: 15, expected: (0.05 - 0.001) * 0.25 + 0.001 },
  { test: 'SqrtDecay test_halfway', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.0, power: 0.5 }, step: 5, expected: 0.05 * 0.5 ** 0.5 },
  { test: 'SqrtDecay test_end', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001, power: 0.5 }, step: 10, expected: 0.001 },
  { test: 'SqrtDecay test_halfway_with_end', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001, power: 0.5 }, step: 5, expected: (0.05 - 0.001) * 0.5 ** 0.5 + 0.001 },
  { test: 'SqrtDecay test_beyond_end', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001, power: 0.5 }, step: 15, expected: 0.001 },
  { test: 'SqrtDecay test_beyond_end_with_cycle', className: 'PolynomialDecay', config: { initial_learning_rate: 0.05, decay_steps: 10, end_learning_rate: 0.001, power: 0.5, cycle: true }, step: 15, expected: (0.05 - 0.001) * 0.25 ** 0.5 + 0.001 },
  { test: 'SqrtDecay test_begin_with_cycle', className: 'PolynomialDecay', config: { initial_learning_rate: 0.001, decay_steps: 10, cycle: true }, step: 0, expected: 0.001 },
  ...range(0, 11, 1).map((i) => ({ test: `InverseTimeDecay test_decay step ${i}.0`, className: 'InverseTimeDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.96 }, step: i, expected: 0.1 / (1 + (i / 10) * 0.96) })),
  ...range(0, 11, 1).map((i) => ({ test: `InverseTimeDecay test_staircase step ${i}.0`, className: 'InverseTimeDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.96, staircase: true }, step: i, expected: 0.1 / (1 + 0.96 * Math.floor(i / 10)) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecay test_decay step ${step}`, className: 'CosineDecay', config: { initial_learning_rate: 1.0, decay_steps: 1000 }, step, expected: npCosineDecay(step, 1000) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecay test_warmup step ${step}`, className: 'CosineDecay', config: { initial_learning_rate: 0.0, decay_steps: 10, warmup_target: 10.0, warmup_steps: 1500 }, step, expected: linearWarmup(step, 1500, 0.0, 10.0) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecay test_alpha step ${step}`, className: 'CosineDecay', config: { initial_learning_rate: 1.0, decay_steps: 1000, alpha: 0.1 }, step, expected: npCosineDecay(step, 1000, 0.1) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecay test_float64 step ${step}`, className: 'CosineDecay', config: { initial_learning_rate: f64(1.0), decay_steps: 1000 }, step, expected: npCosineDecay(step, 1000) })),
  ...range(0, 3000, 250).map((step) => ({
    test: `CosineDecay test_warmup_decay step ${step}`,
    className: 'CosineDecay',
    config: { initial_learning_rate: 0.0, decay_steps: 1000, warmup_target: 10.0, warmup_steps: 2000 },
    step,
    expected: step < 2001 ? linearWarmup(step, 2000, 0.0, 10.0) : 10.0 * npCosineDecay(step - 2000, 1000),
  })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecayRestarts test_decay step ${step}`, className: 'CosineDecayRestarts', config: { initial_learning_rate: 1.0, first_decay_steps: 1000 }, step, expected: npCosineDecayRestarts(step, 1000) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecayRestarts test_float64 step ${step}`, className: 'CosineDecayRestarts', config: { initial_learning_rate: f64(1.0), first_decay_steps: 1000 }, step, expected: npCosineDecayRestarts(step, 1000) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecayRestarts test_alpha step ${step}`, className: 'CosineDecayRestarts', config: { initial_learning_rate: 1.0, first_decay_steps: 1000, alpha: 0.1 }, step, expected: npCosineDecayRestarts(step, 1000, 2.0, 1.0, 0.1) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecayRestarts test_mmul step ${step}`, className: 'CosineDecayRestarts', config: { initial_learning_rate: 1.0, first_decay_steps: 1000, m_mul: 0.9 }, step, expected: npCosineDecayRestarts(step, 1000, 2.0, 0.9) })),
  ...range(0, 1500, 250).map((step) => ({ test: `CosineDecayRestarts test_tmul step ${step}`, className: 'CosineDecayRestarts', config: { initial_learning_rate: 1.0, first_decay_steps: 1000, t_mul: 1.0 }, step, expected: npCosineDecayRestarts(step, 1000, 1.0) })),
];

t.test('every rate Keras\'s own schedule tests ask for is answered as Keras answers it', async (t) => {
  const app = await buildTestApp(t);
  const tests = new Set<string>();
  for (const c of cases) {
    const schedule = { class_name: c.className, config: c.config };
    const response = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule, step: c.step } });
    t.equal(response.statusCode, 200, `${c.test}: answered ${response.statusCode === 200 ? "" : response.body}`);
    const rate = (response.json() as { learning_rate: number }).learning_rate;
    t.ok(Math.abs(rate - c.expected) <= 1e-6 + 1e-6 * Math.abs(c.expected), `${c.test}: ${rate} ≈ ${c.expected}`);
    tests.add(c.test.replace(/ step .*$/, ''));
  }
  t.equal(tests.size, 28, 'the 28 tests of Keras\'s file that ask for a rate');
});

t.test('negative and fractional steps, as Keras computes them', async (t) => {
  const app = await buildTestApp(t);
  const pcd = { class_name: 'PiecewiseConstantDecay', config: { boundaries: [100, 110], values: [1.0, 0.5, 0.1] } };
  const at = async (schedule: unknown, step: number) => (await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule, step } })).json() as { learning_rate: number; step: number };
  t.same(await at(pcd, -999), { learning_rate: 1, step: -999, dtype: 'float32' }, 'a negative step is before every boundary');
  t.equal((await at(pcd, 100.5)).learning_rate, 0.5, 'a fractional step compares in floating point: 100 < 100.5 <= 110');
  t.equal((await at(pcd, 100)).learning_rate, 1, 'an integer step on a boundary belongs to the interval it closes');
  // Keras casts a fractional step to float32 before comparing it with the float32 boundaries.
  const far = { class_name: 'PiecewiseConstantDecay', config: { boundaries: [16_777_219], values: [1.0, 2.0] } };
  t.equal((await at(far, 16_777_219.5)).learning_rate, 1, 'float32(16777219.5) = 16777220 <= float32(16777219) = 16777220');
  t.equal((await at(far, 16_777_220)).learning_rate, 2, 'an integer step compares exactly: 16777220 > 16777219');
  const exponential = { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } };
  t.equal((await at(exponential, -10)).learning_rate, 0.2, 'ExponentialDecay before step 0 grows: 0.1 * 0.5^-1');
  t.equal(Math.fround((await at(exponential, 5.5)).learning_rate), Math.fround(Math.fround(0.1) * Math.fround(0.5 ** Math.fround(Math.fround(5.5) / 10))), 'a fractional step is cast to float32 first');
  const list = await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: pcd, steps: [-5, 100.5, 200] } });
  t.same(list.json(), { dtype: 'float32', steps: [-5, 100.5, 200], learning_rates: [1, 0.5, 0.1] }, 'lists take them too, and echo them');
  const descending = await app.inject({ method: 'POST', url: '/v1/learning-rates', headers: { accept: 'text/csv' }, payload: { schedule: pcd, range: { start: -2, stop: 1 } } });
  t.equal(descending.body, 'step,learning_rate\n-2,1\n-1,1\n0,1\n', 'a range may start below 0');
  for (const step of ['1e999', '-1e999']) {
    const refused = await app.inject({ method: 'POST', url: '/v1/learning-rate', headers: { 'content-type': 'application/json' }, payload: `{"schedule": ${JSON.stringify(pcd)}, "step": ${step}}` });
    t.equal(refused.statusCode, 400, `an infinite step (${step}) is refused`);
    t.equal((refused.json() as { errors: { path: string }[] }).errors[0]?.path, '/step');
  }
  const fractionalRange = await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: pcd, range: { start: 0.5, stop: 3 } } });
  t.equal(fractionalRange.statusCode, 400, 'a range is integers, as in Python');
});
