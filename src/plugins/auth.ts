/**
 * Optional bearer-key authentication: off while API_KEYS is empty. When set,
 * every route needs `Authorization: Bearer <one of the keys>` except the
 * probes (/health, /ready), /metrics, and the public pages: `/` (a redirect),
 * the documentation (/docs, its UI and the OpenAPI document: the operations
 * need the key, reading about them does not) and the problem pages
 * (/problems/...). Unknown paths need it too, so a caller without a key cannot
 * map the API. A missing or wrong key is a 401 problem+json with
 * `WWW-Authenticate: Bearer`.
 *
 * Keys are compared in constant time: each is reduced to its SHA-256 digest
 * (so every comparison is over 32 bytes, whatever the lengths) and compared
 * with crypto.timingSafeEqual against every configured key, without stopping
 * at the first match.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../http-problem.js';

export interface AuthOptions {
  /** As API_KEYS: comma-separated keys, or '' for no authentication. */
  readonly keys: string;
}

/** The OpenAPI security scheme name. */
export const SECURITY_SCHEME = 'bearerAuth';

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** A checker of presented keys against the configured ones, in constant time; null when authentication is off. */
export function keyChecker(keys: string): ((presented: string) => boolean) | null {
  const configured = keys === '' ? [] : keys.split(',').map(digest);
  if (configured.length === 0) return null;
  return (presented) => {
    const candidate = digest(presented);
    let matched = false;
    for (const key of configured) matched = timingSafeEqual(candidate, key) || matched;
    return matched;
  };
}

/** Routes reachable without a key: marked `config.public`, or under /docs (registered by @fastify/swagger-ui). */
export function isPublic(request: FastifyRequest): boolean {
  if (request.routeOptions.config.public === true) return true;
  const url = request.routeOptions.url;
  return url !== undefined && (url === '/docs' || url.startsWith('/docs/'));
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

export default fp<AuthOptions>(
  async (app, options) => {
    const check = keyChecker(options.keys);
    if (check === null) return;
    app.addHook('onRequest', async (request, reply) => {
      if (isPublic(request)) return;
      const header = request.headers.authorization;
      const presented = header === undefined ? undefined : BEARER.exec(header)?.[1];
      if (presented !== undefined && check(presented)) return;
      reply.header('www-authenticate', presented === undefined ? 'Bearer' : 'Bearer error="invalid_token"');
      throw new HttpProblem(401, header === undefined ? 'this route needs `Authorization: Bearer <API key>`' : 'the API key is not valid');
    });
  },
  { name: 'auth' },
);
