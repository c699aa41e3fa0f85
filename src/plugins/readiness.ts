/**
 * Readiness and draining. The instance stops being ready the moment shutdown
 * begins, so load balancers stop sending to it. Closing then waits until every
 * connection has handed its buffered response bytes to the network: Node's
 * `server.close()` destroys connections whose response has ended, even while a
 * large answer is still being flushed, which would truncate it; and it leaves
 * a keep-alive connection whose answer is still streaming open until its
 * keep-alive timeout. Waiting per connection (not per request) keeps the hot
 * path free of hooks.
 */
import type { Socket } from 'node:net';
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

function flushed(socket: Socket): Promise<void> {
  if (socket.writableLength === 0 || socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('drain', resolve);
    socket.once('close', resolve);
  });
}

export default fp(
  async (app) => {
    let draining = false;
    const sockets = new Set<Socket>();

    app.decorate('readiness', {
      get ready() {
        return !draining;
      },
      startDraining() {
        draining = true;
      },
    });

    app.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });

    app.addHook('preClose', async () => {
      draining = true;
      // A keep-alive connection whose response is still in progress when the server closes would otherwise stay
      // open for the whole keep-alive timeout after it: close each one as soon as its response is done.
      app.server.keepAliveTimeout = 1;
      await Promise.all([...sockets].map(flushed));
    });
  },
  { name: 'readiness' },
);
