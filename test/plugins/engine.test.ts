import t from 'tap';
import { createKerasRegistry } from '../../src/engine/index.js';
import { createScheduleService, LruCache } from '../../src/plugins/engine.js';
import { exampleSchedule } from '../../src/schemas/examples.js';

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
  const service = createScheduleService(createKerasRegistry(), 10);
  const first = service.load(exampleSchedule, undefined);
  t.equal(service.load(structuredClone(exampleSchedule), undefined), first, 'same schedule, same object');
  t.not(service.load(exampleSchedule, 'float64'), first, 'another dtype, another schedule');
  t.equal(service.load(exampleSchedule, 'float64').schedule.dtype, 'float64');
  t.throws(() => service.load({ class_name: 'Nope', config: {} }, undefined), /unknown schedule class/);
  t.throws(() => service.load({ class_name: 'Nope', config: {} }, undefined), /unknown schedule class/, 'refusals are not cached as answers');
});
