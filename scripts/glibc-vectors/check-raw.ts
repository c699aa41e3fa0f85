/**
 * Compares src/engine/math against the raw output of gen.c (not needed by the tests, which use
 * the committed hashes): `npx tsx scripts/glibc-vectors/check-raw.ts /tmp/vec [fn ...]`.
 * Prints, per function, the vectors compared, the mismatches and the first few of them.
 */
import { readFileSync } from 'node:fs';
import * as m from '../../src/engine/math/index.js';

const dir = process.argv[2] ?? '/tmp/vec';
const only = process.argv.slice(3);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function bits64(x: number): bigint {
  if (Number.isNaN(x)) return 0x7ff8000000000000n;
  f64[0] = x;
  return u64[0] as bigint;
}
function bits32(x: number): number {
  if (Number.isNaN(x)) return 0x7fc00000;
  f32[0] = x;
  return u32[0] as number;
}
function view64(path: string): Float64Array {
  const b = readFileSync(path);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
}
function view32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

type Fn = (...a: number[]) => number;
const doubles: Record<string, [number, Fn]> = {
  exp: [1, m.exp], log: [1, m.log], cos: [1, m.cos], sin: [1, m.sin], pow: [2, m.pow as Fn], fma: [3, m.fma as Fn],
};
const floats: Record<string, [number, Fn]> = { expf: [1, m.expf], logf: [1, m.logf], powf: [2, m.powf as Fn] };

for (const [name, [arity, fn]] of Object.entries(doubles)) {
  if (only.length && !only.includes(name)) continue;
  const a = view64(`${dir}/${name}.args`);
  const r = view64(`${dir}/${name}.res`);
  let bad = 0;
  const t0 = performance.now();
  for (let i = 0; i < r.length; i++) {
    const got = arity === 1 ? fn(a[i] as number) : arity === 2 ? fn(a[2 * i] as number, a[2 * i + 1] as number)
      : fn(a[3 * i] as number, a[3 * i + 1] as number, a[3 * i + 2] as number);
    if (bits64(got) !== bits64(r[i] as number)) {
      if (bad < 8) {
        const args = Array.from(a.subarray(arity * i, arity * i + arity)).map((v) => `${v} (${bits64(v).toString(16)})`);
        console.log(`${name} #${i} (family ${i % 11}) args ${args.join(', ')}: got ${got} (${bits64(got).toString(16)}) want ${r[i]} (${bits64(r[i] as number).toString(16)})`);
      }
      bad++;
    }
  }
  console.log(`${name}: ${r.length} compared, ${bad} mismatches, ${((performance.now() - t0) * 1e6 / r.length).toFixed(0)} ns/vector`);
}
for (const [name, [arity, fn]] of Object.entries(floats)) {
  if (only.length && !only.includes(name)) continue;
  const a = view32(`${dir}/${name}.args`);
  const r = view32(`${dir}/${name}.res`);
  let bad = 0;
  for (let i = 0; i < r.length; i++) {
    const got = arity === 1 ? fn(a[i] as number) : fn(a[2 * i] as number, a[2 * i + 1] as number);
    if (bits32(got) !== bits32(r[i] as number)) {
      if (bad < 8) {
        const args = Array.from(a.subarray(arity * i, arity * i + arity)).map((v) => `${v} (${bits32(v).toString(16)})`);
        console.log(`${name} #${i} args ${args.join(', ')}: got ${got} (${bits32(got).toString(16)}) want ${r[i]} (${bits32(r[i] as number).toString(16)})`);
      }
      bad++;
    }
  }
  console.log(`${name}: ${r.length} compared, ${bad} mismatches`);
}
