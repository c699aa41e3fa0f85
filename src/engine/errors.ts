/**
 * Everything the engine refuses is reported as problems, each with a JSON
 * pointer into the document the caller sent, so the HTTP layer can name the
 * field without knowing anything about schedules.
 */

export interface Problem {
  /** RFC 6901 JSON pointer into the serialized schedule ('' is the whole of it). */
  readonly path: string;
  readonly message: string;
}

export class ScheduleError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const [first] = problems;
    super(first === undefined ? 'invalid schedule' : describeProblem(first));
    this.name = 'ScheduleError';
    this.problems = problems;
  }
}

/**
 * A problem with what the request asks of a schedule (a step it has no rate for, an option it does not
 * take), not with the schedule itself: its pointers are into the request body (`/step`, `/range/start`,
 * `/mode`), where a ScheduleError's are into the schedule.
 */
export class RequestError extends ScheduleError {
  constructor(problems: readonly Problem[]) {
    super(problems);
    this.name = 'RequestError';
  }
}

export function describeProblem(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** Appends one reference token to a JSON pointer, escaping as RFC 6901 asks. */
export function pointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Names a JSON value's type the way a reader of the request would. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Formats a received value for a message the way Python would print it in Keras's own errors. */
export function pythonRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) {
    // Long lists are shortened so that a message stays readable (and small) whatever was sent.
    if (value.length > 12) return `[${value.slice(0, 5).map(pythonRepr).join(', ')}, ..., ${value.slice(-5).map(pythonRepr).join(', ')}]`;
    return `[${value.map(pythonRepr).join(', ')}]`;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}
