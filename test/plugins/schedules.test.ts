import t from 'tap';
import { ScheduleRegistry } from '../../src/engine/index.js';
import { createSchedules, LruCache } from '../../src/plugins/schedules.js';
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
