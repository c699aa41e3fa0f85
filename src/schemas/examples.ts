/**
 * Examples for the OpenAPI document and Swagger UI: one request per schedule
 * class and per serialized form the service accepts, each with the answer the
 * service really gives: `npm run examples` (scripts/examples.ts) sends every request and writes the answers into
 * example-answers.json; test/plugins/swagger.test.ts checks the file is what the service answers now.
 */
import generated from './example-answers.json' with { type: 'json' };

const keras3 = <C extends Record<string, unknown>>(className: string, config: C) =>
  ({ module: 'keras.optimizers.schedules', class_name: className, config, registered_name: null }) as const;

/** A real `keras.optimizers.schedules.serialize()` output: CosineDecay with a linear warmup. */
export const exampleSchedule = keras3('CosineDecay', {
  initial_learning_rate: 0.0,
  decay_steps: 10000,
  alpha: 0.01,
  name: 'CosineDecay',
  warmup_target: 0.001,
  warmup_steps: 1000,
});

export interface ScheduleExample {
  readonly summary: string;
  readonly description: string;
  readonly schedule: unknown;
  /** The step asked for by the one-step example. */
  readonly step: number;
  /** The range asked for by the many-steps example. */
  readonly range: { readonly start: number; readonly stop: number; readonly stride: number };
}

/** `serialize(CosineDecayRestarts(0.1, first_decay_steps=1000))`: its example, and the dense chart example's. */
const sgdrSchedule = keras3('CosineDecayRestarts', { initial_learning_rate: 0.1, first_decay_steps: 1000, t_mul: 2.0, m_mul: 1.0, alpha: 0.0, name: 'SGDRDecay' });

/** Every schedule class, as Keras 3's serialize() writes it, then every other accepted form. */
export const SCHEDULE_EXAMPLES: Record<string, ScheduleExample> = {
  CosineDecay: {
    summary: 'CosineDecay with warmup (Keras 3)',
    description: '`keras.optimizers.schedules.serialize(CosineDecay(0.0, 10000, alpha=0.01, warmup_target=0.001, warmup_steps=1000))`',
    schedule: exampleSchedule,
    step: 1500,
    range: { start: 0, stop: 12000, stride: 2000 },
  },
  ExponentialDecay: {
    summary: 'ExponentialDecay (Keras 3)',
    description: '`serialize(ExponentialDecay(0.1, decay_steps=100000, decay_rate=0.96, staircase=True))`',
    schedule: keras3('ExponentialDecay', { initial_learning_rate: 0.1, decay_steps: 100000, decay_rate: 0.96, staircase: true, name: 'ExponentialDecay' }),
    step: 250000,
    range: { start: 0, stop: 500000, stride: 100000 },
  },
  PiecewiseConstantDecay: {
    summary: 'PiecewiseConstantDecay (Keras 3)',
    description: '`serialize(PiecewiseConstantDecay(boundaries=[100000, 110000], values=[1.0, 0.5, 0.1]))`',
    schedule: keras3('PiecewiseConstantDecay', { boundaries: [100000, 110000], values: [1.0, 0.5, 0.1], name: 'PiecewiseConstant' }),
    step: 105000,
    range: { start: 95000, stop: 120000, stride: 5000 },
  },
  PolynomialDecay: {
    summary: 'PolynomialDecay (Keras 3)',
    description: '`serialize(PolynomialDecay(0.1, 10000, end_learning_rate=0.01, power=0.5))`',
    schedule: keras3('PolynomialDecay', { initial_learning_rate: 0.1, decay_steps: 10000, end_learning_rate: 0.01, power: 0.5, cycle: false, name: 'PolynomialDecay' }),
    step: 5000,
    range: { start: 0, stop: 12500, stride: 2500 },
  },
  InverseTimeDecay: {
    summary: 'InverseTimeDecay (Keras 3)',
    description: '`serialize(InverseTimeDecay(0.1, decay_steps=1.0, decay_rate=0.5))`',
    schedule: keras3('InverseTimeDecay', { initial_learning_rate: 0.1, decay_steps: 1.0, decay_rate: 0.5, staircase: false, name: 'InverseTimeDecay' }),
    step: 10,
    range: { start: 0, stop: 5, stride: 1 },
  },
  CosineDecayRestarts: {
    summary: 'CosineDecayRestarts (Keras 3)',
    description: '`serialize(CosineDecayRestarts(0.1, first_decay_steps=1000))`: SGDR, each period twice as long as the last.',
    schedule: sgdrSchedule,
    step: 1500,
    range: { start: 0, stop: 3500, stride: 500 },
  },
  legacy: {
    summary: 'tf.keras form: {class_name, config}',
    description: 'What `tf.keras.optimizers.schedules.serialize()` (Keras 2) writes: no `module`, no `registered_name`.',
    schedule: { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.01, decay_steps: 5000, decay_rate: 0.96, staircase: false, name: null } },
    step: 10000,
    range: { start: 0, stop: 25000, stride: 5000 },
  },
  minimal: {
    summary: 'Minimal: only the required keys',
    description: 'A hand-written schedule: `class_name` and the config keys without defaults; everything else takes Keras\'s defaults.',
    schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 1000 } },
    step: 500,
    range: { start: 0, stop: 1250, stride: 250 },
  },
  optimizer: {
    summary: 'A whole optimizer (Adam with a schedule)',
    description: '`keras.optimizers.serialize(Adam(learning_rate=PolynomialDecay(...)))`: the schedule is read from `learning_rate`.',
    schedule: {
      module: 'keras.optimizers',
      class_name: 'Adam',
      config: {
        name: 'adam',
        learning_rate: keras3('PolynomialDecay', { initial_learning_rate: 0.05, decay_steps: 1000, end_learning_rate: 0.0, power: 2.0, cycle: true, name: 'PolynomialDecay' }),
        weight_decay: null,
        clipnorm: null,
        global_clipnorm: null,
        clipvalue: null,
        use_ema: false,
        ema_momentum: 0.99,
        ema_overwrite_frequency: null,
        loss_scale_factor: null,
        gradient_accumulation_steps: null,
        beta_1: 0.9,
        beta_2: 0.999,
        epsilon: 1e-7,
        amsgrad: false,
      },
      registered_name: null,
    },
    step: 250,
    range: { start: 0, stop: 2500, stride: 500 },
  },
  tensorFloat32: {
    summary: 'A float32 __tensor__ learning rate',
    description: 'Keras 3 serializes a tensor-valued learning rate as a `__tensor__` object; float32 computes as usual.',
    schedule: keras3('InverseTimeDecay', {
      initial_learning_rate: { class_name: '__tensor__', config: { value: 1.0, dtype: 'float32' } },
      decay_steps: 1000,
      decay_rate: 0.5,
      staircase: false,
      name: 'InverseTimeDecay',
    }),
    step: 3000,
    range: { start: 0, stop: 5000, stride: 1000 },
  },
  tensorFloat64: {
    summary: 'A float64 __tensor__ learning rate: computed in float64',
    description: 'A float64 `__tensor__` learning rate makes the whole schedule compute in float64, as Keras on TensorFlow does.',
    schedule: keras3('ExponentialDecay', {
      initial_learning_rate: { class_name: '__tensor__', config: { value: 0.0003, dtype: 'float64' } },
      decay_steps: 250,
      decay_rate: 0.99,
      staircase: false,
      name: 'ExponentialDecay',
    }),
    step: 1000,
    range: { start: 0, stop: 1250, stride: 250 },
  },
};

const torch = <C extends Record<string, unknown>>(className: string, config: C, baseLr: number) =>
  ({ module: 'torch.optim.lr_scheduler', class_name: className, config, base_lr: baseLr }) as const;
const transformers = <C extends Record<string, unknown>>(type: string, config: C, baseLr: number) =>
  ({ module: 'transformers', class_name: type, config, base_lr: baseLr }) as const;

type Range = ScheduleExample['range'];
/** A PyTorch or Hugging Face example: the optimizer's lr after `step` calls of `scheduler.step()`. */
const family = (summary: string, description: string, schedule: unknown, step: number, range: Range): ScheduleExample => ({
  summary,
  description,
  schedule,
  step,
  range,
});

/** Every torch.optim.lr_scheduler class the service answers, as its constructor's keyword arguments. */
export const TORCH_EXAMPLES: Record<string, ScheduleExample> = {
  torch_StepLR: family('StepLR (PyTorch)', '`StepLR(SGD(params, lr=0.1), step_size=30, gamma=0.1)`: a tenth every 30 epochs.', torch('StepLR', { step_size: 30, gamma: 0.1 }, 0.1), 45, { start: 0, stop: 100, stride: 10 }),
  torch_MultiStepLR: family('MultiStepLR (PyTorch)', '`MultiStepLR(SGD(params, lr=0.1), milestones=[30, 80], gamma=0.1)`', torch('MultiStepLR', { milestones: [30, 80], gamma: 0.1 }, 0.1), 50, { start: 0, stop: 100, stride: 10 }),
  torch_ConstantLR: family('ConstantLR (PyTorch)', '`ConstantLR(SGD(params, lr=0.05), factor=0.5, total_iters=4)`: half the rate for 4 steps.', torch('ConstantLR', { factor: 0.5, total_iters: 4 }, 0.05), 2, { start: 0, stop: 8, stride: 1 }),
  torch_LinearLR: family('LinearLR warmup (PyTorch)', '`LinearLR(SGD(params, lr=0.1), start_factor=0.1, total_iters=1000)`: a linear warmup.', torch('LinearLR', { start_factor: 0.1, end_factor: 1.0, total_iters: 1000 }, 0.1), 500, { start: 0, stop: 1500, stride: 250 }),
  torch_ExponentialLR: family('ExponentialLR (PyTorch)', '`ExponentialLR(SGD(params, lr=0.1), gamma=0.95)`', torch('ExponentialLR', { gamma: 0.95 }, 0.1), 10, { start: 0, stop: 50, stride: 10 }),
  torch_PolynomialLR: family('PolynomialLR (PyTorch)', '`PolynomialLR(SGD(params, lr=0.1), total_iters=1000, power=2.0)`', torch('PolynomialLR', { total_iters: 1000, power: 2.0 }, 0.1), 500, { start: 0, stop: 1250, stride: 250 }),
  torch_CosineAnnealingLR: family('CosineAnnealingLR (PyTorch)', '`CosineAnnealingLR(SGD(params, lr=0.1), T_max=10000, eta_min=1e-5)`: the stepped values a training loop sees.', torch('CosineAnnealingLR', { T_max: 10000, eta_min: 1e-5 }, 0.1), 5000, { start: 0, stop: 12000, stride: 2000 }),
  torch_CosineAnnealingWarmRestarts: family('CosineAnnealingWarmRestarts (PyTorch)', '`CosineAnnealingWarmRestarts(SGD(params, lr=0.1), T_0=1000, T_mult=2)`: SGDR.', torch('CosineAnnealingWarmRestarts', { T_0: 1000, T_mult: 2, eta_min: 1e-5 }, 0.1), 1500, { start: 0, stop: 3500, stride: 500 }),
  torch_CyclicLR: family('CyclicLR (PyTorch)', '`CyclicLR(SGD(params, lr=0.001, momentum=0.9), base_lr=0.001, max_lr=0.1, step_size_up=2000, mode="triangular2")`', torch('CyclicLR', { base_lr: 0.001, max_lr: 0.1, step_size_up: 2000, mode: 'triangular2' }, 0.001), 3000, { start: 0, stop: 8000, stride: 1000 }),
  torch_OneCycleLR: family('OneCycleLR (PyTorch)', '`OneCycleLR(SGD(params, lr=0.1, momentum=0.9), max_lr=0.1, total_steps=10000)`', torch('OneCycleLR', { max_lr: 0.1, total_steps: 10000 }, 0.1), 3000, { start: 0, stop: 10001, stride: 2000 }),
  torch_SequentialLR: family(
    'SequentialLR: warmup then cosine (PyTorch)',
    '`SequentialLR(opt, [LinearLR(opt, start_factor=0.01, total_iters=500), CosineAnnealingLR(opt, T_max=9500)], milestones=[500])`',
    torch('SequentialLR', { schedulers: [{ class_name: 'LinearLR', config: { start_factor: 0.01, total_iters: 500 } }, { class_name: 'CosineAnnealingLR', config: { T_max: 9500 } }], milestones: [500] }, 0.1),
    600,
    { start: 0, stop: 10000, stride: 2000 },
  ),
  torch_ChainedScheduler: family(
    'ChainedScheduler (PyTorch)',
    '`ChainedScheduler([ConstantLR(opt, factor=0.1, total_iters=100), ExponentialLR(opt, gamma=0.999)])`: both act on every step.',
    torch('ChainedScheduler', { schedulers: [{ class_name: 'ConstantLR', config: { factor: 0.1, total_iters: 100 } }, { class_name: 'ExponentialLR', config: { gamma: 0.999 } }] }, 0.1),
    50,
    { start: 0, stop: 500, stride: 100 },
  ),
};

const hf = (type: string, call: string, config: Record<string, unknown>, step: number) =>
  family(`${type} (Hugging Face)`, `\`get_scheduler("${type}", optimizer, ${call})\` with the optimizer's lr 5e-5.`, transformers(type, config, 5e-5), step, { start: 0, stop: 10000, stride: 2000 });
const warmup = { num_warmup_steps: 500, num_training_steps: 10000 };
const warmupCall = 'num_warmup_steps=500, num_training_steps=10000';

/** Every Hugging Face scheduler type (`TrainingArguments.lr_scheduler_type`) the service answers. */
export const TRANSFORMERS_EXAMPLES: Record<string, ScheduleExample> = {
  hf_linear: hf('linear', warmupCall, warmup, 5000),
  hf_cosine: hf('cosine', warmupCall, { ...warmup, num_cycles: 0.5 }, 5000),
  hf_cosine_with_restarts: hf('cosine_with_restarts', `${warmupCall}, scheduler_specific_kwargs={"num_cycles": 3}`, { ...warmup, num_cycles: 3 }, 5000),
  hf_polynomial: hf('polynomial', `${warmupCall}, scheduler_specific_kwargs={"lr_end": 1e-7, "power": 2.0}`, { ...warmup, lr_end: 1e-7, power: 2.0 }, 5000),
  hf_constant: hf('constant', '', {}, 5000),
  hf_constant_with_warmup: hf('constant_with_warmup', 'num_warmup_steps=500', { num_warmup_steps: 500 }, 250),
  hf_inverse_sqrt: hf('inverse_sqrt', 'num_warmup_steps=500', { num_warmup_steps: 500 }, 5000),
  hf_cosine_with_min_lr: hf('cosine_with_min_lr', `${warmupCall}, scheduler_specific_kwargs={"min_lr": 1e-6}`, { ...warmup, min_lr: 1e-6 }, 5000),
  hf_cosine_warmup_with_min_lr: hf('cosine_warmup_with_min_lr', `${warmupCall}, scheduler_specific_kwargs={"min_lr_rate": 0.1}`, { ...warmup, min_lr_rate: 0.1 }, 250),
  hf_warmup_stable_decay: hf(
    'warmup_stable_decay',
    `${warmupCall}, scheduler_specific_kwargs={"num_decay_steps": 2000, "min_lr_ratio": 0.1}`,
    { ...warmup, num_decay_steps: 2000, min_lr_ratio: 0.1 },
    9000,
  ),
};

export interface NamedExample {
  readonly summary: string;
  readonly description?: string;
  readonly value: unknown;
}

/** The examples every schedule-taking operation shows: Keras's, then PyTorch's and Hugging Face's. */
const ALL_SCHEDULE_EXAMPLES: Record<string, ScheduleExample> = { ...SCHEDULE_EXAMPLES, ...TORCH_EXAMPLES, ...TRANSFORMERS_EXAMPLES };

const named = (make: (example: ScheduleExample) => unknown): Record<string, NamedExample> =>
  Object.fromEntries(
    Object.entries(ALL_SCHEDULE_EXAMPLES).map(([name, example]) => [name, { summary: example.summary, description: example.description, value: make(example) }]),
  );

/**
 * Request examples asked for as a chart (choose image/svg+xml): their JSON answer, 7,001 numbers, is not put in
 * the document as a response example (it would double its size); the test still sends them and checks the chart.
 */
export const CHART_EXAMPLES: ReadonlySet<string> = new Set(['chart']);

/** Request bodies, by operationId, then by example name. */
export const REQUEST_EXAMPLES: Record<string, Record<string, NamedExample>> = {
  computeLearningRate: {
    ...named(({ schedule, step }) => ({ schedule, step })),
    asFloat64: { summary: 'Asking for float64', description: 'Any schedule computed in float64 with `"dtype": "float64"`.', value: { schedule: exampleSchedule, step: 1500, dtype: 'float64' } },
  },
  computeLearningRates: {
    ...named(({ schedule, range }) => ({ schedule, range })),
    steps: { summary: 'A list of steps', description: 'Explicit steps, answered in their order.', value: { schedule: exampleSchedule, steps: [0, 500, 1000, 11000] } },
    chart: {
      summary: 'A chart of the curve (choose image/svg+xml)',
      description:
        'Every step from 0 to 7,000 of `CosineDecayRestarts(0.1, first_decay_steps=1000)`: dense enough for the SVG answer to draw ' +
        'the curve (the other examples ask for a handful of steps, which chart as a few points).',
      value: { schedule: sgdrSchedule, range: { start: 0, stop: 7001, stride: 1 } },
    },
    countdown: { summary: 'A range counting down', description: 'A negative stride, as in Python\'s `range(10000, 0, -2500)`.', value: { schedule: exampleSchedule, range: { start: 10000, stop: 0, stride: -2500 } } },
  },
  normalizeSchedule: named(({ schedule }) => ({ schedule })),
};

/** The request id the error examples were answered under (sent as `x-request-id`). */
export const EXAMPLE_REQUEST_ID = 'example-request-id';

/** A request whose real answer is an error example in the document. */
export interface ErrorCase {
  /** The operation it documents, or '*' for every operation that needs an API key. */
  readonly operationId: string;
  readonly status: number;
  readonly name: string;
  readonly summary: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly payload?: unknown;
  /** Configuration the answer needs (e.g. API keys). */
  readonly config?: Record<string, unknown>;
  /** Answered while every range slot is taken and nothing may wait. */
  readonly rangesBusy?: boolean;
}

export const ERROR_CASES: readonly ErrorCase[] = [
  {
    operationId: 'computeLearningRate',
    status: 400,
    name: 'invalidSchedule',
    summary: 'An invalid schedule (negative decay_steps)',
    method: 'POST',
    url: '/v1/learning-rate',
    payload: { schedule: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: -5 } }, step: 0 },
  },
  {
    operationId: 'computeLearningRate',
    status: 415,
    name: 'notJson',
    summary: 'A body that is not JSON',
    method: 'POST',
    url: '/v1/learning-rate',
    headers: { 'content-type': 'text/plain' },
    payload: 'step=1500',
  },
  {
    operationId: 'computeLearningRates',
    status: 400,
    name: 'stepsAndRange',
    summary: 'Both `steps` and `range`',
    method: 'POST',
    url: '/v1/learning-rates',
    payload: { schedule: exampleSchedule, steps: [0, 1000], range: { start: 0, stop: 2000 } },
  },
  {
    operationId: 'computeLearningRates',
    status: 406,
    name: 'unknownFormat',
    summary: 'A format the service does not write',
    method: 'POST',
    url: '/v1/learning-rates',
    headers: { accept: 'image/png' },
    payload: { schedule: exampleSchedule, steps: [0] },
  },
  {
    operationId: 'computeLearningRates',
    status: 422,
    name: 'tooManySteps',
    summary: 'More steps than MAX_POINTS',
    method: 'POST',
    url: '/v1/learning-rates',
    payload: { schedule: exampleSchedule, range: { start: 0, stop: 2_000_000 } },
  },
  {
    operationId: 'computeLearningRates',
    status: 503,
    name: 'rangesBusy',
    summary: 'Every range slot taken, the queue full',
    method: 'POST',
    url: '/v1/learning-rates',
    payload: { schedule: exampleSchedule, range: { start: 0, stop: 1_000_000 } },
    config: { MAX_CONCURRENT_RANGES: 2, RANGE_QUEUE_SIZE: 0 },
    rangesBusy: true,
  },
  {
    operationId: 'normalizeSchedule',
    status: 400,
    name: 'unknownClass',
    summary: 'An unknown schedule class',
    method: 'POST',
    url: '/v1/schedules/normalize',
    payload: { schedule: { class_name: 'NoSuchDecay', config: {} } },
  },
  {
    operationId: 'getSchedule',
    status: 404,
    name: 'unknownClass',
    summary: 'An unknown schedule class',
    method: 'GET',
    url: '/v1/schedules/NoSuchDecay',
  },
  {
    operationId: '*',
    status: 401,
    name: 'noKey',
    summary: 'No API key (the service runs with API_KEYS)',
    method: 'GET',
    url: '/v1/schedules',
    config: { API_KEYS: 'example-key-0123456789' },
  },
  {
    operationId: '*',
    status: 429,
    name: 'rateLimited',
    summary: 'Over the rate limit (here RATE_LIMIT_MAX=100)',
    method: 'GET',
    url: '/v1/schedules',
    config: { RATE_LIMIT_MAX: 100, RATE_LIMIT_WINDOW_MS: 60_000 },
  },
];

export const errorCaseKey = ({ operationId, status, name }: ErrorCase): string => `${operationId} ${status} ${name}`;
export const answerKey = (operationId: string, name: string): string => `${operationId} ${name}`;

/** The service's answers to REQUEST_EXAMPLES and ERROR_CASES, by answerKey and errorCaseKey: generated data (npm run examples, imported above). */
export const ANSWERS: Record<string, unknown> = generated.answers;
export const ERROR_ANSWERS: Record<string, unknown> = generated.errors;

/** 200 examples, by operationId, status and name: the answers to REQUEST_EXAMPLES. */
export const RESPONSE_EXAMPLES: Record<string, Record<string, Record<string, NamedExample>>> = Object.fromEntries(
  Object.entries(REQUEST_EXAMPLES).map(([operationId, examples]) => [
    operationId,
    {
      200: Object.fromEntries(
        Object.entries(examples)
          .filter(([name]) => !CHART_EXAMPLES.has(name))
          .map(([name, { summary }]) => [name, { summary, value: ANSWERS[answerKey(operationId, name)] }]),
      ),
    },
  ]),
);

/** Error examples, by operationId ('*': every operation needing a key), status and name. */
export const ERROR_EXAMPLES: Record<string, Record<string, Record<string, NamedExample>>> = {};
for (const errorCase of ERROR_CASES) {
  const byStatus = (ERROR_EXAMPLES[errorCase.operationId] ??= {});
  (byStatus[errorCase.status] ??= {})[errorCase.name] = { summary: errorCase.summary, value: ERROR_ANSWERS[errorCaseKey(errorCase)] };
}
