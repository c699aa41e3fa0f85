import { cos } from '../stepped/libm.js';
import { div, mod } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, positiveLength, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly T_max: number;
  readonly eta_min: number;
}

/**
 * Cosine annealing by torch's recursion: each step scales (lr - eta_min) by the ratio of two cosines,
 * with a separate rule at the bottom of each cycle. Past T_max it keeps following the cosine back up.
 */
export class CosineAnnealingLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const { T_max: t, eta_min: eta } = this.config;
    const e = this.lastEpoch;
    if (this.isInitial) return this.group.lr;
    if (this.stepCount === 1 && e > 0) return eta + ((this.baseLr - eta) * (1 + cos((e * Math.PI) / t))) / 2;
    if (mod(e - 1 - t, 2 * t) === 0) return this.group.lr + ((this.baseLr - eta) * (1 - cos(Math.PI / t))) / 2;
    // The denominator first: it is the previous step's numerator, which libm's cos remembers.
    const below = 1 + cos((Math.PI * (e - 1)) / t);
    return div(1 + cos((Math.PI * e) / t), below) * (this.group.lr - eta) + eta;
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    const { T_max: t, eta_min: eta } = this.config;
    return eta + ((this.baseLr - eta) * (1 + cos((Math.PI * this.lastEpoch) / t))) / 2;
  }
}

export const CosineAnnealingLRDefinition = torchClass<Config>({
  className: 'CosineAnnealingLR',
  description: 'Cosine annealing from base_lr to eta_min over T_max steps (and back up after, as torch\'s recursion does).',
  configSchema: configSchema(
    {
      T_max: schemaNumber('Half-period of the cosine, in steps.', { exclusiveMinimum: 0 }),
      eta_min: schemaNumber('Minimum learning rate.', { default: 0.0, minimum: 0 }),
    },
    ['T_max'],
  ),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const config: Config = {
      T_max: reader.number('T_max', positiveLength('T_max', undefined, 'CosineAnnealingLR', 'torch divides by it (0 raises ZeroDivisionError at step 1; a negative one runs as |T_max|)')),
      eta_min: reader.number('eta_min', { default: 0.0, min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` }),
    };
    finishTorchConfig(reader, 'CosineAnnealingLR');
    return { config };
  },
  create: (group, config) => new CosineAnnealingLR(group, config),
});
