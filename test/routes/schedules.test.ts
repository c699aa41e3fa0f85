import t from 'tap';
import { expectedCanonical, readSpelled, valueCases } from '../helpers/golden.js';
import { buildTestApp, type ProblemBody } from '../helpers/app.js';

const KERAS_CLASSES = ['ExponentialDecay', 'PiecewiseConstantDecay', 'PolynomialDecay', 'InverseTimeDecay', 'CosineDecay', 'CosineDecayRestarts'];

t.test('normalize answers what keras.optimizers.schedules.serialize() writes, `1.0` and `1` as Keras spells them', async (t) => {
  const app = await buildTestApp(t);
  const headers = { 'content-type': 'application/json' };
  for (const c of valueCases) {
    const expected = expectedCanonical(c);
    if (expected === undefined) continue;
    const response = await app.inject({ method: 'POST', url: '/v1/schedules/normalize', headers, payload: `{"schedule": ${c.scheduleText}}` });
    t.equal(response.statusCode, 200);
    const body = readSpelled(response.body);
    t.same(body.value, { schedule: expected.value, dtype: 'float32' }, c.id);
    t.same(body.floats, expected.floats.map((place) => `/schedule${place}`), `${c.id}: the same numbers are floats`);
    const again = await app.inject({ method: 'POST', url: '/v1/schedules/normalize', headers, payload: response.body });
    t.equal(again.body, response.body, `${c.id}: normalizing the answer again changes nothing, byte for byte`);
  }
});

t.test('normalize answers compact JSON, like every other route, with Keras\'s float spellings kept', async (t) => {
  const app = await buildTestApp(t);
  const payload = '{"schedule": {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 1.0, "decay_steps": 1000, "decay_rate": 0.5}}}';
  const response = await app.inject({ method: 'POST', url: '/v1/schedules/normalize', headers: { 'content-type': 'application/json' }, payload });
  t.equal(response.statusCode, 200);
  t.notMatch(response.body, /\s/, 'no whitespace anywhere (no string in this answer holds any)');
  t.match(response.body, /"initial_learning_rate":1\.0,/, 'a float written 1.0 stays 1.0');
  t.match(response.body, /"decay_steps":1000,/, 'an int stays an int');
  t.match(response.body, /,"dtype":"float32"}$/);
});

t.test('normalize keeps a float64 learning rate as a float64 tensor', async (t) => {
  const app = await buildTestApp(t);
  const c = valueCases.find((v) => v.form === 'keras3+tensor64');
  const response = await app.inject({ method: 'POST', url: '/v1/schedules/normalize', payload: { schedule: c?.schedule } });
  const body = response.json() as { schedule: { config: { initial_learning_rate: unknown } }; dtype: string };
  t.equal(body.dtype, 'float64');
  t.match(body.schedule.config.initial_learning_rate, { class_name: '__tensor__', config: { dtype: 'float64' } });
});

t.test('lists the six Keras schedules first, then the PyTorch and Hugging Face ones, with their config schemas', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/v1/schedules' });
  const { schedules } = response.json() as { schedules: { class_name: string; module: string; config_schema: { properties: Record<string, { default?: unknown }> } }[] };
  t.same(schedules.slice(0, 6).map((s) => s.class_name), KERAS_CLASSES);
  t.same([...new Set(schedules.map((s) => s.module))], ['keras.optimizers.schedules', 'torch.optim.lr_scheduler', 'transformers']);
  t.equal(schedules.length, 6 + 12 + 10, 'six Keras classes, twelve torch classes, ten transformers types');
  const cosine = schedules.find((s) => s.class_name === 'CosineDecay');
  t.equal(cosine?.module, 'keras.optimizers.schedules');
  t.same(Object.keys(cosine?.config_schema.properties ?? {}), ['initial_learning_rate', 'decay_steps', 'alpha', 'name', 'warmup_target', 'warmup_steps'], "keys in Keras's get_config() order");
  t.equal(cosine?.config_schema.properties['warmup_target']?.default, null, 'defaults included');
});

t.test('one schedule by class name, 404 for others', async (t) => {
  const app = await buildTestApp(t);
  for (const name of KERAS_CLASSES) {
    const response = await app.inject({ method: 'GET', url: `/v1/schedules/${name}` });
    t.equal(response.statusCode, 200);
    t.equal((response.json() as { class_name: string }).class_name, name);
  }
  const unknown = await app.inject({ method: 'GET', url: '/v1/schedules/LearningRateSchedule' });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match((unknown.json() as ProblemBody).detail, /known: ExponentialDecay/);
});
