import t from 'tap';
import { loadSchedule, MAX_NESTING, ScheduleError, ScheduleRegistry, type Problem } from '../../src/engine/index.js';

const registry = new ScheduleRegistry();
const MODULE = 'keras.optimizers.schedules';

function schedule(className: string, config: unknown, extra: Record<string, unknown> = {}) {
  return { module: MODULE, class_name: className, config, registered_name: null, ...extra };
}

const cosine = (config: Record<string, unknown> = {}) => schedule('CosineDecay', { initial_learning_rate: 0.1, decay_steps: 100, ...config });

function problemsOf(input: unknown): readonly Problem[] {
  try {
    loadSchedule(input, registry);
  } catch (error) {
    if (error instanceof ScheduleError) return error.problems;
    throw error;
  }
  return [];
}

interface Refusal {
  readonly rule: string;
  readonly input: unknown;
  readonly path: string;
  readonly message: RegExp;
}

const refusals: Refusal[] = [
  { rule: 'unknown class, listing the known ones', input: schedule('NoSuchDecay', {}), path: '/class_name', message: /unknown schedule class "NoSuchDecay".*ExponentialDecay.*CosineDecayRestarts/ },
  { rule: 'the abstract base class', input: schedule('LearningRateSchedule', {}), path: '/class_name', message: /unknown schedule class/ },
  { rule: 'a module function', input: schedule('deserialize', {}), path: '/class_name', message: /unknown schedule class/ },
  { rule: 'a lambda', input: { class_name: '__lambda__', config: { value: 'lambda s: 0.1' } }, path: '/class_name', message: /never executed/ },
  { rule: 'an unregistered custom class', input: { module: 'my_pkg', class_name: 'MySchedule', config: {}, registered_name: 'my_pkg>MySchedule' }, path: '/registered_name', message: /not a schedule registered/ },
  { rule: 'an unknown module', input: schedule('CosineDecay', { initial_learning_rate: 0.1, decay_steps: 10 }, { module: 'evil.module' }), path: '/module', message: /not a module Keras writes/ },
  { rule: 'a registered_name that is not a string', input: { ...cosine(), registered_name: 5 }, path: '/registered_name', message: /must be null/ },
  { rule: 'a class_name that is not a string', input: { class_name: 7, config: {} }, path: '/class_name', message: /must be a string/ },
  { rule: 'an unknown wrapper key', input: { ...cosine(), extra: 1 }, path: '/extra', message: /unknown key `extra`/ },
  { rule: 'a bare class name', input: 'CosineDecay', path: '', message: /bare class name/ },
  { rule: 'a number instead of a schedule', input: 0.1, path: '', message: /must be an object/ },
  { rule: 'null instead of a schedule', input: null, path: '', message: /must be an object/ },
  { rule: 'a config that is not an object', input: schedule('CosineDecay', [0.1, 10]), path: '/config', message: /must be an object, got array/ },
  { rule: 'a missing config', input: { class_name: 'CosineDecay' }, path: '/config', message: /must be an object, got undefined/ },
  { rule: 'an unknown config key', input: cosine({ bogus: 1 }), path: '/config/bogus', message: /unknown key `bogus` for CosineDecay; its keys are initial_learning_rate/ },
  { rule: 'a missing required key', input: schedule('CosineDecay', { initial_learning_rate: 0.1 }), path: '/config/decay_steps', message: /missing required key `decay_steps`/ },
  { rule: 'a number given as a string', input: cosine({ initial_learning_rate: '0.1' }), path: '/config/initial_learning_rate', message: /must be a number, got string "0.1"/ },
  { rule: 'a boolean given as a string', input: schedule('ExponentialDecay', { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, staircase: 'yes' }), path: '/config/staircase', message: /must be a boolean/ },
  { rule: 'a boolean given as a number', input: schedule('PolynomialDecay', { initial_learning_rate: 0.1, decay_steps: 10, cycle: 1 }), path: '/config/cycle', message: /must be a boolean/ },
  { rule: 'a name that is a number', input: cosine({ name: 3 }), path: '/config/name', message: /must be a string or null/ },
  { rule: 'a non-finite number', input: cosine({ alpha: Infinity }), path: '/config/alpha', message: /finite/ },
  { rule: 'NaN', input: cosine({ alpha: NaN }), path: '/config/alpha', message: /finite/ },
  { rule: 'a number beyond float32', input: cosine({ initial_learning_rate: 1e39 }), path: '/config/initial_learning_rate', message: /float32 range/ },
  { rule: 'decay_steps of zero, in Keras words', input: cosine({ decay_steps: 0 }), path: '/config/decay_steps', message: /^Argument `decay_steps` must be > 0\. Received: decay_steps=0$/ },
  { rule: 'negative first_decay_steps, in Keras words', input: schedule('CosineDecayRestarts', { initial_learning_rate: 0.1, first_decay_steps: -5 }), path: '/config/first_decay_steps', message: /^Argument `first_decay_steps` must be > 0\. Received: first_decay_steps=-5$/ },
  { rule: 't_mul below 1', input: schedule('CosineDecayRestarts', { initial_learning_rate: 0.1, first_decay_steps: 10, t_mul: 0.5 }), path: '/config/t_mul', message: /must be >= 1\. Received: t_mul=0.5/ },
  { rule: 'a negative decay rate', input: schedule('ExponentialDecay', { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: -0.5 }), path: '/config/decay_rate', message: /must be >= 0/ },
  { rule: 'a negative power', input: schedule('PolynomialDecay', { initial_learning_rate: 0.1, decay_steps: 10, power: -1 }), path: '/config/power', message: /must be >= 0/ },
  { rule: 'negative warmup steps', input: cosine({ warmup_target: 0.2, warmup_steps: -3 }), path: '/config/warmup_steps', message: /must be >= 0/ },
  { rule: 'boundaries/values length mismatch, in Keras words', input: schedule('PiecewiseConstantDecay', { boundaries: [10, 20], values: [1.0, 0.5] }), path: '/config/boundaries', message: /^The length of boundaries should be 1 less than the length of values\. Received: boundaries=\[10, 20\] of length 2, and values=\[1, 0\.5\] of length 2\.$/ },
  { rule: 'boundaries not strictly increasing', input: schedule('PiecewiseConstantDecay', { boundaries: [10, 10], values: [1, 2, 3] }), path: '/config/boundaries/1', message: /strictly increasing/ },
  { rule: 'fractional boundaries', input: schedule('PiecewiseConstantDecay', { boundaries: [10.5], values: [1, 2] }), path: '/config/boundaries/0', message: /must be an integer/ },
  { rule: 'empty boundaries', input: schedule('PiecewiseConstantDecay', { boundaries: [], values: [1] }), path: '/config/boundaries', message: /at least 1 element/ },
  { rule: 'an optimizer without a schedule', input: { module: 'keras.optimizers', class_name: 'Adam', config: { name: 'adam' } }, path: '/config', message: /holds no learning-rate schedule/ },
  { rule: 'an optimizer with a constant learning rate', input: { module: 'keras.optimizers', class_name: 'Adam', config: { learning_rate: 0.001 } }, path: '/config/learning_rate', message: /constant learning rate 0.001/ },
  { rule: 'an optimizer get_config() with a constant rate', input: { name: 'adam', learning_rate: 0.001 }, path: '/learning_rate', message: /constant learning rate/ },
  { rule: 'an optimizer whose config is not an object', input: { module: 'keras.optimizers', class_name: 'SGD', config: 3 }, path: '/config', message: /must be an object/ },
  { rule: 'an optimizer class Keras does not have', input: { module: 'keras.optimizers', class_name: 'NoSuchOptimizer', config: { learning_rate: cosine() } }, path: '/class_name', message: /^"NoSuchOptimizer" is not one of Keras's optimizer classes: Adadelta, .*Adam, .*SGD$/ },
  { rule: 'an unknown optimizer class in a tf.keras module', input: { module: 'tf_keras.optimizers', class_name: 'Custom', config: { learning_rate: cosine() } }, path: '/class_name', message: /not one of Keras's optimizer classes/ },
  { rule: 'an unknown optimizer inside a loss-scale optimizer', input: { module: 'keras.optimizers', class_name: 'LossScaleOptimizer', config: { inner_optimizer: { module: 'keras.optimizers', class_name: 'MyAdam', config: { learning_rate: cosine() } } } }, path: '/config/inner_optimizer/class_name', message: /"MyAdam" is not one of Keras's optimizer classes/ },
  { rule: 'a name longer than 256 characters', input: cosine({ name: 'n'.repeat(257) }), path: '/config/name', message: /must not have more than 256 characters/ },
  { rule: 'more than 10,000 boundaries', input: schedule('PiecewiseConstantDecay', { boundaries: Array.from({ length: 10_001 }, (_, i) => i), values: Array.from({ length: 10_002 }, (_, i) => i) }), path: '/config/boundaries', message: /must not have more than 10000 items/ },
  { rule: 'a lambda where a number goes', input: cosine({ alpha: { class_name: '__lambda__', config: { value: 'x' } } }), path: '/config/alpha', message: /`__lambda__`.*never executed/ },
  { rule: 'another Keras object where a number goes', input: cosine({ alpha: schedule('CosineDecay', {}) }), path: '/config/alpha', message: /serialized Keras object \(CosineDecay\)/ },
  { rule: 'an object without class_name where a number goes', input: cosine({ alpha: { value: 1 } }), path: '/config/alpha', message: /got an object/ },
  { rule: 'a tensor without config', input: cosine({ alpha: { class_name: '__tensor__' } }), path: '/config/alpha/config', message: /needs a config object/ },
  { rule: 'a tensor of an unsupported dtype', input: cosine({ initial_learning_rate: { class_name: '__tensor__', config: { value: 0.1, dtype: 'float16' } } }), path: '/config/initial_learning_rate/config/dtype', message: /unsupported tensor dtype "float16"/ },
  { rule: 'a tensor whose value is a string', input: cosine({ alpha: { class_name: '__tensor__', config: { value: '0.1', dtype: 'float32' } } }), path: '/config/alpha/config/value', message: /must be a number or a list of numbers/ },
  { rule: 'an integer tensor holding a fraction', input: cosine({ decay_steps: { class_name: '__tensor__', config: { value: 1.5, dtype: 'int64' } } }), path: '/config/decay_steps/config/value', message: /holds integers/ },
  { rule: 'an integer learning rate tensor', input: cosine({ initial_learning_rate: { class_name: '__tensor__', config: { value: 1, dtype: 'int32' } } }), path: '/config/initial_learning_rate', message: /must be float32 or float64, got int32/ },
];

for (const { rule, input, path, message } of refusals) {
  t.test(`refuses ${rule}`, async (t) => {
    const problems = problemsOf(input);
    t.ok(problems.length > 0, 'refused');
    t.equal(problems[0]?.path, path, 'names the field');
    t.match(problems[0]?.message ?? '', message, 'says what was wrong');
  });
}

t.test('refuses nesting deeper than any real schedule, without recursing into it', async (t) => {
  let deep: unknown = 0.1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const problems = problemsOf(cosine({ alpha: deep }));
  t.equal(problems[0]?.path, '');
  t.match(problems[0]?.message, new RegExp(`more than ${MAX_NESTING} levels`));
});

t.test('reports every problem of a config at once', async (t) => {
  const problems = problemsOf(schedule('ExponentialDecay', { initial_learning_rate: '0.1', decay_rate: 'x', bogus: 1 }));
  t.same(problems.map((p) => p.path).sort(), ['/config/bogus', '/config/decay_rate', '/config/decay_steps', '/config/initial_learning_rate']);
});

t.test('paths inside an optimizer point into the optimizer', async (t) => {
  const problems = problemsOf({ module: 'keras.optimizers', class_name: 'Adam', config: { learning_rate: cosine({ decay_steps: 0 }) } });
  t.equal(problems[0]?.path, '/config/learning_rate/config/decay_steps');
});

t.test('JSON pointer tokens are escaped', async (t) => {
  const problems = problemsOf(cosine({ 'a/b~c': 1 }));
  t.equal(problems[0]?.path, '/config/a~1b~0c');
});
