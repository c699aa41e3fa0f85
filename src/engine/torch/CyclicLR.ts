import { div, power } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, missing, schemaNumber } from './fields.js';
import { startMomentumCycle, TorchScheduler, type ParamGroup } from './scheduler.js';

type Mode = 'triangular' | 'triangular2' | 'exp_range';

interface Config {
  readonly base_lr: number;
  readonly max_lr: number;
  readonly step_size_up: number;
  readonly step_size_down: number | null;
  readonly mode: Mode;
  readonly gamma: number;
  readonly scale_fn: null;
  readonly scale_mode: 'cycle' | 'iterations';
  readonly cycle_momentum: boolean;
  readonly base_momentum: number;
  readonly max_momentum: number;
}

/**
 * The cyclical learning rate policy: the lr is a function of the step count and the class's own base_lr
 * and max_lr. It sets the optimizer's lr to its base_lr before initial_lr is recorded, so the request's
 * base_lr only shows where another scheduler was built first.
 */
export class CyclicLR extends TorchScheduler {
  private readonly totalSize: number;
  private readonly stepRatio: number;
  private readonly scaleMode: 'cycle' | 'iterations';

  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    group.lr = config.base_lr;
    const up = config.step_size_up;
    const down = config.step_size_down ?? up;
    this.totalSize = up + down;
    this.stepRatio = div(up, this.totalSize);
    // The built-in modes overwrite scale_mode (it only applies to a scale_fn).
    this.scaleMode = config.mode === 'exp_range' ? 'iterations' : 'cycle';
    if (config.cycle_momentum) startMomentumCycle(group, config.max_momentum, config.base_momentum);
    // LRScheduler.__init__ runs (initial step included) with base_lrs = [initial_lr]; only then does
    // CyclicLR replace base_lrs with its own.
    this.attach();
    this.baseLr = config.base_lr;
  }

  protected getLr(): number {
    const e = this.lastEpoch;
    const cycle = Math.floor(1 + e / this.totalSize);
    const x = 1.0 + e / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? div(x, this.stepRatio) : div(x - 1, this.stepRatio - 1);
    const scale = this.scale(this.scaleMode === 'cycle' ? cycle : e);
    const baseHeight = (this.config.max_lr - this.baseLr) * scaleFactor;
    if (this.config.cycle_momentum) {
      // The side effect torch's get_lr() has: momentum runs against the lr, from its own bounds (not the group's).
      const { base_momentum, max_momentum } = this.config;
      this.group.momentum = max_momentum - (max_momentum - base_momentum) * scaleFactor * scale;
    }
    return this.baseLr + baseHeight * scale;
  }

  private scale(x: number): number {
    switch (this.config.mode) {
      case 'triangular':
        return 1.0;
      case 'triangular2':
        return div(1, power(2.0, x - 1));
      case 'exp_range':
        return power(this.config.gamma, x);
    }
  }

  override jumpTo(step: number): void {
    this.lastEpoch = step;
    this.group.lr = this.getLr();
  }
}

const MODES: readonly Mode[] = ['triangular', 'triangular2', 'exp_range'];

export const CyclicLRDefinition = torchClass<Config>({
  className: 'CyclicLR',
  description: 'The cyclical learning rate policy (triangular, triangular2, exp_range) between its own base_lr and max_lr.',
  configSchema: configSchema(
    {
      base_lr: schemaNumber('Lower bound of the cycle (the request\'s base_lr does not enter, see the docs).', { minimum: 0 }),
      max_lr: schemaNumber('Upper bound of the cycle, >= base_lr.', { minimum: 0 }),
      step_size_up: schemaNumber('Steps of the increasing half.', { default: 2000, exclusiveMinimum: 0 }),
      step_size_down: { type: ['number', 'null'], default: null, minimum: 0, description: 'Steps of the decreasing half (null: step_size_up).' },
      mode: { enum: MODES, default: 'triangular', description: 'The policy.' },
      gamma: schemaNumber('exp_range\'s factor per step, in (0, 1] (ignored by the other modes).', { default: 1.0 }),
      scale_fn: { type: 'null', default: null, description: 'Code: not accepted (null only).' },
      scale_mode: { enum: ['cycle', 'iterations'], default: 'cycle', description: 'Only applies with a scale_fn: the built-in modes overwrite it.' },
      cycle_momentum: { type: 'boolean', default: true, description: 'Cycle the momentum (SGD\'s momentum, Adam\'s beta1) against the lr: the answers then carry it.' },
      base_momentum: schemaNumber('Momentum at the lr\'s peak.', { default: 0.8 }),
      max_momentum: schemaNumber('Momentum at the start of each cycle.', { default: 0.9 }),
    },
    ['base_lr', 'max_lr'],
  ),
  hasClosedForm: false,
  composite: false,
  read(reader) {
    const base_lr = reader.number('base_lr', {
      missing: missing('CyclicLR', 'base_lr'),
      min: 0,
      range: (_v, shown) => `must be >= 0, got ${shown}: torch sets a negative learning rate without a check`,
    });
    const max_lr = reader.number('max_lr', { missing: missing('CyclicLR', 'max_lr'), min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` });
    if (max_lr < base_lr) reader.problem('max_lr', `must be >= base_lr (${base_lr}), got ${max_lr}: the cycle would run below base_lr`);
    const step_size_up = reader.number('step_size_up', {
      default: 2000,
      min: 0,
      minExclusive: true,
      range: (_v, shown) => `must be > 0, got ${shown}: torch divides by it (0 raises ZeroDivisionError at construction)`,
    });
    const step_size_down = reader.optionalNumber('step_size_down', { min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` });
    const mode = reader.choice('mode', MODES, 'triangular', () => 'mode is invalid and scale_fn is None');
    const gamma = reader.number('gamma', { default: 1.0 });
    if (mode === 'exp_range' && !(gamma > 0 && gamma <= 1)) {
      reader.problem('gamma', `must be in (0, 1] for exp_range, got ${gamma}: above 1 the amplitude grows past max_lr until gamma ** step overflows (OverflowError)`);
    }
    if (reader.raw('scale_fn') !== undefined && reader.raw('scale_fn') !== null) {
      reader.problem('scale_fn', 'scale_fn is code: the service never runs code; use mode triangular, triangular2 or exp_range');
    }
    const scale_mode = reader.choice('scale_mode', ['cycle', 'iterations'] as const, 'cycle');
    const cycle_momentum = reader.flag('cycle_momentum', true);
    const base_momentum = reader.number('base_momentum', { default: 0.8 });
    const max_momentum = reader.number('max_momentum', { default: 0.9 });
    finishTorchConfig(reader, 'CyclicLR');
    return {
      config: { base_lr, max_lr, step_size_up, step_size_down, mode, gamma, scale_fn: null, scale_mode, cycle_momentum, base_momentum, max_momentum },
    };
  },
  create: (group, config) => new CyclicLR(group, config),
});
