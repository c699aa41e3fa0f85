/** A real `keras.optimizers.schedules.serialize()` output: CosineDecay with a linear warmup. */
export const exampleSchedule = {
  module: 'keras.optimizers.schedules',
  class_name: 'CosineDecay',
  config: {
    initial_learning_rate: 0.0,
    decay_steps: 10000,
    alpha: 0.01,
    name: 'CosineDecay',
    warmup_target: 0.001,
    warmup_steps: 1000,
  },
  registered_name: null,
} as const;
