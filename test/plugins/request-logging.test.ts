import { Writable } from 'node:stream';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig, type ServiceConfig } from '../../src/config.js';
import { exampleSchedule } from '../../src/schemas/examples.js';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  route?: string | null;
  method?: string;
  url?: string;
  statusCode?: number;
  responseTime?: number;
}

async function loggedApp(t: Test, overrides: Partial<ServiceConfig>) {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text !== '') lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const app = await buildApp({ config: defaultConfig(overrides), logger: { level: 'info', stream } });
  t.teardown(() => app.close());
  return { app, lines };
}

/** onResponse runs once the answer has finished, which can be just after inject resolves. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const ok = { method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: 1 } } as const;
const bad = { method: 'POST', url: '/v1/learning-rate', payload: { step: 1 }, headers: { 'x-request-id': 'bad-request-1' } } as const;

t.test('LOG_REQUESTS=errors (the default): a success writes nothing, a 4xx one line with id, route, status and duration', async (t) => {
  const { app, lines } = await loggedApp(t, {});
  t.equal(app.config.LOG_REQUESTS, 'errors');
  await app.inject(ok);
  await settle();
  await app.inject({ method: 'GET', url: '/v1/schedules' });
  await settle();
  t.same(lines, [], 'successes write nothing');
  await app.inject(bad);
  await settle();
  t.equal(lines.length, 1, 'one line for the 400');
  t.match(lines[0], { level: 30, msg: 'request refused', reqId: 'bad-request-1', method: 'POST', route: '/v1/learning-rate', url: '/v1/learning-rate', statusCode: 400, responseTime: Number });
  await app.inject({ method: 'GET', url: '/nowhere' });
  await settle();
  t.match(lines[1], { statusCode: 404, route: null, url: '/nowhere' });
  t.equal(lines.length, 2);
});

t.test('LOG_REQUESTS=all: an arrival line and an answer line per request; probes still quiet', async (t) => {
  const { app, lines } = await loggedApp(t, { LOG_REQUESTS: 'all' });
  await app.inject(ok);
  await settle();
  t.match(lines, [
    { level: 30, msg: 'incoming request', req: { method: 'POST', url: '/v1/learning-rate' } },
    { level: 30, msg: 'request completed', statusCode: 200, route: '/v1/learning-rate' },
  ]);
  await app.inject({ method: 'GET', url: '/health' });
  await settle();
  await app.inject({ method: 'GET', url: '/ready' });
  await settle();
  t.equal(lines.length, 2, 'probes log at warn only');
});

t.test('LOG_REQUESTS=none: no request lines, not even for errors; start-up is still logged', async (t) => {
  const { app, lines } = await loggedApp(t, { LOG_REQUESTS: 'none' });
  await app.inject(bad);
  await settle();
  t.same(lines, []);
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.match(lines, [{ level: 30, msg: /^Server listening at http:\/\/127\.0\.0\.1:\d+$/ }]);
});

t.test('a 5xx is logged at error', async (t) => {
  const { app, lines } = await loggedApp(t, {});
  app.get('/explode', async () => {
    throw new Error('boom');
  });
  await app.inject({ method: 'GET', url: '/explode' });
  await settle();
  t.match(lines.at(-1), { level: 50, msg: 'request failed', statusCode: 500, route: '/explode' });
});
