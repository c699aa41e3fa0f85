/**
 * Readiness and draining. The instance stops being ready the moment shutdown
 * begins, so load balancers stop sending to it; then closing waits until every
 * response already being written has been handed to the network. Node's
 * `server.close()` counts a connection whose response is ended but still
 * flushing as idle and cuts it, which would truncate a large answer.
 */
import type { ServerResponse } from 'node:http';
import fp from 'fastify-plugin';

export interface Readiness {
  readonly ready: boolean;
  /** Responses started and not yet fully written. */
  readonly inFlight: number;
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
    const inFlight = new Set<ServerResponse>();
    let allWritten: (() => void) | null = null;

    app.decorate('readiness', {
      get ready() {
        return !draining;
      },
      get inFlight() {
        return inFlight.size;
      },
      startDraining() {
        draining = true;
      },
    });

    app.addHook('onRequest', async (_request, reply) => {
      const response = reply.raw;
      inFlight.add(response);
      response.once('close', () => {
        inFlight.delete(response);
        if (inFlight.size === 0) allWritten?.();
      });
    });

    app.addHook('preClose', async () => {
      draining = true;
      if (inFlight.size === 0) return;
      await new Promise<void>((resolve) => {
        allWritten = resolve;
      });
    });
  },
  { name: 'readiness' },
);
