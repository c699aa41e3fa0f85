import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { momentumCases, type MomentumCase as Case } from '../engine/torch/golden.js';

/*
 * The momentum a PyTorch scheduler cycles (OneCycleLR, CyclicLR with cycle_momentum), on every route and format,
 * against what real torch 2.14.1 set (test/engine/torch/momentum.jsonl, made by momentum.py).
 */
const cases = momentumCases;
/** The hand-picked cases that cycle momentum (a OneCycleLR, a CyclicLR, composites), and one that does not. */
const oneCycle = cases[0] as Case;
const cyclic = cases[8] as Case;
/** CyclicLR with its defaults: it never stops (triangular2 overflows 2.0 ** cycle after ~1,000 cycles). */
const triangular = cases[7] as Case;
const chained = cases[16] as Case;
const quiet = cases[6] as Case;

const url = '/v1/learning-rates';

function float64s(bytes: Buffer): number[] {
  const copy = new Uint8Array(bytes);
  return Array.from(new Float64Array(copy.buffer));
}

t.test('sanity of the chosen golden cases', async (t) => {
  t.equal(oneCycle.schedule.class_name, 'OneCycleLR');
  t.equal(cyclic.schedule.class_name, 'CyclicLR');
  t.same(triangular.schedule.config, { base_lr: 0.001, max_lr: 0.01, step_size_up: 25 });
  t.equal(chained.schedule.class_name, 'ChainedScheduler');
  t.equal(quiet.schedule.config['cycle_momentum'], false);
});

t.test('one step: momentum beside the learning rate', async (t) => {
  const app = await buildTestApp(t);
  for (const c of [oneCycle, cyclic, chained]) {
    for (const step of [0, 1, 89, 90, 150, c.lr.length - 1]) {
      const response = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: c.schedule, step } });
      t.equal(response.statusCode, 200);
      const body = response.json() as { learning_rate: number; momentum: number; step: number; dtype: string };
      t.same(Object.keys(body), ['learning_rate', 'step', 'dtype', 'momentum'], 'the usual keys, then momentum');
      t.ok(Object.is(body.learning_rate, c.lr[step]) && Object.is(body.momentum, c.momentum_sgd[step]), `${c.schedule.class_name} step ${step}: torch's lr and momentum`);
    }
  }
  const plain = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: quiet.schedule, step: 10 } });
  t.notOk('momentum' in (plain.json() as object), 'cycle_momentum=False: no momentum (the optimizer keeps its own)');
});

t.test('a list and a range, in JSON, CSV and binary, inline and in a worker', async (t) => {
  for (const workers of [0, 1]) {
    const app = await buildTestApp(t, { RANGE_WORKERS: workers });
    for (const c of [oneCycle, cyclic, chained]) {
      const n = c.lr.length;
      const steps = [5, 0, n - 1, 100];
      const list = (await app.inject({ method: 'POST', url, payload: { schedule: c.schedule, steps } })).json() as { learning_rates: number[]; momentum: number[] };
      t.same(list.momentum, steps.map((s) => c.momentum_sgd[s]), `${c.schedule.class_name}: a list's momentum in its order`);
      t.same(list.learning_rates, steps.map((s) => c.lr[s]));

      const range = { start: 0, stop: n };
      const json = (await app.inject({ method: 'POST', url, payload: { schedule: c.schedule, range } })).json() as { learning_rates: number[]; momentum: number[] };
      t.same(json.momentum, c.momentum_sgd, `${c.schedule.class_name}: the range's momentum, every step as torch set it`);
      t.same(json.learning_rates, c.lr);

      const csv = await app.inject({ method: 'POST', url, payload: { schedule: c.schedule, range }, headers: { accept: 'text/csv' } });
      const rows = csv.body.trim().split('\n');
      t.equal(rows[0], 'step,learning_rate,momentum');
      t.same(rows.slice(1).map((row) => Number(row.split(',')[2])), c.momentum_sgd, 'CSV: a momentum column');

      const binary = await app.inject({ method: 'POST', url, payload: { schedule: c.schedule, range }, headers: { accept: 'application/octet-stream' } });
      t.equal(binary.headers['x-momentum-count'], String(n));
      t.equal(binary.headers['x-learning-rate-count'], String(n));
      const values = float64s(binary.rawPayload);
      t.equal(values.length, 2 * n, 'binary: the rates, then the momentum');
      t.same(values.slice(0, n), c.lr);
      t.same(values.slice(n), c.momentum_sgd);
    }
    // Big enough for the worker (65,536 steps): a CyclicLR never stops; the same bits as inline.
    const big = { schedule: triangular.schedule, range: { start: 0, stop: 70_000 } };
    const binary = await app.inject({ method: 'POST', url, payload: big, headers: { accept: 'application/octet-stream' } });
    const values = float64s(binary.rawPayload);
    t.equal(values.length, 140_000, `${workers ? 'worker' : 'inline'}: 70,000 rates and 70,000 momentum values`);
    t.same(values.slice(70_000, 70_000 + triangular.lr.length), triangular.momentum_sgd, 'the momentum block from step 0, as torch set it');
    const json = (await app.inject({ method: 'POST', url, payload: big })).json() as { momentum: number[] };
    t.equal(json.momentum.length, 70_000);
    t.same(json.momentum, values.slice(70_000), 'JSON and binary agree on 70,000 steps');
  }
});

t.test('schedules that do not cycle momentum answer as before', async (t) => {
  const app = await buildTestApp(t);
  const range = { start: 0, stop: 20 };
  const keras = { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } };
  for (const schedule of [quiet.schedule, keras]) {
    const json = (await app.inject({ method: 'POST', url, payload: { schedule, range } })).json() as object;
    t.notOk('momentum' in json);
    const csv = await app.inject({ method: 'POST', url, payload: { schedule, range }, headers: { accept: 'text/csv' } });
    t.ok(csv.body.startsWith('step,learning_rate\n'));
    const binary = await app.inject({ method: 'POST', url, payload: { schedule, range }, headers: { accept: 'application/octet-stream' } });
    t.equal(binary.headers['x-momentum-count'], undefined);
    t.equal(binary.rawPayload.length, 20 * (schedule === keras ? 4 : 8), 'the rates alone');
  }
});

t.test('past OneCycleLR\'s total steps: refused for the momentum as for the lr', async (t) => {
  const app = await buildTestApp(t);
  const n = oneCycle.lr.length;
  const response = await app.inject({ method: 'POST', url, payload: { schedule: oneCycle.schedule, range: { start: 0, stop: 400 } } });
  t.equal(response.statusCode, n < 400 && oneCycle.error !== null ? 400 : 200);
});

t.test('the chart draws the momentum as a second curve with its own axis', async (t) => {
  const app = await buildTestApp(t);
  const svg = await app.inject({ method: 'POST', url, payload: { schedule: cyclic.schedule, range: { start: 0, stop: 300 } }, headers: { accept: 'image/svg+xml' } });
  t.equal(svg.statusCode, 200);
  t.match(svg.body, /class="lr-momentum" d="M/, 'a momentum curve');
  t.match(svg.body, /class="lr-momentum-ticks"/, 'a momentum axis');
  t.match(svg.body, /momentum \/ beta1 \(right axis\)/, 'a legend');
  const plain = await app.inject({ method: 'POST', url, payload: { schedule: quiet.schedule, range: { start: 0, stop: 300 } }, headers: { accept: 'image/svg+xml' } });
  t.notMatch(plain.body, /lr-momentum/, 'no momentum curve where there is none');
});
