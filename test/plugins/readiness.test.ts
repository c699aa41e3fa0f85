/**
 * Draining on a real listening server (in process): while closing, a connection
 * is closed only once its peer has closed its side, which an HTTP client does
 * after reading the whole answer; bounded by SHUTDOWN_TIMEOUT_MS.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig, type ServiceConfig } from '../../src/config.js';
import { lingerBudgetMs } from '../../src/plugins/readiness.js';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { parseHttpResponse } from '../helpers/process.js';

const rangeBody = JSON.stringify({ schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } });

async function listening(t: Test, overrides: Partial<ServiceConfig> = {}, beforeListen?: (app: FastifyInstance) => void) {
  const app = await buildApp({ config: defaultConfig(overrides), logger: false });
  beforeListen?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let closed = false;
  const close = () => {
    const closing = app.close().then(() => (closed = true));
    return { closing, isClosed: () => closed };
  };
  t.teardown(async () => {
    if (!closed) await app.close();
  });
  return { app, port, close };
}

const clients: Socket[] = [];
t.teardown(() => clients.forEach((socket) => socket.destroy()));

/** A raw HTTP client that keeps its side open after the server's FIN (allowHalfOpen) until told to end. */
function client(port: number) {
  const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('end', resolve));
  const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  clients.push(socket);
  return {
    socket,
    ended,
    socketClosed,
    response: () => parseHttpResponse(Buffer.concat(chunks)),
    send(method: string, url: string, connection: 'close' | 'keep-alive', body?: string) {
      const head = `${method} ${url} HTTP/1.1\r\nHost: test\r\nConnection: ${connection}\r\n`;
      socket.write(body === undefined ? `${head}\r\n` : `${head}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    },
    /** Resolves once a complete response has arrived. */
    async whole(): Promise<void> {
      while (!parseHttpResponse(Buffer.concat(chunks)).complete) await sleep(1);
    },
  };
}

async function firstData(socket: Socket): Promise<void> {
  await new Promise((resolve) => socket.once('data', resolve));
}

t.test('the lingering budget leaves a margin to exit 0 before close-with-grace exits 1', async (t) => {
  t.equal(lingerBudgetMs(8000), 7200);
  t.equal(lingerBudgetMs(60_000), 59_000);
  t.equal(lingerBudgetMs(100), 90);
});

t.test('an answer in flight at close: the connection closes only after the client has read it and closed', async (t) => {
  const { port, close } = await listening(t);
  const c = client(port);
  c.send('POST', '/v1/learning-rates', 'close', rangeBody);
  await firstData(c.socket);
  c.socket.pause();
  const { closing, isClosed } = close();
  await sleep(50);
  c.socket.resume();
  await c.ended;
  t.notOk(isClosed(), 'not closed when the last byte has been read');
  await sleep(100);
  t.notOk(isClosed(), 'nor while the client keeps its side open');
  const response = c.response();
  t.equal(response.status, 200);
  t.ok(response.complete, 'the whole answer');
  t.equal((JSON.parse(response.body.toString()) as { learning_rates: number[] }).learning_rates.length, 1_000_000);
  c.socket.end();
  await closing;
  t.ok(isClosed(), 'closed once the client closed');
});

t.test('an idle keep-alive connection gets a FIN at close, and the server waits for the client to close', async (t) => {
  const { port, close } = await listening(t);
  const c = client(port);
  c.send('GET', '/health', 'keep-alive');
  await c.whole();
  t.equal(c.response().status, 200);
  const { closing, isClosed } = close();
  await c.ended;
  await sleep(50);
  t.notOk(isClosed(), 'still waiting for the client');
  c.socket.end();
  await closing;
  t.pass('closed');
});

t.test('a keep-alive answer in flight at close ends its connection when it is done', async (t) => {
  const { port, close } = await listening(t);
  const c = client(port);
  c.send('POST', '/v1/learning-rates', 'keep-alive', rangeBody);
  await firstData(c.socket);
  const { closing } = close();
  await c.ended;
  t.ok(c.response().complete, 'the whole answer, then a FIN');
  c.socket.end();
  await closing;
  t.pass('closed');
});

t.test('a client that never closes is cut off when the budget is spent', async (t) => {
  const { port, close } = await listening(t, { SHUTDOWN_TIMEOUT_MS: 300 });
  const c = client(port);
  c.send('GET', '/health', 'keep-alive');
  await c.whole();
  const started = performance.now();
  const { closing } = close();
  await c.ended;
  await closing;
  const took = performance.now() - started;
  t.ok(took >= lingerBudgetMs(300) - 20, `closed after the budget (${Math.round(took)} ms)`);
  t.ok(took < 5000, 'and not much later');
  // The server's close sends nothing more (its FIN went first), so the client's socket is ours to close.
  c.socket.destroy();
});

t.test('a client that resets its connection while the answer is in flight does not hold the close up', async (t) => {
  const { port, close } = await listening(t);
  const c = client(port);
  c.send('POST', '/v1/learning-rates', 'close', rangeBody);
  await firstData(c.socket);
  c.socket.pause();
  const { closing } = close();
  await sleep(20);
  c.socket.resetAndDestroy();
  await closing;
  t.pass('closed');
});

t.test('a connection that arrives while closing lingers too, and a second destroy() does not cut it short', async (t) => {
  let late: ReturnType<typeof client> | undefined;
  const serverSide: Socket[] = [];
  const { port, close } = await listening(t, {}, (app) => {
    app.server.on('connection', (socket: Socket) => serverSide.push(socket));
    // Runs after the readiness plugin's preClose, before the listener closes.
    app.addHook('preClose', async () => {
      late = client(port);
      while (serverSide.length < 2) await sleep(1);
    });
  });
  const first = client(port);
  first.send('GET', '/health', 'keep-alive');
  await first.whole();
  const { closing, isClosed } = close();
  await first.ended;
  // The server side of the first connection is lingering: another destroy() (as a keep-alive timeout would) waits too.
  serverSide[0]?.destroy();
  t.notOk(serverSide[0]?.destroyed, 'still open after a second destroy()');
  first.socket.end();
  await first.socketClosed;

  t.ok(late, 'a connection came in while closing');
  late?.send('GET', '/ready', 'close');
  await late?.ended;
  t.equal(late?.response().status, 503, 'answered 503: not ready while draining');
  await sleep(50);
  t.notOk(isClosed(), 'and the server waits for it to close');
  late?.socket.end();
  await closing;
  t.pass('closed');
});
