/**
 * The error routes and plugins throw on purpose: one shape for every status (as fastify-sensible's httpErrors),
 * answered as an RFC 9457 problem document by the problem-details plugin.
 */
import { describeProblem, type Problem } from './engine/index.js';

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
