import { power } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, factorRule, finishTorchConfig, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly gamma: number;
}

/** Multiplies the lr by gamma every step (the rounding of each product carries forward). */
export class ExponentialLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    if (this.isInitial) return this.group.lr;
    return this.group.lr * this.config.gamma;
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    return this.baseLr * power(this.config.gamma, this.lastEpoch);
  }

  override settled(): boolean {
    return this.config.gamma === 1 || this.group.lr === 0;
  }
}

export const ExponentialLRDefinition = torchClass<Config>({
  className: 'ExponentialLR',
  description: 'Multiplies the learning rate by gamma every step.',
  configSchema: configSchema({ gamma: schemaNumber('Multiplicative factor of the decay.', { minimum: 0 }) }, ['gamma']),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const config: Config = { gamma: reader.number('gamma', factorRule(undefined, 'ExponentialLR')) };
    finishTorchConfig(reader, 'ExponentialLR');
    return { config };
  },
  create: (group, config) => new ExponentialLR(group, config),
});
