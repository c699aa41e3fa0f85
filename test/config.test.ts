import { availableParallelism } from 'node:os';
import t from 'tap';
import { buildApp } from '../src/app.js';
import { defaultConfig, loadConfig } from '../src/config.js';

t.test('with no environment, every variable has its documented default', async (t) => {
  t.same(loadConfig({}), {
    HOST: '127.0.0.1',
    PORT: 3000,
    LOG_LEVEL: 'info',
    MAX_POINTS: 1_000_000,
    BODY_LIMIT: 1_048_576,
    SCHEDULE_CACHE_SIZE: 1000,
    CORS_ORIGINS: '',
    TRUST_PROXY: false,
    KEEP_ALIVE_TIMEOUT_MS: 75_000,
    REQUEST_TIMEOUT_MS: 30_000,
    HEADERS_TIMEOUT_MS: 10_000,
    RANGE_WORKERS: availableParallelism(),
    SHUTDOWN_TIMEOUT_MS: 8000,
  });
  t.equal(defaultConfig({ PORT: 1 }).PORT, 1);
});

t.test('reads the environment', async (t) => {
  const config = loadConfig({ HOST: '0.0.0.0', PORT: '8080', LOG_LEVEL: 'warn', MAX_POINTS: '10', TRUST_PROXY: 'true' });
  t.match(config, { HOST: '0.0.0.0', PORT: 8080, LOG_LEVEL: 'warn', MAX_POINTS: 10, TRUST_PROXY: true });
});

t.test('a bad value stops start-up with a message naming the variable', async (t) => {
  const bad: Record<string, string> = {
    PORT: 'not-a-port',
    MAX_POINTS: '0',
    BODY_LIMIT: '1.5',
    LOG_LEVEL: 'loud',
    TRUST_PROXY: 'yes',
    SCHEDULE_CACHE_SIZE: '-1',
    SHUTDOWN_TIMEOUT_MS: 'soon',
    KEEP_ALIVE_TIMEOUT_MS: '0',
    REQUEST_TIMEOUT_MS: '10',
    HEADERS_TIMEOUT_MS: 'never',
    HOST: '',
  };
  for (const [name, value] of Object.entries(bad)) {
    t.throws(() => loadConfig({ [name]: value }), new RegExp(`invalid configuration: .*${name}`), `${name}=${value}`);
  }
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT must be <= 65535/);
});

t.test('CORS origins are a comma-separated list of http(s) origins, or *', async (t) => {
  t.equal(loadConfig({ CORS_ORIGINS: 'https://a.example,http://localhost:8888' }).CORS_ORIGINS, 'https://a.example,http://localhost:8888');
  t.equal(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS, '*');
  t.throws(() => loadConfig({ CORS_ORIGINS: 'not a url' }), /CORS_ORIGINS/);
});

t.test('connection timeouts reach the HTTP server', async (t) => {
  const app = await buildApp({ config: defaultConfig({ KEEP_ALIVE_TIMEOUT_MS: 1234, REQUEST_TIMEOUT_MS: 20_000, HEADERS_TIMEOUT_MS: 5000 }), logger: false });
  t.teardown(() => app.close());
  t.equal(app.server.keepAliveTimeout, 1234, 'idle keep-alive connections close after KEEP_ALIVE_TIMEOUT_MS');
  t.equal(app.server.requestTimeout, 20_000, 'a whole request must arrive within REQUEST_TIMEOUT_MS');
  t.equal(app.server.headersTimeout, 5000, 'headers must arrive within HEADERS_TIMEOUT_MS');
});
