/**
 * Tracks whether this instance should receive traffic. It stops being ready
 * the moment shutdown begins, so load balancers drain it while in-flight
 * requests finish.
 */
import fp from 'fastify-plugin';

export interface Readiness {
  readonly ready: boolean;
  startDraining(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
  }
}

export default fp(
  async (app) => {
    let draining = false;
    app.decorate('readiness', {
      get ready() {
        return !draining;
      },
      startDraining() {
        draining = true;
      },
    });
    app.addHook('preClose', async () => {
      draining = true;
    });
  },
  { name: 'readiness' },
);
