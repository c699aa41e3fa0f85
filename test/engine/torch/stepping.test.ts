import t from 'tap';
import { RequestError, ScheduleError } from '../../../src/engine/errors.js';
import { FIRST_CHECKPOINT_INTERVAL, loadTorchSchedule, MAX_CHECKPOINTS, MAX_RECURSION_STEPS } from '../../../src/engine/torch/index.js';
import { loadTransformersSchedule } from '../../../src/engine/transformers/index.js';
import { refusedAt, valueCases } from './golden.js';

const sgdr = { class_name: 'CosineAnnealingWarmRestarts', config: { T_0: 7, T_mult: 2, eta_min: 1e-5 } };
const warmupCosine = {
  class_name: 'SequentialLR',
  config: {
    schedulers: [
      { class_name: 'LinearLR', config: { start_factor: 0.01, total_iters: 1000 } },
      { class_name: 'CosineAnnealingLR', config: { T_max: 300_000, eta_min: 1e-6 } },
    ],
    milestones: [1000],
  },
  base_lr: 0.1,
};

t.test('fill equals at() at every step', async (t) => {
  for (const c of valueCases.filter((_, i) => i % 3 === 0)) {
    const load = c.family === 'torch' ? loadTorchSchedule : loadTransformersSchedule;
    // OneCycleLR has no step beyond total_steps: stay within the golden's steps.
    const last = Math.max(...c.steps);
    const out = new Float64Array(Math.min(600, last + 1));
    load(c.schedule).schedule.atRange(0, 1, out);
    const reference = load(c.schedule);
    let same = true;
    out.forEach((v, k) => (same &&= Object.is(v, reference.schedule.at(k))));
    t.ok(same, `${c.id}: steps 0..${out.length - 1}`);
    const strided = new Float64Array(Math.min(50, Math.floor((last - 37) / 113) + 1));
    load(c.schedule).schedule.atRange(37, 113, strided);
    t.ok(strided.every((v, i) => Object.is(v, reference.schedule.at(37 + 113 * i))), `${c.id}: 50 steps from 37 by 113`);
  }
});

t.test('a 200,000-step fill equals at() at sampled steps, and the golden values', async (t) => {
  for (const c of valueCases.filter((c) => Math.max(...c.steps) > 100_000)) {
    const load = c.family === 'torch' ? loadTorchSchedule : loadTransformersSchedule;
    const last = Math.max(...c.steps);
    const out = new Float64Array(Math.min(200_000, last + 1));
    const start = last + 1 - out.length;
    const started = performance.now();
    load(c.schedule).schedule.atRange(start, 1, out);
    const took = performance.now() - started;
    const fresh = load(c.schedule);
    let same = true;
    for (let i = 0; i < out.length; i += 997) same &&= Object.is(out[i], fresh.schedule.at(start + i));
    t.ok(same, `${c.id}: fill(${start}, 1, ${out.length}) equals at() every 997 steps (fill took ${took.toFixed(0)} ms)`);
    const again = load(c.schedule);
    const golden = c.steps.map((s, i) => [s, c.expected[i] as number] as const).filter(([s]) => s >= start);
    t.ok(golden.every(([s]) => Object.is(out[s - start], again.schedule.at(s))), `${c.id}: the golden steps in range agree with at()`);
  }
  const big = loadTorchSchedule(warmupCosine);
  const out = new Float64Array(200_000);
  big.schedule.atRange(0, 1, out);
  const fresh = loadTorchSchedule(warmupCosine);
  let same = true;
  for (let k = 0; k < out.length; k += 1009) same &&= Object.is(out[k], fresh.schedule.at(k));
  t.ok(same, 'warmup + cosine: 200,000 steps equal at() every 1009 steps');
  const strided = new Float64Array(1000);
  loadTorchSchedule(warmupCosine).schedule.atRange(5, 997, strided);
  t.ok(strided.every((v, i) => Object.is(v, fresh.schedule.at(5 + 997 * i))), 'a strided fill (stride 997) equals at()');
});

t.test('checkpoints: at(1_000_000) after at(10) equals a fresh object\'s, and later calls are fast', async (t) => {
  const documents = [
    warmupCosine,
    { class_name: 'CosineAnnealingLR', config: { T_max: 50_000 }, base_lr: 0.1 },
    { class_name: 'ChainedScheduler', config: { schedulers: [{ class_name: 'StepLR', config: { step_size: 1000, gamma: 0.999 } }, sgdr] }, base_lr: 0.1 },
    { ...sgdr, base_lr: 0.3 },
  ];
  for (const document of documents) {
    const used = loadTorchSchedule(document);
    used.schedule.at(10);
    let started = performance.now();
    const first = used.schedule.at(1_000_000);
    const firstMs = performance.now() - started;
    started = performance.now();
    const second = used.schedule.at(1_000_000);
    const secondMs = performance.now() - started;
    started = performance.now();
    const below = used.schedule.at(1_000_000 - 12_345);
    const belowMs = performance.now() - started;
    const fresh = loadTorchSchedule(document);
    t.ok(Object.is(first, fresh.schedule.at(1_000_000)) && Object.is(second, first), `${document.class_name}: at(1_000_000) = ${first}, as a fresh object's`);
    t.ok(Object.is(below, fresh.schedule.at(1_000_000 - 12_345)), `${document.class_name}: a step below, from a checkpoint`);
    t.ok(Object.is(used.schedule.at(10), fresh.schedule.at(10)), `${document.class_name}: back to step 10`);
    t.comment(
      `${document.class_name}: at(1_000_000) first ${firstMs.toFixed(1)} ms, again ${secondMs.toFixed(3)} ms; ` +
        `at(987_655) then ${belowMs.toFixed(1)} ms (from the nearest checkpoint: at most ${FIRST_CHECKPOINT_INTERVAL * 2} steps below at 1,000,000; under tap's coverage instrumentation, about 10x slower than uninstrumented)`,
    );
  }
});

t.test('past MAX_CHECKPOINTS the checkpoints thin out and the interval doubles: every step still equals a fresh object\'s', async (t) => {
  const document = { class_name: 'CosineAnnealingLR', config: { T_max: 70_001 }, base_lr: 0.1 };
  const used = loadTorchSchedule(document);
  // Two thinnings: past FIRST_CHECKPOINT_INTERVAL * MAX_CHECKPOINTS * 2^2 steps.
  const far = FIRST_CHECKPOINT_INTERVAL * MAX_CHECKPOINTS * 4 + 777;
  const farLr = used.schedule.at(far);
  const probes = [far - 1, 3, FIRST_CHECKPOINT_INTERVAL * MAX_CHECKPOINTS + 1, far - 100_000, 1_234_567, far];
  const got = probes.map((step) => used.schedule.at(step));
  // A fresh object stepped forward once, through the probes in order (it never goes back to a checkpoint).
  const forward = loadTorchSchedule(document);
  const byStep = new Map([...probes].sort((a, b) => a - b).map((step) => [step, forward.schedule.at(step)]));
  const fresh = probes.map((step) => byStep.get(step));
  t.ok(got.every((v, i) => Object.is(v, fresh[i])), `steps ${probes.join(', ')} after at(${far}) equal fresh objects'`);
  t.ok(Object.is(farLr, got[got.length - 1]), 'and the far step again');
});

t.test('settled recursions answer any later step at once; the rest stop at MAX_RECURSION_STEPS', async (t) => {
  const linear = loadTorchSchedule({ class_name: 'LinearLR', config: { start_factor: 0.5, total_iters: 10 }, base_lr: 0.2 });
  const last = linear.schedule.at(11);
  t.equal(linear.schedule.at(Number.MAX_SAFE_INTEGER), last, 'LinearLR after total_iters: any step');
  const sequential = loadTorchSchedule({
    class_name: 'SequentialLR',
    config: { schedulers: [{ class_name: 'ConstantLR', config: { factor: 0.5 } }, { class_name: 'MultiStepLR', config: { milestones: [30, 60] } }], milestones: [10] },
  });
  t.equal(sequential.schedule.at(9_000_000_000_000), sequential.schedule.at(70), 'SequentialLR settled after its last milestone and MultiStepLR\'s');
  const exponential = loadTorchSchedule({ class_name: 'ExponentialLR', config: { gamma: 0.5 } });
  t.equal(exponential.schedule.at(2 ** 40), 0, 'ExponentialLR underflows to 0 and stays');
  t.equal(MAX_RECURSION_STEPS, 50_000_000, 'the default limit');
  const limit = 196_608;
  const cosine = loadTorchSchedule({ class_name: 'CosineAnnealingLR', config: { T_max: 10 } }, { maxRecursionSteps: limit });
  refusedAt(t, () => cosine.schedule.at(limit + 1), '/step', /beyond 196608 steps/, 'an unsettled recursion is refused beyond the limit');
  refusedAt(t, () => cosine.schedule.at(limit + 5), '/step', /./, 'and again at once');
  t.type(cosine.schedule.at(limit), 'number', 'the limit itself is answered');
  t.equal(cosine.schedule.at(3), loadTorchSchedule({ class_name: 'CosineAnnealingLR', config: { T_max: 10 } }).schedule.at(3), 'early steps still answer');
  refusedAt(t, () => cosine.schedule.at(limit + 9), '/step', /./, 'and the limit holds from below too');
  const sgdrAlone = loadTorchSchedule(sgdr);
  t.type(sgdrAlone.schedule.at(Number.MAX_SAFE_INTEGER - 1), 'number', 'CosineAnnealingWarmRestarts alone jumps to any step');
  const cyclic = loadTorchSchedule({ class_name: 'CyclicLR', config: { base_lr: 0.001, max_lr: 0.01, step_size_up: 3 } });
  const cyclicOut = new Float64Array(100);
  cyclic.schedule.atRange(10 ** 12, 1, cyclicOut);
  t.ok(cyclicOut.every((v, i) => Object.is(v, cyclic.schedule.at(10 ** 12 + i))), 'CyclicLR alone jumps to any step');
});

t.test('where torch raises at a step, that step and every later one are refused naming /step', async (t) => {
  const onecycle = loadTorchSchedule({ class_name: 'OneCycleLR', config: { max_lr: 0.01, total_steps: 100 } });
  t.type(onecycle.schedule.at(100), 'number', 'OneCycleLR answers step total_steps (extrapolated)');
  refusedAt(t, () => onecycle.schedule.at(101), '/step', /Tried to step 101 times/, 'one step more raises, as in torch');
  const chained = loadTorchSchedule({
    class_name: 'ChainedScheduler',
    config: { schedulers: [{ class_name: 'ExponentialLR', config: { gamma: 0.9 } }, { class_name: 'OneCycleLR', config: { max_lr: 0.01, total_steps: 20 } }] },
  });
  t.type(chained.schedule.at(20), 'number', 'inside a composite too: step 20 answers');
  refusedAt(t, () => chained.schedule.at(21), '/step', /./, 'step 21 raises');
  refusedAt(t, () => chained.schedule.at(500), '/step', /./, 'and so does every later step');
  t.type(chained.schedule.at(3), 'number', 'earlier steps still answer');
  const out = new Float64Array(30);
  t.throws(() => chained.schedule.atRange(0, 1, out), RequestError, 'a fill across the failure is refused');
  // triangular2 halves the amplitude each cycle: 2.0 ** (cycle - 1) overflows (OverflowError) at cycle 1025.
  const cyclic = loadTorchSchedule({ class_name: 'CyclicLR', config: { base_lr: 0.001, max_lr: 0.01, step_size_up: 1, mode: 'triangular2' } });
  t.type(cyclic.schedule.at(2047), 'number', 'triangular2 at cycle 1024');
  refusedAt(t, () => cyclic.schedule.at(2048), '/step', /OverflowError/, 'cycle 1025: Python raises OverflowError');
});

t.test('steps and ranges are checked', async (t) => {
  const schedule = loadTorchSchedule(warmupCosine);
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) refusedAt(t, () => schedule.schedule.at(bad), '/step', /./, `step ${bad}`);
  refusedAt(t, () => schedule.schedule.atRange(0, 0, new Float64Array(3)), '/range/stride', /./, 'stride 0');
  refusedAt(t, () => schedule.schedule.atRange(-2, 1, new Float64Array(3)), '/range/start', /./, 'negative start');
  schedule.schedule.atRange(4, 1, new Float64Array(0));
  const hf = loadTransformersSchedule({ class_name: 'cosine', config: { num_warmup_steps: 10, num_training_steps: 100 }, base_lr: 1e-4 });
  refusedAt(t, () => hf.schedule.at(-3), '/step', /./, 'transformers: negative step');
  t.type(hf.schedule.at(Number.MAX_SAFE_INTEGER), 'number', 'transformers: any step, directly');
});
