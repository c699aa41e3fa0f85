/** Request and response bodies of the learning-rate routes, declared once. */
import { Type, type Static } from 'typebox';
import { MAX_STEP } from '../engine/index.js';
import { exampleSchedule } from './examples.js';
import { Dtype, DtypeChoice, LearningRate, ref, SerializedSchedule, Step } from './shared.js';


export const LearningRateRequest = Type.Object(
  { schedule: ref(SerializedSchedule), step: ref(Step), dtype: DtypeChoice },
  { additionalProperties: false, examples: [{ schedule: exampleSchedule, step: 1500 }] },
);
export type LearningRateRequest = Static<typeof LearningRateRequest>;

export const LearningRateResponse = Type.Object(
  { learning_rate: ref(LearningRate), step: ref(Step), dtype: ref(Dtype) },
  { additionalProperties: false, description: 'The learning rate at the step, and the dtype it was computed in.' },
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

export const LearningRatesRequest = Type.Object(
  {
    schedule: ref(SerializedSchedule),
    steps: Type.Optional(Type.Array(ref(Step), { description: 'Explicit steps, answered in this order. Give this or `range`.' })),
    range: Type.Optional(StepRange),
    dtype: DtypeChoice,
  },
  {
    additionalProperties: false,
    description: 'Exactly one of `steps` and `range`.',
    examples: [{ schedule: exampleSchedule, range: { start: 0, stop: 12000, stride: 1000 } }],
  },
);
export type LearningRatesRequest = Static<typeof LearningRatesRequest>;

export const LearningRatesResponse = Type.Object(
  {
    dtype: ref(Dtype),
    steps: Type.Array(ref(Step)),
    learning_rates: Type.Array(ref(LearningRate), { description: 'One learning rate per step, in the order of `steps`.' }),
  },
  { additionalProperties: false },
);
