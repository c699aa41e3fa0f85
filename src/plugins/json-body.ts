/**
 * Reads JSON bodies: refuses bytes that are not UTF-8 (instead of silently
 * turning them into U+FFFD and answering about data the caller never sent),
 * refuses bodies nested deeper than any request needs (before parsing them:
 * a megabyte of brackets would cost the event loop hundreds of milliseconds),
 * parses with Fastify's own parser (prototype-poisoning checks included), and
 * keeps what JSON.parse forgets: which integer-valued numbers were written as
 * floats, so a schedule reads as Keras reads it.
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { floatSpelledIntegers, NestingError } from '../numbers/number-spellings.js';
import { HttpProblem } from '../http-problem.js';

/**
 * Deepest JSON nesting a body may have: a schedule nests at most MAX_NESTING (12) levels under `schedule`, so this
 * leaves room for any real request while bounding the work a hostile one can cause.
 */
export const MAX_BODY_NESTING = 32;

declare module 'fastify' {
  interface FastifyRequest {
    /** JSON pointers into the body of integer-valued numbers written with a fraction or exponent (`1.0`, `1e3`); null without a JSON body. */
    floatIntegers: ReadonlySet<string> | null;
    /** The text of each member of a JSON object body, as sent (`schedule` → its JSON text); null without one. */
    memberTexts: ReadonlyMap<string, string> | null;
  }
}

export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.decorateRequest('floatIntegers', null);
    app.decorateRequest('memberTexts', null);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
      if (!isUtf8(body)) {
        done(new HttpProblem(400, 'the body is not valid UTF-8: nothing was read, so nothing you sent is altered'), undefined);
        return;
      }
      const text = body.toString('utf8');
      let floatIntegers: Set<string>;
      const members = new Map<string, string>();
      try {
        floatIntegers = floatSpelledIntegers(text, MAX_BODY_NESTING, members);
      } catch (error) {
        if (!(error instanceof NestingError)) throw error;
        const problem = { path: error.path, message: `nested deeper than ${MAX_BODY_NESTING} levels, which no request needs` };
        done(HttpProblem.invalid('invalid request body', [problem]), undefined);
        return;
      }
      parseJson(request, text, (error, value) => {
        if (error === null) {
          request.floatIntegers = floatIntegers;
          request.memberTexts = members;
        }
        done(error, value);
      });
    });
  },
  { name: 'json-body' },
);
