/**
 * Reading and checking the committed glibc fixture (test/fixtures/glibc-math/), shared by the
 * tests and by scripts/glibc-vectors/build-fixture.ts, which writes it.
 *
 * - hashes.json: per function, SHA-256 of each CHUNK results' bytes (8 per double, 4 per float,
 *   little-endian, NaN as the default quiet NaN) of the generator's argument stream.
 * - hints/<fn>.bin: raw-deflated zigzag varints of (glibc result - V8 Math.* result), in ulps of
 *   the ordered bit patterns. Only read when a chunk fails: expected = Math.* + hint recovers
 *   the glibc result of every vector, so the failure is reported with its argument. The hash of
 *   the decoded chunk is checked before use, so a change in V8's Math.* cannot mislead.
 * - explicit.txt: readable edge cases with their exact bits.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { fillChunk, SEED_BASE, SEEDS, Stream, spec } from './vectors.js';
import type { FnName, Spec } from './vectors.js';

export const FIXTURE_DIR = new URL('../../fixtures/glibc-math/', import.meta.url);
export const CHUNK = 10000;

export interface FixtureFn {
  count: number;
  chunks: string[];
}
export interface Fixture {
  description: string;
  chunk: number;
  seedBase: number;
  functions: Record<string, FixtureFn>;
}

export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(new URL('hashes.json', FIXTURE_DIR), 'utf8')) as Fixture;
}

const cf64 = new Float64Array(1);
const cf32 = new Float32Array(1);
const cu32 = new Uint32Array(cf32.buffer);
const cu64 = new BigUint64Array(cf64.buffer);

/** Canonical NaN bits in a results buffer (typed-array NaN writes may keep payloads). */
export function canonicalize(buf: Float64Array | Float32Array): void {
  if (buf instanceof Float64Array) {
    const u = new BigUint64Array(buf.buffer, buf.byteOffset, buf.length);
    for (let i = 0; i < buf.length; i++) if (Number.isNaN(buf[i] as number)) u[i] = 0x7ff8000000000000n;
  } else {
    const u = new Uint32Array(buf.buffer, buf.byteOffset, buf.length);
    for (let i = 0; i < buf.length; i++) if (Number.isNaN(buf[i] as number)) u[i] = 0x7fc00000;
  }
}

export function sha256(buf: Float64Array | Float32Array): string {
  return createHash('sha256').update(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)).digest('hex');
}

export type Impl = (...args: number[]) => number;

/** Runs fn over args (arity per vector) into out. */
export function evaluate(fn: Impl, arity: number, args: Float64Array, out: Float64Array | Float32Array, n: number): void {
  if (arity === 1) {
    for (let k = 0; k < n; k++) out[k] = fn(args[k] as number);
  } else if (arity === 2) {
    for (let k = 0; k < n; k++) out[k] = fn(args[2 * k] as number, args[2 * k + 1] as number);
  } else {
    for (let k = 0; k < n; k++) out[k] = fn(args[3 * k] as number, args[3 * k + 1] as number, args[3 * k + 2] as number);
  }
  canonicalize(out.subarray(0, n));
}

/** The V8 Math.* prediction the hints are relative to (absent for fma). */
export function predictor(name: FnName): Impl | undefined {
  const f = Math.fround;
  switch (name) {
    case 'exp': return Math.exp;
    case 'log': return Math.log;
    case 'pow': return Math.pow;
    case 'cos': return Math.cos;
    case 'sin': return Math.sin;
    case 'expf': return (x) => f(Math.exp(x));
    case 'logf': return (x) => f(Math.log(x));
    case 'powf': return (x, y) => f(Math.pow(x as number, y as number));
    default: return undefined;
  }
}

/** Sign-magnitude bits mapped to a monotonic integer (so ulp differences are differences). */
export function ordered(bits: bigint, width: 32 | 64): bigint {
  const signBit = 1n << BigInt(width - 1);
  return bits & signBit ? -(bits & (signBit - 1n)) : bits;
}
export function unordered(o: bigint, width: 32 | 64): bigint {
  const signBit = 1n << BigInt(width - 1);
  return o < 0n ? (-o) | signBit : o;
}
export function bitsOf(v: number, float32: boolean): bigint {
  if (float32) {
    cf32[0] = v;
    return Number.isNaN(v) ? 0x7fc00000n : BigInt(cu32[0] as number);
  }
  cf64[0] = v;
  return Number.isNaN(v) ? 0x7ff8000000000000n : (cu64[0] as bigint);
}
export function valueOf(bits: bigint, float32: boolean): number {
  if (float32) {
    cu32[0] = Number(bits);
    return cf32[0] as number;
  }
  cu64[0] = bits;
  return cf64[0] as number;
}

/** Decodes the hint stream of one function into per-vector deltas (BigInt ulps). */
export function readHints(name: FnName, count: number): bigint[] {
  const raw = inflateRawSync(readFileSync(new URL(`hints/${name}.bin`, FIXTURE_DIR)));
  const out: bigint[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const b = raw[p++] as number;
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) break;
    }
    out.push(v & 1n ? -((v + 1n) >> 1n) : v >> 1n); // zigzag
  }
  return out;
}

export interface ChunkFailure {
  chunk: number;
  message: string;
}

function describe(sp: Spec, args: Float64Array, k: number): string {
  const parts: string[] = [];
  for (let j = 0; j < sp.arity; j++) {
    const v = args[k * sp.arity + j] as number;
    parts.push(`${v} (0x${bitsOf(v, sp.float32).toString(16)})`);
  }
  return parts.join(', ');
}

/**
 * Explains a failed chunk: recomputes glibc's results of that chunk from Math.* plus the hints
 * (after checking them against the chunk hash) and names the first differing vector.
 */
export function explainChunk(sp: Spec, impl: Impl, fx: Fixture, chunk: number): string {
  const count = fx.functions[sp.name]?.count ?? 0;
  const start = chunk * fx.chunk;
  const n = Math.min(fx.chunk, count - start);
  const g = new Stream(fx.seedBase + SEEDS[sp.name]);
  const args = new Float64Array(fx.chunk * sp.arity);
  for (let c = 0; c <= chunk; c++) fillChunk(sp, g, c * fx.chunk, Math.min(fx.chunk, count - c * fx.chunk), args);
  const pred = predictor(sp.name);
  if (!pred) return `chunk ${chunk} (vectors ${start}..${start + n - 1}): no hints for ${sp.name}; first argument ${describe(sp, args, 0)}`;
  const hints = readHints(sp.name, count);
  const width = sp.float32 ? 32 : 64;
  const expected = sp.float32 ? new Float32Array(n) : new Float64Array(n);
  const predicted = sp.float32 ? new Float32Array(n) : new Float64Array(n);
  evaluate(pred, sp.arity, args, predicted, n);
  for (let k = 0; k < n; k++) {
    const o = ordered(bitsOf(predicted[k] as number, sp.float32), width) + (hints[start + k] as bigint);
    expected[k] = valueOf(unordered(o, width), sp.float32);
  }
  canonicalize(expected);
  if (sha256(expected) !== fx.functions[sp.name]?.chunks[chunk]) {
    return `chunk ${chunk} (vectors ${start}..${start + n - 1}) differs; the hints do not reproduce it (V8's Math.* changed?), run scripts/glibc-vectors to compare`;
  }
  const got = sp.float32 ? new Float32Array(n) : new Float64Array(n);
  evaluate(impl, sp.arity, args, got, n);
  for (let k = 0; k < n; k++) {
    if (bitsOf(got[k] as number, sp.float32) !== bitsOf(expected[k] as number, sp.float32)) {
      return `${sp.name} vector ${start + k}: args ${describe(sp, args, k)}: got ${got[k]} (0x${bitsOf(got[k] as number, sp.float32).toString(16)}), glibc ${expected[k]} (0x${bitsOf(expected[k] as number, sp.float32).toString(16)})`;
    }
  }
  return `chunk ${chunk}: hash differs but no vector does (non-canonical NaN?)`;
}

/** Checks every chunk of one function; returns the vectors compared and any failures. */
export function checkFunction(name: FnName, impl: Impl, fx: Fixture): { checked: number; failures: ChunkFailure[] } {
  const sp = spec(name);
  const f = fx.functions[name];
  if (!f) throw new Error(`fixture has no ${name}`);
  const g = new Stream(fx.seedBase + SEEDS[name]);
  const args = new Float64Array(fx.chunk * sp.arity);
  const out = sp.float32 ? new Float32Array(fx.chunk) : new Float64Array(fx.chunk);
  const failures: ChunkFailure[] = [];
  let checked = 0;
  for (let c = 0; c < f.chunks.length; c++) {
    const n = Math.min(fx.chunk, f.count - c * fx.chunk);
    fillChunk(sp, g, c * fx.chunk, n, args);
    evaluate(impl, sp.arity, args, out, n);
    checked += n;
    if (sha256(out.subarray(0, n)) !== f.chunks[c]) {
      failures.push({ chunk: c, message: failures.length < 3 ? explainChunk(sp, impl, fx, c) : `chunk ${c} differs` });
    }
  }
  return { checked, failures };
}

export { SEED_BASE };
