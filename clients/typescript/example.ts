import { createLrScheduleClient, ProblemError } from './src/index.js';

const client = createLrScheduleClient({
  baseUrl: process.env.LR_SCHEDULE_URL ?? 'http://127.0.0.1:3000',
  apiKey: process.env.LR_SCHEDULE_API_KEY, // only if the service runs with API_KEYS
});

// What keras.optimizers.schedules.serialize(schedule) writes (module and registered_name may be left out).
const schedule = {
  class_name: 'CosineDecay',
  config: { initial_learning_rate: 0.0, decay_steps: 10000, alpha: 0.01, warmup_target: 0.001, warmup_steps: 1000 },
};

const one = await client.computeLearningRate({ schedule, step: 1500 });
console.log(`step 1500: ${one.learning_rate} (${one.dtype})`);

// A whole range as the service's exact bits: a Float32Array (or a Float64Array for float64 schedules).
const many = await client.computeLearningRates({ schedule, range: { start: 0, stop: 12000 } }, { format: 'binary' });
console.log(`${many.learning_rates.length} ${many.dtype} rates; step 1500: ${many.learning_rates[1500]}`);

try {
  await client.computeLearningRate({ schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: -1 } }, step: 0 });
} catch (error) {
  if (!(error instanceof ProblemError)) throw error;
  console.log(`${error.status} ${error.title}: ${error.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
}
