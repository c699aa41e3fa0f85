import fc from 'fast-check';
import t from 'tap';
import { loadSchedule, ScheduleRegistry } from '../../src/engine/index.js';
import Ajv from 'ajv';
import { CHUNK_BYTES } from '../../src/answers/encode.js';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { LearningRatesResponse } from '../../src/schemas/learning-rates.js';
import { SHARED_SCHEMAS } from '../../src/schemas/shared.js';
import { agrees, valueCases } from '../helpers/golden.js';
import { buildTestApp, decodeBinary, decodeCsv, type ProblemBody } from '../helpers/app.js';

/* POST /v1/learning-rates: lists and ranges. */
const url = '/v1/learning-rates';

interface JsonAnswer {
  dtype: string;
  steps: number[];
  learning_rates: (number | null)[];
}

t.test('JSON, CSV and binary carry the same numbers, and all agree with Keras', async (t) => {
  const app = await buildTestApp(t);
  for (const c of valueCases.filter((_, i) => i % 3 === 0)) {
    const payload = { schedule: c.schedule, steps: c.steps, ...(c.request_dtype ? { dtype: c.request_dtype } : {}) };
    const json = await app.inject({ method: 'POST', url, payload });
    const csv = await app.inject({ method: 'POST', url, payload, headers: { accept: 'text/csv' } });
    const binary = await app.inject({ method: 'POST', url, payload, headers: { accept: 'application/octet-stream' } });
    t.equal(json.statusCode, 200);
    const answer = json.json() as JsonAnswer;
    t.same(answer.steps, c.steps, `${c.id}: steps echoed in order`);
    t.equal(answer.dtype, c.dtype);
    t.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    t.equal(binary.headers['content-type'], 'application/octet-stream');
    t.equal(binary.headers['x-learning-rate-dtype'], c.dtype);
    t.equal(binary.headers['x-learning-rate-count'], String(c.steps.length));
    const fromCsv = decodeCsv(csv.body);
    const fromBinary = decodeBinary(binary.rawPayload, c.dtype);
    t.same(fromCsv.steps, c.steps);
    const round = c.dtype === 'float32' ? Math.fround : (x: number) => x;
    const fragile = new Set(c.fragile_steps ?? []);
    c.steps.forEach((step, i) => {
      const bits = fromBinary[i] as number;
      if (!Object.is(round(answer.learning_rates[i] as number), bits) || !Object.is(round(fromCsv.rates[i] as number), bits)) {
        t.fail(`${c.id} step ${step}: JSON ${answer.learning_rates[i]}, CSV ${fromCsv.rates[i]}, binary ${bits}`);
      }
      if (!fragile.has(step) && !agrees(c.dtype, bits, c.expected[i] as number)) t.fail(`${c.id} step ${step} vs Keras`);
    });
  }
});

t.test('a range answers what the same steps listed answer', async (t) => {
  const app = await buildTestApp(t);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: -3000, max: 3000 }).filter((s) => s !== 0), async (start, count, stride) => {
      const stop = Math.max(-1, start + count * stride);
      const steps: number[] = [];
      for (let s = start; stride > 0 ? s < stop : s > stop; s += stride) steps.push(s);
      const byRange = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start, stop, stride } }, headers: { accept: 'application/octet-stream' } });
      const bySteps = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, steps }, headers: { accept: 'application/octet-stream' } });
      return byRange.statusCode === 200 && Buffer.compare(byRange.rawPayload, bySteps.rawPayload) === 0 && byRange.headers['x-learning-rate-count'] === String(steps.length);
    }),
    { numRuns: 60 },
  );
  const json = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 5 } } });
  t.same(json.json(), { dtype: 'float32', range: { start: 0, stop: 5, stride: 1 }, learning_rates: [0, 0.0000010000001, 0.0000020000002, 0.000003, 0.0000040000004] }, 'a range answer gives its range back, not its steps; stride defaults to 1');
  const csv = await app.inject({ method: 'POST', url, headers: { accept: 'text/csv' }, payload: { schedule: exampleSchedule, range: { start: 0, stop: 5 } } });
  t.same(decodeCsv(csv.body).steps, [0, 1, 2, 3, 4], 'stop is exclusive');
});

t.test('a million-step range answers every step', async (t) => {
  const app = await buildTestApp(t);
  const binary = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } }, headers: { accept: 'application/octet-stream' } });
  t.equal(binary.statusCode, 200);
  t.equal(binary.rawPayload.byteLength, 4_000_000);
  const json = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } } });
  const answer = json.json() as Omit<JsonAnswer, 'steps'> & { range: unknown };
  t.equal(answer.learning_rates.length, 1_000_000);
  t.same(answer.range, { start: 0, stop: 1_000_000, stride: 1 }, 'the range, not a million steps');
  t.ok(json.rawPayload.byteLength > CHUNK_BYTES, 'large enough to have been streamed in chunks');
  const ajv = new Ajv.default({ strict: false });
  for (const schema of SHARED_SCHEMAS) ajv.addSchema(schema);
  const matchesSchema = ajv.compile(LearningRatesResponse);
  t.ok(matchesSchema(answer), `the streamed answer is what the response schema declares ${ajv.errorsText(matchesSchema.errors)}`);
  const rates = decodeBinary(binary.rawPayload, 'float32');
  t.ok(answer.learning_rates.every((rate, i) => rate === null ? false : Math.fround(rate) === rates[i]), 'and its numbers are the binary answer\'s bits');
});

t.test('Accept picks JSON, CSV or binary, and anything else is a 406', async (t) => {
  const app = await buildTestApp(t);
  const payload = { schedule: exampleSchedule, steps: [0, 1] };
  const none = await app.inject({ method: 'POST', url, payload, headers: { accept: '' } });
  t.equal(none.headers['content-type'], 'application/json; charset=utf-8', 'JSON by default');
  const any = await app.inject({ method: 'POST', url, payload, headers: { accept: '*/*' } });
  t.equal(any.headers['content-type'], 'application/json; charset=utf-8');
  const preferCsv = await app.inject({ method: 'POST', url, payload, headers: { accept: 'application/json;q=0.5, text/csv' } });
  t.equal(preferCsv.headers['content-type'], 'text/csv; charset=utf-8', 'q-values are honoured');
  const unservable = await app.inject({ method: 'POST', url, payload, headers: { accept: 'application/xml' } });
  t.equal(unservable.statusCode, 406);
  t.equal(unservable.headers['content-type'], 'application/problem+json; charset=utf-8');
});

t.test('exactly one of steps and range; within the point limit', async (t) => {
  const app = await buildTestApp(t, { MAX_POINTS: 10 });
  const neither = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule } });
  t.equal(neither.statusCode, 400);
  const both = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, steps: [1], range: { start: 0, stop: 2 } } });
  t.equal(both.statusCode, 400);
  const tooManyRange = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 11 } } });
  t.equal(tooManyRange.statusCode, 422);
  t.equal((tooManyRange.json() as ProblemBody).errors?.[0]?.path, '/range');
  const tooManySteps = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, steps: Array.from({ length: 11 }, (_, i) => i) } });
  t.equal(tooManySteps.statusCode, 422);
  t.equal((tooManySteps.json() as ProblemBody).errors?.[0]?.path, '/steps');
  const atLimit = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 10 } } });
  t.equal(atLimit.statusCode, 200);
  const zeroStride = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 10, stride: 0 } } });
  t.equal(zeroStride.statusCode, 400);
  t.equal((zeroStride.json() as ProblemBody).errors?.[0]?.path, '/range/stride');
  const badStep = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, steps: [1, '2'] } });
  t.equal((badStep.json() as ProblemBody).errors?.[0]?.path, '/steps/1');
  const empty = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, steps: [] } });
  t.same(empty.json(), { dtype: 'float32', steps: [], learning_rates: [] });
});

t.test('inf and nan, which JSON cannot hold, are null in JSON and inf/nan in CSV', async (t) => {
  const app = await buildTestApp(t);
  const growing = { class_name: 'ExponentialDecay', config: { initial_learning_rate: 1.0, decay_steps: 1, decay_rate: 10.0 } };
  const payload = { schedule: growing, steps: [0, 100] };
  t.same((await app.inject({ method: 'POST', url, payload })).json(), { dtype: 'float32', steps: [0, 100], learning_rates: [1, null] });
  t.equal((await app.inject({ method: 'POST', url, payload, headers: { accept: 'text/csv' } })).body, 'step,learning_rate\n0,1\n100,inf\n');
});

/* POST /v1/learning-rate: one step. */
const singleUrl = '/v1/learning-rate';

t.test('answers a golden sample as Keras did, and a float32 answer cast back to float32 is Keras\'s bits', async (t) => {
  const app = await buildTestApp(t);
  let checked = 0;
  for (const c of valueCases.filter((_, i) => i % 4 === 0)) {
    const fragile = new Set(c.fragile_steps ?? []);
    for (const [i, step] of c.steps.entries()) {
      if (fragile.has(step)) continue;
      const response = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: c.schedule, step, ...(c.request_dtype ? { dtype: c.request_dtype } : {}) } });
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
  const response = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule, step: 1500 } });
  t.equal(response.body, '{"learning_rate":0.0009939058,"step":1500,"dtype":"float32"}');
  const float64 = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule, step: 1500, dtype: 'float64' } });
  const exact = loadSchedule(exampleSchedule, new ScheduleRegistry(), { dtype: 'float64' }).schedule.at(1500);
  t.same(float64.json(), { learning_rate: exact, step: 1500, dtype: 'float64' }, 'float64 is the float64 computation, every digit of the double');
  t.ok(Math.abs(exact - 0.0009939058) < 1e-10 && exact !== 0.0009939058, `${exact}: near the float32 answer, but not its decimal`);
});

t.test('steps are finite numbers within ±(2^53 - 1), named when wrong', async (t) => {
  const app = await buildTestApp(t);
  for (const step of ['12', null, true, 2 ** 53, -(2 ** 53), [1]]) {
    const response = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule, step } });
    t.equal(response.statusCode, 400, `step ${JSON.stringify(step)}`);
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    const problem = response.json() as ProblemBody;
    t.equal(problem.errors?.[0]?.path, '/step');
  }
  const large = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule, step: 2 ** 53 - 1 } });
  t.equal(large.statusCode, 200);
});

t.test('body problems name the field', async (t) => {
  const app = await buildTestApp(t);
  const missing = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule } });
  t.same((missing.json() as ProblemBody).errors, [{ path: '/step', message: 'is required' }]);
  const extra = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule, step: 1, steps: [1] } });
  t.same((extra.json() as ProblemBody).errors, [{ path: '/steps', message: 'is not a known field' }]);
  const dtype = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: exampleSchedule, step: 1, dtype: 'float16' } });
  t.equal((dtype.json() as ProblemBody).errors?.[0]?.path, '/dtype');
  const schedule = await app.inject({ method: 'POST', url: singleUrl, payload: { schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 0 } }, step: 1 } });
  t.equal(schedule.statusCode, 400);
  t.same((schedule.json() as ProblemBody).errors, [{ path: '/schedule/config/decay_steps', message: 'Argument `decay_steps` must be > 0. Received: decay_steps=0' }]);
});

t.test('problems with a request field, found while loading or computing, point into the body as they are', async (t) => {
  const app = await buildTestApp(t);
  const torch = { module: 'torch.optim.lr_scheduler', class_name: 'OneCycleLR', config: { max_lr: 0.1, total_steps: 100 }, base_lr: 0.01 };
  const linear = { module: 'transformers', class_name: 'linear', config: { num_warmup_steps: 1, num_training_steps: 10 } };
  for (const [payload, path] of [
    [{ schedule: torch, step: 5, dtype: 'float32' }, '/dtype'],
    [{ schedule: torch, step: 500 }, '/step'],
    [{ schedule: linear, step: 1, mode: 'closed_form' }, '/mode'],
  ] as const) {
    const response = await app.inject({ method: 'POST', url: singleUrl, payload });
    t.equal(response.statusCode, 400, `${path}: a 400`);
    t.equal((response.json() as ProblemBody).errors?.[0]?.path, path, `naming ${path}, not /schedule${path}`);
  }
});
