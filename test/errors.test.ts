import fc from 'fast-check';
import t from 'tap';
import { exampleSchedule } from '../src/schemas/examples.js';
import { buildTestApp, type ProblemBody } from './helpers/app.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

t.test('every error is an RFC 9457 problem document', async (t) => {
  const app = await buildTestApp(t, { BODY_LIMIT: 4096 });
  const cases = [
    { status: 404, request: { method: 'GET' as const, url: '/v2/nothing' } },
    { status: 404, request: { method: 'DELETE' as const, url: '/v1/learning-rate' } },
    { status: 415, request: { method: 'POST' as const, url: '/v1/learning-rate', headers: { 'content-type': 'text/plain' }, payload: 'step=1' } },
    { status: 415, request: { method: 'POST' as const, url: '/v1/learning-rate', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'step=1' } },
    { status: 400, request: { method: 'POST' as const, url: '/v1/learning-rate', headers: { 'content-type': 'application/json' }, payload: '{"schedule": ' } },
    { status: 400, request: { method: 'POST' as const, url: '/v1/learning-rate', headers: { 'content-type': 'application/json' }, payload: '' } },
    { status: 413, request: { method: 'POST' as const, url: '/v1/learning-rates', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ schedule: exampleSchedule, steps: Array.from({ length: 2000 }, (_, i) => i) }) } },
  ];
  for (const { status, request } of cases) {
    const response = await app.inject(request);
    t.equal(response.statusCode, status, `${request.method} ${request.url} ${request.headers?.['content-type'] ?? ''}`);
    t.equal(response.headers['content-type'], PROBLEM);
    const body = response.json() as ProblemBody;
    t.match(body, { type: String, title: String, status, detail: String });
    t.notMatch(response.body, /at .*\.(ts|js):\d+/, 'no stack trace');
  }
});

t.test('request ids: honoured when sane, made up otherwise, echoed either way', async (t) => {
  const app = await buildTestApp(t);
  const honoured = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trainer-7.step-42' } });
  t.equal(honoured.headers['x-request-id'], 'trainer-7.step-42');
  const forged = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'evil\nlog line' } });
  t.match(forged.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  const problem = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'abc-123' } });
  t.equal((problem.json() as ProblemBody).instance, 'abc-123');
});

t.test('no body a client can send makes a 500, and other requests still get their answers', async (t) => {
  const app = await buildTestApp(t);
  const anything = fc.jsonValue({ maxDepth: 6 });
  const scheduleish = fc.record({ class_name: fc.oneof(fc.constantFrom('CosineDecay', 'PiecewiseConstantDecay', 'CosineDecayRestarts', '__tensor__'), fc.string()), config: fc.dictionary(fc.constantFrom('initial_learning_rate', 'decay_steps', 'boundaries', 'values', 'alpha', 't_mul', 'name', 'warmup_target', 'x'), anything) }, { requiredKeys: [] });
  await fc.assert(
    fc.asyncProperty(fc.oneof(anything, scheduleish), anything, fc.constantFrom('/v1/learning-rate', '/v1/learning-rates', '/v1/schedules/normalize'), async (schedule, step, url) => {
      const [bad, good] = await Promise.all([
        app.inject({ method: 'POST', url, payload: { schedule, step, steps: [step], range: step } }),
        app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: 1500 } }),
      ]);
      return bad.statusCode >= 200 && bad.statusCode < 500 && good.statusCode === 200 && good.json().learning_rate === 0.0009939058;
    }),
    { numRuns: 500 },
  );
  t.pass('500 random bodies, none answered 5xx');
});

t.test('bodies nested far deeper than any schedule are refused with a 400, not a stack overflow', async (t) => {
  const app = await buildTestApp(t);
  const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
  const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  for (const [url, schedule] of [
    ['/v1/learning-rate', deepObject(100_000)],
    ['/v1/learning-rates', `{"class_name": "CosineDecay", "config": {"alpha": ${deepArray(400_000)}}}`],
    ['/v1/schedules/normalize', deepArray(200_000)],
  ] as const) {
    const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: `{"schedule": ${schedule}, "step": 1, "steps": [1]}` });
    t.equal(response.statusCode, 400, url);
    t.equal(response.headers['content-type'], PROBLEM);
  }
});

t.test('a body with very many problems gets a bounded answer', async (t) => {
  const app = await buildTestApp(t);
  // Steps may be negative now (Keras answers them); a string is a problem at every place.
  const steps = Array.from({ length: 20_000 }, () => 'one');
  const response = await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: {}, steps } });
  t.equal(response.statusCode, 400);
  const body = response.json() as ProblemBody;
  t.equal(body.errors?.length, 51);
  t.match(body.errors?.at(-1)?.message, /^and \d+ more problems$/);
  t.ok(response.body.length < 10_000, `${response.body.length} bytes`);
  const long = Array.from({ length: 5000 }, (_, i) => i);
  const mismatch = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: { class_name: 'PiecewiseConstantDecay', config: { boundaries: long, values: long } }, step: 1 } });
  t.equal(mismatch.statusCode, 400);
  t.match((mismatch.json() as ProblemBody).errors?.[0]?.message, /boundaries=\[0, 1, 2, 3, 4, \.\.\., 4995, 4996, 4997, 4998, 4999\] of length 5000/);
});
