/**
 * ns per call of src/engine/math in the plain loops the service runs (arguments computed in the
 * loop, one direct, monomorphic call site per function, no array reads):
 *
 *   npx tsx scripts/glibc-vectors/bench-loop.ts [fn ...]      (default: every function)
 *
 *   cos   cos(Math.PI*i/1e6)                 i < 2M     (torch cosine annealing)
 *   sin   sin(Math.PI*i/1e6)
 *   pow   pow(1 - i/N*0.5, 2.0)              N = 2M     (torch polynomial decay)
 *   powy  pow(0.999, i/1000)                            (decay_rate ** (step/decay_steps))
 *   exp   exp(-i/N*20)
 *   log   log(1e-3 + i)
 *   expf  expf(fround(-i/N*20))
 *   logf  logf(fround(1e-3 + i))
 *   powf  powf(fround(0.96), fround(i/1000))             (Keras ExponentialDecay, float32)
 *   powf2 powf(fround(1 - i/N*0.5), 2)                   (Keras PolynomialDecay power 2)
 *
 * Each loop runs ROUNDS times; the best round's CPU time (process.cpuUsage) is reported, since
 * the machine is shared. The same loop with V8's Math.* is printed alongside. The checksum of
 * the results is printed too, so a change in results would also show here.
 */
import * as m from '../../src/engine/math/index.js';

const N = 2_000_000;
const ROUNDS = 9;
const fr = Math.fround;

type Loop = () => number;
const loops: Record<string, [Loop, Loop]> = {
  cos: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.cos(Math.PI * i / 1e6); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += Math.cos(Math.PI * i / 1e6); return s; },
  ],
  sin: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.sin(Math.PI * i / 1e6); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += Math.sin(Math.PI * i / 1e6); return s; },
  ],
  pow: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.pow(1 - i / N * 0.5, 2.0); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += Math.pow(1 - i / N * 0.5, 2.0); return s; },
  ],
  powy: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.pow(0.999, i / 1000); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += Math.pow(0.999, i / 1000); return s; },
  ],
  exp: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.exp(-i / N * 20); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += Math.exp(-i / N * 20); return s; },
  ],
  log: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.log(1e-3 + i); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += Math.log(1e-3 + i); return s; },
  ],
  expf: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.expf(fr(-i / N * 20)); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += fr(Math.exp(fr(-i / N * 20))); return s; },
  ],
  logf: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.logf(fr(1e-3 + i)); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += fr(Math.log(fr(1e-3 + i))); return s; },
  ],
  powf: [
    () => { let s = 0; const b = fr(0.96); for (let i = 0; i < N; i++) s += m.powf(b, fr(i / 1000)); return s; },
    () => { let s = 0; const b = fr(0.96); for (let i = 0; i < N; i++) s += fr(Math.pow(b, fr(i / 1000))); return s; },
  ],
  powf2: [
    () => { let s = 0; for (let i = 0; i < N; i++) s += m.powf(fr(1 - i / N * 0.5), 2); return s; },
    () => { let s = 0; for (let i = 0; i < N; i++) s += fr(Math.pow(fr(1 - i / N * 0.5), 2)); return s; },
  ],
};

function time(f: Loop): [number, number] {
  let best = Infinity;
  let sum = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage();
    sum = f();
    const u = process.cpuUsage(t0);
    const dt = u.user + u.system; // microseconds
    if (dt < best) best = dt;
  }
  return [(best * 1000) / N, sum];
}

const only = process.argv.slice(2);
console.log('loop     ours ns/call   Math.* ns/call   checksum (ours)');
for (const [name, [ours, base]] of Object.entries(loops)) {
  if (only.length && !only.includes(name)) continue;
  const [t, sum] = time(ours);
  const [tb] = time(base);
  console.log(`${name.padEnd(8)} ${t.toFixed(1).padStart(10)} ${tb.toFixed(1).padStart(14)}   ${sum}`);
}
