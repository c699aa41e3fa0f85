import t from 'tap';
import { loadTorchSchedule, torchCatalogue } from '../../../src/engine/torch/index.js';
import { loadTransformersSchedule, transformersCatalogue } from '../../../src/engine/transformers/index.js';
import { refusedAt, valueCases } from './golden.js';


function hf(className: string, config: Record<string, unknown>, baseLr = 1e-4) {
  return () => loadTransformersSchedule({ module: 'transformers', class_name: className, config, base_lr: baseLr });
}


t.test('canonical(): every key with defaults, read back to the same numbers', async (t) => {
  for (const c of valueCases) {
    const load = c.family === 'torch' ? loadTorchSchedule : loadTransformersSchedule;
    const canonical = load(c.schedule).canonical;
    const again = load(canonical);
    t.same(again.canonical, canonical, `${c.id}: canonical is a fixed point`);
    const last = Math.min(Math.max(...c.steps), 2000);
    const [a, b] = [new Float64Array(last + 1), new Float64Array(last + 1)];
    load(c.schedule).schedule.atRange(0, 1, a);
    again.schedule.atRange(0, 1, b);
    t.ok(a.every((v, i) => Object.is(v, b[i])), `${c.id}: the canonical form computes the same values`);
  }
  t.same(loadTorchSchedule({ class_name: 'StepLR', config: { step_size: 3 } }).canonical, {
    module: 'torch.optim.lr_scheduler',
    class_name: 'StepLR',
    config: { step_size: 3, gamma: 0.1 },
    base_lr: 0.001,
  }, 'StepLR: gamma and base_lr (SGD\'s default lr) filled');
  t.same(
    loadTorchSchedule({ class_name: 'SequentialLR', config: { milestones: [4], schedulers: [{ class_name: 'LinearLR' }, { class_name: 'ConstantLR', config: {} }] }, base_lr: 0.5 }).canonical['config'],
    {
      schedulers: [
        { class_name: 'LinearLR', config: { start_factor: 1 / 3, end_factor: 1.0, total_iters: 5 } },
        { class_name: 'ConstantLR', config: { factor: 1 / 3, total_iters: 5 } },
      ],
      milestones: [4],
    },
    'SequentialLR: schedulers first, each with its defaults',
  );
  t.same(hf('inverse_sqrt', { num_warmup_steps: 10 })().canonical['config'], { num_warmup_steps: 10, num_training_steps: null, timescale: null }, 'inverse_sqrt');
  const c = loadTransformersSchedule({ class_name: 'constant', config: {} }).canonical;
  t.same(c, { module: 'transformers', class_name: 'constant', config: { num_warmup_steps: null, num_training_steps: null }, base_lr: 0.001 }, 'constant');
});

t.test('catalogues: every class, with a JSON Schema of its config', async (t) => {
  t.same(
    torchCatalogue.map((e) => e.className),
    ['StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'CyclicLR', 'OneCycleLR', 'SequentialLR', 'ChainedScheduler'],
    'torch classes',
  );
  t.same(
    transformersCatalogue.map((e) => e.className),
    ['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup', 'inverse_sqrt', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr', 'warmup_stable_decay'],
    'transformers types',
  );
  for (const entry of [...torchCatalogue, ...transformersCatalogue]) {
    t.equal(entry.configSchema['type'], 'object', `${entry.className}: an object schema`);
    t.equal(entry.configSchema['additionalProperties'], false, `${entry.className}: unknown keys refused`);
    t.ok(entry.description.length > 10, `${entry.className}: described`);
  }
});

t.test('transformers: what get_scheduler accepts, and the stricter refusals', async (t) => {
  t.doesNotThrow(hf('constant', { num_warmup_steps: 5, num_training_steps: 100 }), 'constant accepts (and ignores) the counts');
  t.doesNotThrow(hf('cosine', { num_warmup_steps: 50, num_training_steps: 20 }), 'a warmup longer than training');
  refusedAt(t, hf('linear', { num_warmup_steps: 5 }), '/config/num_training_steps', /SchedulerType\.LINEAR requires `num_training_steps`/, 'linear without training steps');
  refusedAt(t, hf('constant_with_warmup', { num_warmup_steps: 5, num_cycles: 2 }), '/config/num_cycles', /silently drops/, 'a kwarg constant_with_warmup drops');
  refusedAt(t, hf('linear', { num_warmup_steps: 5, num_training_steps: 50, num_cycles: 2 }), '/config/num_cycles', /get_linear_schedule_with_warmup\(\) got an unexpected keyword argument 'num_cycles'/, 'linear takes no num_cycles');
  refusedAt(t, hf('linear', { num_warmup_steps: 5, num_training_steps: 50, last_epoch: 3 }), '/config/last_epoch', /only -1/, 'last_epoch 3');
  refusedAt(t, hf('polynomial', { num_warmup_steps: 5, num_training_steps: 5 }), '/config/num_training_steps', /divides by zero/, 'polynomial with warmup = training');
  refusedAt(t, hf('cosine_with_min_lr', { num_warmup_steps: 1, num_training_steps: 9, min_lr: 1e-6, min_lr_rate: 0.1 }), '/config/min_lr_rate', /Only one of min_lr or min_lr_rate/, 'both floors');
  refusedAt(t, hf('cosine_with_min_lr', { num_warmup_steps: 1, num_training_steps: 9, min_lr: 1e-3 }), '/config/min_lr', /at most base_lr/, 'min_lr above base_lr');
  refusedAt(t, hf('cosine_with_min_lr', { num_warmup_steps: 1, num_training_steps: 9, min_lr: 0 }, 0), '/config/min_lr', /ZeroDivisionError/, 'min_lr with base_lr 0');
  refusedAt(t, hf('cosine_warmup_with_min_lr', { num_warmup_steps: 1, num_training_steps: 9, min_lr_rate: 0.1, warmup_lr_rate: 2 }), '/config/warmup_lr_rate', /between 0 and 1/, 'warmup_lr_rate 2');
  refusedAt(t, hf('warmup_stable_decay', { num_warmup_steps: 1 }), '/config/num_decay_steps', /missing 1 required positional argument: 'num_decay_steps'/, 'wsd without num_decay_steps');
  refusedAt(t, hf('warmup_stable_decay', { num_warmup_steps: 1, num_decay_steps: 3 }), '/config/num_training_steps', /Either num_training_steps or num_stable_steps/, 'wsd without a length');
  refusedAt(t, hf('warmup_stable_decay', { num_warmup_steps: 10, num_decay_steps: 30, num_training_steps: 20 }), '/config/num_training_steps', /stable phase would be -20/, 'wsd too short');
  refusedAt(t, hf('warmup_stable_decay', { num_warmup_steps: 1, num_decay_steps: 3, num_stable_steps: 3, decay_type: 'exp' }), '/config/decay_type', /Unknown decay type: exp/, 'wsd decay_type');
  refusedAt(t, hf('reduce_lr_on_plateau', {}), '/class_name', /metric/, 'reduce_lr_on_plateau');
  refusedAt(t, () => loadTransformersSchedule({ class_name: 'linear', config: 3 }), '/config', /JSON object/, 'config not an object');
  refusedAt(t, () => loadTransformersSchedule(null), '', /JSON object/, 'not an object');
  const wsd = hf('warmup_stable_decay', { num_warmup_steps: 4, num_decay_steps: 4, num_stable_steps: 2, warmup_type: 'cosine', decay_type: '1-sqrt', min_lr_ratio: 0.1 }, 1)();
  const out = new Float64Array(12);
  wsd.schedule.atRange(0, 1, out);
  t.equal(out[5], 1, 'wsd: stable phase at base_lr');
  t.equal(out[11], 0.1, 'wsd: min_lr_ratio after the decay');
  t.ok(out[0] === 0.1 && (out[3] as number) < 1, 'wsd: warmup from min_lr_ratio');
});
