import { div, min } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly start_factor: number;
  readonly end_factor: number;
  readonly total_iters: number;
}

/**
 * Moves the lr's factor from start_factor to end_factor over total_iters steps by a ratio each step. The
 * ratios do not multiply out exactly: end_factor 0 leaves a residue, and a float total_iters stops at
 * floor(total_iters), short of end_factor.
 */
export class LinearLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const { start_factor: s, end_factor: f, total_iters: n } = this.config;
    const e = this.lastEpoch;
    if (e === 0) return this.group.lr * s;
    if (this.isInitial || e > n) return this.group.lr;
    return this.group.lr * (1.0 + div(f - s, n * s + (e - 1) * (f - s)));
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    const { start_factor: s, end_factor: f, total_iters: n } = this.config;
    return this.baseLr * (s + div((f - s) * min(n, this.lastEpoch), n));
  }

  override settled(): boolean {
    return (this.lastEpoch >= 0 && this.lastEpoch >= this.config.total_iters) || this.group.lr === 0;
  }
}

export const LinearLRDefinition = torchClass<Config>({
  className: 'LinearLR',
  description: 'Changes the learning rate\'s factor linearly from start_factor to end_factor over total_iters steps.',
  configSchema: configSchema({
    start_factor: schemaNumber('Factor at step 0, in (0, 1].', { default: 1 / 3, exclusiveMinimum: 0, maximum: 1 }),
    end_factor: schemaNumber('Factor at step total_iters, in [0, 1].', { default: 1.0, minimum: 0, maximum: 1 }),
    total_iters: schemaNumber('Steps of the change. A float stops at floor(total_iters), as torch does.', { default: 5, minimum: 0 }),
  }),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const config: Config = {
      start_factor: reader.number('start_factor', {
        default: 1.0 / 3,
        min: 0,
        minExclusive: true,
        max: 1,
        range: () => 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1.',
      }),
      end_factor: reader.number('end_factor', {
        default: 1.0,
        min: 0,
        max: 1,
        range: () => 'Ending multiplicative factor expected to be between 0 and 1.',
      }),
      total_iters: reader.number('total_iters', { default: 5, min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` }),
    };
    finishTorchConfig(reader, 'LinearLR');
    return { config };
  },
  create: (group, config) => new LinearLR(group, config),
  restartProblem: (config) =>
    config.total_iters === 0
      ? { key: 'total_iters', message: 'total_iters 0 after a SequentialLR milestone: torch restarts it through its closed form, which divides by total_iters (ZeroDivisionError)' }
      : undefined,
});
