/**
 * The application factory. Tests drive it with `app.inject`; server.ts is the
 * only place that listens.
 */
import accepts from '@fastify/accepts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServiceConfig } from './config.js';
import type { ScheduleRegistry } from './engine/index.js';
import cors from './plugins/external/cors.js';
import swagger from './plugins/external/swagger.js';
import auth from './plugins/auth.js';
import { methodNotAllowed, methodNotAllowedFallbacks } from './plugins/method-not-allowed.js';
import metrics from './plugins/metrics.js';
import problemDetails, { clientErrorHandler, frameworkErrors } from './plugins/problem-details.js';
import rangeAdmission from './plugins/range-admission.js';
import rateLimit from './plugins/external/rate-limit.js';
import requestLogging from './plugins/request-logging.js';
import underPressure from './plugins/external/under-pressure.js';
import jsonBody from './plugins/json-body.js';
import readiness from './plugins/readiness.js';
import requestId, { requestIdFor } from './plugins/request-id.js';
import rangePool from './plugins/range-pool.js';
import schedulesPlugin from './plugins/schedules.js';
import health from './routes/health.js';
import learningRates from './routes/learning-rates.js';
import root from './routes/root.js';
import schedulesRoutes from './routes/schedules.js';
import { SHARED_SCHEMAS } from './schemas/shared.js';
import { ScheduleInfo } from './schemas/schedules.js';

export interface AppOptions {
  readonly config: ServiceConfig;
  /** Schedules to serve; Keras's six by default. */
  readonly registry?: ScheduleRegistry;
  /** pino options, or false for no logs (tests). Defaults to JSON logs at LOG_LEVEL. */
  readonly logger?: FastifyServerOptions['logger'];
  /** How often under-pressure samples the event loop and heap; 1 s by default (tests make it shorter). */
  readonly pressureSampleIntervalMs?: number;
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
    // Request lines are written by plugins/request-logging.ts, as LOG_REQUESTS says.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    clientErrorHandler, // Node's own refusals (malformed HTTP, headers too large, timeouts) as problem+json
    frameworkErrors, // the router's refusals (bad percent-encoding, over-long path parameters) as problem+json too
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
  await app.register(methodNotAllowed);
  await app.register(metrics);
  await app.register(requestLogging, { mode: config.LOG_REQUESTS });
  await app.register(readiness);
  await app.register(accepts);
  // onRequest hooks run in this order: CORS answers preflights before auth (browsers send no key with them); the rate
  // limit counts every request, with a key or without; shedding under pressure comes before auth and the route.
  await app.register(cors, { origins: config.CORS_ORIGINS });
  await app.register(rateLimit, { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS });
  await app.register(underPressure, {
    maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
    ...(options.pressureSampleIntervalMs === undefined ? {} : { sampleIntervalMs: options.pressureSampleIntervalMs }),
  });
  await app.register(auth, { keys: config.API_KEYS });
  await app.register(rangeAdmission, {
    maxConcurrent: config.MAX_CONCURRENT_RANGES,
    queueSize: config.RANGE_QUEUE_SIZE,
    queueTimeoutMs: config.RANGE_QUEUE_TIMEOUT_MS,
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
  });
  await app.register(swagger);
  // Workers know only the built-in families: a server with its own registrations computes on the event loop.
  await app.register(rangePool, { workers: options.registry === undefined ? config.RANGE_WORKERS : 0 });
  await app.register(schedulesPlugin, { cacheSize: config.SCHEDULE_CACHE_SIZE, cacheBytes: config.SCHEDULE_CACHE_BYTES, ...(options.registry ? { registry: options.registry } : {}) });

  await app.register(root);
  await app.register(health);
  await app.register(learningRates);
  await app.register(schedulesRoutes);
  await app.register(methodNotAllowedFallbacks);
  return app;
}
