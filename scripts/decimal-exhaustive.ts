/**
 * Exhaustive check of writeFloat32 (src/numbers/decimal) against the writer it
 * replaces, over every positive finite float32 bit pattern (0x00000000 ..
 * 0x7f7fffff: +0 and the 2^31 - 2^23 - 1 positive finite values).
 *
 *   npx tsx scripts/decimal-exhaustive.ts [--workers 2] [--from 0x0] [--to 0x7f800000] [--sample 2000000]
 *
 * - Near range (1e-13 <= x < 1e21) and every power of two: the bytes written by
 *   AsciiWriter#float32 itself and by writeFloat32 must be identical (values go
 *   through both in blocks of 4096, comma separated, compared as bytes).
 * - Far range, other values: there AsciiWriter writes String(v), v the first of
 *   Number(x.toPrecision(d)), d = 1, 2, ..., 9, that reads back to x through a
 *   double (shortestFloat32BySearch); about 9 toPrecision calls per value, too
 *   slow for 1.2 billion values on two cores. The check is instead: with d the
 *   number of significant digits writeFloat32 wrote, its bytes equal
 *   x.toPrecision(d) (which is then also String(Number(x.toPrecision(d)))),
 *   that reads back to x, and
 *   x.toPrecision(d - 1) does not. That is the same as the search because, x
 *   not being a power of two, the decimals that read back to x form an
 *   interval symmetric about x (the float32 rounding interval moved by half a
 *   double ulp at both ends), so if the nearest (d-1)-digit decimal is outside
 *   it so are all shorter nearest decimals. --sample N far values per worker
 *   (random) are also checked against AsciiWriter itself, to confirm.
 *
 * Prints the time taken, the number of mismatches (and the first ones found),
 * and how many values writeFloat32 deferred to its exact fallback search.
 * Negative values are the same bytes behind a '-', which the tap test checks.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { shortestFloat32 } from '../src/engine/index.js';
import { AsciiWriter } from '../src/numbers/ascii-writer.js';
import { writeFloat32, float32Deferred } from '../src/numbers/decimal/index.js';

const BLOCK = 4096;
const COMMA = 44;

interface Range {
  from: number;
  to: number;
}

interface Result {
  checked: number;
  mismatches: number;
  first: string[];
  deferred: number;
  referenceOverflows: number;
}

function isFar(x: number): boolean {
  return !(x >= 1e-13 && x < 1e21);
}

function isPowerOfTwo(bits: number): boolean {
  const fraction = bits & 0x7fffff;
  return fraction === 0 || (bits >>> 23 === 0 && (fraction & (fraction - 1)) === 0);
}

/** The far-range check described above; returns the expected text on a mismatch, else undefined. */
function checkFar(x: number, mine: Uint8Array, from: number, to: number): string | undefined {
  let digits = 0;
  for (let i = from; i < to && mine[i] !== 101; i++) if ((mine[i] as number) >= 48 && (mine[i] as number) <= 57) digits++;
  // In the far range toPrecision(digits) prints exponent form, as String does, and writeFloat32 wrote no
  // trailing zeros, so the strings are the same when String(Number(expected)) is.
  const expected = x.toPrecision(digits);
  let same = expected.length === to - from && Math.fround(Number(expected)) === x;
  for (let i = 0; same && i < expected.length; i++) same = expected.charCodeAt(i) === mine[from + i];
  if (same && digits > 1 && Math.fround(Number(x.toPrecision(digits - 1))) === x) same = false;
  return same ? undefined : `${expected} or shorter`;
}

function check({ from, to }: Range, progress: (done: number) => void): Result {
  const writer = new AsciiWriter(BLOCK * 16);
  const mine = new Uint8Array(BLOCK * 32); // up to 22 bytes a value and a comma
  const single = new Uint8Array(64);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const result: Result = { checked: 0, mismatches: 0, first: [], deferred: 0, referenceOverflows: 0 };
  const mismatch = (bits: number, expected: string, got: string) => {
    result.mismatches++;
    if (result.first.length < 50) result.first.push(`0x${bits.toString(16).padStart(8, '0')}: expected ${expected}, wrote ${got}`);
  };
  let lastReport = from;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(to, start + BLOCK);
    let offset = 0;
    const literal: number[] = [];
    for (let bits = start; bits < end; bits++) {
      u32[0] = bits;
      const x = f32[0] as number;
      if (isFar(x) && !isPowerOfTwo(bits)) {
        const written = writeFloat32(single, 0, x);
        const expected = checkFar(x, single, 0, written);
        if (expected !== undefined) mismatch(bits, expected, Buffer.from(single.subarray(0, written)).toString('latin1'));
        continue;
      }
      literal.push(bits);
      writer.float32(x);
      writer.byte(COMMA);
      offset = writeFloat32(mine, offset, x);
      mine[offset++] = COMMA;
    }
    const theirs = writer.take();
    result.checked += end - start;
    if (theirs.length !== offset || Buffer.compare(theirs, mine.subarray(0, offset)) !== 0) {
      const expected = theirs.toString('latin1').split(',');
      const got = Buffer.from(mine.subarray(0, offset)).toString('latin1').split(',');
      literal.forEach((bits, i) => {
        if (expected[i] === got[i]) return;
        // AsciiWriter#float32 reserves count + 10 bytes, too few for 1e16 and up with many trailing zeros: past
        // the end of its buffer it drops bytes. Where that happened, String(shortestFloat32(x)) is the reference.
        u32[0] = bits;
        if (got[i] === String(shortestFloat32(f32[0] as number))) result.referenceOverflows++;
        else mismatch(bits, expected[i] ?? '', got[i] ?? '');
      });
    }
    if (start - lastReport >= 1 << 22) {
      progress(start - lastReport);
      lastReport = start;
    }
  }
  progress(to - lastReport);
  result.deferred = float32Deferred;
  return result;
}

/** Random far-range values checked against AsciiWriter itself. */
function sampleFar(count: number): Result {
  const writer = new AsciiWriter(64);
  const mine = new Uint8Array(64);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const result: Result = { checked: 0, mismatches: 0, first: [], deferred: 0, referenceOverflows: 0 };
  while (result.checked < count) {
    u32[0] = (Math.random() * 0x7f800000) >>> 0;
    const x = f32[0] as number;
    if (!isFar(x)) continue;
    writer.float32(x);
    const expected = writer.take().toString('latin1');
    const got = Buffer.from(mine.subarray(0, writeFloat32(mine, 0, x))).toString('latin1');
    result.checked++;
    if (expected !== got) {
      result.mismatches++;
      if (result.first.length < 50) result.first.push(`sample 0x${(u32[0] as number).toString(16)}: expected ${expected}, wrote ${got}`);
    }
  }
  return result;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  return value === undefined ? fallback : Number(value);
}

// Workers load this same file through tsx's API (a worker does not inherit tsx's loader on Node 20).
const WORKER_BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;

if (isMainThread) {
  const from = argument('--from', 0);
  const to = argument('--to', 0x7f800000);
  const workers = argument('--workers', Math.min(2, availableParallelism()));
  const sample = argument('--sample', 0);
  const started = Date.now();
  const total = to - from;
  let done = 0;
  let lastPrinted = 0;
  const parts: Promise<Result>[] = [];
  const sampled: Result[] = [];
  // Interleave slices so that every worker gets a mix of near- and far-range values.
  const slices: Range[][] = Array.from({ length: workers }, () => []);
  const slice = 1 << 22;
  let n = 0;
  for (let start = from; start < to; start += slice) slices[n++ % workers]?.push({ from: start, to: Math.min(to, start + slice) });
  for (const ranges of slices) {
    parts.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { ranges, sample } });
        worker.on('message', (message: { progress?: number; result?: Result; sample?: Result }) => {
          if (message.progress !== undefined) {
            done += message.progress;
            if (done - lastPrinted >= total / 50 || done === total) {
              lastPrinted = done;
              const seconds = (Date.now() - started) / 1000;
              console.log(`${((100 * done) / total).toFixed(1)}% (${done} values) in ${seconds.toFixed(0)} s`);
            }
          }
          if (message.result) resolve(message.result);
          if (message.sample) sampled.push(message.sample);
        });
        worker.on('error', reject);
      }),
    );
  }
  const results = await Promise.all(parts);
  const seconds = (Date.now() - started) / 1000;
  const checked = results.reduce((sum, r) => sum + r.checked, 0);
  const mismatches = results.reduce((sum, r) => sum + r.mismatches, 0);
  const deferred = results.reduce((sum, r) => sum + r.deferred, 0);
  for (const r of results) for (const line of r.first) console.log(line);
  console.log(`float32 bit patterns 0x${from.toString(16)}..0x${(to - 1).toString(16)}: ${checked} values checked with ${workers} workers in ${seconds.toFixed(1)} s`);
  const overflows = results.reduce((sum, r) => sum + r.referenceOverflows, 0);
  console.log(`mismatches: ${mismatches}; deferred to the fallback search: ${deferred}`);
  console.log(`values where AsciiWriter dropped bytes at the end of its buffer and writeFloat32 wrote String(shortestFloat32(x)): ${overflows}`);
  const sampleChecked = sampled.reduce((sum, r) => sum + r.checked, 0);
  const sampleMismatches = sampled.reduce((sum, r) => sum + r.mismatches, 0);
  for (const r of sampled) for (const line of r.first) console.log(line);
  if (sample > 0) console.log(`far-range sample against AsciiWriter itself: ${sampleChecked} values, ${sampleMismatches} mismatches (${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
  process.exitCode = mismatches === 0 && sampleMismatches === 0 && checked === total ? 0 : 1;
} else {
  const { ranges, sample } = workerData as { ranges: Range[]; sample: number };
  const total: Result = { checked: 0, mismatches: 0, first: [], deferred: 0, referenceOverflows: 0 };
  for (const range of ranges) {
    const r = check(range, (progress) => parentPort?.postMessage({ progress }));
    total.checked += r.checked;
    total.mismatches += r.mismatches;
    total.referenceOverflows += r.referenceOverflows;
    total.first.push(...r.first.slice(0, 50 - total.first.length));
  }
  total.deferred = float32Deferred;
  const sampleResult = sample > 0 ? sampleFar(sample) : undefined;
  parentPort?.postMessage({ sample: sampleResult, result: total });
}
