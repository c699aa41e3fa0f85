import t from 'tap';
import { defaultConfig, loadConfig } from '../src/config.js';

t.test('defaults', async (t) => {
  t.same(loadConfig({}), {
    HOST: '127.0.0.1',
    PORT: 3000,
    LOG_LEVEL: 'info',
    MAX_POINTS: 1_000_000,
    BODY_LIMIT: 1_048_576,
    SCHEDULE_CACHE_SIZE: 1000,
    CORS_ORIGINS: '',
    TRUST_PROXY: false,
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
    HOST: '',
  };
  for (const [name, value] of Object.entries(bad)) {
    t.throws(() => loadConfig({ [name]: value }), new RegExp(`invalid configuration: .*${name}`), `${name}=${value}`);
  }
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT must be <= 65535/);
});

t.test('CORS origins', async (t) => {
  t.equal(loadConfig({ CORS_ORIGINS: 'https://a.example,http://localhost:8888' }).CORS_ORIGINS, 'https://a.example,http://localhost:8888');
  t.equal(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS, '*');
  t.throws(() => loadConfig({ CORS_ORIGINS: 'not a url' }), /CORS_ORIGINS/);
});
