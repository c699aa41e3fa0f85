/**
 * The PyTorch and Hugging Face families behind the engine's one interface: found by module, answering
 * ranges through the same kernels as Keras, and writing a canonical text that reads back to itself.
 */
import t from 'tap';
import { loadShallowSchedule, RequestError, scheduleCatalogue, ScheduleRegistry, type ScheduleClass } from '../../src/engine/index.js';
import { KERAS_SCHEDULES } from '../../src/engine/keras/catalogue.js';
import { floatSpelledIntegers } from '../../src/numbers/number-spellings.js';
import { readSpelled } from '../helpers/golden.js';
import { valueCases } from './torch/golden.js';

const registry = new ScheduleRegistry();

t.test('a torch or transformers module selects its family; ranges equal single steps bit for bit', async (t) => {
  let checked = 0;
  for (const c of valueCases.filter((_, i) => i % 5 === 0)) {
    const loaded = loadShallowSchedule(c.schedule, registry);
    t.equal(loaded.schedule.dtype, 'float64', `${c.id}: Python floats`);
    const last = c.steps.at(-1) ?? 0;
    const count = Math.min(last + 1, 5000);
    const range = loaded.schedule.atRange(0, 1, loaded.schedule.allocate(count));
    const fresh = loadShallowSchedule(c.schedule, registry).schedule;
    const mismatch = Array.from(range).findIndex((rate, step) => !Object.is(rate, fresh.at(step)));
    t.equal(mismatch, -1, `${c.id}: a ${count}-step range is the steps one by one`);
    checked++;
  }
  t.ok(checked > 50, `${checked} golden cases`);
});

t.test('the canonical text reads back to the same schedule and the same text, floats kept floats', async (t) => {
  for (const c of valueCases.filter((_, i) => i % 3 === 0)) {
    const text = JSON.stringify(c.schedule);
    const first = loadShallowSchedule(c.schedule, registry, { floatIntegers: floatSpelledIntegers(text) });
    const again = loadShallowSchedule(JSON.parse(first.canonicalJson), registry, { floatIntegers: floatSpelledIntegers(first.canonicalJson) });
    t.equal(again.canonicalJson, first.canonicalJson, `${c.id}: normalizing twice changes nothing`);
    const steps = c.steps.slice(0, 20);
    t.same(steps.map((s) => again.schedule.at(s)), steps.map((s) => first.schedule.at(s)), `${c.id}: same rates`);
  }
  const cosine = { module: 'torch.optim.lr_scheduler', class_name: 'CosineAnnealingLR', config: { T_max: 100 }, base_lr: 0.1 };
  const written = readSpelled(loadShallowSchedule(cosine, registry).canonicalJson);
  t.ok(written.floats.includes('/config/eta_min'), 'a default torch declares as a float (eta_min=0.0) is written 0.0');
  t.notOk(written.floats.includes('/config/T_max'), 'an int the caller sent stays an int');
});

t.test('a float32 request is refused for a Python-float family, naming /dtype', async (t) => {
  const linear = { module: 'transformers', class_name: 'linear', config: { num_warmup_steps: 10, num_training_steps: 100 }, base_lr: 5e-5 };
  t.throws(() => loadShallowSchedule(linear, registry, { dtype: 'float32' }), { name: 'RequestError', message: /^\/dtype: / });
  t.type(loadShallowSchedule(linear, registry, { dtype: 'float64' }).schedule.at(5), 'number');
  const error = (() => {
    try {
      loadShallowSchedule(linear, registry, { mode: 'closed_form' });
    } catch (caught) {
      return caught;
    }
  })();
  t.ok(error instanceof RequestError, 'mode problems are about the request, not the schedule');
});

t.test('the catalogue lists every family', async (t) => {
  const modules = new Set(scheduleCatalogue(registry).map((entry) => entry.module));
  t.same([...modules], ['keras.optimizers.schedules', 'torch.optim.lr_scheduler', 'transformers']);
  t.equal(scheduleCatalogue(registry).length, 6 + 12 + 10);
});


t.test('a PyTorch or Hugging Face class without its module is refused naming /module and the module to send', async (t) => {
  const cases = [
    { document: { class_name: 'StepLR', config: { step_size: 3 }, base_lr: 0.1 }, module: 'torch.optim.lr_scheduler' },
    { document: { class_name: 'cosine', config: { num_warmup_steps: 1, num_training_steps: 10 } }, module: 'transformers' },
  ];
  for (const { document, module } of cases) {
    const error = t.throws(() => loadShallowSchedule(document, registry)) as { problems?: unknown };
    t.same(error.problems, [{ path: '/module', message: `${document.class_name} is a ${module} schedule: send "module": "${module}" (a schedule without one is read as a Keras schedule)` }]);
    t.equal(loadShallowSchedule({ ...document, module }, registry).schedule.dtype, 'float64', 'with the module it loads');
  }
  const unknown = t.throws(() => loadShallowSchedule({ class_name: 'NoSuchLR', config: {} }, registry)) as { problems?: { path: string }[] };
  t.equal(unknown.problems?.[0]?.path, '/class_name', 'a name no family has is still an unknown Keras class');
});

t.test('a Keras custom schedule named like a torch class, sent by its registered name without a module, is still Keras\'s', async (t) => {
  const custom = new ScheduleRegistry().registerCustom({ ...(KERAS_SCHEDULES[0] as ScheduleClass), className: 'StepLR' }, 'my_pkg>StepLR');
  const loaded = loadShallowSchedule({ class_name: 'StepLR', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 }, registered_name: 'my_pkg>StepLR' }, custom);
  t.equal(loaded.schedule.dtype, 'float32', 'read as the registered Keras schedule');
});
