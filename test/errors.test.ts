import fc from 'fast-check';
import { connect } from 'node:net';
import t from 'tap';
import { MAX_BODY_NESTING } from '../src/plugins/json-body.js';
import { exampleSchedule } from '../src/schemas/examples.js';
import { buildTestApp, type ProblemBody } from './helpers/app.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

t.test('every error is an RFC 9457 problem document', async (t) => {
  const app = await buildTestApp(t, { BODY_LIMIT: 4096 });
  const cases = [
    { status: 404, request: { method: 'GET' as const, url: '/v2/nothing' } },
    { status: 405, request: { method: 'DELETE' as const, url: '/v1/learning-rate' } },
    { status: 400, request: { method: 'GET' as const, url: '/v1/schedules/%FF' } },
    { status: 400, request: { method: 'GET' as const, url: '/v1/schedules/%E0%A4%A' } },
    { status: 400, request: { method: 'GET' as const, url: '/%FF' } },
    { status: 400, request: { method: 'GET' as const, url: `/v1/schedules/${'A'.repeat(101)}` } },
    { status: 404, request: { method: 'GET' as const, url: `/v1/schedules/${'A'.repeat(100)}` } },
    ...['/v1/learning-rate', '/v1/learning-rates', '/v1/schedules/normalize'].map((url) => ({
      status: 400,
      request: { method: 'POST' as const, url, headers: { 'content-type': 'application/json' }, payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) },
    })),
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
    t.ok(body.instance, 'the request id is the instance');
    t.equal(response.headers['x-request-id'], body.instance, 'and is echoed in x-request-id');
    t.notMatch(response.body, /at .*\.(ts|js):\d+/, 'no stack trace');
  }
});

t.test('the router\'s own refusals are problem documents with the request id', async (t) => {
  const app = await buildTestApp(t);
  const badUrl = await app.inject({ method: 'GET', url: '/v1/schedules/%FF', headers: { 'x-request-id': 'bad-url-1' } });
  t.equal(badUrl.statusCode, 400);
  t.equal(badUrl.headers['content-type'], PROBLEM);
  t.match(badUrl.json(), { status: 400, title: 'Bad Request', detail: /percent-encoded/, instance: 'bad-url-1' });
  t.equal(badUrl.headers['x-request-id'], 'bad-url-1');
  const long = await app.inject({ method: 'GET', url: `/v1/schedules/${'C'.repeat(101)}` });
  t.equal(long.statusCode, 400, 'a 101-character class name: 400, as the parameter schema (maxLength 100) says');
  t.match(long.json(), { detail: /longer than 100 characters/ });
  t.equal(long.headers['x-request-id'], (long.json() as ProblemBody).instance);
});

t.test('invalid UTF-8 is refused on every POST route, before anything is read', async (t) => {
  const app = await buildTestApp(t);
  // A valid request but for one byte: the schedule's name holds 0xC3 0x28 (a broken two-byte sequence).
  const valid = `{"schedule": {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "name": "NAME"}}, "step": 1, "steps": [1]}`;
  const [before, after] = valid.split('NAME') as [string, string];
  const payload = Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);
  for (const url of ['/v1/learning-rate', '/v1/schedules/normalize']) {
    const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
    t.equal(response.statusCode, 400, url);
    t.match(response.json(), { detail: /not valid UTF-8/ }, url);
  }
  const withSteps = Buffer.from(payload.toString('latin1').replace('"step": 1, ', ''), 'latin1');
  const rates = await app.inject({ method: 'POST', url: '/v1/learning-rates', headers: { 'content-type': 'application/json' }, payload: withSteps });
  t.equal(rates.statusCode, 400, '/v1/learning-rates');
  t.match(rates.json(), { detail: /not valid UTF-8/ });
  const fixed = await app.inject({ method: 'POST', url: '/v1/learning-rate', headers: { 'content-type': 'application/json' }, payload: valid.replace('NAME', 'é').replace(', "steps": [1]', '') });
  t.equal(fixed.statusCode, 200, 'the same body in valid UTF-8 is answered');
});

t.test('a body nested deeper than MAX_BODY_NESTING is refused before it is parsed, naming where', async (t) => {
  const app = await buildTestApp(t);
  const depth = 400_000;
  const cases = [
    { url: '/v1/learning-rate', text: `{"schedule": ${'['.repeat(depth)}${']'.repeat(depth)}, "step": 1}`, path: `/schedule${'/0'.repeat(MAX_BODY_NESTING - 1)}` },
    { url: '/v1/learning-rates', text: `{"schedule": {"class_name": "CosineDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 10}}, "steps": ${'['.repeat(depth)}${']'.repeat(depth)}}`, path: `/steps${'/0'.repeat(MAX_BODY_NESTING - 1)}` },
    // Unclosed: no valid JSON at all, still refused for its depth first.
    { url: '/v1/schedules/normalize', text: `{"schedule": {"a\\u0041": ${'{"k": '.repeat(100)}`, path: `/schedule/aA${'/k'.repeat(MAX_BODY_NESTING - 2)}` },
  ];
  for (const { url, text, path } of cases) {
    const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: text });
    t.equal(response.statusCode, 400, url);
    t.same((response.json() as ProblemBody).errors, [{ path, message: `nested deeper than ${MAX_BODY_NESTING} levels, which no request needs` }], `${url}: names the first container too deep`);
  }
  const deepButFine = { schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, name: 'x' } }, step: 1, extra: JSON.parse(`${'['.repeat(MAX_BODY_NESTING - 1)}${']'.repeat(MAX_BODY_NESTING - 1)}`) as unknown };
  const fine = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: deepButFine });
  t.match(fine.json(), { errors: [{ path: '/extra', message: /not a known field/ }] }, `${MAX_BODY_NESTING} levels are parsed (and refused for what they are)`);
});

t.test('what one schedule may hold is bounded, and refusals name the field', async (t) => {
  const app = await buildTestApp(t);
  const exponential = (config: Record<string, unknown>) => ({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, ...config } });
  const ask = (schedule: unknown) => app.inject({ method: 'POST', url: '/v1/schedules/normalize', payload: { schedule } });
  t.equal((await ask(exponential({ name: 'n'.repeat(256) }))).statusCode, 200, 'a 256-character name is fine');
  const longName = await ask(exponential({ name: 'n'.repeat(900_000) }));
  t.equal(longName.statusCode, 400);
  t.same((longName.json() as ProblemBody).errors, [{ path: '/schedule/config/name', message: 'must not have more than 256 characters (a name), got 900000' }]);
  t.ok(longName.body.length < 1000, 'the name is not echoed back');
  const boundaries = Array.from({ length: 10_001 }, (_, i) => i + 1);
  const pcd = await ask({ class_name: 'PiecewiseConstantDecay', config: { boundaries, values: [...boundaries, 0] } });
  t.equal(pcd.statusCode, 400);
  t.match((pcd.json() as ProblemBody).errors, [{ path: '/schedule/config/boundaries', message: /more than 10000 items/ }]);
  const fine = await ask({ class_name: 'PiecewiseConstantDecay', config: { boundaries: boundaries.slice(0, 10_000), values: boundaries } });
  t.equal(fine.statusCode, 200, '10,000 boundaries are fine');
  const longModule = await ask({ ...exponential({}), module: 'm'.repeat(5000) });
  t.same((longModule.json() as ProblemBody).errors, [{ path: '/schedule/module', message: 'must not have more than 1024 characters (a string in a schedule), got 5000' }]);
  const longKey = await ask({ module: 'keras.optimizers', class_name: 'Adam', config: { ['k'.repeat(100_000)]: 1, learning_rate: exponential({}) } });
  t.equal(longKey.statusCode, 400);
  t.match((longKey.json() as ProblemBody).errors, [{ path: '/schedule/config', message: /a key of 100000 characters/ }]);
  t.ok(longKey.body.length < 1000, 'the key is not echoed back');
  const extra = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exponential({}), step: 1, ['x'.repeat(500_000)]: 1 } });
  t.equal(extra.statusCode, 400);
  t.ok(extra.body.length < 10_000, `an unknown 500,000-character key outside the schedule is clipped in the answer (${extra.body.length} bytes)`);
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

t.test('what Node refuses before a request exists is problem+json too: malformed HTTP, headers too large', async (t) => {
  const app = await buildTestApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as import('node:net').AddressInfo;
  const send = (raw: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(raw));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  for (const [raw, status] of [
    ['GARBAGE / HTTP/1.1\r\n\r\n', 400],
    [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ] as const) {
    const answer = await send(raw);
    t.match(answer, new RegExp(`^HTTP/1.1 ${status} `), `status ${status}`);
    t.match(answer, /content-type: application\/problem\+json; charset=utf-8/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as ProblemBody;
    t.equal(body.status, status);
    t.equal(body.instance, /x-request-id: ([^\r]+)/i.exec(answer)?.[1], 'with a request id, in the body and the header');
  }
});
