import { div } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly factor: number;
  readonly total_iters: number;
}

/**
 * Multiplies the lr by factor at step 0 and by 1 / factor at step total_iters. With total_iters 0 the
 * factor is never undone (the step-0 branch wins); a float total_iters is never reached either.
 */
export class ConstantLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const e = this.lastEpoch;
    if (e === 0) return this.group.lr * this.config.factor;
    if (e !== this.config.total_iters) return this.group.lr;
    return this.group.lr * div(1.0, this.config.factor);
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    const { factor, total_iters } = this.config;
    // (last_epoch >= total_iters) is a bool: True * x is x, False * x is 0.0.
    const undo = this.lastEpoch >= total_iters ? 1 - factor : 0 * (1 - factor);
    return this.baseLr * (factor + undo);
  }

  override settled(): boolean {
    const { total_iters } = this.config;
    const undoAhead = Number.isInteger(total_iters) && total_iters > this.lastEpoch;
    return (this.lastEpoch >= 0 && !undoAhead) || this.group.lr === 0;
  }
}

export const ConstantLRDefinition = torchClass<Config>({
  className: 'ConstantLR',
  description: 'Multiplies the learning rate by a constant factor until step total_iters.',
  configSchema: configSchema({
    factor: schemaNumber('The factor, in (0, 1].', { default: 1 / 3, exclusiveMinimum: 0, maximum: 1 }),
    total_iters: schemaNumber('The step at which the factor is undone.', { default: 5, minimum: 0 }),
  }),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const config: Config = {
      factor: reader.number('factor', {
        default: 1.0 / 3,
        min: 0,
        max: 1,
        range: () => 'Constant multiplicative factor expected to be between 0 and 1.',
      }),
      total_iters: reader.number('total_iters', { default: 5, min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` }),
    };
    if (config.factor === 0) {
      reader.problem('factor', 'factor 0 is refused: undoing it at total_iters divides by zero (torch raises ZeroDivisionError there)');
    }
    finishTorchConfig(reader, 'ConstantLR');
    return { config };
  },
  create: (group, config) => new ConstantLR(group, config),
});
