/**
 * The application factory. Tests drive it with `app.inject`; server.ts is the
 * only place that listens.
 */
import accepts from '@fastify/accepts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServiceConfig } from './config.js';
import type { ScheduleRegistry } from './engine/index.js';
import cors from './plugins/external/cors.js';
import swagger from './plugins/external/swagger.js';
import problemDetails from './plugins/problem-details.js';
import jsonBody from './plugins/json-body.js';
import readiness from './plugins/readiness.js';
import requestId, { requestIdFor } from './plugins/request-id.js';
import rangePool from './plugins/range-pool.js';
import schedulesPlugin from './plugins/schedules.js';
import health from './routes/health.js';
import learningRates from './routes/learning-rates.js';
import schedulesRoutes from './routes/schedules.js';
import { SHARED_SCHEMAS } from './schemas/shared.js';
import { ScheduleInfo } from './schemas/schedules.js';

export interface AppOptions {
  readonly config: ServiceConfig;
  /** Schedules to serve; Keras's six by default. */
  readonly registry?: ScheduleRegistry;
  /** pino options, or false for no logs (tests). Defaults to JSON logs at LOG_LEVEL. */
  readonly logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    config: ServiceConfig;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL },
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    ajv: {
      // A string is not a number here: "0.1" and "12" are refused, not converted.
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Only JSON bodies are read; any other content type is a 415, not a string the schema then refuses.
  app.removeContentTypeParser('text/plain');
  // Fastify has no option for it; Node's default (60 s) lets a slow-header client hold a socket for a minute.
  app.server.headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
  app.decorate('config', config);
  for (const schema of [...SHARED_SCHEMAS, ScheduleInfo]) app.addSchema(schema);

  await app.register(problemDetails);
  await app.register(requestId);
  await app.register(jsonBody);
  await app.register(readiness);
  await app.register(accepts);
  await app.register(cors, { origins: config.CORS_ORIGINS });
  await app.register(swagger);
  // Workers know only the built-in families: a server with its own registrations computes on the event loop.
  await app.register(rangePool, { workers: options.registry === undefined ? config.RANGE_WORKERS : 0 });
  await app.register(schedulesPlugin, { cacheSize: config.SCHEDULE_CACHE_SIZE, ...(options.registry ? { registry: options.registry } : {}) });

  await app.register(health);
  await app.register(learningRates);
  await app.register(schedulesRoutes);
  return app;
}
