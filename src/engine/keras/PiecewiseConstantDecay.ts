import { Type } from 'typebox';
import { scheduleName } from './config-fields.js';
import type { Problem } from '../errors.js';
import { pythonRepr } from '../errors.js';
import type { Arithmetic } from '../numerics.js';
import { LearningRateSchedule, type LearningRates } from '../schedule.js';
import { KERAS_SCHEDULES_MODULE, type ScheduleClass, type ScheduleConfig } from './definition.js';

const PiecewiseConstantDecayConfig = Type.Object(
  {
    // At most 10,000 boundaries: a rate change every 100 steps over a million-step run; real schedules have a handful.
    boundaries: Type.Array(Type.Integer(), {
      minItems: 1,
      maxItems: 10_000,
      description:
        'Strictly increasing integer steps (at most 10,000). The rate is `values[i]` for `boundaries[i-1] < step <= boundaries[i]`.',
    }),
    values: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 10_001,
      description: 'One more rate than there are boundaries. The dtype of `values[0]` is the dtype of the result.',
    }),
    name: scheduleName('PiecewiseConstant'),
  },
  { additionalProperties: false },
);
type Config = ScheduleConfig<typeof PiecewiseConstantDecayConfig>;

/** A step function: `values[0]` up to and including `boundaries[0]`, then `values[1]`, and so on. */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  private readonly boundaries: readonly number[];
  /** The boundaries as a fractional step meets them: Keras casts them to the step's dtype, float32 for a Python float. */
  private readonly float32Boundaries: readonly number[];
  private readonly values: readonly number[];

  constructor(config: Config, arithmetic: Arithmetic) {
    super(arithmetic);
    this.boundaries = [...config.boundaries];
    this.float32Boundaries = config.boundaries.map(Math.fround);
    // Keras sums `(in interval) * value` over the intervals starting from a zero of the result dtype.
    this.values = config.values.map((value) => 0 + arithmetic.cast(value));
  }

  at(step: number): number {
    // An integer step compares with the integer boundaries exactly; a fractional one, as Keras's float32 tensor.
    if (Number.isInteger(step)) return this.values[this.intervalOf(step, this.boundaries)] as number;
    return this.values[this.intervalOf(Math.fround(step), this.float32Boundaries)] as number;
  }

  /** Integer steps only (a range's): each interval's run of steps is filled at once, found from its boundaries. */
  override atRange(start: number, stride: number, out: LearningRates): LearningRates {
    const { boundaries, values } = this;
    let i = 0;
    while (i < out.length) {
      const step = start + i * stride;
      const interval = this.intervalOf(step, boundaries);
      // The interval is (boundaries[k-1], boundaries[k]]: how many more steps of the range stay inside it.
      const edge = stride > 0 ? boundaries[interval] : boundaries[interval - 1];
      const run = edge === undefined ? out.length - i : stride > 0 ? Math.floor((edge - step) / stride) + 1 : Math.floor((step - edge - 1) / -stride) + 1;
      const end = Math.min(out.length, i + run);
      out.fill(values[interval] as number, i, end);
      i = end;
    }
    return out;
  }

  /** Index of the first boundary at or above the step (binary search), which is the index of its value. */
  private intervalOf(step: number, boundaries: readonly number[]): number {
    let low = 0;
    let high = boundaries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (step <= (boundaries[middle] as number)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

function check(config: Config): Problem[] {
  const { boundaries, values } = config;
  if (boundaries.length !== values.length - 1) {
    return [
      {
        path: '/boundaries',
        message:
          'The length of boundaries should be 1 less than the length of values. ' +
          `Received: boundaries=${pythonRepr(boundaries)} of length ${boundaries.length}, ` +
          `and values=${pythonRepr(values)} of length ${values.length}.`,
      },
    ];
  }
  const problems: Problem[] = [];
  for (let i = 1; i < boundaries.length; i++) {
    if ((boundaries[i] as number) <= (boundaries[i - 1] as number)) {
      problems.push({
        path: `/boundaries/${i}`,
        message: `boundaries must be strictly increasing: boundaries[${i}]=${boundaries[i]} is not greater than boundaries[${i - 1}]=${boundaries[i - 1]}`,
      });
    }
  }
  return problems;
}

export const piecewiseConstantDecay: ScheduleClass<typeof PiecewiseConstantDecayConfig> = {
  className: 'PiecewiseConstantDecay',
  module: KERAS_SCHEDULES_MODULE,
  description: 'A constant rate per interval of steps, changing at the given boundaries.',
  configSchema: PiecewiseConstantDecayConfig,
  dtypeKey: 'values',
  check,
  create: (config, arithmetic) => new PiecewiseConstantDecay(config, arithmetic),
};
