import { pointer } from '../errors.js';
import { bisectRight } from '../stepped/python.js';
import type { ConfigReader } from '../stepped/reader.js';
import { torchClass, type ReadEnvironment, type TorchSpec } from './definition.js';
import { finishTorchConfig, MAX_MILESTONES, missing } from './fields.js';
import { MAX_SCHEDULERS, schedulersSchema } from './composite.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly milestones: readonly number[];
}

/**
 * Runs its schedulers one after another. At construction it resets the lr to initial_lr, takes back one
 * step from every (nested) scheduler and performs the initial step of the one meant for step 0; at a
 * milestone it restarts the next scheduler through `_update_lr(0)` (its closed form at 0 where it has one).
 */
export class SequentialLR extends TorchScheduler {
  constructor(
    group: ParamGroup,
    private readonly config: Config,
    private readonly schedulers: readonly TorchScheduler[],
  ) {
    super(group);
    this.lastEpoch = 0;
    group.lr = group.initialLr as number;
    undo(this);
    (this.schedulers[bisectRight(config.milestones, 0)] as TorchScheduler).initialStep();
  }

  protected getLr(): number {
    throw new Error('SequentialLR has no get_lr of its own');
  }

  override step(): void {
    this.lastEpoch += 1;
    const { milestones } = this.config;
    const index = bisectRight(milestones, this.lastEpoch);
    const scheduler = this.schedulers[index] as TorchScheduler;
    if (index > 0 && milestones[index - 1] === this.lastEpoch) scheduler.updateLr(0);
    else scheduler.step();
  }

  override get children(): readonly TorchScheduler[] {
    return this.schedulers;
  }

  /** Nothing changes once the last milestone is behind and the scheduler running then has settled. */
  override settled(): boolean {
    const { milestones } = this.config;
    const last = milestones.length === 0 ? 0 : (milestones[milestones.length - 1] as number);
    if (this.lastEpoch < last) return false;
    return (this.schedulers[bisectRight(milestones, this.lastEpoch)] as TorchScheduler).settled();
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

/** `recursive_undo()`: every scheduler without sub-schedulers, at any depth, goes back one epoch. */
function undo(scheduler: TorchScheduler): void {
  const children = scheduler.children;
  if (children === undefined) scheduler.lastEpoch -= 1;
  else for (const child of children) undo(child);
}

export const SequentialLRDefinition = torchClass<Config>({
  className: 'SequentialLR',
  description: 'Runs its schedulers one after another, switching at the milestones.',
  configSchema: {
    type: 'object',
    properties: {
      schedulers: schedulersSchema('The schedulers, in order (built in this order on the same optimizer).'),
      milestones: {
        type: 'array',
        items: { type: 'integer', minimum: 0 },
        maxItems: MAX_SCHEDULERS - 1,
        description: 'Non-decreasing steps at which the next scheduler takes over; one fewer than schedulers.',
      },
      last_epoch: { const: -1, description: 'Only -1 (a fresh start) is accepted.' },
    },
    required: ['schedulers', 'milestones'],
    additionalProperties: false,
  },
  hasClosedForm: false,
  composite: true,
  read(reader, environment) {
    const children = readSchedulers(reader, environment, 'SequentialLR');
    const milestones: number[] = [];
    if (!reader.has('milestones')) reader.problem('milestones', missing('SequentialLR', 'milestones'));
    else {
      const list = reader.list('milestones', MAX_MILESTONES, 'steps');
      list?.forEach((value, i) => {
        const at = pointer(reader.at('milestones'), i);
        const m = reader.context.number(value, at, {
          integral: true,
          min: 0,
          range: (_v, shown) => `must be >= 0, got ${shown}`,
        }) as number;
        const previous = milestones[i - 1];
        if (previous !== undefined && m < previous) {
          reader.context.problem(at, `milestones must be non-decreasing, got ${m} after ${previous}: torch bisects the list as it is and would skip schedulers`);
        }
        milestones.push(m);
      });
      if (list !== undefined && children !== undefined && list.length !== children.length - 1) {
        reader.problem(
          'milestones',
          'Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, ' +
            `but got number of schedulers ${children.length} and the number of milestones to be equal to ${list.length}`,
        );
      }
    }
    finishTorchConfig(reader, 'SequentialLR');
    if (children !== undefined) checkRestarts(reader.context, children, milestones);
    return { config: { milestones }, children: children ?? [] };
  },
  create: (group, config, children) => new SequentialLR(group, config, children),
  restartProblem: () => undefined,
});

/** A scheduler started at a milestone goes through `_update_lr(0)`: refuse those for which torch raises there. */
function checkRestarts(context: { problem(path: string, message: string): void }, children: readonly TorchSpec[], milestones: readonly number[]): void {
  children.forEach((child, i) => {
    // Only a scheduler whose milestone is a step (> 0) and not repeated is restarted; one at milestone 0
    // gets the initial step, one behind a repeated milestone never runs.
    const milestone = milestones[i - 1];
    if (milestone === undefined || milestone === 0 || bisectRight(milestones, milestone) !== i) return;
    if (child.definition.composite) {
      context.problem(
        pointer(child.path, 'class_name'),
        `a ${child.definition.className} after a SequentialLR milestone is restarted through get_lr(), which composites do not have (torch raises NotImplementedError at step ${milestones[i - 1]})`,
      );
      return;
    }
    const problem = child.definition.restartProblem?.(child.config);
    if (problem !== undefined) context.problem(pointer(pointer(child.path, 'config'), problem.key), problem.message);
  });
}

export function readSchedulers(
  reader: ConfigReader,
  environment: ReadEnvironment,
  className: string,
): TorchSpec[] | undefined {
  if (!reader.has('schedulers')) {
    reader.problem('schedulers', missing(className, 'schedulers'));
    return undefined;
  }
  const list = reader.list('schedulers', MAX_SCHEDULERS, 'schedulers, each {"class_name", "config"}');
  if (list === undefined) return undefined;
  if (list.length === 0) {
    reader.problem(
      'schedulers',
      className === 'ChainedScheduler'
        ? 'ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.'
        : `${className} expects at least one scheduler, but got no scheduler.`,
    );
    return undefined;
  }
  const specs: TorchSpec[] = [];
  list.forEach((value, i) => {
    const spec = environment.readSub(value, pointer(reader.at('schedulers'), i));
    if (spec !== undefined) specs.push(spec);
  });
  return specs.length === list.length ? specs : undefined;
}
