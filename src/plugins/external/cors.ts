/**
 * CORS for dashboards and notebooks in a browser, off unless CORS_ORIGINS
 * names the origins allowed.
 */
import cors from '@fastify/cors';
import fp from 'fastify-plugin';

export interface CorsOptions {
  /** As CORS_ORIGINS: '' (off), '*' (any origin) or comma-separated origins. */
  readonly origins: string;
}

export function allowedOrigins(origins: string): true | string[] | null {
  if (origins === '') return null;
  if (origins === '*') return true;
  return origins.split(',');
}

export default fp<CorsOptions>(
  async (app, options) => {
    const origin = allowedOrigins(options.origins);
    if (origin === null) return;
    await app.register(cors, { origin, methods: ['GET', 'POST'], exposedHeaders: ['x-request-id', 'x-learning-rate-dtype', 'x-learning-rate-count', 'x-momentum-count'] });
  },
  { name: 'cors' },
);
