import t from 'tap';
import { Type } from 'typebox';
import { LearningRateSchedule, ScheduleRegistry, type ScheduleClass } from '../../src/engine/index.js';
import { loadKerasSchedule } from '../../src/engine/keras/index.js';

const registry = new ScheduleRegistry();
const config = { initial_learning_rate: 0.1, decay_steps: 1000, decay_rate: 0.5 };
const reference = loadKerasSchedule({ class_name: 'ExponentialDecay', config }, registry);

function rateAt(input: unknown, step = 1500): number {
  return loadKerasSchedule(input, registry).schedule.at(step);
}

t.test('reads every module path and registered_name Keras and tf.keras have written', async (t) => {
  for (const module of [
    'keras.optimizers.schedules',
    'keras.src.optimizers.schedules.learning_rate_schedule',
    'keras.optimizers.schedules.learning_rate_schedule',
    'tf_keras.optimizers.schedules',
    null,
  ]) {
    for (const registered_name of [null, 'ExponentialDecay', undefined]) {
      const input = { module, class_name: 'ExponentialDecay', config, registered_name };
      const loaded = loadKerasSchedule(input, registry);
      t.equal(loaded.schedule.at(1500), reference.schedule.at(1500), `${module} / ${registered_name}`);
      t.same(loaded.canonical, reference.canonical, 'same canonical form');
    }
  }
});

t.test('finds the schedule inside optimizers in all their forms', async (t) => {
  const expected = reference.schedule.at(1500);
  const serialized = reference.canonical;
  t.equal(rateAt({ module: 'keras.optimizers', class_name: 'Adam', config: { name: 'adam', learning_rate: serialized }, registered_name: null }), expected, 'keras.optimizers.serialize()');
  t.equal(rateAt({ class_name: 'SGD', config: { learning_rate: serialized, momentum: 0.9 } }), expected, 'tf.keras legacy optimizer');
  t.equal(rateAt({ name: 'adamw', learning_rate: serialized, weight_decay: 0.004 }), expected, 'optimizer.get_config()');
  t.equal(
    rateAt({ module: 'keras.optimizers', class_name: 'LossScaleOptimizer', config: { inner_optimizer: { module: 'keras.optimizers', class_name: 'Adam', config: { learning_rate: serialized } } } }),
    expected,
    'a loss-scale optimizer wrapping one',
  );
  t.equal(rateAt({ module: 'keras.src.optimizers.adam', class_name: 'Adam', config: { learning_rate: serialized } }), expected, 'an internal optimizer module');
});

t.test('fills defaults as Keras does and keeps a null name', async (t) => {
  const loaded = loadKerasSchedule({ class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 1, first_decay_steps: 10, name: null } }, registry);
  t.same(loaded.canonical.config, { initial_learning_rate: 1, first_decay_steps: 10, t_mul: 2, m_mul: 1, alpha: 0, name: null });
});

t.test('reads __tensor__ and __numpy__ values wherever a number or a list goes', async (t) => {
  const tensor = (value: unknown, dtype: string) => ({ class_name: '__tensor__', config: { value, dtype } });
  const numpy = (value: unknown, dtype: string) => ({ class_name: '__numpy__', config: { value, dtype } });
  const plain = loadKerasSchedule({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [10, 20], values: [0.1, 0.01, 0.001] } }, registry);
  const wrapped = loadKerasSchedule(
    { class_name: 'PiecewiseConstantDecay', config: { boundaries: numpy([10, 20], 'int64'), values: numpy([0.1, 0.01, 0.001], 'float32') } },
    registry,
  );
  t.same(wrapped.canonical.config['boundaries'], plain.canonical.config['boundaries'], '__numpy__ lists read as plain lists');
  t.same(wrapped.canonical.config['values'], [0.1, 0.01, 0.001].map(Math.fround), 'a float32 list is written as the float64 values of its float32s, as Keras writes them');
  t.equal(wrapped.parsed.dtype, 'float32');
  const mixed = loadKerasSchedule({ class_name: 'ExponentialDecay', config: { ...config, decay_steps: tensor(1000, 'int64'), decay_rate: tensor(0.5, 'float64') } }, registry);
  t.equal(mixed.parsed.dtype, 'float32', 'only the learning rate decides the dtype');
  t.equal(mixed.schedule.at(1500), reference.schedule.at(1500));
  const float64 = loadKerasSchedule({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [10], values: numpy([0.1, 0.2], 'float64') } }, registry);
  t.equal(float64.parsed.dtype, 'float64', 'a float64 values array makes the schedule float64');
  t.equal(float64.schedule.at(0), 0.1, 'and answers the double');
  t.same(float64.canonical.config['values'], [tensor(0.1, 'float64'), 0.2], 'the canonical form keeps the dtype on values[0]');
});

t.test('a float64 learning-rate tensor computes in float64, and its canonical form keeps it so', async (t) => {
  const input = { class_name: 'ExponentialDecay', config: { ...config, initial_learning_rate: { class_name: '__tensor__', config: { value: 0.1, dtype: 'float64' } } } };
  const loaded = loadKerasSchedule(input, registry);
  t.equal(loaded.parsed.dtype, 'float64');
  t.equal(loaded.schedule.at(0), 0.1);
  const again = loadKerasSchedule(loaded.canonical, registry);
  t.equal(again.parsed.dtype, 'float64');
  t.same(again.canonical, loaded.canonical);
  t.equal(loadKerasSchedule(input, registry, { dtype: 'float32' }).parsed.dtype, 'float32', 'the caller may still ask for float32');
});

t.test('the caller may ask for float64 on a plain config', async (t) => {
  const loaded = loadKerasSchedule({ class_name: 'ExponentialDecay', config }, registry, { dtype: 'float64' });
  t.equal(loaded.schedule.dtype, 'float64');
  t.equal(loaded.schedule.at(0), 0.1);
  t.equal(reference.schedule.at(0), Math.fround(0.1));
});

t.test('a server can register its own schedule under a registered name', async (t) => {
  const ConstantConfig = Type.Object({ rate: Type.Number(), name: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: 'Constant' })) }, { additionalProperties: false });
  class Constant extends LearningRateSchedule {
    at(): number {
      return this.rate;
    }
    constructor(private readonly rate: number, arithmetic: ConstructorParameters<typeof LearningRateSchedule>[0]) {
      super(arithmetic);
    }
  }
  class ConstantFromConfig extends Constant {
    constructor(config: { rate: number }, arithmetic: ConstructorParameters<typeof LearningRateSchedule>[0]) {
      super(arithmetic.cast(config.rate), arithmetic);
    }
  }
  const constant: ScheduleClass<typeof ConstantConfig> = {
    className: 'Constant',
    module: 'my_pkg',
    description: 'A constant rate.',
    configSchema: ConstantConfig,
    dtypeKey: 'rate',
    check: (c) => (c.rate < 0 ? [{ path: '/rate', message: 'must not be negative' }] : []),
    create: (config, arithmetic) => new ConstantFromConfig(config, arithmetic),
  };
  const custom = new ScheduleRegistry().registerCustom(constant, 'my_pkg>Constant');
  const loaded = loadKerasSchedule({ module: 'my_pkg', class_name: 'Constant', config: { rate: 0.5 }, registered_name: 'my_pkg>Constant' }, custom);
  t.equal(loaded.schedule.at(123), 0.5);
  t.same(loaded.canonical, { module: 'my_pkg', class_name: 'Constant', config: { rate: 0.5, name: 'Constant' }, registered_name: 'my_pkg>Constant' });
  t.throws(() => loadKerasSchedule({ class_name: 'Constant', config: { rate: 0.5 } }, custom), /unknown schedule class/, 'never found by class name alone');
  t.throws(() => loadKerasSchedule({ module: 'my_pkg', class_name: 'Constant', config: { rate: -1 }, registered_name: 'my_pkg>Constant' }, custom), /must not be negative/);
  t.throws(() => new ScheduleRegistry().registerCustom(constant, 'my_pkg>Other'), /must end with >Constant/);
  t.equal(custom.all().length, 7);
});

t.test('steps past 2^31 do not wrap', async (t) => {
  const pcd = loadKerasSchedule({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [2 ** 31], values: [1, 2] } }, registry).schedule;
  t.equal(pcd.at(2 ** 31), 1);
  t.equal(pcd.at(2 ** 31 + 1), 2);
  t.equal(pcd.at(2 ** 53 - 1), 2);
});
