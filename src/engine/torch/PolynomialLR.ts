import { div, min, power } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly total_iters: number;
  readonly power: number;
}

/** Decays the lr by ((1 - k/n) / (1 - (k-1)/n)) ** power each step up to total_iters, then holds it. */
export class PolynomialLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const { total_iters: n } = this.config;
    const e = this.lastEpoch;
    if (this.isInitial || e > n) return this.group.lr;
    const decay = power(div(1.0 - div(e, n), 1.0 - div(e - 1, n)), this.config.power);
    return this.group.lr * decay;
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    const { total_iters: n } = this.config;
    return this.baseLr * power(1.0 - div(min(n, this.lastEpoch), n), this.config.power);
  }

  override settled(): boolean {
    return (this.lastEpoch >= 0 && this.lastEpoch >= this.config.total_iters) || this.group.lr === 0;
  }
}

export const PolynomialLRDefinition = torchClass<Config>({
  className: 'PolynomialLR',
  description: 'Decays the learning rate polynomially to 0 over total_iters steps.',
  configSchema: configSchema({
    total_iters: schemaNumber('Steps of the decay (0: the learning rate stays base_lr).', { default: 5, minimum: 0 }),
    power: schemaNumber('Power of the polynomial.', { default: 1.0, minimum: 0 }),
  }),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const config: Config = {
      total_iters: reader.number('total_iters', {
        default: 5,
        min: 0,
        range: (_v, shown) => `must be >= 0, got ${shown}: torch accepts a negative one, then keeps base_lr while its closed form says 0`,
      }),
      power: reader.number('power', {
        default: 1.0,
        min: 0,
        range: (_v, shown) => `must be >= 0, got ${shown}: a negative power makes the learning rate grow, then 0 ** power raises ZeroDivisionError at total_iters`,
      }),
    };
    finishTorchConfig(reader, 'PolynomialLR');
    return { config };
  },
  create: (group, config) => new PolynomialLR(group, config),
  restartProblem: (config) =>
    config.total_iters === 0
      ? { key: 'total_iters', message: 'total_iters 0 after a SequentialLR milestone: torch restarts it through its closed form, which divides by total_iters (ZeroDivisionError)' }
      : undefined,
});
