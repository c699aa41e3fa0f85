import t from 'tap';
import { ScheduleRegistry } from '../../src/engine/index.js';
import { createSchedules, LruCache } from '../../src/cache/schedules.js';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp } from '../helpers/app.js';

t.test('the LRU cache is bounded and keeps the recently used', async (t) => {
  const cache = new LruCache<number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  t.equal(cache.get('a'), 1);
  cache.set('c', 3);
  t.equal(cache.get('b'), undefined, 'least recently used evicted');
  t.equal(cache.get('a'), 1);
  t.equal(cache.size, 2);
  const off = new LruCache<number>(0);
  off.set('a', 1);
  t.equal(off.size, 0, 'capacity 0 keeps nothing');
});

t.test('the schedule service reuses a parsed schedule for the same JSON and dtype only', async (t) => {
  const service = createSchedules(new ScheduleRegistry(), 10);
  const first = service.load(exampleSchedule, undefined);
  t.equal(service.load(structuredClone(exampleSchedule), undefined), first, 'same schedule, same object');
  const float64 = service.load(exampleSchedule, 'float64');
  t.equal(float64.schedule.dtype, 'float64', 'another dtype, another schedule: computed in float64');
  t.equal(first.schedule.dtype, 'float32', 'while the float32 one stays float32');
  t.equal(service.load(exampleSchedule, 'float64'), float64, 'and each is reused for its own dtype');
  const refusal = { status: 400, errors: [{ path: '/schedule/class_name', message: /unknown schedule class/ }] };
  t.throws(() => service.load({ class_name: 'Nope', config: {} }, undefined), refusal, 'a 400 pointing into the body at the schedule');
  t.throws(() => service.load({ class_name: 'Nope', config: {} }, undefined), refusal, 'refusals are not cached as answers');
  t.throws(() => service.load({ class_name: 'Nope', config: {} }, undefined, { path: '/optimizer' }), { errors: [{ path: '/optimizer/class_name' }] }, 'the pointer starts where the schedule was found');
});

t.test('the LRU cache is bounded in bytes too, and keeps nothing heavier than its per-entry limit', async (t) => {
  const cache = new LruCache<string>(100, 1000, 400);
  t.ok(cache.set('a', 'A', 300));
  t.ok(cache.set('b', 'B', 300));
  t.ok(cache.set('c', 'C', 300));
  t.equal(cache.bytes, 900);
  t.ok(cache.set('d', 'D', 300), 'a fourth entry of 300 bytes…');
  t.equal(cache.get('a'), undefined, '…evicts the least recently used to stay within 1,000 bytes');
  t.equal(cache.bytes, 900);
  t.equal(cache.set('huge', 'H', 401), false, 'over the per-entry limit: not kept');
  t.equal(cache.get('huge'), undefined);
  t.equal(cache.size, 3, 'and nothing was evicted for it');
  t.ok(cache.set('b', 'B2', 100), 'replacing an entry re-weighs it');
  t.equal(cache.bytes, 700);
  t.equal(cache.get('b'), 'B2');
  t.equal(new LruCache<string>(0, 1000).admits(1), false, 'capacity 0 keeps nothing');
  t.equal(new LruCache<string>(10, 0).admits(1), false, 'a budget of 0 bytes keeps nothing');
});

t.test('cache entries are weighed by what they hold', async (t) => {
  const small = createSchedules(new ScheduleRegistry(), 10);
  small.load(exampleSchedule, undefined);
  const one = small.stats().bytes;
  t.ok(one > 1000 && one < 10_000, `a CosineDecay weighs a few KB (${one} B)`);
  const big = createSchedules(new ScheduleRegistry(), 10);
  const boundaries = Array.from({ length: 1000 }, (_, i) => (i + 1) * 10);
  big.load({ class_name: 'PiecewiseConstantDecay', config: { boundaries, values: [0.5, ...boundaries.map((b) => 1 / b)] } }, undefined);
  t.ok(big.stats().bytes > 100_000, `1,000 boundaries weigh more than 100 KB (${big.stats().bytes} B)`);
});

t.test('a schedule too heavy for the budget is computed every time and never cached, nor held as the last one', async (t) => {
  // A 256 KB budget: entries over 4 KB are not kept.
  const service = createSchedules(new ScheduleRegistry(), 1000, 256 * 1024);
  const boundaries = Array.from({ length: 500 }, (_, i) => (i + 1) * 10);
  const heavy = { class_name: 'PiecewiseConstantDecay', config: { boundaries, values: [0.5, ...boundaries.map((b) => 1 / b)] } };
  const first = service.load(heavy, undefined);
  t.not(service.load(heavy, undefined), first, 'not reused');
  t.match(service.stats(), { entries: 0, bytes: 0, hits: 0, misses: 2 });
  const small = service.load(exampleSchedule, undefined);
  t.equal(service.load(exampleSchedule, undefined), small, 'a small schedule is');
  t.match(service.stats(), { entries: 1, hits: 1, misses: 3 });
});

t.test('with many distinct large schedules the cache stays within its byte budget, and a repeat caller still hits', async (t) => {
  const budget = 2 * 1024 * 1024;
  const service = createSchedules(new ScheduleRegistry(), 1000, budget);
  const exponential = (i: number) => ({ module: 'keras.optimizers', class_name: 'Adam', config: { learning_rate: { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10 + i, decay_rate: 0.5 } }, padding: Array.from({ length: 500 }, (_, k) => `${i}-${k}`) } });
  for (let i = 0; i < 300; i++) {
    service.load(exponential(i), undefined);
    service.load(exampleSchedule, undefined);
    t.ok(service.stats().bytes <= budget, 'within budget') || t.end();
  }
  const { hits, misses } = service.stats();
  t.equal(misses, 301, 'each distinct schedule parsed once, the repeated one once');
  t.equal(hits, 299, 'the repeated one hit every other time');
});

t.test('refuses over-long strings and keys anywhere in a schedule, and names the place', async (t) => {
  const service = createSchedules(new ScheduleRegistry(), 10);
  const cosine = { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 10 } };
  t.throws(() => service.load({ ...cosine, registered_name: 'r'.repeat(1025) }, undefined), { status: 400, errors: [{ path: '/schedule/registered_name', message: /more than 1024 characters/ }] });
  t.throws(() => service.load({ class_name: 'Adam', config: { learning_rate: cosine, name: 'a'.repeat(257) } }, undefined, { path: '/optimizer' }), { errors: [{ path: '/optimizer/config/name', message: /more than 256 characters \(a name\)/ }] });
  t.throws(() => service.load({ ...cosine, config: { ...cosine.config, ['k'.repeat(2000)]: 1 } }, undefined), { errors: [{ path: '/schedule/config', message: /a key of 2000 characters/ }] });
  t.ok(service.load({ ...cosine, registered_name: null, module: 'keras.optimizers.schedules' }, undefined), 'short strings are fine');
});

t.test('the plugin takes its byte budget from SCHEDULE_CACHE_BYTES', async (t) => {
  const { buildTestApp } = await import('../helpers/app.js');
  const app = await buildTestApp(t, { SCHEDULE_CACHE_BYTES: 0 });
  for (let i = 0; i < 2; i++) await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: 1 } });
  t.match(app.schedules.stats(), { entries: 0, misses: 2 }, '0 bytes: nothing cached');
  const cached = await buildTestApp(t);
  for (let i = 0; i < 2; i++) await cached.inject({ method: 'POST', url: '/v1/learning-rate', payload: { schedule: exampleSchedule, step: 1 } });
  t.match(cached.schedules.stats(), { entries: 1, hits: 1, misses: 1 }, 'the default caches');
});

t.test('through the app the key is the schedule\'s text as sent: each spelling its own entry, every other step a hit', async (t) => {
  const app = await buildTestApp(t);
  const ask = (text: string, step: number) =>
    app.inject({ method: 'POST', url: '/v1/learning-rate', headers: { 'content-type': 'application/json' }, payload: `{"schedule": ${text}, "step": ${step}}` });
  // InverseTimeDecay with an int decay_rate of 1 is Keras's integer schedule; 1.0 its float one.
  const spelled = (rate: string) => `{"class_name": "InverseTimeDecay", "config": {"initial_learning_rate": 1, "decay_steps": 3, "decay_rate": ${rate}, "staircase": true}}`;
  const before = app.schedules.stats();
  for (let step = 0; step < 4; step++) {
    t.equal((await ask(spelled('1'), step)).statusCode, 200);
    t.equal((await ask(spelled('1.0'), step)).statusCode, 200);
  }
  const after = app.schedules.stats();
  t.equal(after.misses - before.misses, 2, 'two spellings, two entries');
  t.equal(after.hits - before.hits, 6, 'the other six requests hit');
  const asValue = app.schedules.load(JSON.parse(spelled('1.0')), undefined, { floatIntegers: new Set(['/schedule/config/decay_rate']) });
  const asText = app.schedules.load(JSON.parse(spelled('1.0')), undefined, { memberTexts: new Map([['schedule', spelled('1.0')]]) });
  t.equal(asValue.canonicalJson, asText.canonicalJson, 'the text and the value with its spellings read the same');
});
