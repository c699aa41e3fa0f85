import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig, type ServiceConfig } from '../../src/config.js';

async function pressuredApp(t: Test, overrides: Partial<ServiceConfig>) {
  const app = await buildApp({ config: defaultConfig(overrides), logger: false, pressureSampleIntervalMs: 100 });
  t.teardown(() => app.close());
  await app.ready();
  // Let under-pressure take a sample or two (each of about ten event-loop delay measurements: with fewer, under-pressure
  // may see none in an interval and count that as an infinite delay).
  await new Promise((resolve) => setTimeout(resolve, 350));
  return app;
}

t.test('over MAX_HEAP_USED_BYTES: 503 problem+json with Retry-After, /ready fails, /health and /metrics still answer', async (t) => {
  const app = await pressuredApp(t, { MAX_HEAP_USED_BYTES: 1, RETRY_AFTER_SECONDS: 3 });
  t.equal(app.underPressure(), true);
  const shed = await app.inject({ method: 'GET', url: '/v1/schedules' });
  t.equal(shed.statusCode, 503);
  t.equal(shed.headers['retry-after'], '3');
  t.equal(shed.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(shed.json(), { type: '/problems/503', title: 'Service Unavailable', status: 503, detail: /overloaded \(heap in use \d+ bytes\)/ });

  const ready = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(ready.statusCode, 503, '/ready reports the pressure, so balancers send elsewhere');
  t.equal(ready.headers['retry-after'], '3');
  t.match(ready.json(), { detail: /overloaded/ });
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'a busy process is not a dead one');
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(metrics.statusCode, 200);
  t.match(metrics.body, /^lr_shed_requests_total\{reason="under_pressure"\} 1$/m);
});

t.test('both limits off: never under pressure', async (t) => {
  const app = await pressuredApp(t, { MAX_HEAP_USED_BYTES: 0, MAX_EVENT_LOOP_DELAY_MS: 0 });
  t.equal(app.underPressure(), false);
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
});

t.test('off by default', async (t) => {
  const app = await pressuredApp(t, {});
  t.equal(app.underPressure(), false);
  t.equal((await app.inject({ method: 'GET', url: '/v1/schedules' })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
});

t.test('a stalled event loop: 503 naming the delay', async (t) => {
  const app = await pressuredApp(t, { MAX_EVENT_LOOP_DELAY_MS: 1 });
  // Block the loop for a few sampling intervals, then ask: on a loaded machine a later sample may already read
  // the loop as idle again, so block and ask again until a request is shed (each round blocks 250 ms > 1 ms).
  let shed = await app.inject({ method: 'GET', url: '/v1/schedules' });
  for (let round = 0; round < 10 && shed.statusCode !== 503; round += 1) {
    const until = Date.now() + 250;
    while (Date.now() < until);
    // The sampler's overdue timer runs before an immediate: it reads the stall, and the request comes right after.
    await new Promise((resolve) => setImmediate(resolve));
    shed = await app.inject({ method: 'GET', url: '/v1/schedules' });
  }
  t.equal(shed.statusCode, 503, 'a request is shed while the loop stalls');
  t.match(shed.json(), { detail: /overloaded \(event-loop delay \d+ ms|overloaded \(event loop blocked\)/ });
});
