import { cos } from '../stepped/libm.js';
import { div, PythonError } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, missing, schemaNumber } from './fields.js';
import { floatRepr } from './CosineAnnealingWarmRestarts.js';
import { freshGroup, startMomentumCycle, TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly max_lr: number;
  readonly total_steps: number | null;
  readonly epochs: number | null;
  readonly steps_per_epoch: number | null;
  readonly pct_start: number;
  readonly anneal_strategy: 'cos' | 'linear';
  readonly cycle_momentum: boolean;
  readonly base_momentum: number;
  readonly max_momentum: number;
  readonly div_factor: number;
  readonly final_div_factor: number;
  readonly three_phase: boolean;
}

type GroupKey = 'initialLr' | 'maxLr' | 'minLr';
type MomentumKey = 'maxMomentum' | 'baseMomentum';

interface Phase {
  readonly endStep: number;
  readonly startLr: GroupKey;
  readonly endLr: GroupKey;
  /** Momentum runs against the lr: down while the lr rises. */
  readonly startMomentum: MomentumKey;
  readonly endMomentum: MomentumKey;
}

/** The phases as torch lays them out: the first ends at float(pct_start * total_steps) - 1. */
export function onecyclePhases(totalSteps: number, pctStart: number, threePhase: boolean): Phase[] {
  const first: Phase = { endStep: pctStart * totalSteps - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' };
  if (!threePhase) return [first, { endStep: totalSteps - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' }];
  return [
    first,
    { endStep: 2 * pctStart * totalSteps - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
    { endStep: totalSteps - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
  ];
}

/**
 * The 1cycle policy. It overwrites the group's initial_lr (max_lr / div_factor), max_lr and min_lr, reads
 * them back from the group each step (so a later OneCycleLR's values win), allows exactly total_steps
 * steps and extrapolates its last phase at step total_steps.
 */
export class OneCycleLR extends TorchScheduler {
  private readonly phases: readonly Phase[];
  readonly totalSteps: number;

  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.totalSteps = totalStepsOf(config);
    this.phases = onecyclePhases(this.totalSteps, config.pct_start, config.three_phase);
    group.initialLr = config.max_lr / config.div_factor;
    group.maxLr = config.max_lr;
    group.minLr = group.initialLr / config.final_div_factor;
    if (config.cycle_momentum) startMomentumCycle(group, config.max_momentum, config.base_momentum);
    this.attach();
  }

  protected getLr(): number {
    return onecycleLr(this.lastEpoch, this.totalSteps, this.phases, this.group, this.config.anneal_strategy, this.config.cycle_momentum);
  }

  override jumpTo(step: number): void {
    this.lastEpoch = step;
    this.group.lr = this.getLr();
  }
}

/** get_lr(): the lr at `step`; with `cycleMomentum`, also the momentum written into the group, as torch's side effect. */
export function onecycleLr(step: number, totalSteps: number, phases: readonly Phase[], group: ParamGroup, strategy: 'cos' | 'linear', cycleMomentum: boolean): number {
  if (step > totalSteps) {
    throw new PythonError('ValueError', `Tried to step ${step} times. The specified number of total steps is ${totalSteps}`);
  }
  let startStep = 0.0;
  for (let i = 0; i < phases.length; i++) {
    const phase = phases[i] as Phase;
    if (step <= phase.endStep || i === phases.length - 1) {
      const pct = div(step - startStep, phase.endStep - startStep);
      const lr = anneal(group[phase.startLr] as number, group[phase.endLr] as number, pct, strategy);
      if (cycleMomentum) group.momentum = anneal(group[phase.startMomentum], group[phase.endMomentum], pct, strategy);
      return lr;
    }
    startStep = phase.endStep;
  }
  throw new Error('unreachable: the last phase always answers');
}

/** `_annealing_cos` / `_annealing_linear`, op for op. */
function anneal(start: number, end: number, pct: number, strategy: 'cos' | 'linear'): number {
  if (strategy === 'linear') return (end - start) * pct + start;
  const cosOut = cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2.0) * cosOut;
}

function totalStepsOf(config: Config): number {
  return config.total_steps ?? (config.epochs as number) * (config.steps_per_epoch as number);
}

export const OneCycleLRDefinition = torchClass<Config>({
  className: 'OneCycleLR',
  description: 'The 1cycle policy: up from max_lr / div_factor to max_lr, then down to a minimum, over exactly total_steps steps.',
  configSchema: configSchema(
    {
      max_lr: schemaNumber('Peak learning rate (the request\'s base_lr does not enter).', { exclusiveMinimum: 0 }),
      total_steps: { type: ['integer', 'null'], minimum: 1, default: null, description: 'Steps in the cycle; or give epochs and steps_per_epoch.' },
      epochs: { type: ['integer', 'null'], minimum: 1, default: null, description: 'With steps_per_epoch, when total_steps is null.' },
      steps_per_epoch: { type: ['integer', 'null'], minimum: 1, default: null, description: 'With epochs, when total_steps is null.' },
      pct_start: schemaNumber('Share of the cycle spent increasing (a Python float: 0.0, not 0).', { default: 0.3, minimum: 0, maximum: 1 }),
      anneal_strategy: { enum: ['cos', 'linear'], default: 'cos', description: 'Annealing shape.' },
      cycle_momentum: { type: 'boolean', default: true, description: 'Cycle the momentum (SGD\'s momentum, Adam\'s beta1) against the lr: the answers then carry it.' },
      base_momentum: schemaNumber('Momentum at the lr\'s peak.', { default: 0.85 }),
      max_momentum: schemaNumber('Momentum at the start and the end of the cycle.', { default: 0.95 }),
      div_factor: schemaNumber('initial_lr = max_lr / div_factor.', { default: 25.0, exclusiveMinimum: 0 }),
      final_div_factor: schemaNumber('min_lr = initial_lr / final_div_factor.', { default: 1e4, exclusiveMinimum: 0 }),
      three_phase: { type: 'boolean', default: false, description: 'Use a third phase (the paper\'s schedule).' },
    },
    ['max_lr'],
  ),
  hasClosedForm: false,
  composite: false,
  read(reader) {
    const max_lr = reader.number('max_lr', { missing: missing('OneCycleLR', 'max_lr'), min: 0, minExclusive: true, range: (_v, shown) => `must be > 0, got ${shown}` });
    const count = (key: string) =>
      reader.optionalNumber(key, {
        pythonInt: (v) => `Expected positive integer ${key}, but got ${floatRepr(v)}`,
        min: 1,
        range: (_v, shown) => `Expected positive integer ${key}, but got ${shown}`,
      });
    const total_steps = count('total_steps');
    const epochs = count('epochs');
    const steps_per_epoch = count('steps_per_epoch');
    if (total_steps === null && (epochs === null || steps_per_epoch === null)) {
      reader.problem(reader.has('total_steps') || !reader.has('epochs') ? 'total_steps' : 'steps_per_epoch', 'You must define either total_steps OR (epochs AND steps_per_epoch)');
    }
    const pct_start = reader.number('pct_start', {
      default: 0.3,
      pythonFloat: (v) => `Expected float between 0 and 1 pct_start, but got ${v} (write it as a float: ${v}.0)`,
      min: 0,
      max: 1,
      range: (_v, shown) => `Expected float between 0 and 1 pct_start, but got ${shown}`,
    });
    const anneal_strategy = reader.choice('anneal_strategy', ['cos', 'linear'] as const, 'cos', (v) => `anneal_strategy must be one of 'cos' or 'linear', instead got ${String(v)}`);
    const cycle_momentum = reader.flag('cycle_momentum', true);
    const base_momentum = reader.number('base_momentum', { default: 0.85 });
    const max_momentum = reader.number('max_momentum', { default: 0.95 });
    const positive = (v: number) => `must be > 0, got ${v}: torch divides by it`;
    const div_factor = reader.number('div_factor', { default: 25.0, min: 0, minExclusive: true, range: positive });
    const final_div_factor = reader.number('final_div_factor', { default: 1e4, min: 0, minExclusive: true, range: positive });
    const three_phase = reader.flag('three_phase', false);
    finishTorchConfig(reader, 'OneCycleLR');
    const config: Config = { max_lr, total_steps, epochs, steps_per_epoch, pct_start, anneal_strategy, cycle_momentum, base_momentum, max_momentum, div_factor, final_div_factor, three_phase };
    const zeroPhase = emptyPhaseStep(config);
    if (zeroPhase !== undefined) {
      reader.problem('pct_start', `pct_start ${pct_start} with ${totalStepsOf(config)} total steps leaves a phase zero steps long: torch raises ZeroDivisionError at step ${zeroPhase}`);
    }
    return { config };
  },
  create: (group, config) => new OneCycleLR(group, config),
});

/**
 * The first step whose phase has zero length (where torch divides by zero), or undefined. A phase is
 * first used at step 0 or just after some phase's end, or at total_steps, so those steps suffice.
 */
function emptyPhaseStep(config: Config): number | undefined {
  const total = totalStepsOf(config);
  if (!Number.isSafeInteger(total) || !(config.pct_start >= 0 && config.pct_start <= 1)) return undefined;
  const phases = onecyclePhases(total, config.pct_start, config.three_phase);
  const candidates = new Set<number>([0, total]);
  for (const phase of phases) {
    const next = Math.floor(phase.endStep) + 1;
    if (next >= 0 && next <= total) candidates.add(next);
  }
  const group = { ...freshGroup(0), initialLr: 1, maxLr: 2, minLr: 0.5 };
  for (const step of [...candidates].sort((a, b) => a - b)) {
    try {
      onecycleLr(step, total, phases, group, config.anneal_strategy, false);
    } catch (error) {
      if (error instanceof PythonError) return step;
      throw error;
    }
  }
  return undefined;
}
