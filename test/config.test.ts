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
    SCHEDULE_CACHE_BYTES: 33_554_432,
    CORS_ORIGINS: '',
    TRUST_PROXY: false,
    KEEP_ALIVE_TIMEOUT_MS: 75_000,
    REQUEST_TIMEOUT_MS: 30_000,
    HEADERS_TIMEOUT_MS: 10_000,
    RANGE_WORKERS: availableParallelism(),
    SHUTDOWN_TIMEOUT_MS: 8000,
    LOG_REQUESTS: 'errors',
    MAX_CONCURRENT_RANGES: availableParallelism() * 2,
    RANGE_QUEUE_SIZE: 16,
    RANGE_QUEUE_TIMEOUT_MS: 2000,
    RETRY_AFTER_SECONDS: 1,
    MAX_EVENT_LOOP_DELAY_MS: 0,
    MAX_HEAP_USED_BYTES: 0,
    RATE_LIMIT_MAX: 0,
    RATE_LIMIT_WINDOW_MS: 60_000,
    API_KEYS: '',
    GIT_COMMIT: '',
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
    SCHEDULE_CACHE_BYTES: '64MB',
    SHUTDOWN_TIMEOUT_MS: 'soon',
    KEEP_ALIVE_TIMEOUT_MS: '0',
    REQUEST_TIMEOUT_MS: '10',
    HEADERS_TIMEOUT_MS: 'never',
    HOST: '',
    LOG_REQUESTS: 'some',
    MAX_CONCURRENT_RANGES: '0',
    RANGE_QUEUE_SIZE: '-1',
    RANGE_QUEUE_TIMEOUT_MS: '0',
    RETRY_AFTER_SECONDS: '1.5',
    MAX_EVENT_LOOP_DELAY_MS: '-1',
    MAX_HEAP_USED_BYTES: 'lots',
    RATE_LIMIT_MAX: '-5',
    RATE_LIMIT_WINDOW_MS: '0',
    API_KEYS: 'short',
    GIT_COMMIT: 'HEAD',
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

t.test('the names of issue 11: shedding, rate limit, keys, request logs and the build commit', async (t) => {
  const config = loadConfig({
    LOG_REQUESTS: 'all',
    MAX_CONCURRENT_RANGES: '2',
    RANGE_QUEUE_SIZE: '0',
    RANGE_QUEUE_TIMEOUT_MS: '250',
    RETRY_AFTER_SECONDS: '5',
    MAX_EVENT_LOOP_DELAY_MS: '1000',
    MAX_HEAP_USED_BYTES: '536870912',
    RATE_LIMIT_MAX: '100',
    RATE_LIMIT_WINDOW_MS: '1000',
    API_KEYS: 'key-one-0123456789abcdef,key-two-0123456789abcdef',
    GIT_COMMIT: '2256365',
  });
  t.match(config, {
    LOG_REQUESTS: 'all',
    MAX_CONCURRENT_RANGES: 2,
    RANGE_QUEUE_SIZE: 0,
    RANGE_QUEUE_TIMEOUT_MS: 250,
    RETRY_AFTER_SECONDS: 5,
    MAX_EVENT_LOOP_DELAY_MS: 1000,
    MAX_HEAP_USED_BYTES: 536_870_912,
    RATE_LIMIT_MAX: 100,
    RATE_LIMIT_WINDOW_MS: 1000,
    API_KEYS: 'key-one-0123456789abcdef,key-two-0123456789abcdef',
    GIT_COMMIT: '2256365',
  });
  t.throws(() => loadConfig({ API_KEYS: 'key-one-0123456789abcdef,' }), /API_KEYS/, 'no empty key');
  t.throws(() => loadConfig({ API_KEYS: 'key with spaces 0123456789' }), /API_KEYS/, 'keys are bearer tokens');
  t.throws(() => loadConfig({ GIT_COMMIT: 'ABCDEF1' }), /GIT_COMMIT/, 'lower-case hex');
});

t.test('the new variables reach the app', async (t) => {
  const app = await buildApp({
    config: defaultConfig({ GIT_COMMIT: 'abcdef1', API_KEYS: 'key-one-0123456789abcdef', RATE_LIMIT_MAX: 1, MAX_CONCURRENT_RANGES: 3 }),
    logger: false,
  });
  t.teardown(() => app.close());
  t.match((await app.inject({ method: 'GET', url: '/version', headers: { authorization: 'Bearer key-one-0123456789abcdef' } })).json(), { commit: 'abcdef1' });
  t.equal((await app.inject({ method: 'GET', url: '/version' })).statusCode, 429, 'the second request of the window is over RATE_LIMIT_MAX=1');
  t.equal(app.rangeAdmission.inFlight, 0);
});
