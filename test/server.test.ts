import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { exampleSchedule } from '../src/schemas/examples.js';
import { parseHttpResponse, run, startService } from './helpers/process.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = ['--import', 'tsx', 'src/server.ts'];

t.test('a bad configuration stops the process at once, naming the variable', async (t) => {
  const { code, output } = await run(process.execPath, server, { cwd: root, env: { PORT: 'not-a-port' } });
  t.equal(code, 1);
  t.match(output, /invalid configuration: .*PORT/);
});

t.test('SIGTERM lets an in-flight million-step request finish, then exits 0', async (t) => {
  const service = await startService(process.execPath, server, { cwd: root, env: { SHUTDOWN_TIMEOUT_MS: '8000' } });
  t.teardown(() => service.child.kill('SIGKILL'));
  t.equal((await fetch(`${service.baseUrl}/ready`)).status, 200);

  const response = await fetch(`${service.baseUrl}/v1/learning-rates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } }),
  });
  // Signal once the answer has begun (its headers are here): its tens of MB are still to come, so it is in flight
  // whatever the request log says (and whichever requests LOG_REQUESTS logs).
  const signalledAt = Date.now();
  service.child.kill('SIGTERM');

  t.equal(response.status, 200, 'the in-flight request completes');
  const body = (await response.json()) as { learning_rates: number[] };
  t.equal(body.learning_rates.length, 1_000_000, 'with all its values');
  const { code } = await service.exited;
  t.equal(code, 0, 'exits 0');
  t.ok(Date.now() - signalledAt < 10_000, 'within Docker\'s 10 s');
  t.match(service.output(), /shutting down: draining in-flight requests/);
  await t.rejects(fetch(`${service.baseUrl}/health`), 'no longer listening');
});

t.test('SIGTERM with a slow reader in flight: the process exits only after the client has read the whole answer', async (t) => {
  // In a container the process's exit takes its network namespace, and any bytes the kernel has not sent yet, with
  // it; on loopback the kernel would deliver them anyway. So the test does not look for missing bytes: it shows that
  // the process is still running when the client reads the last byte, and until the client closes its side.
  // The budget is far beyond what the test needs, so only the order of events decides, not the machine's speed.
  const service = await startService(process.execPath, server, { cwd: root, env: { SHUTDOWN_TIMEOUT_MS: '60000' } });
  t.teardown(() => service.child.kill('SIGKILL'));
  let exited = false;
  void service.exited.then(() => (exited = true));

  const body = JSON.stringify({ schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } });
  // allowHalfOpen: the client keeps its own side open after the server's FIN until it chooses to close.
  const socket = connect({ host: '127.0.0.1', port: Number(new URL(service.baseUrl).port), allowHalfOpen: true });
  socket.write(
    `POST /v1/learning-rates HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nConnection: close\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  const chunks: Buffer[] = [];
  let received = 0;
  const firstBytes = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
  });
  const ended = new Promise<void>((resolve) => socket.once('end', resolve));

  // The answer has begun (tens of MB: far more than the kernel's socket buffers hold): stop reading, then SIGTERM.
  await firstBytes;
  socket.pause();
  service.child.kill('SIGTERM');
  while (!service.output().includes('shutting down: draining in-flight requests')) await sleep(5);

  // A slow reader: a little at a time, with pauses, until the server's FIN.
  const reading = (async () => {
    let done = false;
    void ended.then(() => (done = true));
    while (!done) {
      const before = received;
      socket.resume();
      while (received === before && !done) await sleep(1);
      socket.pause();
      await sleep(5);
    }
  })();
  await ended;
  await reading;
  t.notOk(exited, 'still running when the client has read the last byte');
  await sleep(300);
  t.notOk(exited, 'and while the client keeps its side open');

  const response = parseHttpResponse(Buffer.concat(chunks));
  t.equal(response.status, 200);
  t.ok(response.complete, `the whole answer arrived (${received} bytes)`);
  t.ok(received > 10_000_000, 'tens of MB');
  t.equal((JSON.parse(response.body.toString()) as { learning_rates: number[] }).learning_rates.length, 1_000_000, 'with all its values');

  socket.end();
  const { code } = await service.exited;
  t.equal(code, 0, 'exits 0 once the client has closed');
  t.notMatch(service.output(), /drain budget spent/, 'without reaching the budget');
});

t.test('logs are JSON lines with request ids, and probes stay out of them', async (t) => {
  const service = await startService(process.execPath, server, { cwd: root, env: { LOG_REQUESTS: 'all' } });
  t.teardown(() => service.child.kill('SIGKILL'));
  await fetch(`${service.baseUrl}/health`);
  await fetch(`${service.baseUrl}/v1/schedules`, { headers: { 'x-request-id': 'trace-me-42' } });
  service.child.kill('SIGTERM');
  await service.exited;
  const lines = service.output().trim().split('\n').map((line) => JSON.parse(line) as { reqId?: string; req?: { url?: string } });
  t.ok(lines.some((line) => line.reqId === 'trace-me-42'), 'the caller\'s request id is in the log');
  t.notOk(lines.some((line) => line.req?.url === '/health'), 'health probes are not logged at info');
});
