/**
 * Readiness and draining. The instance stops being ready the moment shutdown
 * begins, so load balancers stop sending to it. Closing then waits until every
 * answer has been *received*, not only written.
 *
 * Node hands the last bytes of an answer to the kernel and closes the socket;
 * the kernel would go on sending them after the process exits, but in a
 * container the network namespace, with the unsent bytes, goes with the
 * process: a slow reader got 17.6 of 20.4 MB. Node has no API for the kernel's
 * send queue, so while draining each connection lingers instead of closing:
 * it sends its FIN after the last byte and closes only when the peer closes its
 * side too, which an HTTP client does once it has read the answer up to that
 * FIN (`Connection: close`, or an idle keep-alive connection closed under it).
 * The wait is bounded by SHUTDOWN_TIMEOUT_MS, less a margin to exit 0 in.
 *
 * Every way Node ends a connection (after a `Connection: close` answer, at the
 * keep-alive timeout, `server.close()` closing idle connections) goes through
 * `socket.destroy()`, so that is the one place lingering hooks in, and only
 * once draining has begun: the hot path has no hooks.
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

/**
 * How long connections may linger after shutdown begins: SHUTDOWN_TIMEOUT_MS
 * less a tenth (at most 1 s), so the process still exits 0 on its own before
 * close-with-grace's timer (SHUTDOWN_TIMEOUT_MS) exits 1.
 */
export function lingerBudgetMs(shutdownTimeoutMs: number): number {
  return shutdownTimeoutMs - Math.min(1000, Math.floor(shutdownTimeoutMs / 10));
}

/**
 * From now on, a destroy() without an error half-closes the socket (FIN after
 * every queued byte) and waits for the peer's FIN before closing. Returns the
 * original destroy, to close at once when the budget runs out.
 */
function lingerInsteadOfClosing(socket: Socket): () => void {
  const destroyNow = socket.destroy;
  const closeNow = () => void destroyNow.call(socket);
  let lingering = false;
  const closeIfBothSidesDone = () => {
    if (socket.readableEnded && socket.writableFinished) closeNow();
  };
  socket.destroy = function lingeringDestroy(this: Socket, error?: Error) {
    if (error !== undefined || this.destroyed || (this.readableEnded && this.writableFinished)) return destroyNow.call(this, error);
    if (lingering) return this;
    lingering = true;
    this.setTimeout(0);
    this.once('end', closeIfBothSidesDone);
    this.once('finish', closeIfBothSidesDone);
    if (!this.writableEnded) this.end();
    // The peer's FIN is only seen while reading.
    this.resume();
    closeIfBothSidesDone();
    return this;
  } as Socket['destroy'];
  return closeNow;
}

export default fp(
  async (app) => {
    let draining = false;
    let closing = false;
    let deadline: NodeJS.Timeout | undefined;
    // Open connections, each with (once it lingers) the way to close it at once.
    const sockets = new Map<Socket, (() => void) | undefined>();

    app.decorate('readiness', {
      get ready() {
        return !draining;
      },
      startDraining() {
        draining = true;
      },
    });

    app.server.on('connection', (socket: Socket) => {
      sockets.set(socket, closing ? lingerInsteadOfClosing(socket) : undefined);
      socket.once('close', () => sockets.delete(socket));
    });

    app.addHook('preClose', async () => {
      draining = true;
      closing = true;
      for (const socket of sockets.keys()) sockets.set(socket, lingerInsteadOfClosing(socket));
      // A keep-alive connection whose answer is still in progress would otherwise stay open for the whole keep-alive
      // timeout after it: end each one as soon as its answer is done (which now lingers until the peer has read it).
      app.server.keepAliveTimeout = 1;
      const budgetMs = lingerBudgetMs(app.config.SHUTDOWN_TIMEOUT_MS);
      deadline = setTimeout(() => {
        app.log.warn({ connections: sockets.size, budgetMs }, 'drain budget spent: closing connections whose peer has not closed');
        for (const closeNow of sockets.values()) closeNow?.();
      }, budgetMs);
      deadline.unref();
    });

    // Emitted once the listener is closed and the last connection with it.
    app.server.once('close', () => clearTimeout(deadline));
  },
  { name: 'readiness' },
);
