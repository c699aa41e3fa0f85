/**
 * Every error leaves as an RFC 9457 `application/problem+json` document.
 * Routes and plugins throw HttpProblem (src/http-problem.ts: one shape for every status, as
 * fastify-sensible's httpErrors); Fastify's own errors (validation, body
 * limit, content type) are translated here. Validation problems list each
 * field with a JSON pointer into the body. Nothing a client sends produces a
 * 500 or a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import type { Problem } from '../engine/index.js';
import { HttpProblem, problemFor } from '../http-problem.js';
import { statusTitle } from '../schemas/responses.js';
import type { ProblemDetails } from '../schemas/shared.js';

/** Enough to fix a request by; a body of 100,000 bad values does not get 100,000 lines back. */
export const MAX_REPORTED_PROBLEMS = 50;
/** Longest `detail`, and longest `path` or `message` of one reported problem: a 1 MB key is not echoed back (twice). */
export const MAX_PROBLEM_TEXT = 2000;

const clip = (text: string): string => (text.length > MAX_PROBLEM_TEXT ? `${text.slice(0, MAX_PROBLEM_TEXT)}…` : text);

function problemDocument(request: FastifyRequest, status: number, detail: string, problems?: readonly Problem[]): ProblemDetails {
  const errors =
    problems !== undefined && problems.length > MAX_REPORTED_PROBLEMS
      ? [...problems.slice(0, MAX_REPORTED_PROBLEMS), { path: '', message: `and ${problems.length - MAX_REPORTED_PROBLEMS} more problems` }]
      : problems;
  return {
    type: `/problems/${status}`,
    title: statusTitle(status),
    status,
    detail: clip(detail),
    instance: String(request.id),
    ...(errors === undefined ? {} : { errors: errors.map(({ path, message }) => ({ path: clip(path), message: clip(message) })) }),
  };
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

/** Any error as the problem to answer with. */
function asProblem(error: FastifyError, request: FastifyRequest): HttpProblem {
  // The engine's and the routes' own (a step a PyTorch schedule has no rate for: pointers into the body, as they are).
  const engine = problemFor(error);
  if (engine !== undefined) return engine;
  if (error.validation !== undefined) {
    return HttpProblem.invalid(`invalid request ${error.validationContext ?? 'body'}`, (error.validation as AjvError[]).map(validationProblem));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new HttpProblem(status, error.message);
  request.log.error({ err: error }, 'unhandled error');
  return new HttpProblem(500, 'the service failed to answer this request; it has been logged');
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = asProblem(error, request);
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemDocument(request, problem.status, problem.message, problem.errors));
}

/** The longest path parameter the router takes (Fastify's `maxParamLength`, 100 by default); path parameter schemas declare it. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

/** What the router refuses before any route (or hook) runs, as the 400 to answer with. */
function frameworkProblem(error: FastifyError, request: FastifyRequest): HttpProblem {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new HttpProblem(400, 'the path is not valid percent-encoded UTF-8 (e.g. a lone `%` or `%FF`)');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpProblem(400, `a path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters, the most any route takes`);
    default:
      return asProblem(error, request);
  }
}

/**
 * Fastify's `frameworkErrors` option: the router's own refusals (bad percent-encoding, an over-long path parameter)
 * happen before any hook runs, so the request id is echoed here, and the answer is the same problem document.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = frameworkProblem(error, request);
  return reply
    .code(problem.status)
    .header('x-request-id', String(request.id))
    .type('application/problem+json; charset=utf-8')
    .send(problemDocument(request, problem.status, problem.message, problem.errors));
}

/**
 * Node's own refusals, before any request exists (malformed HTTP, headers too large, a request that timed
 * out): a problem document written straight to the socket, with a request id made for it, then the close.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const id = randomUUID();
  const body = JSON.stringify({ type: `/problems/${status}`, title: statusTitle(status), status, detail: `the HTTP request could not be read (${error.code ?? 'malformed'})`, instance: id });
  socket.end(
    `HTTP/1.1 ${status} ${statusTitle(status)}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export default fp(
  async (app) => {
    app.setErrorHandler(handleError);
    app.setNotFoundHandler(async (request) => {
      throw new HttpProblem(404, `no route ${request.method} ${request.url}`);
    });
  },
  { name: 'problem-details' },
);
