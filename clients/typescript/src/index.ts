/**
 * The TypeScript client of lr-schedule-service: one typed method per OpenAPI operation (named by its
 * operationId), on top of openapi-fetch. Every type comes from `./schema.d.ts`, which openapi-typescript
 * generates from the committed openapi/openapi.json (`npm run client:ts`; a test fails when it drifts), so a
 * field or a status added to the document reaches these signatures by regenerating, with no edit here.
 *
 * Each method resolves to the typed body of the 2xx answer, or rejects with a `ProblemError` carrying the
 * service's RFC 9457 problem document (status, title, detail, and `errors` for invalid bodies). Network
 * failures reject with fetch's own error.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

type Schemas = components['schemas'];
export type ProblemDetails = Schemas['ProblemDetails'];
/** One entry of a problem document's `errors`: a JSON pointer into the request body, and what was wrong there. */
export type ProblemFieldError = NonNullable<ProblemDetails['errors']>[number];
export type Dtype = Schemas['Dtype'];
export type ScheduleInfo = Schemas['ScheduleInfo'];

/** Every operationId of the document. */
export type OperationId = keyof operations;
/** The JSON request body of an operation. */
export type RequestBody<K extends OperationId> = operations[K] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
/** The JSON body of an operation's 200 answer. */
export type JsonAnswer<K extends OperationId> = operations[K]['responses'] extends { 200: { content: { 'application/json': infer R } } } ? R : never;

export type LearningRateRequest = RequestBody<'computeLearningRate'>;
export type LearningRateAnswer = JsonAnswer<'computeLearningRate'>;
export type LearningRatesRequest = RequestBody<'computeLearningRates'>;
export type LearningRatesAnswer = JsonAnswer<'computeLearningRates'>;
export type NormalizeRequest = RequestBody<'normalizeSchedule'>;
export type NormalizeAnswer = JsonAnswer<'normalizeSchedule'>;
export type ScheduleList = JsonAnswer<'listSchedules'>;
export type HealthAnswer = JsonAnswer<'getHealth'>;
export type ReadinessAnswer = JsonAnswer<'getReadiness'>;
export type VersionAnswer = JsonAnswer<'getVersion'>;

/** The binary answer of computeLearningRates: the service's exact bits, one value per step, in the dtype it computed in. */
/**
 * A binary answer: the rates in their dtype and, for a PyTorch scheduler that cycles momentum (OneCycleLR,
 * CyclicLR), the momentum (SGD's `momentum`, Adam's `betas[0]`) it sets at each step.
 */
export type LearningRatesBinary = (
  | { readonly dtype: 'float32'; readonly learning_rates: Float32Array }
  | { readonly dtype: 'float64'; readonly learning_rates: Float64Array }
) & { readonly momentum?: Float64Array };

/** The formats of computeLearningRates (the `Accept` it sends). */
export type LearningRatesFormat = 'json' | 'csv' | 'binary';
const ACCEPT: Record<LearningRatesFormat, string> = { json: 'application/json', csv: 'text/csv', binary: 'application/octet-stream' };

export interface ClientOptions {
  /** Where the service answers, e.g. `http://127.0.0.1:3000` (a trailing slash is fine). */
  readonly baseUrl: string;
  /** One of the service's API keys, sent as `Authorization: Bearer <key>`; leave out when the service has none. */
  readonly apiKey?: string | undefined;
  /** The fetch to use (default: the global one). It is called with a `Request`. */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Extra request headers for this call. */
  readonly headers?: Record<string, string> | undefined;
}

/** The service answered with an error status; `problem` is its problem document (`application/problem+json`). */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly problem: ProblemDetails;
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** The request id (`x-request-id`), when the service gave one. */
  readonly instance: string | undefined;
  /** Each field that was wrong (validation problems); empty otherwise. */
  readonly errors: readonly ProblemFieldError[];
  readonly response: Response;

  constructor(problem: ProblemDetails, response: Response) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = problem.errors ?? [];
    this.response = response;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isProblem(body: unknown): body is ProblemDetails {
  return isRecord(body) && typeof body.type === 'string' && typeof body.title === 'string' && typeof body.status === 'number' && typeof body.detail === 'string';
}

/**
 * The problem document of an error answer. Anything between the client and the service (a proxy's 502 page, say)
 * may answer without one: that becomes an `about:blank` problem (RFC 9457's default type) whose detail is the body.
 */
function toProblem(body: unknown, response: Response): ProblemDetails {
  if (isProblem(body)) return body;
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 1000) || `HTTP ${response.status} with no problem document` };
}

/** The data of an openapi-fetch result, or a ProblemError for its error. */
function unwrap<D>(result: { data?: D; error?: unknown; response: Response }): D {
  if (!result.response.ok) throw new ProblemError(toProblem(result.error, result.response), result.response);
  return result.data as D;
}

/**
 * Decodes the binary format: little-endian float32 or float64 values, the dtype in `x-learning-rate-dtype`, their
 * number in `x-learning-rate-count` (checked when given: a body cut short is refused, not answered in part).
 */
export function decodeLearningRates(buffer: ArrayBuffer, dtype: string | null, expectedCount: string | null = null, momentumCount: string | null = null): LearningRatesBinary {
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`binary answer without a known x-learning-rate-dtype (got ${String(dtype)})`);
  const size = dtype === 'float32' ? 4 : 8;
  // With x-momentum-count, as many float64 momentum values follow the rates.
  const momentumBytes = momentumCount === null ? 0 : Number(momentumCount) * 8;
  const rateBytes = buffer.byteLength - momentumBytes;
  if (rateBytes < 0 || rateBytes % size !== 0) throw new Error(`binary answer of ${buffer.byteLength} bytes is not a whole number of ${dtype} values${momentumCount === null ? '' : ` and ${momentumCount} float64 momentum values`}`);
  const view = new DataView(buffer);
  const count = rateBytes / size;
  if (expectedCount !== null && Number(expectedCount) !== count) throw new Error(`binary answer of ${count} values, but x-learning-rate-count says ${expectedCount}`);
  const momentum = momentumCount === null ? {} : { momentum: float64s(view, rateBytes, Number(momentumCount)) };
  if (dtype === 'float32') {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
    return { dtype, learning_rates: values, ...momentum };
  }
  return { dtype, learning_rates: float64s(view, 0, count), ...momentum };
}

/** `count` little-endian float64s from `offset`. */
function float64s(view: DataView, offset: number, count: number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat64(offset + i * 8, true);
  return values;
}

export interface LrScheduleClient {
  /** POST /v1/learning-rate: the learning rate at one step. */
  computeLearningRate(body: LearningRateRequest, options?: CallOptions): Promise<LearningRateAnswer>;
  /** POST /v1/learning-rates: the learning rates at many steps (`steps` or `range`), as JSON (the default). */
  computeLearningRates(body: LearningRatesRequest, options?: CallOptions & { readonly format?: 'json' }): Promise<LearningRatesAnswer>;
  /** ... as CSV text (`step,learning_rate` rows). */
  computeLearningRates(body: LearningRatesRequest, options: CallOptions & { readonly format: 'csv' }): Promise<string>;
  /** ... as the service's exact bits: a Float32Array or Float64Array, per `x-learning-rate-dtype`. */
  computeLearningRates(body: LearningRatesRequest, options: CallOptions & { readonly format: 'binary' }): Promise<LearningRatesBinary>;
  computeLearningRates(body: LearningRatesRequest, options?: CallOptions & { readonly format?: LearningRatesFormat }): Promise<LearningRatesAnswer | string | LearningRatesBinary>;
  /** POST /v1/schedules/normalize: the schedule as Keras's serialize() would write it, and its dtype. */
  normalizeSchedule(body: NormalizeRequest, options?: CallOptions): Promise<NormalizeAnswer>;
  /** GET /v1/schedules: every schedule class the service computes. */
  listSchedules(options?: CallOptions): Promise<ScheduleList>;
  /** GET /v1/schedules/{class_name}: one schedule class. */
  getSchedule(className: string, options?: CallOptions): Promise<ScheduleInfo>;
  /** GET /health: liveness. */
  getHealth(options?: CallOptions): Promise<HealthAnswer>;
  /** GET /ready: readiness (a ProblemError with status 503 while the instance drains or sheds load). */
  getReadiness(options?: CallOptions): Promise<ReadinessAnswer>;
  /** GET /version: which build answers. */
  getVersion(options?: CallOptions): Promise<VersionAnswer>;
  /** GET /metrics: the Prometheus text exposition of the instance's metrics. */
  getMetrics(options?: CallOptions): Promise<string>;
  /** The openapi-fetch client underneath, typed from the same document, for anything the methods above do not cover. */
  readonly raw: Client<paths>;
}

const withoutAccept = (headers: Record<string, string> | undefined) => Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'accept'));

/** The request options of one call: its headers (`accept` is the method's, whatever `headers` says) and signal. */
const init = (options: CallOptions | undefined, accept = 'application/json') => ({
  headers: { ...withoutAccept(options?.headers), accept },
  ...(options?.signal ? { signal: options.signal } : {}),
});

export function createLrScheduleClient(options: ClientOptions): LrScheduleClient {
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.apiKey === undefined ? {} : { headers: { authorization: `Bearer ${options.apiKey}` } }),
  });

  async function computeLearningRates(body: LearningRatesRequest, call?: CallOptions & { readonly format?: LearningRatesFormat }): Promise<LearningRatesAnswer | string | LearningRatesBinary> {
    const format = call?.format ?? 'json';
    const request = { body, ...init(call, ACCEPT[format]) };
    if (format === 'csv') return unwrap(await raw.POST('/v1/learning-rates', { ...request, parseAs: 'text' }));
    if (format === 'binary') {
      const result = await raw.POST('/v1/learning-rates', { ...request, parseAs: 'arrayBuffer' });
      const { headers } = result.response;
      return decodeLearningRates(unwrap(result), headers.get('x-learning-rate-dtype'), headers.get('x-learning-rate-count'), headers.get('x-momentum-count'));
    }
    // The 200 answer's JSON body; the CSV and binary bodies are asked for above.
    return unwrap(await raw.POST('/v1/learning-rates', request)) as LearningRatesAnswer;
  }

  return {
    raw,
    computeLearningRate: async (body, call) => unwrap(await raw.POST('/v1/learning-rate', { body, ...init(call) })),
    computeLearningRates: computeLearningRates as LrScheduleClient['computeLearningRates'],
    normalizeSchedule: async (body, call) => unwrap(await raw.POST('/v1/schedules/normalize', { body, ...init(call) })),
    listSchedules: async (call) => unwrap(await raw.GET('/v1/schedules', init(call))),
    getSchedule: async (className, call) => unwrap(await raw.GET('/v1/schedules/{class_name}', { params: { path: { class_name: className } }, ...init(call) })),
    getHealth: async (call) => unwrap(await raw.GET('/health', init(call))),
    getReadiness: async (call) => unwrap(await raw.GET('/ready', init(call))),
    getVersion: async (call) => unwrap(await raw.GET('/version', init(call))),
    getMetrics: async (call) => unwrap(await raw.GET('/metrics', { ...init(call, 'text/plain'), parseAs: 'text' })),
  };
}
