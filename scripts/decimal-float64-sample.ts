/**
 * Random check of writeFloat64 (src/numbers/decimal) against String(x):
 * N uniform random bit patterns (positive finite doubles, both signs written),
 * N doubles uniform in [1e-12, 10], and the edge cases (every power of two
 * and of ten with 16 neighbours each side, the first and last 2^20
 * subnormals, the largest 2^20 doubles, the 1e-6/1e-7 and 1e21 thresholds
 * with 2^16 neighbours each side, integers around 2^53, exact halfway ties).
 *
 *   npx tsx scripts/decimal-float64-sample.ts [--count 50000000] [--workers 2]
 *
 * (--count per kind: the default checks 2 x 50 million random values plus the edge cases.)
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeFloat64 } from '../src/numbers/decimal/index.js';

const WORKER_BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;

interface Result {
  checked: number;
  mismatches: number;
  first: string[];
}

const buffer = new Uint8Array(64);
const f64 = new Float64Array(1);
const words = new Uint32Array(f64.buffer);
const HIGH = ((f64[0] = 1), words[1] === 0x3ff00000 ? 1 : 0);

function checkOne(x: number, result: Result): void {
  const end = writeFloat64(buffer, 0, x);
  const expected = String(x);
  let same = expected.length === end;
  for (let i = 0; same && i < end; i++) same = expected.charCodeAt(i) === buffer[i];
  result.checked++;
  if (!same) {
    result.mismatches++;
    if (result.first.length < 50) result.first.push(`${expected}: wrote ${Buffer.from(buffer.subarray(0, end)).toString('latin1')}`);
  }
}

/** Checks x and -x, and the `spread` doubles on each side of x (positive finite ones). */
function around(x: number, spread: number, result: Result): void {
  f64[0] = x;
  const high = words[HIGH] as number;
  const low = words[1 - HIGH] as number;
  for (let d = -spread; d <= spread; d++) {
    let l = low + d;
    let h = high;
    if (l < 0) {
      l += 2 ** 32;
      h--;
    } else if (l >= 2 ** 32) {
      l -= 2 ** 32;
      h++;
    }
    if (h < 0 || h >= 0x7ff00000) continue;
    words[HIGH] = h;
    words[1 - HIGH] = l;
    const y = f64[0] as number;
    checkOne(y, result);
    checkOne(-y, result);
  }
}

function edgeCases(result: Result): void {
  for (let e = -1074; e <= 1023; e++) around(2 ** e, 16, result);
  for (let e = -323; e <= 308; e++) around(Number(`1e${e}`), 16, result);
  for (const threshold of [1e-6, 1e-7, 1e21]) around(threshold, 1 << 16, result);
  around(2 ** -1074 * 2 ** 19, 1 << 19, result); // the first 2^20 subnormals
  around(2 ** -1022, 1 << 19, result); // the last subnormals and the first normals
  around(Number.MAX_VALUE, 1 << 20, result); // the largest doubles (those above it are skipped)
  for (let i = -(1 << 16); i <= 1 << 16; i++) {
    checkOne(2 ** 53 + 2 * i, result);
    checkOne(2 ** 50 + i + 0.25, result); // halfway between two 17-digit decimals: ties to even
    checkOne(2 ** 51 + i + 0.5, result);
  }
}

function randoms(count: number, result: Result): void {
  for (let i = 0; i < count; i++) {
    words[1 - HIGH] = (Math.random() * 2 ** 32) >>> 0;
    words[HIGH] = (Math.random() * 0x7ff00000) >>> 0;
    const x = f64[0] as number;
    checkOne(Math.random() < 0.5 ? x : -x, result);
    checkOne(1e-12 + Math.random() * (10 - 1e-12), result);
  }
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  return value === undefined ? fallback : Number(value);
}

if (isMainThread) {
  const count = argument('--count', 50_000_000);
  const workers = argument('--workers', 2);
  const started = Date.now();
  const results = await Promise.all(
    Array.from(
      { length: workers },
      (_, index) =>
        new Promise<Result>((resolve, reject) => {
          const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { count: Math.ceil(count / workers), edges: index === 0 } });
          worker.on('message', resolve);
          worker.on('error', reject);
        }),
    ),
  );
  const checked = results.reduce((sum, r) => sum + r.checked, 0);
  const mismatches = results.reduce((sum, r) => sum + r.mismatches, 0);
  for (const r of results) for (const line of r.first) console.log(line);
  console.log(`float64: ${checked} values checked against String(x) (${count} random bit patterns, ${count} uniform in [1e-12, 10], edge cases) with ${workers} workers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`mismatches: ${mismatches}`);
  process.exitCode = mismatches === 0 ? 0 : 1;
} else {
  const { count, edges } = workerData as { count: number; edges: boolean };
  const result: Result = { checked: 0, mismatches: 0, first: [] };
  if (edges) edgeCases(result);
  randoms(count, result);
  parentPort?.postMessage(result);
}
