/**
 * The service answers inside its documented contract: requests generated from the committed OpenAPI document
 * (valid schedules from the Keras golden file) and mutations of them; every answer's status is declared for its
 * operation and its body matches the declared schema (see harness.ts). Seeded and bounded; bench/contract.ts runs
 * the same with many more examples.
 */
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { Contract, generators, runContract } from './harness.js';

const SEED = 17;

async function contractApp(t: Test) {
  // The document does not depend on the configuration; shedding under event-loop delay is turned off so that a slow
  // CI machine cannot turn a deep-nesting case into a (declared, but nondeterministic) 503.
  const app = await buildApp({ config: defaultConfig({ MAX_EVENT_LOOP_DELAY_MS: 0 }), logger: false });
  t.teardown(() => app.close());
  return app;
}

t.test('the checker itself: a declared answer passes, an undeclared status or a body outside its schema fails', async (t) => {
  const contract = new Contract();
  const request = { method: 'POST' as const, url: '/v1/learning-rate' };
  const answer = (statusCode: number, body: unknown, type = 'application/json; charset=utf-8', id = 'r1') =>
    ({ statusCode, body: JSON.stringify(body), headers: { 'content-type': type, 'x-request-id': id }, rawPayload: Buffer.from(JSON.stringify(body)) }) as never;
  t.same(contract.check(request, answer(200, { learning_rate: 0.1, step: 1, dtype: 'float32' })), []);
  t.match(contract.check(request, answer(200, { learning_rate: 'x', step: 1, dtype: 'float32' })), [/outside its schema/]);
  t.match(contract.check(request, answer(404, { type: '/problems/404', title: 'Not Found', status: 404, detail: 'x', instance: 'r1' }, 'application/problem+json')), [/not declared for computeLearningRate/]);
  t.match(contract.check(request, answer(400, { error: 'Bad Request' })), [/answered as application\/json/]);
  t.match(contract.check(request, answer(400, { type: '/problems/400', title: 'Bad Request', status: 400, detail: 'x', instance: 'other' }, 'application/problem+json')), [/not the request id/]);
  t.match(contract.check({ method: 'GET', url: '/nowhere' }, answer(414, { type: '/problems/414', title: 'URI Too Long', status: 414, detail: 'x', instance: 'r1' }, 'application/problem+json')), [/names no operation/]);
});

t.test('valid requests from the document get declared answers', async (t) => {
  const app = await contractApp(t);
  const contract = new Contract();
  const { failures, statuses } = await runContract(app, contract, generators(contract).valid, { seed: SEED, numRuns: 200 });
  t.same(failures, [], 'no answer outside the contract');
  t.ok([...statuses.keys()].some((key) => key.endsWith(' 200')), `statuses seen: ${[...statuses].map(([k, n]) => `${k}×${n}`).join(', ')}`);
});

t.test('mutated requests get declared answers too: every error problem+json with the request id', async (t) => {
  const app = await contractApp(t);
  const contract = new Contract();
  const { failures, statuses } = await runContract(app, contract, generators(contract, { depth: 3000 }).mutated, { seed: SEED, numRuns: 700 });
  t.same(failures.slice(0, 20), [], `no answer outside the contract (${failures.length} failures)`);
  const seen = [...statuses.keys()].join(', ');
  for (const status of [' 400', ' 404', ' 405', ' 413', ' 415']) t.ok(seen.includes(status), `saw a${status} (${seen})`);
});
