/**
 * A per-client request budget (@fastify/rate-limit): RATE_LIMIT_MAX requests
 * per RATE_LIMIT_WINDOW_MS per client IP address (the proxy's client when
 * TRUST_PROXY is set), off when RATE_LIMIT_MAX is 0. Beyond it: 429
 * problem+json with `x-ratelimit-limit`, `x-ratelimit-remaining`,
 * `x-ratelimit-reset` and `retry-after` (every answer within the budget
 * carries the first three). Probes and /metrics are exempt. The budget is per
 * instance: behind N replicas a client may make up to N times as many.
 */
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../http-problem.js';

export interface RateLimitOptions {
  readonly max: number;
  readonly windowMs: number;
}

export default fp<RateLimitOptions>(
  async (app, options) => {
    if (options.max === 0) return;
    // Not `global: true`, which adds the check as a route-level hook, run after every app-level one (auth included)
    // and never on unknown paths: as an app-level onRequest hook it runs in registration order, before auth, so
    // requests without a key (guessing one) count too.
    await app.register(rateLimit, {
      global: false,
      max: options.max,
      timeWindow: options.windowMs,
      hook: 'onRequest',
      allowList: (request) => request.routeOptions.config.probe === true,
      onExceeded: () => app.metrics.rateLimited(),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(429, `more than ${context.max} requests in ${options.windowMs} ms from this client; retry in ${context.after}`),
    });
    app.addHook('onRequest', app.rateLimit());
  },
  { name: 'rate-limit', dependencies: ['metrics'] },
);
