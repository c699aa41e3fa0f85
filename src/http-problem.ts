/**
 * The error routes and plugins throw on purpose: one shape for every status (as fastify-sensible's httpErrors),
 * answered as an RFC 9457 problem document by the problem-details plugin.
 */
import { describeProblem, RequestError, ScheduleError, type Problem } from './engine/index.js';

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

  /** A 400 listing each wrong field; the detail names them all after `summary`. */
  static invalid(summary: string, problems: readonly Problem[]): HttpProblem {
    return new HttpProblem(400, `${summary}: ${problems.map(describeProblem).join('; ')}`, problems);
  }
}

/**
 * The problem answered for an error the engine (or a route) raised, or undefined for any other error: the one
 * mapping the error handler, the schedule cache and the range workers share. A RequestError's pointers are into
 * the body already (a dtype, mode or step); a ScheduleError's are into the schedule, found at `schedulePath`.
 */
export function problemFor(error: unknown, schedulePath = '/schedule'): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof RequestError) return HttpProblem.invalid('invalid request', error.problems);
  if (error instanceof ScheduleError) {
    return HttpProblem.invalid('invalid schedule', error.problems.map((problem) => ({ ...problem, path: schedulePath + problem.path })));
  }
  return undefined;
}
