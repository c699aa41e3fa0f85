/** Request and response bodies of the learning-rate routes, declared once. */
import { Type, type Static } from 'typebox';
import { MAX_STEP } from '../engine/index.js';
import { exampleSchedule } from './examples.js';
import { Dtype, DtypeChoice, LearningRate, ModeChoice, Momentum, ref, SerializedSchedule, Step } from './shared.js';


export const LearningRateRequest = Type.Object(
  { schedule: ref(SerializedSchedule), step: ref(Step), dtype: DtypeChoice, mode: ModeChoice },
  { additionalProperties: false, examples: [{ schedule: exampleSchedule, step: 1500 }] },
);
export type LearningRateRequest = Static<typeof LearningRateRequest>;

export const LearningRateResponse = Type.Object(
  { learning_rate: ref(LearningRate), momentum: Type.Optional(ref(Momentum)), step: ref(Step), dtype: ref(Dtype) },
  { additionalProperties: false, description: 'The learning rate at the step (and the momentum, for a scheduler that cycles it), and the dtype it was computed in.' },
);

/** A range's ends and stride are integers, as in Python's `range()`; the start may be negative. */
const RangeStep = Type.Integer({ minimum: -MAX_STEP, maximum: MAX_STEP, description: 'First step (an integer, possibly negative).' });

export const StepRange = Type.Object(
  {
    start: RangeStep,
    stop: Type.Integer({ minimum: -MAX_STEP - 1, maximum: MAX_STEP + 1, description: 'Exclusive end, as in Python\'s `range()`.' }),
    stride: Type.Optional(
      Type.Integer({ not: { const: 0 }, default: 1, description: 'Distance between steps; negative counts down. Never 0.' }),
    ),
  },
  { additionalProperties: false, description: 'The steps of Python\'s `range(start, stop, stride)`.' },
);

/** How an `image/svg+xml` answer draws the curve. */
export const PlotOptions = Type.Object(
  {
    scale: Type.Optional(Type.Unsafe<'linear' | 'log'>({ type: 'string', enum: ['linear', 'log'], default: 'linear', description: 'The rate axis: linear, or log (rates <= 0 drawn on the bottom edge).' })),
    width: Type.Optional(Type.Integer({ minimum: 240, maximum: 4096, default: 800, description: 'Width of the chart in pixels.' })),
    height: Type.Optional(Type.Integer({ minimum: 200, maximum: 4096, default: 400, description: 'Height of the chart in pixels.' })),
  },
  { additionalProperties: false, description: 'For `Accept: image/svg+xml`: how to draw the chart. Ignored by the other formats.' },
);

export const LearningRatesRequest = Type.Object(
  {
    schedule: ref(SerializedSchedule),
    steps: Type.Optional(Type.Array(ref(Step), { description: 'Explicit steps, answered in this order. Give this or `range`.' })),
    range: Type.Optional(StepRange),
    dtype: DtypeChoice,
    mode: ModeChoice,
    plot: Type.Optional(PlotOptions),
  },
  {
    additionalProperties: false,
    description: 'Exactly one of `steps` and `range`.',
    examples: [{ schedule: exampleSchedule, range: { start: 0, stop: 12000, stride: 1000 } }],
  },
);
export type LearningRatesRequest = Static<typeof LearningRatesRequest>;

const AnsweredRates = Type.Array(ref(LearningRate), { description: 'One learning rate per step, in the order of the steps.' });
const AnsweredMomentum = Type.Optional(
  Type.Array(ref(Momentum), { description: 'One momentum per step, for a PyTorch scheduler that cycles momentum (absent otherwise).' }),
);

export const LearningRatesResponse = Type.Union(
  [
    Type.Object(
      { dtype: ref(Dtype), steps: Type.Array(ref(Step), { description: 'The steps asked for, in their order.' }), learning_rates: AnsweredRates, momentum: AnsweredMomentum },
      { additionalProperties: false, description: 'The answer to a `steps` request: the steps, and a rate for each.' },
    ),
    Type.Object(
      {
        dtype: ref(Dtype),
        range: Type.Object(
          { start: StepRange.properties.start, stop: StepRange.properties.stop, stride: Type.Integer({ description: 'The stride (1 if the request left it out).' }) },
          { additionalProperties: false, description: 'The range asked for; its steps are `start + i * stride`, not repeated here.' },
        ),
        learning_rates: AnsweredRates,
        momentum: AnsweredMomentum,
      },
      { additionalProperties: false, description: 'The answer to a `range` request: the range, and a rate for each of its steps.' },
    ),
  ],
  { description: 'A `steps` request gets its steps back; a `range` request gets its range (a million steps are not repeated).' },
);
