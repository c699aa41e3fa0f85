import { pow } from '../stepped/libm.js';
import { bisectRight, power } from '../stepped/python.js';
import { torchClass } from './definition.js';
import { configSchema, factorRule, finishTorchConfig, MAX_MILESTONES, missing, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly milestones: readonly number[];
  readonly gamma: number;
}

/**
 * Multiplies the lr by gamma ** n at a step that appears n times in milestones. torch keeps a Counter, so
 * the order does not matter and a float milestone is never an (integer) step; its closed form counts it.
 */
export class MultiStepLR extends TorchScheduler {
  private readonly counts = new Map<number, number>();
  private readonly sorted: readonly number[];
  private readonly last: number;

  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    for (const m of config.milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.sorted = [...config.milestones].sort((a, b) => a - b);
    this.last = this.sorted.length === 0 ? -1 : (this.sorted[this.sorted.length - 1] as number);
    this.attach();
  }

  protected getLr(): number {
    const count = this.counts.get(this.lastEpoch);
    if (count === undefined) return this.group.lr;
    return this.group.lr * power(this.config.gamma, count);
  }

  override get hasClosedForm(): boolean {
    return true;
  }

  override closedFormLr(): number {
    return this.baseLr * power(this.config.gamma, bisectRight(this.sorted, this.lastEpoch));
  }

  override settled(): boolean {
    return this.lastEpoch >= this.last || this.config.gamma === 1 || this.group.lr === 0;
  }
}

export const MultiStepLRDefinition = torchClass<Config>({
  className: 'MultiStepLR',
  description: 'Multiplies the learning rate by gamma at each milestone step (by gamma ** n at a step listed n times).',
  configSchema: configSchema(
    {
      milestones: {
        type: 'array',
        items: { type: 'number', minimum: 0 },
        maxItems: MAX_MILESTONES,
        description: 'Steps at which to decay, in any order (torch counts them). A float milestone is never reached by stepping.',
      },
      gamma: schemaNumber('Multiplicative factor of the decay.', { default: 0.1, minimum: 0 }),
    },
    ['milestones'],
  ),
  hasClosedForm: true,
  composite: false,
  read(reader) {
    const milestones: number[] = [];
    if (!reader.has('milestones')) reader.problem('milestones', missing('MultiStepLR', 'milestones'));
    else {
      const list = reader.list('milestones', MAX_MILESTONES, 'steps');
      list?.forEach((value, i) => {
        milestones.push(
          reader.context.number(value, `${reader.at('milestones')}/${i}`, {
            min: 0,
            range: (_v, shown) => `must be >= 0, got ${shown}: a negative milestone is never reached by stepping, but the closed form counts it`,
          }) ?? Number.NaN,
        );
      });
    }
    const gamma = reader.number('gamma', factorRule(0.1, 'MultiStepLR'));
    // gamma ** n for the most repeated milestone must stay a float: Python raises OverflowError otherwise.
    const most = Math.max(0, ...countValues(milestones));
    if (Number.isFinite(gamma) && !Number.isFinite(pow(gamma, most))) {
      reader.problem('gamma', `gamma ** ${most} (a milestone repeated ${most} times) overflows: Python raises OverflowError`);
    }
    finishTorchConfig(reader, 'MultiStepLR');
    return { config: { milestones, gamma } };
  },
  create: (group, config) => new MultiStepLR(group, config),
});

function countValues(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()];
}
