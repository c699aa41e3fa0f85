import { torchClass } from './definition.js';
import { finishTorchConfig } from './fields.js';
import { schedulersSchema } from './composite.js';
import { readSchedulers } from './SequentialLR.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

/**
 * Steps all its schedulers, in order, on the same lr: the chainable ones multiply it, while
 * CosineAnnealingWarmRestarts, CyclicLR and OneCycleLR overwrite it from their own base values. It has
 * no initial step of its own: the lr at step 0 is what the schedulers' constructions left.
 */
export class ChainedScheduler extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly schedulers: readonly TorchScheduler[],
  ) {
    super(group);
  }

  protected getLr(): number {
    throw new Error('ChainedScheduler has no get_lr of its own');
  }

  override step(): void {
    for (const s of this.schedulers) s.step();
  }

  override get children(): readonly TorchScheduler[] {
    return this.schedulers;
  }

  override settled(): boolean {
    return this.schedulers.every((s) => s.settled());
  }

  override save(out: number[]): void {
    super.save(out);
    for (const s of this.schedulers) s.save(out);
  }

  override load(state: readonly number[], at: number): number {
    let next = super.load(state, at);
    for (const s of this.schedulers) next = s.load(state, next);
    return next;
  }
}

export const ChainedSchedulerDefinition = torchClass<Record<string, never>>({
  className: 'ChainedScheduler',
  description: 'Steps all its schedulers together on the same learning rate, in order.',
  configSchema: {
    type: 'object',
    properties: { schedulers: schedulersSchema('The schedulers, in order (built in this order on the same optimizer).') },
    required: ['schedulers'],
    additionalProperties: false,
  },
  hasClosedForm: false,
  composite: true,
  read(reader, environment) {
    const children = readSchedulers(reader, environment, 'ChainedScheduler');
    finishTorchConfig(reader, 'ChainedScheduler', false);
    return { config: {}, children: children ?? [] };
  },
  create: (group, _config, children) => new ChainedScheduler(group, children),
});
