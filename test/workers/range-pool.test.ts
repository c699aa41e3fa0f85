/**
 * Big answers are computed and written in worker threads: they must be the same bytes as the event
 * loop's, refuse the same way, and leave the event loop free for single steps meanwhile.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp } from '../helpers/app.js';

const url = '/v1/learning-rates';
const accepts = ['application/json', 'text/csv', 'application/octet-stream'];
// Written with float spellings, so the worker must get them too for a normalize-faithful load.
const spelled = `{"module": "keras.optimizers.schedules", "class_name": "CosineDecayRestarts", "config": {"initial_learning_rate": 1.0, "first_decay_steps": 1000, "t_mul": 2.0, "m_mul": 0.9, "alpha": 0.0}}`;

t.test('a worker answers the same bytes as the event loop, in every format', async (t) => {
  const inline = await buildTestApp(t, { RANGE_WORKERS: 0 });
  const pooled = await buildTestApp(t, { RANGE_WORKERS: 2 });
  t.ok(pooled.rangePool !== null && inline.rangePool === null);
  const bodies = [
    { schedule: exampleSchedule, range: { start: 0, stop: 300_000, stride: 3 } },
    { schedule: exampleSchedule, steps: Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 50_000) },
    { schedule: exampleSchedule, range: { start: 200_000, stop: -1, stride: -2 }, dtype: 'float64' },
  ].map((body) => JSON.stringify(body));
  bodies.push(`{"schedule": ${spelled}, "range": {"start": 0, "stop": 100000}}`);
  for (const payload of bodies) {
    for (const accept of accepts) {
      const headers = { 'content-type': 'application/json', accept };
      const [a, b] = await Promise.all([inline.inject({ method: 'POST', url, headers, payload }), pooled.inject({ method: 'POST', url, headers, payload })]);
      t.equal(b.statusCode, 200, `${accept}: answered`);
      t.ok(a.rawPayload.equals(b.rawPayload), `${accept} ${payload.slice(0, 60)}…: ${b.rawPayload.byteLength} identical bytes`);
      t.equal(b.headers['x-learning-rate-count'], a.headers['x-learning-rate-count']);
      t.equal(b.headers['content-type'], a.headers['content-type']);
    }
  }
});

t.test('single steps are answered while a worker writes a million-step answer to a reader that does not read', async (t) => {
  const app = await buildTestApp(t, { RANGE_WORKERS: 1 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const body = JSON.stringify({ schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } });
  let received = 0;
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: url, method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
    req.on('error', reject);
    req.end(body);
  });
  response.pause();
  for (let i = 0; i < 20; i++) {
    const single = await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: i } });
    t.equal(single.statusCode, 200);
  }
  t.pass('20 single steps answered while the big answer waits for its reader');
  response.on('data', (chunk: Buffer) => (received += chunk.byteLength));
  response.resume();
  await new Promise((resolve) => response.on('end', resolve));
  t.ok(received > 9_000_000, `then the whole answer arrives (${received} bytes)`);
});
