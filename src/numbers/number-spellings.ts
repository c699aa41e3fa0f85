/**
 * How numbers were spelled in a JSON text. `JSON.parse` reads `1.0` and `1`
 * as the same number, but Python does not: Keras builds an integer-typed
 * schedule from `1` and a float one from `1.0`. This scanner walks the text
 * once, after JSON.parse has accepted it, and returns the JSON pointers of the
 * integer-valued numbers written with a fraction or an exponent (the only
 * numbers whose type the parsed value does not already tell).
 *
 * Node 20 has no `JSON.parse` source access (the reviver `context.source` of
 * V8 11.4+ is not there), and a full parser in JavaScript that keeps number
 * tokens (lossless-json) is several times slower than JSON.parse on the hot
 * single-step path; this scan is one pass over bytes that allocates only for
 * keys and the pointers it returns.
 */
import { pointer } from '../engine/index.js';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

interface Container {
  readonly isArray: boolean;
  readonly path: string;
  /** The current array index, or the last key read in an object. */
  member: string | number;
}

function isNumberStart(code: number): boolean {
  return code === 45 || (code >= 48 && code <= 57);
}

function isNumberPart(code: number): boolean {
  return isNumberStart(code) || code === 43 || code === 46 || code === 69 || code === 101;
}

/** Where a text nests deeper than the scan's limit: the pointer of the first container past it. */
export class NestingError extends Error {
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`nested deeper than ${limit} levels at ${path === '' ? 'the top' : path}`);
    this.name = 'NestingError';
  }
}

/**
 * JSON pointers of the integer-valued numbers spelled as floats (`1.0`, `2e3`) in a JSON text. Meant to run
 * before JSON.parse, with `maxDepth`: a container nested deeper throws NestingError at once, so a hostile body
 * of a million brackets costs one short scan instead of a deep parse (V8's JSON.parse and any walk of the
 * parsed value are slow on such input). On a text that is not JSON it ends without throwing anything else (a
 * malformed key is kept as written); its answer then means nothing, and JSON.parse is what refuses the text.
 * `members`, when given, receives the text of each member's value of a top-level object, as written (e.g.
 * the schedule's own text: the cache's key).
 */
export function floatSpelledIntegers(text: string, maxDepth = Number.POSITIVE_INFINITY, members?: Map<string, string>): Set<string> {
  const found = new Set<string>();
  const stack: Container[] = [];
  let expectingKey = false;
  // Where the value of the top-level object's current member began (after its colon), for `members`.
  let memberStart = -1;
  const endMember = (end: number) => {
    const top = stack[0];
    if (members !== undefined && memberStart >= 0 && stack.length === 1 && top !== undefined && !top.isArray) {
      members.set(String(top.member), text.slice(memberStart, end).trim());
    }
    memberStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectingKey && top !== undefined) {
        const raw = text.slice(i + 1, end);
        top.member = raw.includes('\\') ? keyOf(text.slice(i, end + 1), raw) : raw;
        expectingKey = false;
      }
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const parent = stack[stack.length - 1];
      const path = parent === undefined ? '' : pointer(parent.path, parent.member);
      if (stack.length >= maxDepth) throw new NestingError(path, maxDepth);
      stack.push({ isArray: code === OPEN_BRACKET, path, member: 0 });
      expectingKey = code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (stack.length === 1) endMember(i);
      stack.pop();
      expectingKey = false;
    } else if (code === COMMA) {
      if (stack.length === 1) endMember(i);
      const top = stack[stack.length - 1];
      if (top?.isArray === true) top.member = (top.member as number) + 1;
      else expectingKey = true;
    } else if (code === COLON) {
      if (stack.length === 1) memberStart = i + 1;
      expectingKey = false;
    } else if (isNumberStart(code)) {
      let end = i + 1;
      while (end < text.length && isNumberPart(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      if (/[.eE]/.test(token) && Number.isInteger(Number(token))) {
        const top = stack[stack.length - 1];
        found.add(top === undefined ? '' : pointer(top.path, top.member));
      }
      i = end - 1;
    }
  }
  return found;
}

/** A key with escapes, decoded; as written when it is not a valid JSON string (JSON.parse refuses the body then). */
function keyOf(quoted: string, raw: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return raw;
  }
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const next = text.indexOf('"', i);
    if (next < 0) return text.length;
    let backslashes = 0;
    for (let j = next - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return next;
    i = next + 1;
  }
}

/** The pointers of `places` that lie under `prefix`, made relative to it. */
export function placesUnder(places: ReadonlySet<string>, prefix: string): Set<string> {
  const under = new Set<string>();
  for (const place of places) if (place.startsWith(`${prefix}/`)) under.add(place.slice(prefix.length));
  return under;
}
