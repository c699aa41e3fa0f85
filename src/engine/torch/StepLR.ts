import { floorDiv, mod, power } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, factorRule, finishTorchConfig, positiveLength, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly step_size: number;
  readonly gamma: number;
}

/** Multiplies the lr by gamma at every step that is a non-zero multiple of step_size (`k % step_size == 0`). */
export class StepLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.attach();
  }

  protected getLr(): number {
    const e = this.lastEpoch;
    if (e === 0 || mod(e, this.config.step_size) !== 0) return this.group.lr;
    return this.group.lr * this.config.gamma;
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    return this.baseLr * power(this.config.gamma, floorDiv(this.lastEpoch, this.config.step_size));
  }

  /** gamma 1 leaves the lr as it is; so does multiplying a zero lr. */
  override settled(): boolean {
    return this.config.gamma === 1 || this.group.lr === 0;
  }
}

export const StepLRDefinition = torchClass<Config>({
  className: 'StepLR',
  description: 'Multiplies the learning rate by gamma every step_size steps.',
  configSchema: configSchema(
    {
      step_size: schemaNumber('Period of the decay, in steps. A float runs as torch runs it: decays only where k % step_size == 0.', { exclusiveMinimum: 0 }),
      gamma: schemaNumber('Multiplicative factor of the decay.', { default: 0.1, minimum: 0 }),
    },
    ['step_size'],
  ),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const config: Config = {
      step_size: reader.number('step_size', positiveLength('step_size', undefined, 'StepLR', 'torch divides the step count by it (0 raises ZeroDivisionError at step 1; a negative one decays at multiples of |step_size| while its closed form grows)')),
      gamma: reader.number('gamma', factorRule(0.1, 'StepLR')),
    };
    finishTorchConfig(reader, 'StepLR');
    return { config };
  },
  create: (group, config) => new StepLR(group, config),
});
