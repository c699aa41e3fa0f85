/**
 * Runs a library's step-by-step recursion to any step without paying for every step on every request.
 *
 * The loaded schedule keeps one live copy of the recursion (the cursor) and, every `interval` steps, a
 * copy of its whole state: a later step continues from the cursor, an earlier one from the nearest
 * checkpoint below it. Memory stays bounded: when MAX_CHECKPOINTS are kept, every other one is dropped
 * and the interval doubles, so any step is at most `interval` steps from a checkpoint (2,048 steps for a
 * schedule asked up to step 1,000,000: well under a millisecond to step) with MAX_CHECKPOINTS small arrays. A recursion that
 * has settled (no later step can change the lr) answers any later step at once; one that has not is
 * refused beyond MAX_RECURSION_STEPS, where a single request would run for seconds.
 */
import { RequestError } from '../errors.js';
import { checkRange, checkStep } from './steps.js';
import { PythonError } from './python.js';

export interface Simulation {
  /** The optimizer's `param_groups[0]["lr"]` now. */
  lr(): number;
  /** Present when the schedule also writes the group's momentum (torch's cycle_momentum): its value now. */
  readonly momentum?: () => number;
  /** One `scheduler.step()`; throws PythonError where the library raises. */
  advance(): void;
  /** True when no later step can change the lr or raise. */
  settled(): boolean;
  save(): number[];
  restore(state: readonly number[]): void;
  /** Present when the state after any number of steps can be set directly, bit for bit as stepping sets it. */
  readonly jump?: (step: number) => void;
}

/** The first interval between checkpoints; it doubles each time MAX_CHECKPOINTS are kept. */
export const FIRST_CHECKPOINT_INTERVAL = 1_024;
/** At most this many checkpoints (about 100 bytes each for a plain scheduler: the cache's allowance is 64 KiB). */
export const MAX_CHECKPOINTS = 512;
/** Steps of a recursion one request may need from scratch (a few seconds of stepping: about 60 ns a step). */
export const MAX_RECURSION_STEPS = 50_000_000;
/** Beyond this distance a jumpable simulation jumps instead of stepping. */
const JUMP_DISTANCE = 64;
/** How often (in steps) a long run asks the recursion whether it has settled. */
const SETTLE_CHECK_MASK = 1023;

interface Failure {
  readonly step: number;
  readonly message: string;
}

export class SteppedRunner {
  private cursor = 0;
  private checkpoints: number[][];
  private interval = FIRST_CHECKPOINT_INTERVAL;
  private failure: Failure | undefined;
  private settledAt = Number.POSITIVE_INFINITY;
  private settledLr = Number.NaN;
  private settledMomentum = Number.NaN;
  /** The momentum at the step valueAt() last answered (NaN for a simulation without one). */
  private momentumHere = Number.NaN;
  private limitReached = false;

  constructor(
    private readonly simulation: Simulation,
    /** 'torch' or 'transformers', for messages. */
    private readonly library: string,
    private readonly maxSteps: number = MAX_RECURSION_STEPS,
  ) {
    this.checkpoints = [simulation.save()];
    if (simulation.settled()) this.settle(0);
  }

  /** Whether the simulation writes a momentum: momentumAt() and fill()'s `momentum` answer it. */
  get hasMomentum(): boolean {
    return this.simulation.momentum !== undefined;
  }

  at(step: number): number {
    checkStep(step);
    return this.valueAt(step);
  }

  /** The momentum the group holds at `step` (NaN where the simulation writes none). */
  momentumAt(step: number): number {
    checkStep(step);
    this.valueAt(step);
    return this.momentumHere;
  }

  /** One pass: every target is at or after the previous one, so the cursor only moves forward; `momentum` gets the momentum at each. */
  fill(start: number, stride: number, out: Float64Array, momentum?: Float64Array): void {
    checkRange(start, stride, out.length);
    if (momentum === undefined) {
      for (let i = 0; i < out.length; i++) out[i] = this.valueAt(start + i * stride);
      return;
    }
    for (let i = 0; i < out.length; i++) {
      out[i] = this.valueAt(start + i * stride);
      momentum[i] = this.momentumHere;
    }
  }

  private valueAt(step: number): number {
    if (this.failure !== undefined && step >= this.failure.step) throw this.failureError(this.failure);
    if (step >= this.settledAt) {
      this.momentumHere = this.settledMomentum;
      return this.settledLr;
    }
    const jump = this.simulation.jump;
    if (jump !== undefined && step !== this.cursor && (step < this.cursor || step - this.cursor > JUMP_DISTANCE)) {
      this.guard(() => jump(step), step);
      this.cursor = step;
    } else {
      if (step < this.cursor) this.restoreBelow(step);
      if (this.cursor < step) this.stepTo(step, jump === undefined);
    }
    this.momentumHere = this.simulation.momentum?.() ?? Number.NaN;
    return this.simulation.lr();
  }

  /** From `step` on nothing changes: later steps answer the values here. */
  private settle(step: number): void {
    this.settledAt = step;
    this.settledLr = this.simulation.lr();
    this.settledMomentum = this.simulation.momentum?.() ?? Number.NaN;
  }

  /**
   * Advances the cursor to `step` one `advance()` at a time: the hot loop of every recursion, so it allocates
   * nothing and divides nothing (the next checkpoint is a precomputed step); a library exception ends it.
   */
  private stepTo(step: number, limited: boolean): void {
    const simulation = this.simulation;
    // A jumpable simulation only steps short distances: the limit is for recursions.
    const limit = limited ? this.maxSteps : Number.POSITIVE_INFINITY;
    if (limited && this.limitReached && step > this.maxSteps) throw this.limitError(step);
    let cursor = this.cursor;
    let nextCheckpoint = (Math.floor(cursor / this.interval) + 1) * this.interval;
    try {
      while (cursor < step) {
        if ((cursor & SETTLE_CHECK_MASK) === 0 && simulation.settled()) {
          this.settle(cursor);
          break;
        }
        if (cursor >= limit) throw this.limitError(step);
        simulation.advance();
        cursor += 1;
        if (cursor === nextCheckpoint) {
          this.cursor = cursor;
          this.checkpoint();
          nextCheckpoint = cursor + this.interval;
        }
      }
    } catch (error) {
      this.cursor = cursor;
      if (error instanceof PythonError) throw this.failedAt(error, cursor + 1);
      throw error;
    }
    this.cursor = cursor;
  }

  /** Called at every multiple of the interval: keeps the state if it is the next checkpoint. */
  private checkpoint(): void {
    if (this.cursor >= this.maxSteps) this.limitReached = true;
    if (this.cursor / this.interval !== this.checkpoints.length) return;
    if (this.checkpoints.length === MAX_CHECKPOINTS) {
      // Keep the checkpoints at multiples of twice the interval: the cursor is one of them, the next.
      this.checkpoints = this.checkpoints.filter((_state, index) => index % 2 === 0);
      this.interval *= 2;
    }
    this.checkpoints.push(this.simulation.save());
  }

  private restoreBelow(step: number): void {
    const index = Math.min(Math.floor(step / this.interval), this.checkpoints.length - 1);
    this.simulation.restore(this.checkpoints[index] as number[]);
    this.cursor = index * this.interval;
  }

  /** Runs one move of the recursion; where the library raises, remembers the step and refuses it. */
  private guard(move: () => void, step: number): void {
    try {
      move();
    } catch (error) {
      if (!(error instanceof PythonError)) throw error;
      throw this.failedAt(error, step);
    }
  }

  /** The library raised moving to `step`: back to a whole state, the step remembered (for a recursion) and refused. */
  private failedAt(error: PythonError, step: number): RequestError {
    // The live state is half-updated now: go back to a checkpoint, which is whole.
    this.restoreBelow(Math.min(this.cursor, step));
    if (this.simulation.jump === undefined) this.failure = { step, message: error.describe() };
    return this.failureError({ step, message: error.describe() });
  }

  private failureError(failure: Failure): RequestError {
    return new RequestError([
      {
        path: '/step',
        message: `${this.library} raises ${failure.message} at step ${failure.step} of this schedule: steps from ${failure.step} on have no learning rate`,
      },
    ]);
  }

  private limitError(step: number): RequestError {
    this.limitReached = true;
    return new RequestError([
      {
        path: '/step',
        message:
          `step ${step} is beyond ${this.maxSteps} steps of this schedule's recursion, which still changes the learning rate ` +
          `there and has no closed form equal to it bit for bit; steps up to ${this.maxSteps} are answered`,
      },
    ]);
  }
}
