import t from 'tap';
import { allowedOrigins } from '../../src/plugins/external/cors.js';
import { buildTestApp } from '../helpers/app.js';

t.test('CORS is off by default', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://dash.example' } });
  t.equal(response.headers['access-control-allow-origin'], undefined);
});

t.test('CORS allows the configured origins only', async (t) => {
  const app = await buildTestApp(t, { CORS_ORIGINS: 'https://dash.example' });
  const allowed = await app.inject({ method: 'OPTIONS', url: '/v1/learning-rate', headers: { origin: 'https://dash.example', 'access-control-request-method': 'POST' } });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://dash.example');
  const other = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
  t.not(other.headers['access-control-allow-origin'], 'https://evil.example');
  t.same(allowedOrigins('*'), true);
  t.same(allowedOrigins(''), null);
});
