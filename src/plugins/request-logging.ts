/**
 * Request log lines, as LOG_REQUESTS says: `errors` (the default) writes one
 * line per 4xx or 5xx answer and nothing for a success, `all` an `incoming
 * request` line and one line per answer, `none` nothing. Each line carries the request id (pino's `reqId`),
 * the method, the route pattern, the URL, the status and the duration in ms.
 * 4xx lines are at info, 5xx at error. Fastify's own per-request lines are off
 * (`disableRequestLogging`); start-up and shutdown are logged regardless.
 * Routes with a quieter `logLevel` (the probes: warn) write no info lines.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface RequestLoggingOptions {
  readonly mode: 'all' | 'errors' | 'none';
}

function logLine(request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const line = {
    method: request.method,
    route: request.routeOptions.url ?? null,
    url: request.url,
    statusCode: status,
    responseTime: Math.round(reply.elapsedTime * 1000) / 1000,
  };
  if (status >= 500) request.log.error(line, 'request failed');
  else request.log.info(line, status >= 400 ? 'request refused' : 'request completed');
}

export default fp<RequestLoggingOptions>(
  async (app, options) => {
    if (options.mode === 'none') return;
    const all = options.mode === 'all';
    // `all` also marks each request's arrival, as Fastify's own log does: which replica took which request.
    if (all) {
      app.addHook('onRequest', (request, _reply, done) => {
        request.log.info({ req: { method: request.method, url: request.url } }, 'incoming request');
        done();
      });
    }
    app.addHook('onResponse', (request, reply, done) => {
      if (all || reply.statusCode >= 400) logLine(request, reply);
      done();
    });
  },
  { name: 'request-logging' },
);
