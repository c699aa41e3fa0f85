import t from 'tap';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { agrees, valueCases } from '../helpers/golden.js';
import { buildTestApp, type ProblemBody } from '../helpers/app.js';

const url = '/v1/learning-rate';

t.test('answers a golden sample as Keras did, and a float32 answer cast back to float32 is Keras\'s bits', async (t) => {
  const app = await buildTestApp(t);
  let checked = 0;
  for (const c of valueCases.filter((_, i) => i % 4 === 0)) {
    const fragile = new Set(c.fragile_steps ?? []);
    for (const [i, step] of c.steps.entries()) {
      if (fragile.has(step)) continue;
      const response = await app.inject({ method: 'POST', url, payload: { schedule: c.schedule, step, ...(c.request_dtype ? { dtype: c.request_dtype } : {}) } });
      t.equal(response.statusCode, 200);
      const body = response.json() as { learning_rate: number; step: number; dtype: string };
      t.equal(body.dtype, c.dtype);
      t.equal(body.step, step);
      const expected = c.expected[i] as number;
      const value = c.dtype === 'float32' ? Math.fround(body.learning_rate) : body.learning_rate;
      if (!agrees(c.dtype, value, expected)) t.fail(`${c.id} step ${step}: ${body.learning_rate} vs ${expected}`);
      checked++;
    }
  }
  t.ok(checked > 1500, `${checked} golden steps through the route`);
});

t.test('writes float32 as the shortest decimal that reads back to the same float32', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, step: 1500 } });
  t.equal(response.body, '{"learning_rate":0.0009939058,"step":1500,"dtype":"float32"}');
  const float64 = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, step: 1500, dtype: 'float64' } });
  t.match(float64.json(), { dtype: 'float64', learning_rate: Number });
  t.not(float64.json().learning_rate, 0.0009939058);
});

t.test('steps are integers from 0 to 2^53 - 1, named when wrong', async (t) => {
  const app = await buildTestApp(t);
  for (const step of [-1, 1.5, '12', null, true, 2 ** 53, [1]]) {
    const response = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, step } });
    t.equal(response.statusCode, 400, `step ${JSON.stringify(step)}`);
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    const problem = response.json() as ProblemBody;
    t.equal(problem.errors?.[0]?.path, '/step');
  }
  const large = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, step: 2 ** 53 - 1 } });
  t.equal(large.statusCode, 200);
});

t.test('body problems name the field', async (t) => {
  const app = await buildTestApp(t);
  const missing = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule } });
  t.same((missing.json() as ProblemBody).errors, [{ path: '/step', message: 'is required' }]);
  const extra = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, step: 1, steps: [1] } });
  t.same((extra.json() as ProblemBody).errors, [{ path: '/steps', message: 'is not a known field' }]);
  const dtype = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, step: 1, dtype: 'float16' } });
  t.equal((dtype.json() as ProblemBody).errors?.[0]?.path, '/dtype');
  const schedule = await app.inject({ method: 'POST', url, payload: { schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 0 } }, step: 1 } });
  t.equal(schedule.statusCode, 400);
  t.same((schedule.json() as ProblemBody).errors, [{ path: '/schedule/config/decay_steps', message: 'Argument `decay_steps` must be > 0. Received: decay_steps=0' }]);
});
