import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

t.test('RATE_LIMIT_MAX=0 (the default): no limit, no headers', async (t) => {
  const app = await buildTestApp(t);
  for (let i = 0; i < 5; i += 1) {
    const response = await app.inject({ method: 'GET', url: '/v1/schedules' });
    t.equal(response.statusCode, 200);
    t.equal(response.headers['x-ratelimit-limit'], undefined);
  }
});

t.test('RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS per client: then 429 problem+json with the rate-limit headers', async (t) => {
  const app = await buildTestApp(t, { RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW_MS: 60_000 });
  for (let i = 0; i < 3; i += 1) {
    const response = await app.inject({ method: 'GET', url: '/v1/schedules' });
    t.equal(response.statusCode, 200);
    t.equal(response.headers['x-ratelimit-limit'], '3');
    t.equal(response.headers['x-ratelimit-remaining'], String(2 - i));
    t.ok(Number(response.headers['x-ratelimit-reset']) > 0);
  }
  const limited = await app.inject({ method: 'GET', url: '/v1/schedules' });
  t.equal(limited.statusCode, 429);
  t.equal(limited.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(limited.headers['x-ratelimit-limit'], '3');
  t.equal(limited.headers['x-ratelimit-remaining'], '0');
  t.ok(Number(limited.headers['retry-after']) > 0 && Number(limited.headers['retry-after']) <= 60, 'Retry-After in seconds');
  t.match(limited.json(), { type: '/problems/429', title: 'Too Many Requests', status: 429, detail: /more than 3 requests in 60000 ms/ });

  const other = await app.inject({ method: 'GET', url: '/v1/schedules', remoteAddress: '10.0.0.2' });
  t.equal(other.statusCode, 200, 'another client has its own budget');
  for (const url of ['/health', '/ready', '/metrics']) t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, `${url} is exempt`);
});

t.test('the window resets', async (t) => {
  const app = await buildTestApp(t, { RATE_LIMIT_MAX: 1, RATE_LIMIT_WINDOW_MS: 200 });
  t.equal((await app.inject({ method: 'GET', url: '/version' })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/version' })).statusCode, 429);
  await new Promise((resolve) => setTimeout(resolve, 400));
  t.equal((await app.inject({ method: 'GET', url: '/version' })).statusCode, 200);
});

t.test('requests without a valid key count too (guessing keys is rate-limited)', async (t) => {
  const app = await buildTestApp(t, { RATE_LIMIT_MAX: 2, API_KEYS: 'rate-limit-key-0123456789' });
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules' })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules', headers: { authorization: 'Bearer wrong-key-0123456789' } })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules' })).statusCode, 429);
});
