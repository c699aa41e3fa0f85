/**
 * 405 Method Not Allowed, with `Allow`, for a known path and a wrong method
 * (Fastify's router answers 404 there). `methodNotAllowed`, registered before
 * the routes, records the methods of every route as it is added;
 * `methodNotAllowedFallbacks`, registered after them, adds for each path one
 * hidden route taking the other methods, which throws the 405. The router
 * still matches exactly as before (the same path patterns), so parameters and
 * wildcards behave as on the real routes. OPTIONS is left alone (it is CORS's
 * preflight when CORS is on, and 404 otherwise).
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../http-problem.js';

const FALLBACK_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;

interface KnownPath {
  readonly methods: Set<string>;
  readonly public: boolean;
  readonly probe: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    knownPaths: Map<string, KnownPath>;
  }
  interface FastifyContextConfig {
    methodNotAllowed?: true;
  }
}

export const methodNotAllowed = fp(
  async (app) => {
    const paths = new Map<string, KnownPath>();
    app.decorate('knownPaths', paths);
    app.addHook('onRoute', (route) => {
      // Catch-all paths (CORS's OPTIONS *) would turn every 404 into a 405.
      if (route.config?.methodNotAllowed === true || route.url === '*' || route.url === '/*') return;
      const known = paths.get(route.url) ?? { methods: new Set<string>(), public: route.config?.public === true, probe: route.config?.probe === true };
      for (const method of [route.method].flat()) known.methods.add(method);
      paths.set(route.url, known);
    });
  },
  { name: 'method-not-allowed' },
);

export const methodNotAllowedFallbacks = fp(
  async (app: FastifyInstance) => {
    for (const [url, known] of [...app.knownPaths]) {
      // Asked of the router rather than taken from onRoute, which some routes skip (a prefix's trailing-slash twin).
      const allowed = [...new Set([...known.methods, ...FALLBACK_METHODS])].filter((method) => app.hasRoute({ method, url })).sort();
      const others = FALLBACK_METHODS.filter((method) => !allowed.includes(method));
      if (others.length === 0) continue;
      const allow = allowed.join(', ');
      app.route({
        method: others as HTTPMethods[],
        url,
        exposeHeadRoute: false,
        config: { methodNotAllowed: true, public: known.public, probe: known.probe },
        schema: { hide: true },
        handler: async (request, reply) => {
          reply.header('allow', allow);
          throw new HttpProblem(405, `${request.method} is not allowed on ${url}; allowed: ${allow}`);
        },
      });
    }
  },
  { name: 'method-not-allowed-fallbacks', dependencies: ['method-not-allowed'] },
);
