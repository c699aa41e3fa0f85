/**
 * Examples for the OpenAPI document and Swagger UI: one request per schedule
 * class and per serialized form the service accepts, each with the answer the
 * service really gives (test/plugins/swagger.test.ts sends every request and
 * checks it gets exactly the committed answer; regenerate the answers with
 * `UPDATE_EXAMPLES=1 npx tap test/plugins/swagger.test.ts` and paste them in).
 */

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

// BEGIN GENERATED ANSWERS
export const ANSWERS: Record<string, unknown> = {
  "computeLearningRate CosineDecay": {
    "learning_rate": 0.0009939058,
    "step": 1500,
    "dtype": "float32"
  },
  "computeLearningRate ExponentialDecay": {
    "learning_rate": 0.09216,
    "step": 250000,
    "dtype": "float32"
  },
  "computeLearningRate PiecewiseConstantDecay": {
    "learning_rate": 0.5,
    "step": 105000,
    "dtype": "float32"
  },
  "computeLearningRate PolynomialDecay": {
    "learning_rate": 0.07363961,
    "step": 5000,
    "dtype": "float32"
  },
  "computeLearningRate InverseTimeDecay": {
    "learning_rate": 0.016666668,
    "step": 10,
    "dtype": "float32"
  },
  "computeLearningRate CosineDecayRestarts": {
    "learning_rate": 0.08535534,
    "step": 1500,
    "dtype": "float32"
  },
  "computeLearningRate legacy": {
    "learning_rate": 0.009215999,
    "step": 10000,
    "dtype": "float32"
  },
  "computeLearningRate minimal": {
    "learning_rate": 0.049999997,
    "step": 500,
    "dtype": "float32"
  },
  "computeLearningRate optimizer": {
    "learning_rate": 0.028125001,
    "step": 250,
    "dtype": "float32"
  },
  "computeLearningRate tensorFloat32": {
    "learning_rate": 0.4,
    "step": 3000,
    "dtype": "float32"
  },
  "computeLearningRate tensorFloat64": {
    "learning_rate": 0.000288178803,
    "step": 1000,
    "dtype": "float64"
  },
  "computeLearningRate torch_StepLR": {
    "learning_rate": 0.010000000000000002,
    "step": 45,
    "dtype": "float64"
  },
  "computeLearningRate torch_MultiStepLR": {
    "learning_rate": 0.010000000000000002,
    "step": 50,
    "dtype": "float64"
  },
  "computeLearningRate torch_ConstantLR": {
    "learning_rate": 0.025,
    "step": 2,
    "dtype": "float64"
  },
  "computeLearningRate torch_LinearLR": {
    "learning_rate": 0.055000000000000215,
    "step": 500,
    "dtype": "float64"
  },
  "computeLearningRate torch_ExponentialLR": {
    "learning_rate": 0.05987369392383786,
    "step": 10,
    "dtype": "float64"
  },
  "computeLearningRate torch_PolynomialLR": {
    "learning_rate": 0.024999999999999967,
    "step": 500,
    "dtype": "float64"
  },
  "computeLearningRate torch_CosineAnnealingLR": {
    "learning_rate": 0.05000499999999979,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate torch_CosineAnnealingWarmRestarts": {
    "learning_rate": 0.08535680352542145,
    "step": 1500,
    "dtype": "float64"
  },
  "computeLearningRate torch_CyclicLR": {
    "learning_rate": 0.0505,
    "step": 3000,
    "dtype": "float64",
    "momentum": 0.8500000000000001
  },
  "computeLearningRate torch_OneCycleLR": {
    "learning_rate": 0.09999999496450779,
    "step": 3000,
    "dtype": "float64",
    "momentum": 0.8500000050355123
  },
  "computeLearningRate torch_SequentialLR": {
    "learning_rate": 0.09997266286704629,
    "step": 600,
    "dtype": "float64"
  },
  "computeLearningRate torch_ChainedScheduler": {
    "learning_rate": 0.009512056281970311,
    "step": 50,
    "dtype": "float64"
  },
  "computeLearningRate hf_linear": {
    "learning_rate": 0.000026315789473684212,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_cosine": {
    "learning_rate": 0.000027064483636808313,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_cosine_with_restarts": {
    "learning_rate": 0.000031137137178519985,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_polynomial": {
    "learning_rate": 0.000013922714681440447,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_constant": {
    "learning_rate": 0.00005,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_constant_with_warmup": {
    "learning_rate": 0.000025,
    "step": 250,
    "dtype": "float64"
  },
  "computeLearningRate hf_inverse_sqrt": {
    "learning_rate": 0.000015811388300841898,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_cosine_with_min_lr": {
    "learning_rate": 0.000027523193964072147,
    "step": 5000,
    "dtype": "float64"
  },
  "computeLearningRate hf_cosine_warmup_with_min_lr": {
    "learning_rate": 0.0000251,
    "step": 250,
    "dtype": "float64"
  },
  "computeLearningRate hf_warmup_stable_decay": {
    "learning_rate": 0.000027500000000000004,
    "step": 9000,
    "dtype": "float64"
  },
  "computeLearningRate asFloat64": {
    "learning_rate": 0.0009939057285945933,
    "step": 1500,
    "dtype": "float64"
  },
  "computeLearningRates CosineDecay": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 12000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.00097577303,
      0.00079595373,
      0.000505,
      0.00021404632,
      0.000034227043
    ]
  },
  "computeLearningRates ExponentialDecay": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 500000,
      "stride": 100000
    },
    "learning_rates": [
      0.1,
      0.096,
      0.09216,
      0.088473596,
      0.084934644
    ]
  },
  "computeLearningRates PiecewiseConstantDecay": {
    "dtype": "float32",
    "range": {
      "start": 95000,
      "stop": 120000,
      "stride": 5000
    },
    "learning_rates": [
      1,
      1,
      0.5,
      0.5,
      0.1
    ]
  },
  "computeLearningRates PolynomialDecay": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 12500,
      "stride": 2500
    },
    "learning_rates": [
      0.1,
      0.08794229,
      0.07363961,
      0.055,
      0.01
    ]
  },
  "computeLearningRates InverseTimeDecay": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 5,
      "stride": 1
    },
    "learning_rates": [
      0.1,
      0.06666667,
      0.05,
      0.04,
      0.033333335
    ]
  },
  "computeLearningRates CosineDecayRestarts": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 3500,
      "stride": 500
    },
    "learning_rates": [
      0.1,
      0.049999997,
      0.1,
      0.08535534,
      0.049999997,
      0.014644662,
      0.1
    ]
  },
  "computeLearningRates legacy": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 25000,
      "stride": 5000
    },
    "learning_rates": [
      0.01,
      0.0095999995,
      0.009215999,
      0.00884736,
      0.008493464
    ]
  },
  "computeLearningRates minimal": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 1250,
      "stride": 250
    },
    "learning_rates": [
      0.1,
      0.08535534,
      0.049999997,
      0.014644662,
      0
    ]
  },
  "computeLearningRates optimizer": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 2500,
      "stride": 500
    },
    "learning_rates": [
      0.05,
      0.0125,
      0,
      0.003125,
      0
    ]
  },
  "computeLearningRates tensorFloat32": {
    "dtype": "float32",
    "range": {
      "start": 0,
      "stop": 5000,
      "stride": 1000
    },
    "learning_rates": [
      1,
      0.6666667,
      0.5,
      0.4,
      0.33333334
    ]
  },
  "computeLearningRates tensorFloat64": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 1250,
      "stride": 250
    },
    "learning_rates": [
      0.0003,
      0.00029699999999999996,
      0.00029403,
      0.0002910897,
      0.000288178803
    ]
  },
  "computeLearningRates torch_StepLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 100,
      "stride": 10
    },
    "learning_rates": [
      0.1,
      0.1,
      0.1,
      0.010000000000000002,
      0.010000000000000002,
      0.010000000000000002,
      0.0010000000000000002,
      0.0010000000000000002,
      0.0010000000000000002,
      0.00010000000000000003
    ]
  },
  "computeLearningRates torch_MultiStepLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 100,
      "stride": 10
    },
    "learning_rates": [
      0.1,
      0.1,
      0.1,
      0.010000000000000002,
      0.010000000000000002,
      0.010000000000000002,
      0.010000000000000002,
      0.010000000000000002,
      0.0010000000000000002,
      0.0010000000000000002
    ]
  },
  "computeLearningRates torch_ConstantLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 8,
      "stride": 1
    },
    "learning_rates": [
      0.025,
      0.025,
      0.025,
      0.025,
      0.05,
      0.05,
      0.05,
      0.05
    ]
  },
  "computeLearningRates torch_LinearLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 1500,
      "stride": 250
    },
    "learning_rates": [
      0.010000000000000002,
      0.032500000000000036,
      0.055000000000000215,
      0.07750000000000017,
      0.09999999999999999,
      0.09999999999999999
    ]
  },
  "computeLearningRates torch_ExponentialLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 50,
      "stride": 10
    },
    "learning_rates": [
      0.1,
      0.05987369392383786,
      0.035848592240854196,
      0.021463876394293726,
      0.012851215656510309
    ]
  },
  "computeLearningRates torch_PolynomialLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 1250,
      "stride": 250
    },
    "learning_rates": [
      0.1,
      0.05624999999999998,
      0.024999999999999967,
      0.0062499999999999925,
      0
    ]
  },
  "computeLearningRates torch_CosineAnnealingLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 12000,
      "stride": 2000
    },
    "learning_rates": [
      0.1,
      0.09045180463377535,
      0.06545430463377505,
      0.034555695366224416,
      0.00955819536622449,
      0.00001
    ]
  },
  "computeLearningRates torch_CosineAnnealingWarmRestarts": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 3500,
      "stride": 500
    },
    "learning_rates": [
      0.1,
      0.05000500000000001,
      0.1,
      0.08535680352542145,
      0.05000500000000001,
      0.01465319647457856,
      0.1
    ]
  },
  "computeLearningRates torch_CyclicLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 8000,
      "stride": 1000
    },
    "learning_rates": [
      0.001,
      0.0505,
      0.1,
      0.0505,
      0.001,
      0.025750000000000002,
      0.0505,
      0.025750000000000002
    ],
    "momentum": [
      0.9,
      0.8500000000000001,
      0.8,
      0.8500000000000001,
      0.9,
      0.875,
      0.8500000000000001,
      0.875
    ]
  },
  "computeLearningRates torch_OneCycleLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10001,
      "stride": 2000
    },
    "learning_rates": [
      0.0040000000000000036,
      0.07602902461173493,
      0.09503872237545978,
      0.0611043238301796,
      0.018808293557927257,
      4.0503549222058944e-7
    ],
    "momentum": [
      0.95,
      0.8749697660294428,
      0.85496129746973,
      0.8888958317531473,
      0.9311920312101976,
      0.9499999949644876
    ]
  },
  "computeLearningRates torch_SequentialLR": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0.001,
      0.09397368756032458,
      0.07008477123264877,
      0.03772572564296035,
      0.010542974530180394
    ]
  },
  "computeLearningRates torch_ChainedScheduler": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 500,
      "stride": 100
    },
    "learning_rates": [
      0.010000000000000002,
      0.09047921471137087,
      0.08186488294786355,
      0.07407070321560995,
      0.06701859060067404
    ]
  },
  "computeLearningRates hf_linear": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.00004210526315789474,
      0.00003157894736842105,
      0.00002105263157894737,
      0.000010526315789473684
    ]
  },
  "computeLearningRates hf_cosine": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.00004698684378016222,
      0.00003504238561632424,
      0.000018862862821480025,
      0.000005271487265090163
    ]
  },
  "computeLearningRates hf_cosine_with_restarts": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.000027064483636808313,
      0.00004864543104251587,
      0.00000806796070935647,
      0.00003504238561632425
    ]
  },
  "computeLearningRates hf_polynomial": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.00003548614958448753,
      0.000020004709141274236,
      0.000008946537396121882,
      0.0000023116343490304703
    ]
  },
  "computeLearningRates hf_constant": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0.00005,
      0.00005,
      0.00005,
      0.00005,
      0.00005
    ]
  },
  "computeLearningRates hf_constant_with_warmup": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.00005,
      0.00005,
      0.00005,
      0.00005
    ]
  },
  "computeLearningRates hf_inverse_sqrt": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.000025,
      0.00001767766952966369,
      0.000014433756729740646,
      0.0000125
    ]
  },
  "computeLearningRates hf_cosine_with_min_lr": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0,
      0.00004704710690455898,
      0.00003534153790399776,
      0.000019485605565050423,
      0.00000616605751978836
    ]
  },
  "computeLearningRates hf_cosine_warmup_with_min_lr": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      1.0000000000000001e-7,
      0.000047284616979287515,
      0.000036531332644617356,
      0.00002196936390811572,
      0.000009739769389711361
    ]
  },
  "computeLearningRates hf_warmup_stable_decay": {
    "dtype": "float64",
    "range": {
      "start": 0,
      "stop": 10000,
      "stride": 2000
    },
    "learning_rates": [
      0.000005,
      0.00005,
      0.00005,
      0.00005,
      0.00005
    ]
  },
  "computeLearningRates steps": {
    "dtype": "float32",
    "steps": [
      0,
      500,
      1000,
      11000
    ],
    "learning_rates": [
      0,
      0.0005,
      0.001,
      0.000010000001
    ]
  },
  "computeLearningRates countdown": {
    "dtype": "float32",
    "range": {
      "start": 10000,
      "stop": 0,
      "stride": -2500
    },
    "learning_rates": [
      0.000034227043,
      0.0002802748,
      0.00065796345,
      0.00094604824
    ]
  },
  "normalizeSchedule CosineDecay": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "CosineDecay",
      "config": {
        "initial_learning_rate": 0,
        "decay_steps": 10000,
        "alpha": 0.01,
        "name": "CosineDecay",
        "warmup_target": 0.001,
        "warmup_steps": 1000
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule ExponentialDecay": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "ExponentialDecay",
      "config": {
        "initial_learning_rate": 0.1,
        "decay_steps": 100000,
        "decay_rate": 0.96,
        "staircase": true,
        "name": "ExponentialDecay"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule PiecewiseConstantDecay": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "PiecewiseConstantDecay",
      "config": {
        "boundaries": [
          100000,
          110000
        ],
        "values": [
          1,
          0.5,
          0.1
        ],
        "name": "PiecewiseConstant"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule PolynomialDecay": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "PolynomialDecay",
      "config": {
        "initial_learning_rate": 0.1,
        "decay_steps": 10000,
        "end_learning_rate": 0.01,
        "power": 0.5,
        "cycle": false,
        "name": "PolynomialDecay"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule InverseTimeDecay": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "InverseTimeDecay",
      "config": {
        "initial_learning_rate": 0.1,
        "decay_steps": 1,
        "decay_rate": 0.5,
        "staircase": false,
        "name": "InverseTimeDecay"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule CosineDecayRestarts": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "CosineDecayRestarts",
      "config": {
        "initial_learning_rate": 0.1,
        "first_decay_steps": 1000,
        "t_mul": 2,
        "m_mul": 1,
        "alpha": 0,
        "name": "SGDRDecay"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule legacy": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "ExponentialDecay",
      "config": {
        "initial_learning_rate": 0.01,
        "decay_steps": 5000,
        "decay_rate": 0.96,
        "staircase": false,
        "name": null
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule minimal": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "CosineDecay",
      "config": {
        "initial_learning_rate": 0.1,
        "decay_steps": 1000,
        "alpha": 0,
        "name": "CosineDecay",
        "warmup_target": null,
        "warmup_steps": 0
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule optimizer": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "PolynomialDecay",
      "config": {
        "initial_learning_rate": 0.05,
        "decay_steps": 1000,
        "end_learning_rate": 0,
        "power": 2,
        "cycle": true,
        "name": "PolynomialDecay"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule tensorFloat32": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "InverseTimeDecay",
      "config": {
        "initial_learning_rate": 1,
        "decay_steps": 1000,
        "decay_rate": 0.5,
        "staircase": false,
        "name": "InverseTimeDecay"
      },
      "registered_name": null
    },
    "dtype": "float32"
  },
  "normalizeSchedule tensorFloat64": {
    "schedule": {
      "module": "keras.optimizers.schedules",
      "class_name": "ExponentialDecay",
      "config": {
        "initial_learning_rate": {
          "class_name": "__tensor__",
          "config": {
            "value": 0.0003,
            "dtype": "float64"
          }
        },
        "decay_steps": 250,
        "decay_rate": 0.99,
        "staircase": false,
        "name": "ExponentialDecay"
      },
      "registered_name": null
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_StepLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "StepLR",
      "config": {
        "step_size": 30,
        "gamma": 0.1
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_MultiStepLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "MultiStepLR",
      "config": {
        "milestones": [
          30,
          80
        ],
        "gamma": 0.1
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_ConstantLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "ConstantLR",
      "config": {
        "factor": 0.5,
        "total_iters": 4
      },
      "base_lr": 0.05
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_LinearLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "LinearLR",
      "config": {
        "start_factor": 0.1,
        "end_factor": 1,
        "total_iters": 1000
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_ExponentialLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "ExponentialLR",
      "config": {
        "gamma": 0.95
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_PolynomialLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "PolynomialLR",
      "config": {
        "total_iters": 1000,
        "power": 2
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_CosineAnnealingLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "CosineAnnealingLR",
      "config": {
        "T_max": 10000,
        "eta_min": 0.00001
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_CosineAnnealingWarmRestarts": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "CosineAnnealingWarmRestarts",
      "config": {
        "T_0": 1000,
        "T_mult": 2,
        "eta_min": 0.00001
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_CyclicLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "CyclicLR",
      "config": {
        "base_lr": 0.001,
        "max_lr": 0.1,
        "step_size_up": 2000,
        "step_size_down": null,
        "mode": "triangular2",
        "gamma": 1,
        "scale_fn": null,
        "scale_mode": "cycle",
        "cycle_momentum": true,
        "base_momentum": 0.8,
        "max_momentum": 0.9
      },
      "base_lr": 0.001
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_OneCycleLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "OneCycleLR",
      "config": {
        "max_lr": 0.1,
        "total_steps": 10000,
        "epochs": null,
        "steps_per_epoch": null,
        "pct_start": 0.3,
        "anneal_strategy": "cos",
        "cycle_momentum": true,
        "base_momentum": 0.85,
        "max_momentum": 0.95,
        "div_factor": 25,
        "final_div_factor": 10000,
        "three_phase": false
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_SequentialLR": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "SequentialLR",
      "config": {
        "schedulers": [
          {
            "class_name": "LinearLR",
            "config": {
              "start_factor": 0.01,
              "end_factor": 1,
              "total_iters": 500
            }
          },
          {
            "class_name": "CosineAnnealingLR",
            "config": {
              "T_max": 9500,
              "eta_min": 0
            }
          }
        ],
        "milestones": [
          500
        ]
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule torch_ChainedScheduler": {
    "schedule": {
      "module": "torch.optim.lr_scheduler",
      "class_name": "ChainedScheduler",
      "config": {
        "schedulers": [
          {
            "class_name": "ConstantLR",
            "config": {
              "factor": 0.1,
              "total_iters": 100
            }
          },
          {
            "class_name": "ExponentialLR",
            "config": {
              "gamma": 0.999
            }
          }
        ]
      },
      "base_lr": 0.1
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_linear": {
    "schedule": {
      "module": "transformers",
      "class_name": "linear",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_cosine": {
    "schedule": {
      "module": "transformers",
      "class_name": "cosine",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000,
        "num_cycles": 0.5
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_cosine_with_restarts": {
    "schedule": {
      "module": "transformers",
      "class_name": "cosine_with_restarts",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000,
        "num_cycles": 3
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_polynomial": {
    "schedule": {
      "module": "transformers",
      "class_name": "polynomial",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000,
        "lr_end": 1e-7,
        "power": 2
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_constant": {
    "schedule": {
      "module": "transformers",
      "class_name": "constant",
      "config": {
        "num_warmup_steps": null,
        "num_training_steps": null
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_constant_with_warmup": {
    "schedule": {
      "module": "transformers",
      "class_name": "constant_with_warmup",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": null
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_inverse_sqrt": {
    "schedule": {
      "module": "transformers",
      "class_name": "inverse_sqrt",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": null,
        "timescale": null
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_cosine_with_min_lr": {
    "schedule": {
      "module": "transformers",
      "class_name": "cosine_with_min_lr",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000,
        "num_cycles": 0.5,
        "min_lr": 0.000001,
        "min_lr_rate": null
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_cosine_warmup_with_min_lr": {
    "schedule": {
      "module": "transformers",
      "class_name": "cosine_warmup_with_min_lr",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000,
        "num_cycles": 0.5,
        "min_lr": null,
        "min_lr_rate": 0.1,
        "warmup_lr_rate": null
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  },
  "normalizeSchedule hf_warmup_stable_decay": {
    "schedule": {
      "module": "transformers",
      "class_name": "warmup_stable_decay",
      "config": {
        "num_warmup_steps": 500,
        "num_training_steps": 10000,
        "num_decay_steps": 2000,
        "num_stable_steps": null,
        "warmup_type": "linear",
        "decay_type": "cosine",
        "min_lr_ratio": 0.1,
        "num_cycles": 0.5
      },
      "base_lr": 0.00005
    },
    "dtype": "float64"
  }
};
export const ERROR_ANSWERS: Record<string, unknown> = {
  "computeLearningRate 400 invalidSchedule": {
    "type": "/problems/400",
    "title": "Bad Request",
    "status": 400,
    "detail": "invalid schedule: /schedule/config/decay_steps: Argument `decay_steps` must be > 0. Received: decay_steps=-5",
    "instance": "example-request-id",
    "errors": [
      {
        "path": "/schedule/config/decay_steps",
        "message": "Argument `decay_steps` must be > 0. Received: decay_steps=-5"
      }
    ]
  },
  "computeLearningRate 415 notJson": {
    "type": "/problems/415",
    "title": "Unsupported Media Type",
    "status": 415,
    "detail": "Unsupported Media Type",
    "instance": "example-request-id"
  },
  "computeLearningRates 400 stepsAndRange": {
    "type": "/problems/400",
    "title": "Bad Request",
    "status": 400,
    "detail": "give exactly one of `steps` and `range`: exactly one of `steps` and `range` is required",
    "instance": "example-request-id",
    "errors": [
      {
        "path": "",
        "message": "exactly one of `steps` and `range` is required"
      }
    ]
  },
  "computeLearningRates 406 unknownFormat": {
    "type": "/problems/406",
    "title": "Not Acceptable",
    "status": 406,
    "detail": "cannot answer in image/png; available: application/json, text/csv, application/octet-stream, image/svg+xml",
    "instance": "example-request-id"
  },
  "computeLearningRates 422 tooManySteps": {
    "type": "/problems/422",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "2000000 steps asked for; this service answers at most 1000000 per request",
    "instance": "example-request-id",
    "errors": [
      {
        "path": "/range",
        "message": "asks for 2000000 steps, more than the maximum of 1000000"
      }
    ]
  },
  "computeLearningRates 503 rangesBusy": {
    "type": "/problems/503",
    "title": "Service Unavailable",
    "status": 503,
    "detail": "2 range answers in progress and 0 waiting, the most this instance takes; retry later",
    "instance": "example-request-id"
  },
  "normalizeSchedule 400 unknownClass": {
    "type": "/problems/400",
    "title": "Bad Request",
    "status": 400,
    "detail": "invalid schedule: /schedule/class_name: unknown schedule class \"NoSuchDecay\"; known schedules: ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts",
    "instance": "example-request-id",
    "errors": [
      {
        "path": "/schedule/class_name",
        "message": "unknown schedule class \"NoSuchDecay\"; known schedules: ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts"
      }
    ]
  },
  "getSchedule 404 unknownClass": {
    "type": "/problems/404",
    "title": "Not Found",
    "status": 404,
    "detail": "unknown schedule class \"NoSuchDecay\"; known: ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, SequentialLR, ChainedScheduler, linear, cosine, cosine_with_restarts, polynomial, constant, constant_with_warmup, inverse_sqrt, cosine_with_min_lr, cosine_warmup_with_min_lr, warmup_stable_decay",
    "instance": "example-request-id"
  },
  "* 401 noKey": {
    "type": "/problems/401",
    "title": "Unauthorized",
    "status": 401,
    "detail": "this route needs `Authorization: Bearer <API key>`",
    "instance": "example-request-id"
  },
  "* 429 rateLimited": {
    "type": "/problems/429",
    "title": "Too Many Requests",
    "status": 429,
    "detail": "more than 100 requests in 60000 ms from this client; retry in 1 minute",
    "instance": "example-request-id"
  }
};
// END GENERATED ANSWERS

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
