import { ref, ProblemDetails } from './shared.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The body or the schedule is invalid; `errors` names each field with a JSON pointer.',
  404: 'No such route or schedule class.',
  406: 'None of the formats in `Accept` can be served.',
  413: 'The body is larger than the configured limit.',
  415: 'The body is not `application/json`.',
  422: 'The request asks for more steps than the configured maximum.',
  503: 'The instance is shutting down.',
};

/** Problem-details responses for the given statuses, for a route's `response` schema. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: ref(ProblemDetails) } } }]),
  );
}
