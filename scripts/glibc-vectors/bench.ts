/**
 * ns per call of src/engine/math against V8's Math.*, over schedule-shaped arguments:
 *   npx tsx scripts/glibc-vectors/bench.ts
 * Each function runs over a prepared Float64Array of 1,000,000 arguments, several rounds; the
 * best round's CPU time (process.cpuUsage) is reported: the machine is shared, so wall time and
 * the other rounds are disturbed by other load.
 */
import * as m from '../../src/engine/math/index.js';

const N = 1_000_000;
const ROUNDS = 7;
let seed = 12345;
const rnd = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const fill = (f: (i: number) => number): Float64Array => Float64Array.from({ length: N }, (_, i) => f(i));

const xsExp = fill(() => -rnd() * 20);
const xsLog = fill(() => 1e-10 + rnd() * 1e6);
const xsTrig = fill(() => rnd() * 10 * Math.PI);
const xsPowB = fill(() => 0.5 + rnd() * 0.499);
const xsPowE = fill((i) => (i % 100000) / 1000);
const fxsExp = xsExp.map(Math.fround);
const fxsLog = xsLog.map(Math.fround);
const fxsPowB = xsPowB.map(Math.fround);
const fxsPowE = xsPowE.map(Math.fround);
const xsA = fill(() => rnd() * 4 - 2);
const xsB = fill(() => rnd() * 4 - 2);
const xsC = fill(() => rnd() * 4 - 2);

let sink = 0;
function time1(f: (x: number) => number, xs: Float64Array): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage();
    let s = 0;
    for (let i = 0; i < N; i++) s += f(xs[i] as number);
    const u = process.cpuUsage(t0);
    const dt = (u.user + u.system) / 1000;
    sink += s;
    if (dt < best) best = dt;
  }
  return (best * 1e6) / N;
}
function time2(f: (x: number, y: number) => number, xs: Float64Array, ys: Float64Array): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage();
    let s = 0;
    for (let i = 0; i < N; i++) s += f(xs[i] as number, ys[i] as number);
    const u = process.cpuUsage(t0);
    const dt = (u.user + u.system) / 1000;
    sink += s;
    if (dt < best) best = dt;
  }
  return (best * 1e6) / N;
}
function time3(f: (a: number, b: number, c: number) => number): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage();
    let s = 0;
    for (let i = 0; i < N; i++) s += f(xsA[i] as number, xsB[i] as number, xsC[i] as number);
    const u = process.cpuUsage(t0);
    const dt = (u.user + u.system) / 1000;
    sink += s;
    if (dt < best) best = dt;
  }
  return (best * 1e6) / N;
}

const fr = Math.fround;
const rows: [string, number, number][] = [
  ['exp', time1(m.exp, xsExp), time1(Math.exp, xsExp)],
  ['log', time1(m.log, xsLog), time1(Math.log, xsLog)],
  ['pow', time2(m.pow, xsPowB, xsPowE), time2(Math.pow, xsPowB, xsPowE)],
  ['cos', time1(m.cos, xsTrig), time1(Math.cos, xsTrig)],
  ['sin', time1(m.sin, xsTrig), time1(Math.sin, xsTrig)],
  ['expf', time1(m.expf, fxsExp), time1((x) => fr(Math.exp(x)), fxsExp)],
  ['logf', time1(m.logf, fxsLog), time1((x) => fr(Math.log(x)), fxsLog)],
  ['powf', time2(m.powf, fxsPowB, fxsPowE), time2((x, y) => fr(Math.pow(x, y)), fxsPowB, fxsPowE)],
  ['fma', time3(m.fma), time3((a, b, c) => a * b + c)],
];
console.log('function   ours ns/call   Math.* ns/call   ratio');
for (const [n, ours, base] of rows) {
  console.log(`${n.padEnd(8)} ${ours.toFixed(1).padStart(10)} ${base.toFixed(1).padStart(14)} ${(ours / base).toFixed(1).padStart(10)}x`);
}
if (sink === 42) console.log('');
