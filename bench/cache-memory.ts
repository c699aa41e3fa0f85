/**
 * Memory under hostile clients (issue 17): starts a real server process with the default configuration, sends it
 * 1,000 distinct schedules of about 1 MB each, and reports the process's peak and final RSS (target: peak under
 * 512 MB), while a repeat caller sends the same small schedule in between and must still hit the cache (the
 * lr_schedule_cache_total counter of /metrics, and its latency against fresh small schedules).
 *
 * Three attacks, 1,000 requests each:
 * - `long-name`: an ExponentialDecay whose `name` is ~1 MB (the issue's probe; now a 400 naming the field);
 * - `accepted`: a whole Adam optimizer whose config carries ~1 MB of extra settings beside its schedule — accepted
 *   (an optimizer's other settings are not the service's to check), parsed, and too heavy to cache;
 * - `accepted and cached`: the same with ~0.45 MB, under 1/64 of the budget, so the cache takes each one and must
 *   evict to stay within SCHEDULE_CACHE_BYTES.
 *
 *   npx tsx bench/cache-memory.ts              # the server as `node --import tsx src/server.ts`
 *   npm run build && npx tsx bench/cache-memory.ts --dist      # as `node dist/server.js`
 *   npx tsx bench/cache-memory.ts --count-only # SCHEDULE_CACHE_BYTES=16 GiB: only the count bound, as before issue 17
 *   node --expose-gc --import tsx bench/cache-memory.ts --weigh  # the cache's byte estimate against real heap growth
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ScheduleRegistry } from '../src/engine/index.js';
import { createSchedules } from '../src/cache/schedules.js';

const root = new URL('../', import.meta.url);
const args = new Set(process.argv.slice(2));
const MB = 1024 * 1024;
const COUNT = Number(process.env['ATTACK_COUNT'] ?? 1000);
const CONCURRENCY = 4;

const small = { module: 'keras.optimizers.schedules', class_name: 'CosineDecay', config: { initial_learning_rate: 0.0, decay_steps: 10000, alpha: 0.01, name: 'CosineDecay', warmup_target: 0.001, warmup_steps: 1000 }, registered_name: null };
/** A small schedule that costs something to parse: 200 boundaries. */
const repeated = { class_name: 'PiecewiseConstantDecay', config: { boundaries: Array.from({ length: 200 }, (_, i) => (i + 1) * 100), values: Array.from({ length: 201 }, (_, i) => 0.1 / (i + 1)) } };
const freshSmall = (i: number) => ({ ...repeated, config: { ...repeated.config, boundaries: repeated.config.boundaries.map((b) => b + i + 1) } });

function longName(i: number): unknown {
  return { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, name: `${i}-${'n'.repeat(1_000_000)}` } };
}

/** A whole Adam optimizer whose config carries `settings` extra settings of 990 characters (each under the 1,024 limit). */
function optimizerWithSettings(i: number, settings: number): unknown {
  const extra = Object.fromEntries(Array.from({ length: settings }, (_, k) => [`setting_${k}`, `${i}-${'v'.repeat(990)}`]));
  return { module: 'keras.optimizers', class_name: 'Adam', config: { ...extra, learning_rate: { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10 + i, decay_rate: 0.5 } } } };
}

/** ~1 MB: accepted, and over 1/64 of the default budget, so never cached. */
const acceptedLarge = (i: number) => optimizerWithSettings(i, 1000);
/** ~0.45 MB: accepted and light enough that the cache takes every one: the worst case for its memory. */
const acceptedCacheable = (i: number) => optimizerWithSettings(i, 450);

// ---------------------------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

async function metric(base: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? Number.NaN);
}

async function post(base: string, schedule: unknown): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/v1/learning-rate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ schedule, step: 1500 }) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function attack(base: string, pid: number, name: string, make: (i: number) => unknown): Promise<void> {
  const statuses = new Map<number, number>();
  const repeatMs: number[] = [];
  const freshMs: number[] = [];
  const hitsBefore = await metric(base, /lr_schedule_cache_total\{result="hit"\} (\d+)/);
  let peakSeen = 0;
  const sampler = setInterval(() => {
    peakSeen = Math.max(peakSeen, memoryOf(pid).rss);
  }, 20);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const { status } = await post(base, make(i));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (i % 10 === 0) {
          repeatMs.push((await post(base, repeated)).ms);
          freshMs.push((await post(base, freshSmall(i + (name.length << 16)))).ms);
        }
      }
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const hits = (await metric(base, /lr_schedule_cache_total\{result="hit"\} (\d+)/)) - hitsBefore;
  const entries = await metric(base, /lr_schedule_cache_entries (\d+)/);
  const bytes = await metric(base, /lr_schedule_cache_bytes (\d+)/);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const { rss } = memoryOf(pid);
  process.stdout.write(
    `${name}: ${COUNT} requests in ${seconds.toFixed(1)} s, answered ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}\n` +
      `  RSS peak during the attack ${mb(peakSeen)}, 2 s after ${mb(rss)}; cache ${entries} entries, ${mb(bytes)} estimated\n` +
      `  repeat caller: ${repeatMs.length} requests, cache hits counted ${hits}; median ${median(repeatMs).toFixed(2)} ms, ` +
      `fresh small schedules ${median(freshMs).toFixed(2)} ms\n`,
  );
}

async function serve(): Promise<void> {
  const port = await freePort();
  const dist = args.has('--dist');
  if (dist && !existsSync(new URL('dist/server.js', root))) throw new Error('run npm run build first');
  const command = dist ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts'];
  const env = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', LOG_REQUESTS: 'none', ...(args.has('--count-only') ? { SCHEDULE_CACHE_BYTES: String(16 * 1024 * MB) } : {}) };
  const child = spawn(process.execPath, command, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        if (tries > 200) throw new Error('the server did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = child.pid as number;
    for (let i = 0; i < 200; i++) await post(base, i % 2 === 0 ? small : repeated);
    const start = memoryOf(pid);
    process.stdout.write(
      `server: node ${command.join(' ')} (pid ${pid}), SCHEDULE_CACHE_BYTES=${env.SCHEDULE_CACHE_BYTES ?? 'default (32 MiB)'}, SCHEDULE_CACHE_SIZE default (1000)\n` +
        `after start-up and 200 small requests: RSS ${mb(start.rss)}\n`,
    );
    await attack(base, pid, 'long-name (~1 MB)', longName);
    await attack(base, pid, 'accepted (~1 MB)', acceptedLarge);
    await attack(base, pid, 'accepted and cached (~0.45 MB)', acceptedCacheable);
    const end = memoryOf(pid);
    process.stdout.write(`process peak RSS (VmHWM) ${mb(end.peak)}, final RSS ${mb(end.rss)} (target: peak under 512 MB)\n`);
  } finally {
    child.kill('SIGTERM');
  }
}

/** The cache's estimate of each entry's bytes against the heap growth it really causes, per kind of schedule. */
function weigh(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc --import tsx bench/cache-memory.ts --weigh');
  const kinds: [string, number, (i: number) => unknown][] = [
    ['CosineDecay', 2000, (i) => ({ ...small, config: { ...small.config, decay_steps: 10000 + i } })],
    ['PiecewiseConstantDecay, 100 boundaries', 2000, (i) => ({ class_name: 'PiecewiseConstantDecay', config: { boundaries: Array.from({ length: 100 }, (_, k) => (k + 1) * 100 + i), values: Array.from({ length: 101 }, (_, k) => 0.1 / (k + 1)) } })],
    ['PiecewiseConstantDecay, 10,000 boundaries', 40, (i) => ({ class_name: 'PiecewiseConstantDecay', config: { boundaries: Array.from({ length: 10000 }, (_, k) => (k + 1) * 100 + i), values: Array.from({ length: 10001 }, (_, k) => 0.1 / (k + 1)) } })],
    ['Adam with ~1 MB of settings', 40, acceptedLarge],
    ['Adam with ~0.45 MB of settings', 40, acceptedCacheable],
  ];
  for (const [kind, count, make] of kinds) {
    const inputs = Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(make(i))) as unknown);
    const service = createSchedules(new ScheduleRegistry(), 1_000_000, Number.MAX_SAFE_INTEGER);
    const warm = createSchedules(new ScheduleRegistry(), 10, Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < 3; i++) void warm.load(make(1e6 + i), undefined).canonicalJson;
    for (let g = 0; g < 6; g++) gc();
    const before = process.memoryUsage().heapUsed;
    // canonicalJson too: normalize writes it into the entry, so the estimate counts it.
    for (const input of inputs) void service.load(input, undefined).canonicalJson;
    for (let g = 0; g < 6; g++) gc();
    const real = (process.memoryUsage().heapUsed - before) / count;
    const estimate = service.stats().bytes / count;
    process.stdout.write(`${kind.padEnd(42)} real ${Math.round(real).toLocaleString('en')} B/entry, estimate ${Math.round(estimate).toLocaleString('en')} B/entry (${(estimate / real).toFixed(2)}×)\n`);
  }
}

if (args.has('--weigh')) weigh();
else await serve();
