/*
 * The TypeScript client (clients/typescript) against the real service: buildApp listening on 127.0.0.1, real fetch.
 * Every operation of the committed document is called through the client; the answers are the engine's numbers.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { createLrScheduleClient, decodeLearningRates, ProblemError, type ClientOptions, type LrScheduleClient, type OperationId } from '../../clients/typescript/src/index.js';
import { loadSchedule, ScheduleRegistry } from '../../src/engine/index.js';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp, decodeCsv } from '../helpers/app.js';

const root = new URL('../../', import.meta.url);
const API_KEY = 'typescript-client-test-key';
const registry = new ScheduleRegistry();
const engine = (schedule: unknown, dtype?: 'float32' | 'float64') => loadSchedule(schedule, registry, dtype ? { dtype } : {});

/* Compile time: every operationId of the generated types has a method (add one to clients/typescript/src/index.ts). */
type Unwrapped = Exclude<OperationId, keyof LrScheduleClient>;
const everyOperationWrapped: [Unwrapped] extends [never] ? true : { missingMethodFor: Unwrapped } = true;
void everyOperationWrapped;

const document = JSON.parse(readFileSync(new URL('openapi/openapi.json', root), 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));

async function listen(t: Test, overrides: Parameters<typeof buildTestApp>[1] = {}): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = await buildTestApp(t, overrides);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** A client whose calls are recorded by method name, to check that every operation was exercised. */
function recorded(options: ClientOptions, called: Set<string>): LrScheduleClient {
  const client = createLrScheduleClient(options);
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        called.add(key);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
}

async function rejection(t: Test, promise: Promise<unknown>): Promise<ProblemError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProblemError)) throw new Error(`expected a ProblemError, got ${String(error)}`);
  t.type(error, Error);
  return error;
}

const sameBits = (a: number, b: number) => Object.is(a, b);

t.test('the client has a method for every operationId of the document, and nothing else', async (t) => {
  const client = createLrScheduleClient({ baseUrl: 'http://127.0.0.1:1' });
  const methods = Object.keys(client).filter((key) => key !== 'raw');
  t.same(methods.sort(), [...operationIds].sort(), 'add a method to clients/typescript/src/index.ts for each new operationId (after npm run client:ts)');
});

t.test('every operation through the client, against the service listening with an API key', async (t) => {
  const { app, baseUrl } = await listen(t, { API_KEYS: API_KEY, GIT_COMMIT: 'abcdef1' });
  const called = new Set<string>();
  const client = recorded({ baseUrl: `${baseUrl}/`, apiKey: API_KEY }, called);
  const exact = engine(exampleSchedule);

  const one = await client.computeLearningRate({ schedule: exampleSchedule, step: 1500 });
  t.equal(one.dtype, 'float32');
  t.equal(one.step, 1500);
  t.ok(sameBits(Math.fround(one.learning_rate as number), exact.schedule.at(1500)), 'computeLearningRate: the engine\'s float32');

  const steps = [0, 1, 999, 1000, 1500, 5000, 10_999, 11_000, 20_000];
  const json = await client.computeLearningRates({ schedule: exampleSchedule, steps });
  t.equal(json.dtype, 'float32');
  t.ok('steps' in json && json.steps.length === steps.length, 'a steps request answers its steps');
  if (!('steps' in json)) throw new Error('expected a steps answer');
  t.same(json.steps, steps);
  t.same(
    json.learning_rates.map((rate) => Math.fround(rate as number)),
    steps.map((step) => exact.schedule.at(step)),
    'computeLearningRates JSON: the engine\'s values',
  );

  const csv = await client.computeLearningRates({ schedule: exampleSchedule, steps }, { format: 'csv' });
  t.type(csv, 'string');
  const fromCsv = decodeCsv(csv);
  t.same(fromCsv.steps, steps);
  t.same(fromCsv.rates, json.learning_rates, 'CSV: the same decimals as JSON');

  const binary = await client.computeLearningRates({ schedule: exampleSchedule, steps }, { format: 'binary' });
  t.equal(binary.dtype, 'float32');
  t.type(binary.learning_rates, Float32Array, 'float32 answers decode to a Float32Array');
  t.equal(binary.learning_rates.length, steps.length);
  binary.learning_rates.forEach((bits, i) => {
    if (!sameBits(bits, Math.fround(json.learning_rates[i] as number))) t.fail(`step ${steps[i]}: binary ${bits}, JSON ${json.learning_rates[i]}`);
  });

  const range = { start: 0, stop: 12_000, stride: 7 };
  const byRange = await client.computeLearningRates({ schedule: exampleSchedule, range }, { format: 'binary' });
  const rangeJson = await client.computeLearningRates({ schedule: exampleSchedule, range });
  t.ok('range' in rangeJson, 'a range request answers its range');
  if (!('range' in rangeJson)) throw new Error('expected a range answer');
  t.same(rangeJson.range, range);
  t.equal(byRange.learning_rates.length, Math.ceil(12_000 / 7));
  const mismatch = Array.from(byRange.learning_rates).findIndex(
    (bits, i) => !sameBits(bits, Math.fround(rangeJson.learning_rates[i] as number)) || !sameBits(bits, exact.schedule.at(i * 7)),
  );
  t.equal(mismatch, -1, 'a range in binary: the JSON values as float32, and the engine\'s');

  const float64 = await client.computeLearningRates({ schedule: exampleSchedule, steps, dtype: 'float64' }, { format: 'binary' });
  t.equal(float64.dtype, 'float64');
  t.type(float64.learning_rates, Float64Array, 'float64 answers decode to a Float64Array');
  const exact64 = engine(exampleSchedule, 'float64');
  t.same(Array.from(float64.learning_rates), steps.map((step) => exact64.schedule.at(step)), 'float64: the engine\'s doubles');

  const minimal = { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 1000 } };
  const normalized = await client.normalizeSchedule({ schedule: minimal });
  t.same(normalized, { schedule: JSON.parse(engine(minimal).canonicalJson) as unknown, dtype: 'float32' }, 'normalizeSchedule: the engine\'s canonical form');
  t.equal(normalized.schedule.class_name, 'CosineDecay');

  const inject = async (url: string) => (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${API_KEY}` } })).json() as unknown;
  const list = await client.listSchedules();
  t.same(list, await inject('/v1/schedules'), 'listSchedules: the service\'s body');
  t.ok(list.schedules.some((s) => s.class_name === 'CosineDecay'));
  const info = await client.getSchedule('PiecewiseConstantDecay');
  t.equal(info.class_name, 'PiecewiseConstantDecay');
  t.same(info, await inject('/v1/schedules/PiecewiseConstantDecay'), 'getSchedule');
  t.same(await client.getHealth(), { status: 'ok' });
  t.same(await client.getReadiness(), { status: 'ready' });
  const version = await client.getVersion();
  t.same(version, await inject('/version'), 'getVersion');
  t.equal(version.commit, 'abcdef1');
  const metrics = await client.getMetrics();
  t.match(metrics, /^http_requests_total\{route="\/v1\/learning-rate",method="POST",status_code="200"\} [1-9]/m, 'getMetrics: the Prometheus text, counting the calls above');

  const missing = operationIds.filter((id) => !called.has(id));
  t.same(missing, [], 'this test calls every operation of the document (add a call for each new one)');
});

t.test('a 4xx rejects with a ProblemError carrying the problem document', async (t) => {
  const { baseUrl } = await listen(t, { API_KEYS: API_KEY });
  const client = createLrScheduleClient({ baseUrl, apiKey: API_KEY });

  const invalid = await rejection(
    t,
    client.computeLearningRate({ schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: -1 } }, step: 0 }, { headers: { 'x-request-id': 'client-test-1' } }),
  );
  t.equal(invalid.status, 400);
  t.equal(invalid.title, 'Bad Request');
  t.equal(invalid.type, '/problems/400');
  t.equal(invalid.instance, 'client-test-1', 'instance: the request id');
  t.type(invalid.detail, 'string');
  t.ok(invalid.errors.length > 0, 'errors: the invalid fields');
  t.equal(invalid.errors[0]?.path, '/schedule/config/decay_steps');
  t.type(invalid.errors[0]?.message, 'string');
  t.same(invalid.problem, { type: invalid.type, title: invalid.title, status: 400, detail: invalid.detail, instance: 'client-test-1', errors: invalid.errors }, 'problem: the whole document');
  t.equal(invalid.response.status, 400);
  t.match(invalid.message, /^400 Bad Request: /);
  t.equal(invalid.name, 'ProblemError');

  const notFound = await rejection(t, client.getSchedule('NoSuchDecay'));
  t.equal(notFound.status, 404);
  t.same(notFound.errors, [], 'no errors list: an empty one');

  const unauthorized = await rejection(t, createLrScheduleClient({ baseUrl }).listSchedules());
  t.equal(unauthorized.status, 401, 'without the API key');
  t.equal(unauthorized.response.headers.get('www-authenticate')?.startsWith('Bearer'), true);
  t.same(await createLrScheduleClient({ baseUrl }).getHealth(), { status: 'ok' }, 'probes need no key');

  const unknownClass = await rejection(t, client.computeLearningRates({ schedule: { class_name: 'Nope', config: {} }, steps: [1] }, { format: 'binary' }));
  t.equal(unknownClass.status, 400, 'binary and CSV calls reject the same way');
  const csvInvalid = await rejection(t, client.computeLearningRates({ schedule: exampleSchedule, steps: [] as number[], range: { start: 0, stop: 1 } }, { format: 'csv' }));
  t.equal(csvInvalid.status, 400);
});

t.test('getReadiness rejects with a 503 ProblemError while the instance drains', async (t) => {
  const { app, baseUrl } = await listen(t);
  const client = createLrScheduleClient({ baseUrl });
  app.readiness.startDraining();
  const draining = await rejection(t, client.getReadiness({ headers: { connection: 'close' } }));
  t.equal(draining.status, 503);
  t.equal(draining.title, 'Service Unavailable');
});

t.test('the fetch option is used, and an error answer without a problem document still becomes a ProblemError', async (t) => {
  const requests: Request[] = [];
  const html = createLrScheduleClient({
    baseUrl: 'http://service.invalid/base',
    apiKey: API_KEY,
    fetch: async (request) => {
      requests.push(request);
      return new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } });
    },
  });
  const gateway = await rejection(t, html.getVersion({ headers: { Accept: 'text/html', 'x-extra': 'yes' } }));
  t.same(gateway.problem, { type: 'about:blank', title: 'Bad Gateway', status: 502, detail: '<html>bad gateway</html>' });
  t.equal(requests[0]?.url, 'http://service.invalid/base/version');
  t.equal(requests[0]?.headers.get('authorization'), `Bearer ${API_KEY}`);
  t.equal(requests[0]?.headers.get('accept'), 'application/json', 'each method sends its own Accept');
  t.equal(requests[0]?.headers.get('x-extra'), 'yes', 'and the extra headers');

  const empty = createLrScheduleClient({ baseUrl: 'http://service.invalid', fetch: async () => new Response(null, { status: 500 }) });
  const blank = await rejection(t, empty.getHealth());
  t.same(blank.problem, { type: 'about:blank', title: 'HTTP 500', status: 500, detail: 'HTTP 500 with no problem document' });

  const json = createLrScheduleClient({ baseUrl: 'http://service.invalid', fetch: async () => Response.json({ message: 'not a problem' }, { status: 418 }) });
  t.equal((await rejection(t, json.getHealth())).detail, '{"message":"not a problem"}');

  const controller = new AbortController();
  controller.abort();
  const aborted = createLrScheduleClient({ baseUrl: 'http://service.invalid', fetch: async (request) => (request.signal.aborted ? Promise.reject(new Error('aborted')) : new Response('{}')) });
  await t.rejects(aborted.getHealth({ signal: controller.signal }), /aborted/, 'the signal reaches the request');
});

t.test('decodeLearningRates refuses what is not the binary format', async (t) => {
  t.throws(() => decodeLearningRates(new ArrayBuffer(8), null), /x-learning-rate-dtype/);
  t.throws(() => decodeLearningRates(new ArrayBuffer(6), 'float32'), /whole number/);
  t.throws(() => decodeLearningRates(new ArrayBuffer(8), 'float32', '3'), /x-learning-rate-count says 3/, 'a body cut short');
  t.equal(decodeLearningRates(new ArrayBuffer(8), 'float32', '2').learning_rates.length, 2);
  t.same(Array.from(decodeLearningRates(new Float64Array([0.1, -2]).buffer, 'float64').learning_rates), [0.1, -2]);
  const withMomentum = decodeLearningRates(new Float64Array([0.1, 0.2, 0.95, 0.9]).buffer, 'float64', '2', '2');
  t.same([Array.from(withMomentum.learning_rates), Array.from(withMomentum.momentum ?? [])], [[0.1, 0.2], [0.95, 0.9]], 'the momentum block after the rates');
  t.throws(() => decodeLearningRates(new ArrayBuffer(8), 'float64', '1', '1'), /0 values, but x-learning-rate-count says 1/, 'a momentum block without the rates before it');
});

t.test('a OneCycleLR answers its momentum through the client, in JSON and binary', async (t) => {
  const { baseUrl } = await listen(t, {});
  const client = createLrScheduleClient({ baseUrl });
  const schedule = { module: 'torch.optim.lr_scheduler', class_name: 'OneCycleLR', config: { max_lr: 0.1, total_steps: 100 }, base_lr: 0.01 };
  const json = await client.computeLearningRates({ schedule, range: { start: 0, stop: 101 } });
  const binary = await client.computeLearningRates({ schedule, range: { start: 0, stop: 101 } }, { format: 'binary' });
  t.equal(json.momentum?.length, 101);
  t.same(Array.from(binary.momentum ?? []), json.momentum, 'the same momentum both ways');
  t.equal(json.momentum?.[0], 0.95, 'max_momentum at step 0');
  const one = await client.computeLearningRate({ schedule, step: 30 });
  t.equal(one.momentum, json.momentum?.[30]);
});

t.test('the README\'s example is example.ts, and it runs against the service, printing what the README says', async (t) => {
  const readme = readFileSync(new URL('clients/typescript/README.md', root), 'utf8');
  const block = /<!-- example: example\.ts -->\n```ts\n([\s\S]*?)```\n/.exec(readme)?.[1];
  t.equal(block, readFileSync(new URL('clients/typescript/example.ts', root), 'utf8'), 'README.md shows clients/typescript/example.ts verbatim');
  const printed = /It prints:\n\n```text\n([\s\S]*?)```\n/.exec(readme)?.[1];
  t.ok(printed, 'README.md shows the output');

  const { baseUrl } = await listen(t, { API_KEYS: API_KEY });
  t.intercept(process, 'env', { value: { ...process.env, LR_SCHEDULE_URL: baseUrl, LR_SCHEDULE_API_KEY: API_KEY } });
  const lines = t.capture(console, 'log', () => undefined);
  await import('../../clients/typescript/example.js');
  const output = lines().map(({ args }) => args.join(' ')).join('\n');
  t.equal(`${output}\n`, printed, 'the README\'s output is what the example prints');
});
