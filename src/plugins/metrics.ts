/**
 * Prometheus metrics (text exposition format, prom-client), one registry per
 * app so tests can build many apps side by side; GET /metrics (routes/health.ts,
 * with the other probes) writes them.
 *
 * Requests are counted by route *pattern* (`/v1/schedules/:class_name`, never
 * the path a client typed) so the label set stays bounded; unmatched paths
 * share one `route="(unmatched)"`. Other plugins report what only they know
 * through `app.metrics` (shed and rate-limited requests, schedule cache hits
 * and misses); gauges such as the ranges in flight are read at scrape time.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ShedReason = 'range_queue_full' | 'range_queue_timeout' | 'under_pressure';

/** What other plugins may report; each call is a counter increment, cheap enough for the hot path. */
export interface Metrics {
  /** A schedule served from the schedule cache. */
  cacheHit(): void;
  /** A schedule parsed because it was not in the cache. */
  cacheMiss(): void;
  /** A request answered 503 to shed load. */
  shed(reason: ShedReason): void;
  /** A request answered 429 by the rate limit. */
  rateLimited(): void;
  /** Registers a gauge whose value is read at each scrape (e.g. ranges in flight). */
  gauge(name: string, help: string, read: () => number): void;
  readonly registry: Registry;
}

/** What the schedule cache reports (src/plugins/schedules.ts). */
export type CacheMetrics = Pick<Metrics, 'cacheHit' | 'cacheMiss'>;

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
  interface FastifyContextConfig {
    /** Reachable without an API key (probes, metrics, documentation). */
    public?: boolean;
    /** A probe: never shed under pressure, never rate-limited. */
    probe?: boolean;
  }
}

export const METRICS_URL = '/metrics';
const UNMATCHED = '(unmatched)';

/** Steps answered by a 200 of the learning-rate routes. */
function stepsAnswered(request: FastifyRequest, reply: FastifyReply): number {
  if (reply.statusCode !== 200) return 0;
  const route = request.routeOptions.url;
  if (route === '/v1/learning-rate') return 1;
  if (route === '/v1/learning-rates') return Number(reply.getHeader('x-learning-rate-count') ?? 0);
  return 0;
}

export function createMetrics(): { metrics: Metrics; observe(request: FastifyRequest, reply: FastifyReply): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['route', 'method', 'status_code'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern, method and status.', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to having sent the whole answer, by route pattern, method and status.',
    labelNames,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const steps = new Counter({ name: 'lr_steps_computed_total', help: 'Learning rates answered (steps) by the learning-rate routes.', registers: [registry] });
  const cache = new Counter({ name: 'lr_schedule_cache_total', help: 'Schedule cache lookups, by result (hit or miss).', labelNames: ['result'], registers: [registry] });
  const shed = new Counter({ name: 'lr_shed_requests_total', help: 'Requests answered 503 to shed load, by reason.', labelNames: ['reason'], registers: [registry] });
  const limited = new Counter({ name: 'lr_rate_limited_requests_total', help: 'Requests answered 429 by the per-client rate limit.', registers: [registry] });
  // Every series exists from the start, so a dashboard sees 0 rather than no data.
  for (const result of ['hit', 'miss']) cache.labels(result).inc(0);
  for (const reason of ['range_queue_full', 'range_queue_timeout', 'under_pressure'] satisfies ShedReason[]) shed.labels(reason).inc(0);
  const hit = cache.labels('hit');
  const miss = cache.labels('miss');

  const metrics: Metrics = {
    registry,
    cacheHit: () => hit.inc(),
    cacheMiss: () => miss.inc(),
    shed: (reason) => shed.labels(reason).inc(),
    rateLimited: () => limited.inc(),
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
  };

  // prom-client sorts and hashes a label object on every call; the series of a route, method and status are
  // looked up here by one string instead (bounded: route patterns x methods x statuses).
  const series = new Map<string, { requests: Counter.Internal; duration: Histogram.Internal<(typeof labelNames)[number]> }>();
  function seriesOf(route: string, method: string, status: number) {
    const key = `${route} ${method} ${status}`;
    let found = series.get(key);
    if (found === undefined) {
      found = { requests: requests.labels(route, method, String(status)), duration: duration.labels(route, method, String(status)) };
      series.set(key, found);
    }
    return found;
  }

  function observe(request: FastifyRequest, reply: FastifyReply): void {
    const { requests: counted, duration: timed } = seriesOf(request.routeOptions.url ?? UNMATCHED, request.method, reply.statusCode);
    counted.inc();
    timed.observe(reply.elapsedTime / 1000);
    const answered = stepsAnswered(request, reply);
    if (answered > 0) steps.inc(answered);
  }
  return { metrics, observe };
}

export default fp(
  async (app) => {
    const { metrics, observe } = createMetrics();
    app.decorate('metrics', metrics);
    app.addHook('onResponse', (request, reply, done) => {
      observe(request, reply);
      done();
    });
  },
  { name: 'metrics' },
);
