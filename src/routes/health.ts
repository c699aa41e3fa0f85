import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { METRICS_URL } from '../plugins/metrics.js';
import { HttpProblem } from '../http-problem.js';
import { problemResponses } from '../schemas/responses.js';

const Status = Type.Object({ status: Type.String() }, { additionalProperties: false, description: 'The probe passed.' });

// Probes arrive every few seconds; log them only when something is wrong.
const QUIET = 'warn';
// Probes never need an API key, are never rate-limited and never shed: they must tell the truth about the instance.
const PROBE = { public: true, probe: true, rateLimit: false } as const;

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      logLevel: QUIET,
      config: PROBE,
      schema: { operationId: 'getHealth', tags: ['probes'], summary: 'Liveness', description: 'The process is up and serving HTTP.', response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      logLevel: QUIET,
      config: PROBE,
      schema: {
        operationId: 'getReadiness',
        tags: ['probes'],
        summary: 'Readiness',
        description:
          'The instance takes traffic; 503 once it has begun shutting down, so load balancers drain it, and while it ' +
          'sheds load under pressure (event-loop delay or heap over their limits), so they send elsewhere meanwhile.',
        response: { 200: Status, ...problemResponses(503) },
      },
    },
    async (_request, reply) => {
      if (!app.readiness.ready) throw new HttpProblem(503, 'shutting down');
      if (app.underPressure()) {
        reply.header('retry-after', String(app.config.RETRY_AFTER_SECONDS));
        throw new HttpProblem(503, 'overloaded: shedding load until the event-loop delay and heap are back under their limits');
      }
      return { status: 'ready' };
    },
  );

  app.get(
    METRICS_URL,
    {
      logLevel: QUIET,
      config: PROBE,
      schema: {
        operationId: 'getMetrics',
        tags: ['probes'],
        summary: 'Prometheus metrics',
        description:
          'Requests by route, method and status; request durations; range computations in flight and queued; steps ' +
          'computed; schedule cache hits and misses; shed and rate-limited requests; Node.js process metrics. ' +
          'Prometheus text exposition format. Never needs an API key and is never rate-limited.',
        security: [],
        response: {
          200: {
            description: 'The metrics, in the Prometheus text format.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (_request, reply) => {
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
};

export default healthRoutes;
