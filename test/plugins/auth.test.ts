import t from 'tap';
import { keyChecker } from '../../src/plugins/auth.js';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp, type ProblemBody } from '../helpers/app.js';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'another-key-of-another-length-0123456789';

t.test('API_KEYS empty: no authentication', async (t) => {
  const app = await buildTestApp(t);
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules' })).statusCode, 200);
  t.equal(keyChecker(''), null);
});

t.test('API_KEYS set: the API needs `Authorization: Bearer <key>`, any of the keys', async (t) => {
  const app = await buildTestApp(t, { API_KEYS: `${KEY_A},${KEY_B}` });
  const missing = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: 1 } });
  t.equal(missing.statusCode, 401);
  t.equal(missing.headers['www-authenticate'], 'Bearer');
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(missing.json() as ProblemBody, { type: '/problems/401', title: 'Unauthorized', status: 401, detail: /Authorization: Bearer/ });

  const wrong = await app.inject({ method: 'GET', url: '/v1/schedules', headers: { authorization: `Bearer ${KEY_A}x` } });
  t.equal(wrong.statusCode, 401);
  t.equal(wrong.headers['www-authenticate'], 'Bearer error="invalid_token"');
  t.match(wrong.json(), { detail: 'the API key is not valid' });
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules', headers: { authorization: `Basic ${KEY_A}` } })).statusCode, 401, 'only the Bearer scheme');
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules', headers: { authorization: 'Bearer' } })).statusCode, 401);

  for (const key of [KEY_A, KEY_B]) {
    t.equal((await app.inject({ method: 'GET', url: '/v1/schedules', headers: { authorization: `Bearer ${key}` } })).statusCode, 200, 'each key works');
  }
  t.equal((await app.inject({ method: 'GET', url: '/version', headers: { authorization: `bearer ${KEY_B}` } })).statusCode, 200, 'the scheme is case-insensitive');
  t.equal((await app.inject({ method: 'GET', url: '/version' })).statusCode, 401, '/version needs the key too');
  t.equal((await app.inject({ method: 'GET', url: '/no/such/route' })).statusCode, 401, 'unknown paths too');
  t.equal((await app.inject({ method: 'GET', url: '/no/such/route', headers: { authorization: `Bearer ${KEY_A}` } })).statusCode, 404);
});

t.test('probes, metrics and the documentation need no key', async (t) => {
  const app = await buildTestApp(t, { API_KEYS: KEY_A });
  for (const [url, status] of [
    ['/health', 200],
    ['/ready', 200],
    ['/metrics', 200],
    ['/docs', 200],
    ['/docs/', 200],
    ['/docs/json', 200],
    ['/docs/yaml', 200],
    ['/docs/static/swagger-initializer.js', 200],
    ['/', 302],
    ['/problems/401', 200],
  ] as const) {
    t.equal((await app.inject({ method: 'GET', url })).statusCode, status, url);
  }
});

t.test('CORS preflights pass without a key (browsers send none with them)', async (t) => {
  const app = await buildTestApp(t, { API_KEYS: KEY_A, CORS_ORIGINS: 'https://dash.example' });
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/learning-rate',
    headers: { origin: 'https://dash.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
  t.equal(preflight.statusCode, 204);
  t.equal(preflight.headers['access-control-allow-origin'], 'https://dash.example');
});

t.test('keys are compared by digest: any lengths, no early exit', async (t) => {
  const check = keyChecker(`${KEY_A},${KEY_B}`);
  if (check === null) throw new Error('expected a checker');
  t.equal(check(KEY_A), true);
  t.equal(check(KEY_B), true);
  t.equal(check(''), false);
  t.equal(check(KEY_A.slice(0, -1)), false, 'a prefix is not the key');
  t.equal(check(`${KEY_B}${KEY_B}`), false, 'a longer string is not the key');
});
