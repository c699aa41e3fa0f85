import t from 'tap';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp } from '../helpers/app.js';

/** The value of one sample line of the Prometheus text, e.g. `lr_steps_computed_total`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

t.test('GET /metrics after traffic: every family, with non-zero counts', async (t) => {
  const app = await buildTestApp(t, { RATE_LIMIT_MAX: 50 });
  await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: 1500 } });
  await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: exampleSchedule, range: { start: 0, stop: 20_000 } } });
  await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: exampleSchedule, steps: [1, 2, 3] } });
  await app.inject({ method: 'GET', url: '/v1/schedules/NoSuchDecay' });
  await app.inject({ method: 'GET', url: '/no/such/path' });
  const before = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  // What the schedule cache reports through app.metrics (src/plugins/schedules.ts), once more each by hand.
  app.metrics.cacheHit();
  app.metrics.cacheMiss();
  app.metrics.shed('under_pressure');
  for (let i = 0; i < 50; i += 1) await app.inject({ method: 'GET', url: '/v1/schedules' });

  const response = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const text = response.body;
  t.equal(sample(text, 'http_requests_total{route="/v1/learning-rate",method="POST",status_code="200"}'), 1, 'requests by route, method and status');
  t.equal(sample(text, 'http_requests_total{route="/v1/learning-rates",method="POST",status_code="200"}'), 2);
  t.equal(sample(text, 'http_requests_total{route="/v1/schedules/:class_name",method="GET",status_code="404"}'), 1, 'by route pattern, not path');
  t.equal(sample(text, 'http_requests_total{route="(unmatched)",method="GET",status_code="404"}'), 1, 'unknown paths share one series');
  t.equal(sample(text, 'http_request_duration_seconds_count{route="/v1/learning-rate",method="POST",status_code="200"}'), 1, 'duration histogram');
  t.ok(sample(text, 'http_request_duration_seconds_sum{route="/v1/learning-rates",method="POST",status_code="200"}') > 0);
  t.equal(sample(text, 'lr_steps_computed_total'), 1 + 20_000 + 3, 'steps computed');
  for (const result of ['hit', 'miss']) {
    const series = `lr_schedule_cache_total{result="${result}"}`;
    t.equal(sample(text, series), sample(before, series) + 1, `cache ${result}es are counted`);
    t.ok(sample(text, series) > 0);
  }
  t.equal(sample(text, 'lr_shed_requests_total{reason="under_pressure"}'), 1, 'shed requests');
  t.equal(sample(text, 'lr_shed_requests_total{reason="range_queue_full"}'), 0, 'every shed reason has a series from the start');
  t.equal(sample(text, 'lr_rate_limited_requests_total'), 5, 'rate-limited requests (the 51st to 55th request of the window)');
  t.equal(sample(text, 'lr_ranges_in_flight'), 0, 'ranges in flight');
  t.equal(sample(text, 'lr_ranges_queued'), 0, 'ranges queued');
  t.ok(sample(text, 'process_cpu_user_seconds_total') > 0, 'default process metrics');
  t.ok(sample(text, 'nodejs_heap_size_used_bytes') > 0);
  t.match(text, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
});

t.test('/metrics needs no key, is never rate-limited, and is not itself counted as traffic of another route', async (t) => {
  const app = await buildTestApp(t, { API_KEYS: 'metrics-test-key-0123456789', RATE_LIMIT_MAX: 1 });
  for (let i = 0; i < 3; i += 1) t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  t.equal(sample(text, 'http_requests_total{route="/metrics",method="GET",status_code="200"}'), 3);
});
