/**
 * Config fields that several schedules share, declared once so that their
 * types, bounds, defaults and descriptions cannot drift apart.
 */
import { Type } from 'typebox';
import { PYTHON_FLOAT_DEFAULT } from './definition.js';

export function initialLearningRate() {
  return Type.Number({
    description:
      'Learning rate at step 0. Its dtype is the dtype of the whole computation: a plain number means ' +
      'float32 (Keras floatx); a `__tensor__` of dtype float64 makes the schedule compute in float64.',
  });
}

/** A step count that Keras divides by, so it must be positive. */
export function positiveSteps(description: string) {
  return Type.Number({ exclusiveMinimum: 0, description });
}

export function decayRate(description: string) {
  return Type.Number({
    minimum: 0,
    description: `${description} Negative rates are refused: they make the power undefined (NaN) in Keras.`,
  });
}

/** An optional number whose Keras default is a Python int (`warmup_steps=0`). */
export function optionalNumber(defaultValue: number, description: string, bounds: { minimum?: number } = {}) {
  return Type.Optional(Type.Number({ ...bounds, default: defaultValue, description }));
}

/**
 * An optional number whose Keras default is a Python float (`alpha=0.0`): JSON cannot tell `0.0` from `0`,
 * so the schema says it, and normalize writes the default as Keras's serialize() does.
 */
export function optionalFloat(defaultValue: number, description: string, bounds: { minimum?: number } = {}) {
  return Type.Optional(Type.Number({ ...bounds, default: defaultValue, description, [PYTHON_FLOAT_DEFAULT]: true }));
}

export function optionalBoolean(defaultValue: boolean, description: string) {
  return Type.Optional(Type.Boolean({ default: defaultValue, description }));
}

/** Longest schedule `name`: Keras names are identifiers (`CosineDecay`, `lr_schedule`); 256 is generous, and bounds the cache key. */
export const MAX_NAME_LENGTH = 256;

/** Keras names the op scope; it has no effect on the numbers. `null` is accepted as Keras's own docs send it. */
export function scheduleName(defaultValue: string) {
  return Type.Optional(
    Type.Union([Type.String({ maxLength: MAX_NAME_LENGTH }), Type.Null()], {
      default: defaultValue,
      description: `Name of the operation scope in Keras; it does not change any value. At most ${MAX_NAME_LENGTH} characters.`,
    }),
  );
}

export const STAIRCASE_DESCRIPTION = 'If true, `step / decay_steps` is floored, so the rate changes only every `decay_steps` steps.';

/** The shape ExponentialDecay and InverseTimeDecay share; only the default name and the decay's meaning differ. */
export function rateDecayConfig(defaultName: string, decayRateDescription: string) {
  return Type.Object(
    {
      initial_learning_rate: initialLearningRate(),
      decay_steps: positiveSteps('Steps over which the rate decays by one `decay_rate` factor (Keras: "how often to apply decay").'),
      decay_rate: decayRate(decayRateDescription),
      staircase: optionalBoolean(false, STAIRCASE_DESCRIPTION),
      name: scheduleName(defaultName),
    },
    { additionalProperties: false },
  );
}
