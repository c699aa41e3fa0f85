/**
 * Benchmark sections added for the ranges, operations and PyTorch issues, each measured beside its
 * baseline in the same run: the Python/numpy anchor, in-process range kernels and JSON writing,
 * head-of-line blocking of single steps behind big ranges, slow readers' memory, PyTorch schedules.
 */
import { execFileSync, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import autocannon from 'autocannon';
import { loadShallowSchedule, ScheduleRegistry } from '../src/engine/index.js';
import { jsonChunks, rangeSteps } from '../src/answers/encode.js';

export const RANGE_SCHEDULES: Record<string, unknown> = {
  ExponentialDecay: { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10000, decay_rate: 0.96 } },
  PiecewiseConstantDecay: { class_name: 'PiecewiseConstantDecay', config: { boundaries: [100000, 500000, 900000], values: [0.1, 0.05, 0.01, 0.001] } },
  PolynomialDecay: { class_name: 'PolynomialDecay', config: { initial_learning_rate: 0.1, decay_steps: 1000000, power: 2.0 } },
  InverseTimeDecay: { class_name: 'InverseTimeDecay', config: { initial_learning_rate: 0.1, decay_steps: 1000, decay_rate: 0.5 } },
  CosineDecay: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.0, decay_steps: 10000, alpha: 0.01, warmup_target: 0.001, warmup_steps: 1000 } },
  CosineDecayRestarts: { class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 0.1, first_decay_steps: 1000 } },
};

const best = (times: number[]) => Math.min(...times);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;

export interface AnchorRow {
  readonly name: string;
  readonly numpyCompute: number;
  readonly numpyJson: number;
  readonly compute: number;
  readonly json: number;
}

/** numpy + orjson in process (bench/numpy_anchor.py) beside our kernels and JSON writer in process, best of `repeats`. */
export function anchorRows(repeats: number): { rows: AnchorRow[]; versions: string } {
  const output = execFileSync('python3', ['bench/numpy_anchor.py', String(repeats)], { encoding: 'utf8' });
  const anchor = JSON.parse(output) as { numpy: string; orjson: string; schedules: Record<string, { compute: number; json: number }> };
  const registry = new ScheduleRegistry();
  const rows = Object.entries(RANGE_SCHEDULES).map(([name, document]) => {
    const { schedule } = loadShallowSchedule(document, registry);
    const compute: number[] = [];
    const json: number[] = [];
    for (let i = 0; i < repeats; i++) {
      // A fresh schedule each time: the kernels' memos must not carry over between runs.
      const fresh = loadShallowSchedule(document, registry).schedule;
      let started = performance.now();
      const rates = fresh.atRange(0, 1, fresh.allocate(1_000_000));
      compute.push(performance.now() - started);
      const again = loadShallowSchedule(document, registry).schedule;
      started = performance.now();
      const all = again.atRange(0, 1, again.allocate(1_000_000));
      let bytes = 0;
      for (const chunk of jsonChunks(again.dtype, rangeSteps(0, 1_000_000, 1, 1_000_000), { rates: all, momentum: undefined })) bytes += chunk.byteLength;
      json.push(performance.now() - started);
      if (bytes === 0 || rates.length !== 1_000_000) throw new Error('nothing written');
    }
    const numpy = anchor.schedules[name] as { compute: number; json: number };
    void schedule;
    return { name, numpyCompute: numpy.compute, numpyJson: numpy.json, compute: best(compute), json: best(json) };
  });
  return { rows, versions: `numpy ${anchor.numpy}, orjson ${anchor.orjson}` };
}

/** Single-step p99 (ms) under autocannon for `seconds`, while `clients` loops each fetch 1M-step JSON ranges. */
async function p99WithRangeLoops(url: string, clients: number, seconds: number): Promise<{ p99: number; ranges: number }> {
  let running = true;
  let ranges = 0;
  const body = JSON.stringify({ schedule: RANGE_SCHEDULES['CosineDecayRestarts'], range: { start: 0, stop: 1_000_000 } });
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const response = await fetch(`${url}/v1/learning-rates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.arrayBuffer();
      ranges++;
    }
  });
  const single = JSON.stringify({ schedule: RANGE_SCHEDULES['CosineDecay'], step: 1500 });
  const result = await autocannon({ url: `${url}/v1/learning-rate`, method: 'POST', headers: { 'content-type': 'application/json' }, body: single, connections: 4, duration: seconds });
  running = false;
  await Promise.all(loops);
  return { p99: result.latency.p99, ranges };
}

export interface HeadOfLineRow {
  readonly clients: number;
  readonly p99: number;
  readonly ranges: number;
}

/** The head-of-line table: single-step p99 idle and with 1, 2, 4 clients looping on 1M-step JSON ranges. */
export async function headOfLine(url: string, seconds: number): Promise<HeadOfLineRow[]> {
  const rows: HeadOfLineRow[] = [];
  for (const clients of [0, 1, 2, 4]) rows.push({ clients, ...(await p99WithRangeLoops(url, clients, seconds)) });
  return rows;
}

/** Peak RSS (from the caller's sampler) while `count` clients each hold a 1M-step JSON answer and read it slowly. */
export async function slowReaders(url: string, count: number, sample: () => void): Promise<void> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ schedule: RANGE_SCHEDULES['CosineDecayRestarts'], range: { start: 0, stop: 1_000_000 } });
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = httpRequest({ host: hostname, port, path: '/v1/learning-rates', method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
            // About 4 MB/s each: a slow reader on a real network.
            response.on('data', () => {
              response.pause();
              sample();
              setTimeout(() => response.resume(), 15);
            });
            response.on('end', resolve);
          });
          req.on('error', reject);
          req.end(body);
        }),
    ),
  );
}

export interface TorchRow {
  readonly name: string;
  readonly range: number;
}

export const TORCH_SCHEDULES: Record<string, unknown> = Object.fromEntries(
  (
    [
      ['StepLR', { step_size: 30000, gamma: 0.1 }],
      ['MultiStepLR', { milestones: [300000, 600000, 900000], gamma: 0.1 }],
      ['ConstantLR', { factor: 0.5, total_iters: 1000 }],
      ['LinearLR', { start_factor: 0.1, total_iters: 100000 }],
      ['ExponentialLR', { gamma: 0.999999 }],
      ['PolynomialLR', { total_iters: 1000000, power: 2.0 }],
      ['CosineAnnealingLR', { T_max: 1000000 }],
      ['CosineAnnealingWarmRestarts', { T_0: 1000, T_mult: 2 }],
      ['CyclicLR', { base_lr: 0.001, max_lr: 0.1, step_size_up: 2000 }],
      ['OneCycleLR', { max_lr: 0.1, total_steps: 1000000 }],
      ['SequentialLR', { schedulers: [{ class_name: 'LinearLR', config: { start_factor: 0.1, total_iters: 1000 } }, { class_name: 'CosineAnnealingLR', config: { T_max: 999000 } }], milestones: [1000] }],
      ['ChainedScheduler', { schedulers: [{ class_name: 'ConstantLR', config: { factor: 0.5, total_iters: 1000 } }, { class_name: 'ExponentialLR', config: { gamma: 0.999999 } }] }],
    ] as const
  ).map(([name, config]) => [name, { module: 'torch.optim.lr_scheduler', class_name: name, config, base_lr: 0.1 }]),
);

/** A 1M-step range of each torch class in process (a fresh schedule each time: no checkpoints carried over). */
export function torchRanges(repeats: number): TorchRow[] {
  const registry = new ScheduleRegistry();
  return Object.entries(TORCH_SCHEDULES).map(([name, document]) => {
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const { schedule } = loadShallowSchedule(document, registry);
      const started = performance.now();
      schedule.atRange(0, 1, schedule.allocate(1_000_000));
      times.push(performance.now() - started);
    }
    return { name, range: best(times) };
  });
}

/** The same 1M-step range of Keras's ExponentialDecay, in process, for the torch rows' ratio. */
export function kerasExponentialRange(repeats: number): number {
  const registry = new ScheduleRegistry();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const { schedule } = loadShallowSchedule(RANGE_SCHEDULES['ExponentialDecay'], registry);
    const started = performance.now();
    schedule.atRange(0, 1, schedule.allocate(1_000_000));
    times.push(performance.now() - started);
  }
  return best(times);
}

/** Round-trip ms of single steps at 1,000,000 of CosineAnnealingLR: the first (stepping the recursion) and the median of repeats. */
export async function torchSingleStep(url: string, repeats: number): Promise<{ first: number; repeat: number; keras: number }> {
  const time = async (schedule: unknown, step: number) => {
    const started = performance.now();
    const response = await fetch(`${url}/v1/learning-rate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ schedule, step }) });
    await response.text();
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    return performance.now() - started;
  };
  const cosine = { module: 'torch.optim.lr_scheduler', class_name: 'CosineAnnealingLR', config: { T_max: 2_000_000 }, base_lr: 0.1 };
  const first = await time(cosine, 1_000_000);
  const repeat: number[] = [];
  const keras: number[] = [];
  for (let i = 0; i < repeats; i++) {
    repeat.push(await time(cosine, 1_000_000 - (i % 2)));
    keras.push(await time(RANGE_SCHEDULES['ExponentialDecay'], 1_000_000 - (i % 2)));
  }
  return { first, repeat: percentile(repeat, 0.5), keras: percentile(keras, 0.5) };
}

export interface SoakSlice {
  /** Requests answered so far, at the end of this slice. */
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** The service's resident memory at the end of the slice (MB). */
  readonly rss: number;
}

/**
 * `total` single-step requests in `slices` back-to-back autocannon runs (each step different, so each request
 * computes; the schedule stays cached, as a trainer's does), with p99 and the service's RSS after every slice:
 * a leak or a slowdown shows as a trend down the table.
 */
export async function soak(url: string, schedule: unknown, total: number, slices: number, rssOf: () => number): Promise<SoakSlice[]> {
  const rows: SoakSlice[] = [];
  let step = 0;
  for (let slice = 0; slice < slices; slice++) {
    const result = await autocannon({
      url: `${url}/v1/learning-rate`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: 50,
      pipelining: 1,
      amount: Math.round(total / slices),
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ schedule, step: (step = (step + 1) % 1_000_000) }) }) }],
    });
    rows.push({
      requests: (rows.at(-1)?.requests ?? 0) + result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      rss: rssOf(),
    });
  }
  return rows;
}

export interface StartupRow {
  readonly command: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** A bare Fastify app with one route, started the same way: what any Node HTTP service pays to start. */
const BARE_FASTIFY =
  "import('fastify').then(async ({ default: Fastify }) => { const app = Fastify(); app.get('/health', async () => ({ status: 'ok' })); await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }); })";

/** Milliseconds from spawning `command` until GET /health answers 200 (polled every 5 ms), then SIGKILL. */
async function timeToHealth(command: readonly string[], port: number): Promise<number> {
  const started = performance.now();
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.ok, () => false);
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGKILL'); // the group: npm's child node too
    await exited;
  }
}

/**
 * Start-up to a healthy `/health` on a built checkout: `npm start`, `node dist/server.js` (what the container
 * runs), and a bare Fastify app as the baseline, interleaved `rounds` times. Builds `dist/` first if needed,
 * so no round includes compiling.
 */
export async function startupTimes(rounds: number, port = 3990): Promise<StartupRow[]> {
  execFileSync(process.execPath, ['scripts/start.js', '--build-only'], { stdio: 'inherit' });
  const commands: Record<string, readonly string[]> = {
    'npm start': ['npm', 'start', '--silent'],
    'node dist/server.js': [process.execPath, 'dist/server.js'],
    'bare Fastify app (baseline)': [process.execPath, '-e', BARE_FASTIFY],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, command] of Object.entries(commands)) times[name]?.push(await timeToHealth(command, port));
  }
  return Object.entries(times).map(([command, values]) => ({ command, median: percentile(values, 0.5), min: Math.min(...values), max: Math.max(...values) }));
}
