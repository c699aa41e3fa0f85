import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

t.test('a known path with a wrong method: 405 problem+json with Allow', async (t) => {
  const app = await buildTestApp(t);
  for (const [method, url, allow] of [
    ['GET', '/v1/learning-rate', 'POST'],
    ['PUT', '/v1/learning-rates', 'POST'],
    ['POST', '/health', 'GET, HEAD'],
    ['DELETE', '/v1/schedules/CosineDecay', 'GET, HEAD'],
    ['PATCH', '/v1/schedules', 'GET, HEAD'],
    ['POST', '/metrics', 'GET, HEAD'],
    ['POST', '/docs/json', 'GET, HEAD'],
    ['GET', '/v1/schedules/normalize', 'POST'],
  ] as const) {
    const response = await app.inject({ method, url });
    t.equal(response.statusCode, 405, `${method} ${url}`);
    t.equal(response.headers['allow'], allow, `${method} ${url}: Allow`);
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(response.json(), { type: '/problems/405', title: 'Method Not Allowed', status: 405, detail: `${method} is not allowed on` });
  }
  const head = await app.inject({ method: 'HEAD', url: '/v1/learning-rate' });
  t.equal(head.statusCode, 405, 'HEAD of a POST-only route');
  t.equal(head.headers['allow'], 'POST');
});

t.test('unknown paths stay 404, and the real routes answer as before', async (t) => {
  const app = await buildTestApp(t);
  t.equal((await app.inject({ method: 'GET', url: '/v1/nothing' })).statusCode, 404);
  t.equal((await app.inject({ method: 'POST', url: '/v2/learning-rate' })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  t.equal((await app.inject({ method: 'HEAD', url: '/health' })).statusCode, 200);
  t.equal((await app.inject({ method: 'OPTIONS', url: '/health' })).statusCode, 404, 'OPTIONS is left to CORS');
});

t.test('405 routes are hidden from the OpenAPI document', async (t) => {
  const app = await buildTestApp(t);
  const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  t.same(Object.keys(document.paths['/v1/learning-rate'] ?? {}), ['post']);
  t.same(Object.keys(document.paths['/health'] ?? {}), ['get']);
});
