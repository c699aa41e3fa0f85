import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

t.test('liveness and readiness', async (t) => {
  const app = await buildTestApp(t);
  t.same((await app.inject({ method: 'GET', url: '/health' })).json(), { status: 'ok' });
  t.same((await app.inject({ method: 'GET', url: '/ready' })).json(), { status: 'ready' });
});

t.test('readiness turns to 503 once draining starts, while liveness stays up', async (t) => {
  const app = await buildTestApp(t);
  app.readiness.startDraining();
  const ready = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(ready.statusCode, 503);
  t.equal(ready.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
});

t.test('probes: never need an API key, never rate-limited', async (t) => {
  const app = await buildTestApp(t, { API_KEYS: 'probe-test-key-0123456789', RATE_LIMIT_MAX: 1 });
  for (let i = 0; i < 3; i += 1) {
    t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
  }
});
