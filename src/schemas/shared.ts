/**
 * Schemas shared by several routes. Each has an `$id`: it is registered once
 * with `addSchema`, validated by Fastify's Ajv, and appears once under
 * `components.schemas` in the OpenAPI document. Routes point at it with `ref()`,
 * which keeps the TypeScript type of the target.
 */
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';
import { MAX_STEP } from '../engine/index.js';
import { exampleSchedule } from './examples.js';

/** A `$ref` to a shared schema, typed as the schema it points at. */
export function ref<T extends TSchema>(schema: T): TUnsafe<Static<T>> {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(id));
}

// Written as `enum` and a type array rather than anyOf: fast-json-stringify serializes anyOf by validating each
// branch per value, which on the single-step route cost more than computing the learning rate.
export const Dtype = Type.Unsafe<'float32' | 'float64'>({
  type: 'string',
  enum: ['float32', 'float64'],
  $id: 'Dtype',
  description:
    'The dtype the schedule computes in. float32 is Keras\'s default (every op rounded to float32, as Keras does); ' +
    'float64 is what Keras computes on TensorFlow for float64 inputs. Defaults to float64 only when the ' +
    'learning rate (or `values[0]`) is sent as a float64 `__tensor__`/`__numpy__`, otherwise float32.',
});

/** The dtype a caller may ask for; by default the one the serialized schedule implies. */
export const DtypeChoice = Type.Optional(ref(Dtype));

/** How a PyTorch schedule is answered: what the training loop's optimizer holds (default), or torch's closed form. */
export const ModeChoice = Type.Optional(
  Type.Unsafe<'stepped' | 'closed_form'>({
    type: 'string',
    enum: ['stepped', 'closed_form'],
    description:
      'PyTorch schedules only. `stepped` (default): the learning rate the optimizer holds after that many `scheduler.step()` ' +
      'calls, torch\'s recursion op for op; `closed_form`: torch\'s `_get_closed_form_lr()`, for the classes that have one. ' +
      'Keras and Hugging Face schedules are closed-form functions of the step, and read `closed_form` as the same thing (Hugging Face: refused, it has no torch closed form).',
  }),
);

export const Step = Type.Number({
  $id: 'Step',
  minimum: -MAX_STEP,
  maximum: MAX_STEP,
  description:
    'A step, as Keras accepts it: usually `optimizer.iterations` (an integer, never wrapping at 2^31), but any finite ' +
    'number from -(2^53 - 1) to 2^53 - 1, negative or fractional, is answered as Keras answers it.',
});

export const SerializedSchedule = Type.Object(
  {},
  {
    $id: 'SerializedSchedule',
    additionalProperties: true,
    description:
      'A Keras learning-rate schedule exactly as `keras.optimizers.schedules.serialize(schedule)` wrote it; or the ' +
      'tf.keras `{class_name, config}` form; or a whole optimizer as `keras.optimizers.serialize(optimizer)` or ' +
      '`optimizer.get_config()` wrote it, whose `learning_rate` is a schedule. Numbers may be `__tensor__`/`__numpy__` objects.',
    examples: [exampleSchedule],
  },
);

export const LearningRate = Type.Unsafe<number | null>({
  type: ['number', 'null'],
  $id: 'LearningRate',
  description:
    'The learning rate. float32 results are written as the shortest decimal that reads back to the same float32 ' +
    '(as numpy prints it: 0.0050037503): cast it to float32 and you have Keras\'s bits. float64 results are the ' +
    'shortest decimal that reads back to the same double. `null` where Keras answers inf or nan.',
});

export const Momentum = Type.Number({
  $id: 'Momentum',
  description:
    'What the optimizer\'s momentum is set to at the step, for a PyTorch scheduler that cycles it (OneCycleLR or CyclicLR ' +
    'with `cycle_momentum`, their default, alone or in a composite): SGD\'s `momentum`, or `betas[0]` for Adam and the ' +
    'optimizers with betas (torch writes the same number to either). A Python float, as torch computes it. Absent for ' +
    'every other schedule: the optimizer\'s own momentum is left as it is.',
});

export const ProblemDetails = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem.' }),
    title: Type.String({ description: 'A short summary of the kind of problem.' }),
    status: Type.Integer({ description: 'The HTTP status code.' }),
    detail: Type.String({ description: 'What was wrong with this request.' }),
    instance: Type.Optional(Type.String({ description: 'The request id, as echoed in `x-request-id`.' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            path: Type.String({ description: 'JSON pointer into the request body (e.g. `/schedule/config/decay_steps`).' }),
            message: Type.String(),
          },
          { additionalProperties: false },
        ),
        { description: 'Each field that was wrong, for validation problems.' },
      ),
    ),
  },
  { $id: 'ProblemDetails', additionalProperties: false, description: 'An RFC 9457 problem document (`application/problem+json`).' },
);

export type ProblemDetails = Static<typeof ProblemDetails>;

export const SHARED_SCHEMAS = [Dtype, Step, SerializedSchedule, LearningRate, Momentum, ProblemDetails] as const;
