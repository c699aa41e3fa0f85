import t from 'tap';
import { loadTorchSchedule } from '../../../src/engine/torch/index.js';
import { momentumCases, problemsOf } from './golden.js';

const cases = momentumCases;

/** Whether torch cycles momentum for this request form: a OneCycleLR or CyclicLR without cycle_momentum=False, anywhere. */
function cycles(node: { class_name: string; config: unknown }): boolean {
  const config = node.config as { schedulers?: { class_name: string; config: unknown }[]; cycle_momentum?: boolean };
  if (config.schedulers !== undefined) return config.schedulers.some(cycles);
  return (node.class_name === 'OneCycleLR' || node.class_name === 'CyclicLR') && config.cycle_momentum !== false;
}

t.test('momentum and beta1, bit for bit with real torch 2.14.1, wherever a scheduler cycles momentum', async (t) => {
  let values = 0;
  let identical = 0;
  let withMomentum = 0;
  for (const [i, c] of cases.entries()) {
    const n = c.lr.length;
    const rates = new Float64Array(n);
    const momentum = new Float64Array(n);
    const schedule = loadTorchSchedule(c.schedule);
    t.equal(schedule.schedule.cyclesMomentum, cycles(c.schedule), `case ${i}: momentum answered exactly where torch cycles it`);
    if (!schedule.schedule.cyclesMomentum) {
      // torch leaves the optimizer's own momentum (0.9 in both optimizers of the generator): nothing to answer.
      t.ok(c.momentum_sgd.every((m) => m === 0.9) && c.beta1_adamw.every((m) => m === 0.9), `case ${i}: torch left the optimizer's momentum alone`);
      continue;
    }
    withMomentum++;
    schedule.schedule.atRange(0, 1, rates, momentum);
    for (let k = 0; k < n; k++) {
      values += 3;
      const same = [Object.is(rates[k], c.lr[k]), Object.is(momentum[k], c.momentum_sgd[k]), Object.is(momentum[k], c.beta1_adamw[k])];
      identical += same.filter(Boolean).length;
      if (!same.every(Boolean)) t.fail(`case ${i} step ${k}: lr ${rates[k]} / ${c.lr[k]}, momentum ${momentum[k]} / sgd ${c.momentum_sgd[k]} / adamw ${c.beta1_adamw[k]}`);
    }
    // One step at a time, from a fresh load and out of order: the same numbers (checkpoints and jumps keep the momentum).
    const fresh = loadTorchSchedule(c.schedule);
    for (const k of [n - 1, 0, Math.floor(n / 2), 1, n - 2]) {
      if (k < 0) continue;
      t.ok(Object.is(fresh.schedule.momentumAt(k), c.momentum_sgd[k]) && Object.is(fresh.schedule.at(k), c.lr[k]), `case ${i} step ${k} alone`);
    }
    if (c.error !== null) {
      const [type = ''] = c.error.split(':');
      const problems = problemsOf(() => fresh.schedule.momentumAt(n));
      t.ok(problems.some((p) => p.path === '/step' && p.message.includes(type)), `case ${i}: step ${n} refused as torch raised ${type}`);
    }
  }
  t.comment(`momentum golden: ${cases.length} cases, ${withMomentum} cycling momentum; ${values} values (lr, SGD momentum, AdamW beta1), bit-identical ${identical}`);
  t.equal(cases.length, 120, 'the whole file was read');
  t.equal(identical, values, 'every lr, momentum and beta1 bit-identical');
});

t.test('a momentum-cycling range past the checkpoint interval gives the same momentum from a checkpoint as stepped', async (t) => {
  const schedule = { module: 'torch.optim.lr_scheduler', class_name: 'CyclicLR', config: { base_lr: 0.001, max_lr: 0.01, step_size_up: 777, mode: 'triangular2' }, base_lr: 0.1 };
  const whole = loadTorchSchedule(schedule);
  const rates = new Float64Array(5000);
  const momentum = new Float64Array(5000);
  whole.schedule.atRange(0, 1, rates, momentum);
  const strided = loadTorchSchedule(schedule);
  const every7 = new Float64Array(700);
  const momentum7 = new Float64Array(700);
  strided.schedule.atRange(100, 7, every7, momentum7);
  let same = 0;
  for (let i = 0; i < 700; i++) if (Object.is(momentum7[i], momentum[100 + 7 * i]) && Object.is(every7[i], rates[100 + 7 * i])) same++;
  t.equal(same, 700, 'a strided range agrees with the whole one');
  // Backwards: restored from a checkpoint.
  t.ok(Object.is(strided.schedule.momentumAt(1500), momentum[1500]), 'a step below the cursor, from a checkpoint');
  t.ok(momentum.every((m) => m >= 0.8 && m <= 0.9), 'momentum stays within [base_momentum, max_momentum]');
});
