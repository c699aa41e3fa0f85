import { ref, ProblemDetails } from './shared.js';

interface StatusInfo {
  /** The problem document's `title`: the reason phrase of RFC 9110. */
  readonly title: string;
  /** What the status means on this API, for the OpenAPI document. */
  readonly description: string;
}

/** Every error status the service sends, in one table: problem titles and OpenAPI descriptions both come from here. */
export const STATUSES = {
  400: { title: 'Bad Request', description: 'The body or the schedule is invalid; `errors` names each field with a JSON pointer.' },
  401: {
    title: 'Unauthorized',
    description: 'The service runs with API keys and the request has no valid `Authorization: Bearer <key>`; `WWW-Authenticate` says so.',
  },
  404: { title: 'Not Found', description: 'No such route or schedule class.' },
  405: { title: 'Method Not Allowed', description: 'The route exists, but not for this method; `Allow` lists its methods.' },
  406: { title: 'Not Acceptable', description: 'None of the formats in `Accept` can be served.' },
  408: { title: 'Request Timeout', description: 'The request did not arrive within REQUEST_TIMEOUT_MS (or its headers within HEADERS_TIMEOUT_MS).' },
  413: { title: 'Content Too Large', description: 'The body is larger than the configured limit.' },
  431: { title: 'Request Header Fields Too Large', description: 'The request headers are larger than Node accepts (16 KiB).' },
  415: { title: 'Unsupported Media Type', description: 'The body is not `application/json`.' },
  422: { title: 'Unprocessable Content', description: 'The request asks for more steps than the configured maximum.' },
  429: {
    title: 'Too Many Requests',
    description:
      'The client made more requests than the configured rate limit allows; `Retry-After` says in how many seconds to retry, `x-ratelimit-*` give the budget.',
  },
  500: { title: 'Internal Server Error', description: 'The service failed; the error has been logged with the request id.' },
  503: {
    title: 'Service Unavailable',
    description:
      'The instance is shutting down, or shedding load (too many large answers in progress, or overloaded); retry after `Retry-After` seconds, on this instance or another.',
  },
} as const satisfies Record<number, StatusInfo>;

export type ErrorStatus = keyof typeof STATUSES;

export function statusInfo(status: number): StatusInfo | undefined {
  return (STATUSES as Record<number, StatusInfo | undefined>)[status];
}

export function statusTitle(status: number): string {
  return (STATUSES as Record<number, StatusInfo | undefined>)[status]?.title ?? 'Error';
}

/** Problem-details responses for the given statuses, for a route's `response` schema. */
export function problemResponses(...statuses: ErrorStatus[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: STATUSES[status].description, content: { 'application/problem+json': { schema: ref(ProblemDetails) } } }]),
  );
}
