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
