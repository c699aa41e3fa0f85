import t from 'tap';
import { problemsOf, refusedAt } from './golden.js';
import { loadTorchSchedule, REFUSED_TORCH_CLASSES, TORCH_MODULE, torchCatalogue } from '../../../src/engine/torch/index.js';
import { loadTransformersSchedule, TRANSFORMERS_MODULE, transformersCatalogue } from '../../../src/engine/transformers/index.js';

type Spelled = Record<string, 'integer' | 'float'>;


function torch(className: string, config: Record<string, unknown>, spelled: Spelled = {}, extra: Record<string, unknown> = {}) {
  return () => loadTorchSchedule({ module: TORCH_MODULE, class_name: className, config, base_lr: 0.1, ...extra }, { floatIntegers: new Set(Object.keys(spelled).filter((place) => spelled[place] === 'float')) });
}

function hf(className: string, config: Record<string, unknown>, baseLr = 1e-4) {
  return () => loadTransformersSchedule({ module: TRANSFORMERS_MODULE, class_name: className, config, base_lr: baseLr });
}


t.test('Python types decided from the spelling', async (t) => {
  refusedAt(t, torch('CosineAnnealingWarmRestarts', { T_0: 10 }, { '/config/T_0': 'float' }), '/config/T_0', /Expected positive integer T_0, but got 10\.0/, 'T_0 spelled 10.0');
  t.doesNotThrow(torch('CosineAnnealingWarmRestarts', { T_0: 10 }, { '/config/T_0': 'integer' }), 'T_0 spelled 10');
  refusedAt(t, torch('CosineAnnealingWarmRestarts', { T_0: 10, T_mult: 2 }, { '/config/T_mult': 'float' }), '/config/T_mult', /integer T_mult/, 'T_mult spelled 2.0');
  refusedAt(t, torch('OneCycleLR', { max_lr: 0.1, total_steps: 100, pct_start: 0 }), '/config/pct_start', /Expected float between 0 and 1 pct_start/, 'pct_start 0 (unknown spelling: an int)');
  t.doesNotThrow(torch('OneCycleLR', { max_lr: 0.1, total_steps: 100, pct_start: 0 }, { '/config/pct_start': 'float' }), 'pct_start spelled 0.0');
  refusedAt(t, torch('OneCycleLR', { max_lr: 0.1, total_steps: 100 }, { '/config/total_steps': 'float' }), '/config/total_steps', /positive integer total_steps/, 'total_steps spelled 100.0');
  refusedAt(t, torch('OneCycleLR', { max_lr: 0.1, epochs: 3, steps_per_epoch: 2.5 }), '/config/steps_per_epoch', /positive integer steps_per_epoch/, 'steps_per_epoch 2.5');
  refusedAt(t, torch('OneCycleLR', { max_lr: 0.1, epochs: 3 }), '/config/steps_per_epoch', /either total_steps OR/, 'epochs without steps_per_epoch');
  refusedAt(t, torch('OneCycleLR', { max_lr: 0.1 }), '/config/total_steps', /either total_steps OR/, 'no length at all');
  t.equal(loadTorchSchedule({ class_name: 'OneCycleLR', config: { max_lr: 0.1, epochs: 3, steps_per_epoch: 4 } }).canonical['config'] !== undefined, true, 'epochs * steps_per_epoch');
  refusedAt(t, torch('OneCycleLR', { max_lr: 0.1, total_steps: 10, pct_start: 0.1 }, { '/config/pct_start': 'float' }), '/config/pct_start', /zero steps long: torch raises ZeroDivisionError at step 0/, 'pct_start * total_steps = 1');
  refusedAt(t, torch('ExponentialLR', { gamma: Number.POSITIVE_INFINITY }), '/config/gamma', /finite/, '1e999');
  refusedAt(t, torch('StepLR', { step_size: 5, gamma: Number.NaN }), '/config/gamma', /finite/, 'NaN');
  refusedAt(t, torch('StepLR', { step_size: true }), '/config/step_size', /boolean/, 'a boolean');
  refusedAt(t, torch('StepLR', { step_size: null }), '/config/step_size', /None/, 'null for a required number');
});

t.test('torch\'s own checks and the stricter ones', async (t) => {
  refusedAt(t, torch('StepLR', { step_size: 0 }), '/config/step_size', /> 0/, 'StepLR step_size 0 (torch raises at step 1)');
  refusedAt(t, torch('CosineAnnealingLR', { T_max: 0 }), '/config/T_max', /> 0/, 'T_max 0 (torch raises at step 1)');
  refusedAt(t, torch('StepLR', { step_size: 5, gamma: -0.5 }), '/config/gamma', />= 0/, 'negative gamma');
  refusedAt(t, torch('LinearLR', { start_factor: 0 }), '/config/start_factor', /Starting multiplicative factor/, 'start_factor 0');
  refusedAt(t, torch('ConstantLR', { factor: 1.5 }), '/config/factor', /between 0 and 1/, 'factor 1.5');
  refusedAt(t, torch('MultiStepLR', { milestones: [1, 2, 'x'] }), '/config/milestones/2', /number/, 'a string milestone');
  refusedAt(t, torch('MultiStepLR', {}), '/config/milestones', /missing 1 required positional argument: 'milestones'/, 'no milestones');
  refusedAt(t, torch('MultiStepLR', { milestones: new Array(10_001).fill(3) }), '/config/milestones', /at most 10000/, '10,001 milestones');
  refusedAt(t, torch('MultiStepLR', { milestones: new Array(2000).fill(3), gamma: 2 }), '/config/gamma', /OverflowError/, 'gamma ** 2000 overflows');
  refusedAt(t, torch('CyclicLR', { base_lr: 0.01, max_lr: 0.001 }), '/config/max_lr', />= base_lr/, 'max_lr below base_lr');
  refusedAt(t, torch('CyclicLR', { base_lr: 0.001, max_lr: 0.01, mode: 'exp_range', gamma: 1.5 }), '/config/gamma', /\(0, 1\]/, 'exp_range gamma above 1');
  refusedAt(t, torch('CyclicLR', { base_lr: 0.001, max_lr: 0.01, scale_fn: 'lambda x: 1' }), '/config/scale_fn', /code/, 'a scale_fn');
  refusedAt(t, torch('CyclicLR', { base_lr: 0.001, max_lr: 0.01, cycle_momentum: 'yes' }), '/config/cycle_momentum', /true or false/, 'cycle_momentum as a string');
  refusedAt(t, torch('StepLR', { step_size: 5, last_epoch: 7 }), '/config/last_epoch', /only -1/, 'last_epoch 7');
  t.doesNotThrow(torch('StepLR', { step_size: 5, last_epoch: -1 }), 'last_epoch -1');
  refusedAt(t, torch('StepLR', { step_size: 5, verbose: false }), '/config/verbose', /removed/, 'verbose');
  refusedAt(t, torch('StepLR', { step_size: 5 }, {}, { base_lr: -1 }), '/base_lr', /Invalid learning rate/, 'negative base_lr');
  refusedAt(t, torch('StepLR', { step_size: 5 }, {}, { module: 'keras.optimizers.schedules' }), '/module', /torch\.optim\.lr_scheduler/, 'another module');
  refusedAt(t, torch('StepLR', { step_size: 5 }, {}, { registered_name: null }), '/registered_name', /unexpected key/, 'an unknown top-level key');
  refusedAt(t, () => loadTorchSchedule({ class_name: 'StepLR', config: [] }), '/config', /JSON object/, 'config not an object');
  refusedAt(t, () => loadTorchSchedule('StepLR'), '', /JSON object/, 'not an object at all');
  refusedAt(t, () => loadTorchSchedule({ config: {} }), '/class_name', /required/, 'no class_name');
  for (const name of REFUSED_TORCH_CLASSES.keys()) refusedAt(t, torch(name, {}), '/class_name', /./, `${name} refused`);
});

t.test('composites: nesting, sizes, restarts', async (t) => {
  const leaf = { class_name: 'ExponentialLR', config: { gamma: 0.9 } };
  let nested: Record<string, unknown> = leaf;
  for (let depth = 0; depth < 5; depth++) nested = { class_name: 'ChainedScheduler', config: { schedulers: [nested] } };
  const five = nested as { config: Record<string, unknown> };
  refusedAt(t, torch('ChainedScheduler', five.config), '/config/schedulers/0/config/schedulers/0/config/schedulers/0/config/schedulers/0/class_name', /at most 4 deep/, 'five composites deep');
  const four = (five.config['schedulers'] as { config: Record<string, unknown> }[])[0] as { config: Record<string, unknown> };
  t.doesNotThrow(torch('ChainedScheduler', four.config), 'four deep');
  refusedAt(t, torch('ChainedScheduler', { schedulers: new Array(1001).fill(leaf) }), '/config/schedulers', /at most 1000/, '1,001 sub-schedulers');
  refusedAt(t, torch('ChainedScheduler', { schedulers: [leaf, 'StepLR'] }), '/config/schedulers/1', /JSON object/, 'an entry that is not an object');
  refusedAt(t, torch('ChainedScheduler', { schedulers: [{ config: {} }] }), '/config/schedulers/0/class_name', /required/, 'an entry without class_name');
  refusedAt(t, torch('ChainedScheduler', { schedulers: [{ ...leaf, name: 'x' }] }), '/config/schedulers/0/name', /unexpected key/, 'an unknown entry key');
  refusedAt(t, torch('ChainedScheduler', { schedulers: [{ ...leaf, module: 'transformers' }] }), '/config/schedulers/0/module', /torch/, 'an entry of another module');
  refusedAt(t, torch('ChainedScheduler', { schedulers: [leaf], last_epoch: -1 }), '/config/last_epoch', /unexpected keyword/, 'ChainedScheduler takes no last_epoch');
  refusedAt(t, torch('SequentialLR', { schedulers: [leaf, leaf] }), '/config/milestones', /missing/, 'SequentialLR without milestones');
  refusedAt(t, torch('SequentialLR', { milestones: [] }), '/config/schedulers', /missing/, 'SequentialLR without schedulers');
  refusedAt(t, torch('SequentialLR', { schedulers: [], milestones: [] }), '/config/schedulers', /at least one scheduler/, 'SequentialLR with no schedulers');
  refusedAt(t, torch('SequentialLR', { schedulers: [leaf, leaf], milestones: [2.5] }), '/config/milestones/0', /whole number/, 'a float SequentialLR milestone');
  const polyZero = { class_name: 'PolynomialLR', config: { total_iters: 0 } };
  refusedAt(t, torch('SequentialLR', { schedulers: [leaf, polyZero], milestones: [5] }), '/config/schedulers/1/config/total_iters', /ZeroDivisionError/, 'PolynomialLR total_iters 0 restarted at a milestone');
  t.doesNotThrow(torch('SequentialLR', { schedulers: [leaf, polyZero], milestones: [0] }), 'at milestone 0 it gets the initial step instead');
  const seq = { class_name: 'SequentialLR', config: { schedulers: [leaf, leaf], milestones: [2] } };
  t.doesNotThrow(torch('SequentialLR', { schedulers: [seq, leaf], milestones: [4] }), 'a composite first is fine');
  t.doesNotThrow(torch('SequentialLR', { schedulers: [leaf, leaf, leaf], milestones: [3, 3] }), 'a repeated milestone skips a scheduler, as torch does');
  const schedule = loadTorchSchedule({ class_name: 'SequentialLR', config: { schedulers: [leaf, { class_name: 'LinearLR', config: { start_factor: 0.5 } }], milestones: [3] }, base_lr: 0.2 });
  t.equal(schedule.schedule.at(3), 0.2 * 0.5, 'LinearLR restarts from its closed form at 0: start_factor * base_lr');
});

t.test('closed_form mode', async (t) => {
  refusedAt(t, () => loadTorchSchedule({ class_name: 'CyclicLR', config: { base_lr: 0.001, max_lr: 0.01 } }, { mode: 'closed_form' }), '/mode', /no closed form/, 'CyclicLR');
  const hfClosed = problemsOf(() => loadTransformersSchedule({ class_name: 'linear', config: { num_warmup_steps: 1, num_training_steps: 10 } }, { mode: 'closed_form' }));
  t.ok(hfClosed.some((p) => p.path === '/mode'), 'transformers types refuse closed_form naming mode');
  const poly = loadTorchSchedule({ class_name: 'PolynomialLR', config: { total_iters: 0 } }, { mode: 'closed_form' });
  refusedAt(t, () => poly.schedule.at(3), '/step', /ZeroDivisionError/, 'a closed form that divides by zero refuses the step');
  const step = loadTorchSchedule({ class_name: 'StepLR', config: { step_size: 2.5, gamma: 0.5 }, base_lr: 1 }, { mode: 'closed_form' });
  const out = new Float64Array(6);
  step.schedule.atRange(0, 1, out);
  t.same([...out], [1, 1, 1, 0.5, 0.5, 0.25], 'StepLR closed form: gamma ** (k // step_size)');
  refusedAt(t, () => step.schedule.at(-1), '/step', /./, 'steps checked');
});

t.test('Python float semantics', async (t) => {
  const { pythonNumber, floorDiv, mod, power, div } = await import('../../../src/engine/stepped/python.js');
  const { pythonMod } = await import('../../../src/engine/stepped/libm.js');
  t.same(
    [pythonNumber(10, false), pythonNumber(10, true), pythonNumber(-1e-5, false), pythonNumber(1e16, false), pythonNumber(1e-7, false), pythonNumber(-0, false), pythonNumber(Number.POSITIVE_INFINITY, false), pythonNumber(123.5, false)],
    ['10.0', '10', '-1e-05', '1e+16', '1e-07', '-0.0', 'inf', '123.5'],
    'repr()',
  );
  t.same([pythonMod(-7, 3), pythonMod(7, -3), pythonMod(-6, 3), pythonMod(6, -3), pythonMod(5.5, 2)], [2, -2, 0, -0, 1.5], '% takes the divisor\'s sign');
  t.same([floorDiv(7, 2), floorDiv(-7, 2), floorDiv(7, -2), floorDiv(7.5, 2.5), floorDiv(0, 3), floorDiv(-1, 3)], [3, -4, -4, 3, 0, -1], '//');
  t.ok(Object.is(floorDiv(0, -3), -0), '0 // -3 is -0.0 for floats');
  t.throws(() => mod(1, 0), /division by zero/, '% 0');
  t.throws(() => floorDiv(1, 0), /division by zero/, '// 0');
  t.throws(() => div(1, 0), /division by zero/, '/ 0');
  t.throws(() => power(0, -1), /zero to a negative power/, '0 ** -1');
  t.throws(() => power(10, 400), /Numerical result out of range/, '10 ** 400 overflows');
  t.equal(power(10, -400), 0, 'underflow is silent');
  t.equal(power(1, 1e308), 1, '1 ** y');
});
