/**
 * torch.optim.lr_scheduler's object model, reduced to one parameter group: the state torch keeps in the
 * optimizer's param group (shared by every scheduler built on it, which is how composites interact) and
 * the LRScheduler base class's step protocol, op for op.
 */
import { PythonError } from '../stepped/python.js';

/** `optimizer.param_groups[0]`: the keys schedulers read and write. */
export interface ParamGroup {
  lr: number;
  /** Set by the first scheduler built (`setdefault`), overwritten by every OneCycleLR. */
  initialLr: number | undefined;
  /** OneCycleLR's group keys: every OneCycleLR built overwrites them. */
  maxLr: number;
  minLr: number;
  /**
   * `group["momentum"]` (SGD) or `group["betas"][0]` (Adam and the like): the same number, written by every
   * scheduler that cycles momentum (OneCycleLR, CyclicLR with cycle_momentum) at construction and in each
   * get_lr(). Undefined while none has: the optimizer's own value, which the request does not say.
   */
  momentum: number | undefined;
  /** `group["max_momentum"]`, `group["base_momentum"]`: written by OneCycleLR and CyclicLR (torch >= 2.2), read by OneCycleLR. */
  maxMomentum: number;
  baseMomentum: number;
}

export function freshGroup(baseLr: number): ParamGroup {
  return { lr: baseLr, initialLr: undefined, maxLr: Number.NaN, minLr: Number.NaN, momentum: undefined, maxMomentum: Number.NaN, baseMomentum: Number.NaN };
}

/** What a momentum-cycling scheduler's constructor writes (`last_epoch == -1`): momentum and both bounds. */
export function startMomentumCycle(group: ParamGroup, maxMomentum: number, baseMomentum: number): void {
  group.momentum = maxMomentum;
  group.maxMomentum = maxMomentum;
  group.baseMomentum = baseMomentum;
}

/** LRScheduler: `last_epoch`, `_step_count`, `_is_initial`, `base_lrs[0]`, and step() → _update_lr() → get_lr(). */
export abstract class TorchScheduler {
  lastEpoch = -1;
  stepCount = 0;
  isInitial = false;
  baseLr = Number.NaN;

  constructor(protected readonly group: ParamGroup) {}

  /** The tail of LRScheduler.__init__: record initial_lr, take it as base_lr, perform the initial step. */
  protected attach(): void {
    if (this.group.initialLr === undefined) this.group.initialLr = this.group.lr;
    this.baseLr = this.group.initialLr;
    this.lastEpoch = -1;
    this.initialStep();
  }

  /** `_initial_step()`: `_step_count = 0`, then `step()` in initial mode. */
  initialStep(): void {
    this.stepCount = 0;
    this.isInitial = true;
    try {
      this.step();
    } finally {
      this.isInitial = false;
    }
  }

  step(): void {
    this.stepCount += 1;
    this.updateLr();
  }

  /** `_update_lr(epoch)`: with an epoch, the closed form where the class has one (SequentialLR's restart). */
  updateLr(epoch?: number): void {
    if (epoch === undefined) {
      this.lastEpoch += 1;
      this.group.lr = this.getLr();
    } else {
      this.lastEpoch = epoch;
      this.group.lr = this.hasClosedForm ? this.closedFormLr() : this.getLr();
    }
  }

  /** The chainable form: the next lr from the group's current one. */
  protected abstract getLr(): number;

  get hasClosedForm(): boolean {
    return false;
  }

  /** `_get_closed_form_lr()` at `lastEpoch`, from `baseLr`. */
  closedFormLr(): number {
    throw new PythonError('NotImplementedError', '');
  }

  /** Sub-schedulers, for composites (SequentialLR's recursive_undo descends into them). */
  get children(): readonly TorchScheduler[] | undefined {
    return undefined;
  }

  /** True when no later step() can change the group's lr or raise. */
  settled(): boolean {
    return false;
  }

  save(out: number[]): void {
    out.push(this.lastEpoch, this.stepCount);
  }

  load(state: readonly number[], at: number): number {
    this.lastEpoch = state[at] as number;
    this.stepCount = state[at + 1] as number;
    return at + 2;
  }

  /** Standalone schedulers whose lr is a function of the step count alone set their state for any step directly. */
  jumpTo?(step: number): void;
}
