import fc from 'fast-check';
import t from 'tap';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { agrees, valueCases } from '../helpers/golden.js';
import { buildTestApp, decodeBinary, decodeCsv, type ProblemBody } from '../helpers/app.js';

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
  t.same((json.json() as JsonAnswer).steps, [0, 1, 2, 3, 4], 'stride defaults to 1, stop is exclusive');
});

t.test('a million-step range answers every step', async (t) => {
  const app = await buildTestApp(t);
  const binary = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } }, headers: { accept: 'application/octet-stream' } });
  t.equal(binary.statusCode, 200);
  t.equal(binary.rawPayload.byteLength, 4_000_000);
  const json = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } } });
  const answer = json.json() as JsonAnswer;
  t.equal(answer.learning_rates.length, 1_000_000);
  t.equal(answer.steps[999_999], 999_999);
});

t.test('Accept negotiation', async (t) => {
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
  const badStep = await app.inject({ method: 'POST', url, payload: { schedule: exampleSchedule, steps: [1, -2] } });
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
