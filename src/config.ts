/**
 * Service configuration, read from environment variables and validated at
 * start-up: a bad value stops the process with a message naming the variable.
 */
import { availableParallelism } from 'node:os';
import { envSchema } from 'env-schema';
import { Type, type Static } from 'typebox';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_REQUESTS = ['all', 'errors', 'none'] as const;
type LogRequests = (typeof LOG_REQUESTS)[number];

/** Two range computations per core: one computing while the other waits on its client's socket. */
export const DEFAULT_MAX_CONCURRENT_RANGES = availableParallelism() * 2;

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'Address to listen on (0.0.0.0 in containers).' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'TCP port.' }),
  LOG_LEVEL: Type.Unsafe<LogLevel>(Type.String({ enum: [...LOG_LEVELS], default: 'info', description: 'pino log level.' })),
  MAX_POINTS: Type.Integer({ default: 1_000_000, minimum: 1, maximum: 100_000_000, description: 'Most steps one request may ask for.' }),
  BODY_LIMIT: Type.Integer({ default: 1_048_576, minimum: 1024, maximum: 104_857_600, description: 'Largest request body, in bytes.' }),
  SCHEDULE_CACHE_SIZE: Type.Integer({ default: 1000, minimum: 0, maximum: 1_000_000, description: 'Parsed schedules kept for repeat callers (0: none).' }),
  SCHEDULE_CACHE_BYTES: Type.Integer({
    default: 33_554_432,
    minimum: 0,
    maximum: 17_179_869_184,
    description:
      'Most bytes the cached schedules may weigh together (estimated per entry: its JSON key, parsed config and built schedule); ' +
      'an entry over 1/64 of it is not cached at all (0: no cache). 32 MiB holds SCHEDULE_CACHE_SIZE (1,000) real schedules ' +
      '(2-30 KB each) several times over; V8 lets garbage grow to a few times the live heap before collecting it, so the ' +
      'cache\'s share of the peak RSS under attack is a few times this.',
  }),
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
  LOG_REQUESTS: Type.Unsafe<LogRequests>(
    Type.String({
      enum: [...LOG_REQUESTS],
      default: 'errors',
      description: 'Which requests write a log line: all, errors (4xx and 5xx only) or none. Start-up and shutdown are always logged.',
    }),
  ),
  MAX_CONCURRENT_RANGES: Type.Integer({
    default: DEFAULT_MAX_CONCURRENT_RANGES,
    minimum: 1,
    maximum: 10_000,
    description: 'Range computations (POST /v1/learning-rates asking for more than 16,384 steps) answered at once; default: 2 per core.',
  }),
  RANGE_QUEUE_SIZE: Type.Integer({
    default: 16,
    minimum: 0,
    maximum: 100_000,
    description: 'Range requests that may wait for a slot; beyond it they get 503 with Retry-After at once (0: no queue).',
  }),
  RANGE_QUEUE_TIMEOUT_MS: Type.Integer({
    default: 2000,
    minimum: 1,
    maximum: 600_000,
    description: 'Longest a range request waits for a slot before it gets 503 with Retry-After.',
  }),
  RETRY_AFTER_SECONDS: Type.Integer({
    default: 1,
    minimum: 0,
    maximum: 3600,
    description: 'Retry-After sent with a 503 when the instance sheds load (range queue full or timed out, or under pressure).',
  }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 600_000,
    description:
      'Mean event-loop delay (sampled each second) above which requests get 503 and /ready fails (0: off, the default: ' +
      'a starved CPU, as on a busy CI machine, trips it too; 1000 suits production, where a stall that long means overload).',
  }),
  MAX_HEAP_USED_BYTES: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 1_099_511_627_776,
    description: 'V8 heap in use above which requests get 503 and /ready fails (0: off).',
  }),
  RATE_LIMIT_MAX: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 1_000_000_000,
    description: 'Requests one client (IP address) may make per RATE_LIMIT_WINDOW_MS; more get 429 (0: no limit). Probes are exempt.',
  }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 60_000, minimum: 1, maximum: 86_400_000, description: 'The rate-limit window.' }),
  API_KEYS: Type.String({
    default: '',
    pattern: '^([A-Za-z0-9._~+/=-]{16,512}(,[A-Za-z0-9._~+/=-]{16,512})*)?$',
    description:
      'Bearer keys accepted, comma-separated, each 16 to 512 token characters; empty: no authentication. ' +
      'When set, every route but /health, /ready, /metrics and the documentation needs `Authorization: Bearer <key>`.',
  }),
  GIT_COMMIT: Type.String({
    default: '',
    pattern: '^([0-9a-f]{7,40})?$',
    description: 'The git commit the image was built from (lower-case hex), reported by GET /version; empty: unknown.',
  }),
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
