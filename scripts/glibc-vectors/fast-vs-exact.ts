/**
 * The certified fast paths of pow, expf, logf and powf against the exact evaluations they fall
 * back to (powExact, expfExact, ...: every fused operation reproduced exactly), on random
 * arguments over the schedule ranges and the whole domain:
 *   npx tsx scripts/glibc-vectors/fast-vs-exact.ts [MILLIONS]     (default 20 per function)
 * Prints the mismatches (there must be none) per function.
 */
import { pow, powExact } from '../../src/engine/math/pow.js';
import { expf, expfExact, logf, logfExact, powf, powfExact } from '../../src/engine/math/float32.js';

const n = Number(process.argv[2] ?? 20) * 1e6;
let s = 0x2545f491;
const next = (): number => {
  s ^= s << 13; s >>>= 0;
  s ^= s >>> 17;
  s ^= s << 5; s >>>= 0;
  return s / 4294967296;
};
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const randBits = (): number => {
  u32[0] = (next() * 4294967296) >>> 0;
  u32[1] = (next() * 4294967296) >>> 0;
  return f64[0] as number;
};
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
const fr = Math.fround;
type Gen = () => [number, number];
const cases: [string, (a: number, b: number) => number, (a: number, b: number) => number, Gen][] = [
  ['pow', pow, powExact, () => {
    const k = next();
    if (k < 0.3) return [0.5 + next() * 0.5, next() * 100];
    if (k < 0.5) return [next() * 4, (next() - 0.5) * 2000];
    if (k < 0.7) return [1 - next() * 2 ** -(next() * 40), next() * 1e6];
    if (k < 0.8) return [Math.abs(randBits()), (next() - 0.5) * 8];
    return [Math.abs(randBits()), randBits()];
  }],
  ['expf', (x) => expf(x), (x) => expfExact(x), () => [fr(next() < 0.5 ? (next() - 0.5) * 200 : -next() * 20), 0]],
  ['logf', (x) => logf(x), (x) => logfExact(x), () => [fr(next() < 0.5 ? next() * 2 ** ((next() - 0.5) * 250) : 1 + (next() - 0.5) * 2 ** -(next() * 20)), 0]],
  ['powf', powf, powfExact, () => {
    const k = next();
    if (k < 0.4) return [fr(0.5 + next() * 0.5), fr(next() * 1000)];
    if (k < 0.7) return [fr(next() * 3), fr((next() - 0.5) * 200)];
    return [fr(next() * 2 ** ((next() - 0.5) * 250)), fr((next() - 0.5) * 40)];
  }],
];
for (const [name, fast, exact, gen] of cases) {
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const [a, b] = gen();
    const x = fast(a, b);
    const y = exact(a, b);
    if (!same(x, y)) {
      if (bad < 5) console.log(`${name}(${a}, ${b}): fast ${x}, exact ${y}`);
      bad++;
    }
  }
  console.log(`${name}: ${n} compared, ${bad} mismatches`);
}
