import { fileURLToPath } from 'node:url';
import t from 'tap';
import { exampleSchedule } from '../src/schemas/examples.js';
import { run, startService } from './helpers/process.js';

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

  const inFlight = fetch(`${service.baseUrl}/v1/learning-rates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } }),
  });
  // Signal only once the server has logged the request as received, so it is truly in flight.
  while (!service.output().includes('"url":"/v1/learning-rates"')) await new Promise((resolve) => setTimeout(resolve, 5));
  const signalledAt = Date.now();
  service.child.kill('SIGTERM');

  const response = await inFlight;
  t.equal(response.status, 200, 'the in-flight request completes');
  const body = (await response.json()) as { learning_rates: number[] };
  t.equal(body.learning_rates.length, 1_000_000, 'with all its values');
  const { code } = await service.exited;
  t.equal(code, 0, 'exits 0');
  t.ok(Date.now() - signalledAt < 10_000, 'within Docker\'s 10 s');
  t.match(service.output(), /shutting down: draining in-flight requests/);
  await t.rejects(fetch(`${service.baseUrl}/health`), 'no longer listening');
});

t.test('logs are JSON lines with request ids, and probes stay out of them', async (t) => {
  const service = await startService(process.execPath, server, { cwd: root });
  t.teardown(() => service.child.kill('SIGKILL'));
  await fetch(`${service.baseUrl}/health`);
  await fetch(`${service.baseUrl}/v1/schedules`, { headers: { 'x-request-id': 'trace-me-42' } });
  service.child.kill('SIGTERM');
  await service.exited;
  const lines = service.output().trim().split('\n').map((line) => JSON.parse(line) as { reqId?: string; req?: { url?: string } });
  t.ok(lines.some((line) => line.reqId === 'trace-me-42'), 'the caller\'s request id is in the log');
  t.notOk(lines.some((line) => line.req?.url === '/health'), 'health probes are not logged at info');
});
