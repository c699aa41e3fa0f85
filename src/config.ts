/**
 * Service configuration, read from environment variables and validated at
 * start-up: a bad value stops the process with a message naming the variable.
 */
import { availableParallelism } from 'node:os';
import { envSchema } from 'env-schema';
import { Type, type Static } from 'typebox';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'Address to listen on (0.0.0.0 in containers).' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'TCP port.' }),
  LOG_LEVEL: Type.Unsafe<LogLevel>(Type.String({ enum: [...LOG_LEVELS], default: 'info', description: 'pino log level.' })),
  MAX_POINTS: Type.Integer({ default: 1_000_000, minimum: 1, maximum: 100_000_000, description: 'Most steps one request may ask for.' }),
  BODY_LIMIT: Type.Integer({ default: 1_048_576, minimum: 1024, maximum: 104_857_600, description: 'Largest request body, in bytes.' }),
  SCHEDULE_CACHE_SIZE: Type.Integer({ default: 1000, minimum: 0, maximum: 1_000_000, description: 'Parsed schedules kept for repeat callers (0: none).' }),
  CORS_ORIGINS: Type.String({
    default: '',
    pattern: '^(\\*|(https?://[^,\\s]+)(,https?://[^,\\s]+)*)?$',
    description: 'Browser origins allowed to call the API, comma-separated (e.g. https://dash.example.com), or * for any; empty: CORS off.',
  }),
  TRUST_PROXY: Type.Boolean({ default: false, description: 'Trust X-Forwarded-* headers (behind a reverse proxy).' }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({
    default: 75_000,
    minimum: 1,
    maximum: 3_600_000,
    description:
      'How long an idle keep-alive connection stays open. Behind a load balancer it must exceed the balancer\'s idle timeout (60 s on AWS ALB and nginx), or the balancer reuses a connection the service is closing.',
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({
    default: 30_000,
    minimum: 1000,
    maximum: 3_600_000,
    description: 'Longest time a client may take to send a whole request (headers and body); a 1 MB body needs well under a second on any real link.',
  }),
  HEADERS_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 1000,
    maximum: 3_600_000,
    description: 'Longest time a client may take to send its request headers: slow-header clients must not hold sockets for long.',
  }),
  RANGE_WORKERS: Type.Integer({
    default: availableParallelism(),
    minimum: 0,
    maximum: 256,
    description: 'Worker threads that compute and write answers of 65,536 steps or more off the event loop (default: one per core; 0: none).',
  }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 8000, minimum: 100, maximum: 600_000, description: 'How long in-flight requests may take to finish after SIGTERM.' }),
});

export type ServiceConfig = Static<typeof ConfigSchema>;

/** Reads and validates the configuration; throws an Error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  try {
    return envSchema<ServiceConfig>({ schema: ConfigSchema, data: env, dotenv: false });
  } catch (error) {
    throw new Error(`invalid configuration: ${(error as Error).message}`);
  }
}

/** The defaults, for tests and tools that build the app without an environment. */
export function defaultConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { ...loadConfig({}), ...overrides };
}
