// The readable fixture: hand-picked edge cases (0, -0, 1, subnormals, huge, inf, nan, negative
// bases with integer exponents, overflow and underflow thresholds, schedule-shaped arguments)
// with glibc's exact result bits, compared through BigUint64Array / Uint32Array views.
import t from 'tap';
import { readFileSync } from 'node:fs';
import * as m from '../../../src/engine/math/index.js';
import { FIXTURE_DIR, checkFunction, explainChunk, loadFixture } from './fixture.js';
import type { Impl } from './fixture.js';
import { SEEDS, Stream, fillChunk, spec } from './vectors.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const d = (hex: string): number => {
  u64[0] = BigInt(`0x${hex}`);
  return f64[0] as number;
};
const f = (hex: string): number => {
  u32[0] = parseInt(hex, 16);
  return f32[0] as number;
};
const bits64 = (v: number): string => {
  if (Number.isNaN(v)) return '7ff8000000000000';
  f64[0] = v;
  return (u64[0] as bigint).toString(16).padStart(16, '0');
};
const bits32 = (v: number): string => {
  if (Number.isNaN(v)) return '7fc00000';
  f32[0] = v;
  return (u32[0] as number).toString(16).padStart(8, '0');
};

const fns: Record<string, [Impl, boolean]> = {
  exp: [m.exp, false], log: [m.log, false], pow: [m.pow as Impl, false], cos: [m.cos, false], sin: [m.sin, false],
  expf: [m.expf, true], logf: [m.logf, true], powf: [m.powf as Impl, true], fma: [m.fma as Impl, false],
};

t.test('explicit edge cases match glibc bit for bit', async (t) => {
  const lines = readFileSync(new URL('explicit.txt', FIXTURE_DIR), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const counts: Record<string, number> = {};
  const bad: string[] = [];
  for (const line of lines) {
    const [name, ...hex] = line.split(' ') as [string, ...string[]];
    const entry = fns[name];
    if (!entry) throw new Error(`unknown function in explicit.txt: ${name}`);
    const [fn, isFloat] = entry;
    const want = hex.pop() as string;
    const args = hex.map(isFloat ? f : d);
    const got = (isFloat ? bits32 : bits64)(fn(...args));
    counts[name] = (counts[name] ?? 0) + 1;
    if (got !== want) bad.push(`${line}: got ${got}`);
  }
  t.comment(`explicit vectors checked: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  t.ok(lines.length > 10000, `${lines.length} explicit vectors`);
  t.same(bad.slice(0, 20), [], 'no explicit vector differs');
});

t.test('a failing chunk is reported with its first differing argument', async (t) => {
  const fx = loadFixture();
  const sp = spec('exp');
  // the argument of vector 3*CHUNK + 1234, regenerated from the seed
  const g = new Stream(fx.seedBase + SEEDS.exp);
  const args = new Float64Array(fx.chunk);
  for (let c = 0; c <= 3; c++) fillChunk(sp, g, c * fx.chunk, fx.chunk, args);
  const target = args[1234] as number;
  // exp with its last bit wrong at that one argument
  const flipLastBit = (v: number): number => {
    f64[0] = v;
    u64[0] = (u64[0] as bigint) ^ 1n;
    return f64[0] as number;
  };
  const broken: Impl = (x) => (Object.is(x, target) ? flipLastBit(m.exp(target)) : m.exp(x as number));
  const { failures } = checkFunction('exp', broken, fx);
  t.same(failures.map((x) => x.chunk), [3], 'only chunk 3 fails');
  t.match(failures[0]?.message ?? '', new RegExp(`^exp vector ${3 * fx.chunk + 1234}: args ${target} `), 'the report names the vector and its argument');
  t.match(explainChunk(spec('fma'), m.fma as Impl, fx, 0), /no hints/, 'fma has no hint stream');
});

t.test('signaling NaN arguments of pow are not treated as NaN ** 0 == 1', async (t) => {
  // glibc: pow(sNaN, +-0) and pow(1, sNaN) return x + y (a NaN), unlike pow(qNaN, 0) == 1.
  // (measured with C: pow(sNaN, 0.0) = nan, powf(1.0f, sNaNf) = nan)
  const sd = d('7ff0000000000001');
  t.ok(Number.isNaN(m.pow(sd, 0)), 'pow(sNaN, 0)');
  t.ok(Number.isNaN(m.pow(1, sd)), 'pow(1, sNaN)');
  t.equal(m.pow(NaN, 0), 1, 'pow(qNaN, 0)');
  t.equal(m.pow(1, NaN), 1, 'pow(1, qNaN)');
  // A float32 signaling NaN cannot be held in a JS number: widening it to double quiets it
  // (cvtss2sd), so powf only ever sees quiet NaNs, for which glibc's answer is 1.
  t.equal(m.powf(NaN, 0), 1, 'powf(qNaN, 0)');
  t.equal(m.powf(1, NaN), 1, 'powf(1, qNaN)');
});
