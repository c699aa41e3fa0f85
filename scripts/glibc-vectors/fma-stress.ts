/**
 * Stress test of fma's fast paths, and of the certified fast paths fmaQ and fmaG that sin/cos/pow
 * call (fma.ts, lemma [N]), against the exact BigInt evaluation (fmaExact), with
 * triples built to land on or next to rounding midpoints (short significands, sums at binade
 * edges), plus any bit patterns and the extremes (subnormal, overflowing, zero, infinite, NaN):
 *   npx tsx scripts/glibc-vectors/fma-stress.ts [MILLIONS]
 * (C's fma() is the reference of the committed fixture; this reaches far more ties, cheaply.)
 */
import { fma, fmaExact, fmaG, fmaQ } from '../../src/engine/math/fma.js';

const millions = Number(process.argv[2] ?? 20);
let s = 0x9e3779b9;
const next = (): number => {
  s ^= s << 13; s >>>= 0;
  s ^= s >>> 17;
  s ^= s << 5; s >>>= 0;
  return s;
};
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bits = (x: number): bigint => {
  f64[0] = x;
  return Number.isNaN(x) ? 0x7ff8000000000000n : (u64[0] as bigint);
};
const sig = (nbits: number): number => (next() % 2 ** Math.min(nbits, 31)) * 2 ** Math.max(0, nbits - 31) + (nbits > 31 ? next() % 2 ** (nbits - 31) : 0);
const u32 = new Uint32Array(f64.buffer);
const randBits = (): number => {
  u32[0] = next();
  u32[1] = next();
  return f64[0] as number;
};
const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 2 ** -1074, -(2 ** -1074), 2 ** -1022, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
const extreme = (): number => {
  const k = next() % 4;
  if (k === 0) return SPECIAL[next() % SPECIAL.length] as number;
  const m = (1 + next() / 2 ** 32) * (next() & 1 ? -1 : 1);
  return m * 2 ** (k === 1 ? -1074 + (next() % 120) : k === 2 ? 1023 - (next() % 120) : (next() % 2098) - 1074);
};
const pick = (): [number, number, number] => {
  const kind = next() % 8;
  if (kind === 6) return [randBits(), randBits(), randBits()];
  if (kind === 7) return [extreme(), extreme(), next() & 1 ? extreme() : randBits()];
  const ea = (next() % 120) - 60;
  const eb = (next() % 120) - 60;
  const sa = next() & 1 ? -1 : 1;
  const sb = next() & 1 ? -1 : 1;
  if (kind <= 2) {
    // short significands: the exact product has 40..60 bits, c moves it onto/near a midpoint
    const na = 20 + (next() % 11);
    const nb = 20 + (next() % 11);
    const a = sa * (sig(na) + 2 ** na) * 2 ** (ea - na);
    const b = sb * (sig(nb) + 2 ** nb) * 2 ** (eb - nb);
    const p = a * b;
    const e = Math.floor(Math.log2(Math.abs(p)));
    const k = (next() % 70) - 10;
    const c = (next() & 1 ? -1 : 1) * (next() % 4) * 2 ** (e - 52 - k + (kind === 2 ? 60 : 0));
    return [a, b, kind === 1 ? c - p : c];
  }
  if (kind === 3) {
    // products just below/above a power of two, c = minus that power
    const a = sa * (1 + (next() % 1024) * 2 ** -52) * 2 ** ea;
    const b = sb * (1 - (next() % 1024) * 2 ** -53) * 2 ** eb;
    return [a, b, -(sa * sb) * 2 ** (ea + eb) * (next() & 1 ? 1 : 0.5)];
  }
  // generic
  const a = sa * (1 + next() / 2 ** 32) * 2 ** ea;
  const b = sb * (1 + next() / 2 ** 32) * 2 ** eb;
  const c = (next() & 1 ? -1 : 1) * (1 + next() / 2 ** 32) * 2 ** (ea + eb + (next() % 120) - 60);
  return [a, b, c];
};

const fns: [string, (a: number, b: number, c: number) => number][] = [['fma', fma], ['fmaQ', fmaQ], ['fmaG', fmaG]];
const bad = new Array<number>(fns.length).fill(0);
const n = millions * 1e6;
for (let i = 0; i < n; i++) {
  const [a, b, c] = pick();
  const want = bits(fmaExact(a, b, c));
  for (let j = 0; j < fns.length; j++) {
    const [name, f] = fns[j] as [string, (a: number, b: number, c: number) => number];
    const got = f(a, b, c);
    if (bits(got) !== want) {
      if ((bad[j] as number) < 10) console.log(`${name}(${a}, ${b}, ${c}): got ${got}, exact ${fmaExact(a, b, c)}`);
      bad[j] = (bad[j] as number) + 1;
    }
  }
}
for (const [j, [name]] of fns.entries()) console.log(`${name}: ${n} triples, ${bad[j]} differ from the exact evaluation`);
