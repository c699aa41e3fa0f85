/*
 * Range admission against a real listening server (concurrency is the point,
 * so not only inject): slow readers hold their slots, deterministically,
 * because a paused client lets the server's socket buffer fill and the JSON
 * stream of a million steps (about 19 MB) waits on it.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../src/http-problem.js';
import { createRangeAdmission, RANGE_STEPS } from '../../src/plugins/range-admission.js';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp } from '../helpers/app.js';

const MILLION = { schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } };

interface Pending {
  /** Resolves with the response head, the body still unread (paused). */
  readonly response: Promise<IncomingMessage>;
  /** Reads the rest of the body. */
  body(): Promise<string>;
  abort(): void;
}

function post(base: string, path: string, payload: unknown): Pending {
  let message: IncomingMessage | undefined;
  const request = httpRequest(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' } });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.on('response', (res) => {
      message = res;
      res.pause();
      resolve(res);
    });
    request.on('error', reject);
  });
  request.end(JSON.stringify(payload));
  return {
    response,
    async body() {
      const res = message ?? (await response);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      await new Promise<void>((resolve, reject) => {
        res.on('end', resolve);
        res.on('error', reject);
        res.resume();
      });
      return Buffer.concat(chunks).toString('utf8');
    },
    abort() {
      request.destroy();
    },
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

t.test('MAX_CONCURRENT_RANGES=2: eight million-step requests, two answered at a time, the rest queued or 503 with Retry-After', async (t) => {
  const app = await buildTestApp(t, { MAX_CONCURRENT_RANGES: 2, RANGE_QUEUE_SIZE: 2, RANGE_QUEUE_TIMEOUT_MS: 60_000 });
  const base = await listen(app);
  const admission = app.rangeAdmission;

  const pending = Array.from({ length: 8 }, () => post(base, '/v1/learning-rates', MILLION));
  const heads: (IncomingMessage | undefined)[] = new Array(8).fill(undefined);
  pending.forEach((p, i) => void p.response.then((res) => (heads[i] = res), () => undefined));
  const answered = () => heads.filter((res) => res?.statusCode === 200).length;
  const refused = () => heads.filter((res) => res?.statusCode === 503).length;

  await until(() => answered() === 2 && refused() === 4 && admission.queued === 2, 'two answers, two queued, four refused');
  t.equal(admission.inFlight, 2, 'two ranges in flight');
  t.equal(admission.queued, 2, 'two waiting');
  for (const res of heads.filter((res) => res?.statusCode === 503)) {
    t.equal(res?.headers['retry-after'], '1', 'a refusal says when to retry');
    t.match(res?.headers['content-type'], /^application\/problem\+json/);
  }

  // Single steps and short lists keep answering while every range slot is taken.
  const started = Date.now();
  const single = post(base, '/v1/learning-rate', { schedule: exampleSchedule, step: 1500 });
  t.equal((await single.response).statusCode, 200, 'one step answers meanwhile');
  t.same(JSON.parse(await single.body()), { learning_rate: 0.0009939058, step: 1500, dtype: 'float32' });
  const short = post(base, '/v1/learning-rates', { schedule: exampleSchedule, range: { start: 0, stop: RANGE_STEPS } });
  t.equal((await short.response).statusCode, 200, `${RANGE_STEPS} steps are not a range: answered meanwhile`);
  t.equal((JSON.parse(await short.body()) as { learning_rates: unknown[] }).learning_rates.length, RANGE_STEPS);
  t.ok(Date.now() - started < 5000, 'and promptly');
  t.equal(admission.inFlight, 2, 'the slow readers still hold their slots');

  const metrics = await (await fetch(`${base}/metrics`)).text();
  t.match(metrics, /^lr_ranges_in_flight 2$/m);
  t.match(metrics, /^lr_ranges_queued 2$/m);
  t.match(metrics, /^lr_shed_requests_total\{reason="range_queue_full"\} 4$/m);

  // A client going away mid-answer frees its slot for the first waiter.
  const slow = heads.map((res, i) => (res?.statusCode === 200 ? i : -1)).filter((i) => i >= 0);
  pending[slow[0] as number]?.abort();
  await until(() => answered() === 3 && admission.queued === 1, 'the first waiter to get the freed slot');
  t.equal(admission.inFlight, 2);

  // The other readers read: every admitted request gets its whole million steps.
  const bodies = await Promise.all(heads.map((res, i) => (res?.statusCode === 200 && i !== slow[0] ? pending[i]?.body() : undefined)));
  await until(() => answered() === 4, 'the last waiter to be answered');
  const last = heads.findIndex((res, i) => res?.statusCode === 200 && bodies[i] === undefined && i !== slow[0]);
  bodies[last] = await pending[last]?.body();
  const complete = bodies.filter((body): body is string => body !== undefined);
  t.equal(complete.length, 3, 'three answers read to the end (the fourth client went away)');
  for (const body of complete) t.equal((JSON.parse(body) as { learning_rates: unknown[] }).learning_rates.length, 1_000_000);
  await until(() => admission.inFlight === 0 && admission.queued === 0, 'every slot released');
  t.equal((await fetch(`${base}/health`)).status, 200, 'still up');
});

t.test('a request that waits longer than RANGE_QUEUE_TIMEOUT_MS gets 503 with Retry-After; one whose client leaves stops waiting', async (t) => {
  const app = await buildTestApp(t, { MAX_CONCURRENT_RANGES: 1, RANGE_QUEUE_SIZE: 4, RANGE_QUEUE_TIMEOUT_MS: 200, RETRY_AFTER_SECONDS: 7 });
  const base = await listen(app);
  const holder = post(base, '/v1/learning-rates', MILLION);
  t.equal((await holder.response).statusCode, 200);

  const waiter = post(base, '/v1/learning-rates', MILLION);
  const started = Date.now();
  const refused = await waiter.response;
  t.equal(refused.statusCode, 503);
  t.ok(Date.now() - started >= 150, 'after waiting about RANGE_QUEUE_TIMEOUT_MS');
  t.equal(refused.headers['retry-after'], '7');
  t.match(JSON.parse(await waiter.body()), { status: 503, detail: /no range slot became free within 200 ms/ });

  const leaver = post(base, '/v1/learning-rates', MILLION);
  void leaver.response.catch(() => undefined);
  await until(() => app.rangeAdmission.queued === 1, 'the leaver to queue');
  leaver.abort();
  await until(() => app.rangeAdmission.queued === 0, 'the leaver to leave the queue', 2000);

  holder.abort();
  await until(() => app.rangeAdmission.inFlight === 0, 'the slot to be released');
  const metrics = await (await fetch(`${base}/metrics`)).text();
  t.match(metrics, /^lr_shed_requests_total\{reason="range_queue_timeout"\} 1$/m);
});

t.test('what counts as a range', async (t) => {
  const app = await buildTestApp(t, { MAX_CONCURRENT_RANGES: 1, RANGE_QUEUE_SIZE: 0, MAX_POINTS: 100_000 });
  // Every slot taken and nothing may wait: a request counted as a range is shed, one that is not is answered.
  const holder = new EventEmitter();
  await app.rangeAdmission.acquire({} as FastifyRequest, { raw: holder } as unknown as FastifyReply);
  const ask = (body: object) => app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: exampleSchedule, ...body } });
  t.equal((await ask({ steps: Array.from({ length: RANGE_STEPS + 1 }, (_, i) => i) })).statusCode, 503, `a list of ${RANGE_STEPS + 1} steps is a range`);
  t.equal((await ask({ range: { start: 0, stop: 3 * RANGE_STEPS + 3, stride: 3 } })).statusCode, 503, 'a strided range counts its steps, not its span');
  t.equal((await ask({ range: { start: 0, stop: 3 * RANGE_STEPS, stride: 3 } })).statusCode, 200, `${RANGE_STEPS} steps by 3 are not`);
  t.equal((await ask({ steps: [1, 2, 3] })).statusCode, 200, 'three steps are not');
  t.equal((await ask({ steps: [1], range: { start: 0, stop: RANGE_STEPS * 2 } })).statusCode, 400, 'malformed: refused by the route, no slot asked for');
  holder.emit('close');
  const tooMany = await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: exampleSchedule, range: { start: 0, stop: 200_000 } } });
  t.equal(tooMany.statusCode, 422, 'over MAX_POINTS: refused at once, no slot taken');
  const big = await app.inject({ method: 'POST', url: '/v1/learning-rates', payload: { schedule: exampleSchedule, range: { start: 0, stop: 100_000 } }, headers: { accept: 'application/octet-stream' } });
  t.equal(big.statusCode, 200);
  t.equal(app.rangeAdmission.inFlight, 0, 'released once the answer is sent');
});

t.test('slots are never leaked: a client gone before admission takes none; every close releases one', async (t) => {
  const shed: string[] = [];
  const admission = createRangeAdmission({ maxConcurrent: 1, queueSize: 1, queueTimeoutMs: 10_000, retryAfterSeconds: 1 }, (reason) => shed.push(reason));
  const reply = (destroyed = false) => {
    const raw = Object.assign(new EventEmitter(), { destroyed, writableEnded: false });
    return { raw, header: () => undefined } as unknown as FastifyReply & { raw: EventEmitter };
  };
  const request = {} as FastifyRequest;
  await t.rejects(admission.acquire(request, reply(true)), new HttpProblem(503, 'the client closed the connection before its request was admitted'), 'a client already gone');
  t.equal(admission.inFlight, 0);

  const first = reply();
  await admission.acquire(request, first);
  const second = reply();
  const waiting = admission.acquire(request, second);
  t.equal(admission.queued, 1);
  await t.rejects(admission.acquire(request, reply()), { name: 'HttpProblem', message: /the most this instance takes/ }, 'queue full');
  t.same(shed, ['range_queue_full']);
  first.raw.emit('close');
  await waiting;
  t.equal(admission.inFlight, 1, 'the slot passed to the waiter');
  t.equal(admission.queued, 0);
  second.raw.emit('close');
  t.equal(admission.inFlight, 0);
});
