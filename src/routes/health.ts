import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HttpProblem } from '../plugins/problem-details.js';
import { problemResponses } from '../schemas/responses.js';

const Status = Type.Object({ status: Type.String() }, { additionalProperties: false, description: 'The probe passed.' });

// Probes arrive every few seconds; log them only when something is wrong.
const QUIET = 'warn';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      logLevel: QUIET,
      schema: { operationId: 'getHealth', tags: ['probes'], summary: 'Liveness', description: 'The process is up and serving HTTP.', response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      logLevel: QUIET,
      schema: {
        operationId: 'getReadiness',
        tags: ['probes'],
        summary: 'Readiness',
        description: 'The instance takes traffic; 503 once it has begun shutting down, so load balancers drain it.',
        response: { 200: Status, ...problemResponses(503) },
      },
    },
    async () => {
      if (!app.readiness.ready) throw new HttpProblem(503, 'shutting down');
      return { status: 'ready' };
    },
  );
};

export default healthRoutes;
