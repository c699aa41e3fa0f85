/**
 * Every error leaves as an RFC 9457 `application/problem+json` document.
 * Validation problems list each field with a JSON pointer into the body.
 * Nothing a client sends produces a 500 or a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { describeProblem, ScheduleError, type Problem } from '../engine/index.js';
import type { ProblemDetails } from '../schemas/shared.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error a route throws on purpose, with the status and fields to report. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: readonly Problem[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** Enough to fix a request by; a body of 100,000 bad values does not get 100,000 lines back. */
export const MAX_REPORTED_PROBLEMS = 50;

export function sendProblem(reply: FastifyReply, status: number, detail: string, problems?: readonly Problem[]): FastifyReply {
  const errors =
    problems !== undefined && problems.length > MAX_REPORTED_PROBLEMS
      ? [...problems.slice(0, MAX_REPORTED_PROBLEMS), { path: '', message: `and ${problems.length - MAX_REPORTED_PROBLEMS} more problems` }]
      : problems;
  const body: ProblemDetails = {
    type: `https://httpstatuses.io/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: detail.length > 2000 ? `${detail.slice(0, 2000)}…` : detail,
    instance: String(reply.request.id),
    ...(errors === undefined ? {} : { errors: errors.map(({ path, message }) => ({ path, message })) }),
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/** Ajv reports a missing or extra key at its parent: point at the key itself. */
function validationProblem(error: AjvError): Problem {
  const { instancePath, keyword, params } = error;
  if (keyword === 'required') return { path: `${instancePath}/${String(params['missingProperty'])}`, message: 'is required' };
  if (keyword === 'additionalProperties') {
    return { path: `${instancePath}/${String(params['additionalProperty'])}`, message: 'is not a known field' };
  }
  return { path: instancePath, message: error.message ?? keyword };
}

function prefixed(problems: readonly Problem[], prefix: string): Problem[] {
  return problems.map((problem) => ({ ...problem, path: prefix + problem.path }));
}

function describe(problems: readonly Problem[]): string {
  return problems.map(describeProblem).join('; ');
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ScheduleError) {
    const problems = prefixed(error.problems, '/schedule');
    return sendProblem(reply, 400, `invalid schedule: ${describe(problems)}`, problems);
  }
  if (error instanceof HttpProblem) return sendProblem(reply, error.status, error.message, error.errors);
  if (error.validation !== undefined) {
    const problems = (error.validation as AjvError[]).map(validationProblem);
    return sendProblem(reply, 400, `invalid request ${error.validationContext ?? 'body'}: ${describe(problems)}`, problems);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendProblem(reply, status, error.message);
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, 500, 'the service failed to answer this request; it has been logged');
}

export default fp(
  async (app) => {
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, `no route ${request.method} ${request.url}`));
  },
  { name: 'problem-details' },
);
