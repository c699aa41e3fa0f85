/**
 * Reads JSON bodies: refuses bytes that are not UTF-8 (instead of silently
 * turning them into U+FFFD and answering about data the caller never sent),
 * parses with Fastify's own parser (prototype-poisoning checks included), and
 * keeps what JSON.parse forgets: which integer-valued numbers were written as
 * floats, so a schedule reads as Keras reads it.
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { floatSpelledIntegers } from '../http/number-spellings.js';
import { HttpProblem } from './problem-details.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** JSON pointers into the body of integer-valued numbers written with a fraction or exponent (`1.0`, `1e3`); null without a JSON body. */
    floatIntegers: ReadonlySet<string> | null;
  }
}

export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.decorateRequest('floatIntegers', null);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
      if (!isUtf8(body)) {
        done(new HttpProblem(400, 'the body is not valid UTF-8: nothing was read, so nothing you sent is altered'), undefined);
        return;
      }
      const text = body.toString('utf8');
      parseJson(request, text, (error, value) => {
        if (error === null) request.floatIntegers = floatSpelledIntegers(text);
        done(error, value);
      });
    });
  },
  { name: 'json-body' },
);
