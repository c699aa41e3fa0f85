/**
 * The argument stream of scripts/glibc-vectors/gen.c, reproduced exactly: the same xoshiro128**
 * PRNG, the same seeds and draws in the same order, the same IEEE double operations. So the
 * fixture needs only the results' hashes, and the arguments are recomputed here.
 * (A helper, not a test: it is not named *.test.ts.)
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const f32a = new Float32Array(1);
const u32f = new Uint32Array(f32a.buffer);

function fromWords(hi: number, lo: number): number {
  u32[1] = hi;
  u32[0] = lo;
  return f64[0] as number;
}
function fromBits32(b: number): number {
  u32f[0] = b;
  return f32a[0] as number;
}
function pow2(k: number): number {
  return fromWords(((k + 1023) << 20) >>> 0, 0);
}
const fround = Math.fround;
const PI10 = 31.41592653589793;
export const SEED_BASE = 20260101;
export const SEEDS = { exp: 1, log: 2, pow: 3, cos: 4, sin: 5, expf: 6, logf: 7, powf: 8, fma: 9 } as const;
export type FnName = keyof typeof SEEDS;

export class Stream {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number) {
    const s = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      let z = (seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    [this.s0, this.s1, this.s2, this.s3] = s as [number, number, number, number];
  }

  next(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  u53(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864.0 + b) * pow2(-53);
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.u53();
  }
  logUniform(emin: number, emax: number): number {
    const e = emin + (this.next() % (emax - emin + 1));
    const hi = this.next() & 0xfffff;
    const lo = this.next();
    if (e >= -1022) return fromWords((((e + 1023) << 20) | hi) >>> 0, lo);
    const m = fromWords((0x3ff00000 | hi) >>> 0, lo);
    return m * pow2(-600) * pow2(e + 600);
  }
  sign(x: number): number {
    return this.next() & 1 ? -x : x;
  }
  randBits(): number {
    const hi = this.next();
    return fromWords(hi, this.next());
  }
  randFinite(): number {
    for (;;) {
      const d = this.randBits();
      if (Number.isFinite(d)) return d;
    }
  }
  ratio(): number {
    const st = this.next() % 1000001;
    const d = 1 + (this.next() % 100000);
    return st / d;
  }
  fracBits(n: number): number {
    const m = (this.next() % 2 ** n) + 2 ** n;
    return this.sign(m * pow2(-n));
  }
  shortSig(): number {
    const m = (this.next() >>> 5) | 1;
    const e = (this.next() % 61) - 30;
    return this.sign(m * pow2(e));
  }
}

export function argExp(g: Stream, i: number): number {
  switch (i % 9) {
    case 0: return g.uniform(-745.5, 710.0);
    case 1: return g.sign(g.logUniform(-60, 9));
    case 2: return g.uniform(-20.0, 20.0);
    case 3: return g.uniform(-1.0, 1.0);
    case 4: return g.uniform(-745.2, -700.0);
    case 5: return g.uniform(700.0, 709.8);
    case 6: return g.randBits();
    case 7: return g.sign(g.logUniform(-34, 20));
    default: return -g.uniform(0.0, 50.0);
  }
}

export function argLog(g: Stream, i: number): number {
  switch (i % 8) {
    case 0: return g.logUniform(-34, 20);
    case 1: return g.uniform(1e-10, 1e6);
    case 2: return g.uniform(0.9, 1.1);
    case 3: return g.logUniform(-1074, 1023);
    case 4: return g.randBits();
    case 5: return 1.0 - g.logUniform(-53, -1);
    case 6: return g.uniform(0.0, 2.0);
    default: return 1.0 + g.logUniform(-53, -4);
  }
}

/** Writes the pair into out[0], out[1]. */
export function argPow(g: Stream, i: number, out: Float64Array): void {
  let x: number;
  let y: number;
  switch (i % 11) {
    case 0: x = g.uniform(0.5, 0.999); y = g.uniform(0.0, 1e6); break;
    case 1: x = g.uniform(0.0, 2.0); y = g.next() % 1000001; break;
    case 2: x = g.uniform(0.0, 2.0); y = g.ratio(); break;
    case 3: x = 1.0 - g.logUniform(-40, -1); y = g.uniform(0.0, 1e6); break;
    case 4: x = g.uniform(0.5, 0.999); y = g.ratio(); break;
    case 5: x = g.randBits(); y = g.randBits(); break;
    case 6: x = -g.uniform(0.0, 2.0); y = (g.next() % 2001) - 1000; break;
    case 7: x = g.logUniform(-1074, 1023); y = g.sign(g.logUniform(-70, 70)); break;
    case 8: x = g.uniform(0.0, 2.0); y = -g.uniform(0.0, 1e6); break;
    case 9: x = 1.0 + g.sign(g.logUniform(-60, -1)); y = g.sign(g.logUniform(0, 64)); break;
    default: x = g.uniform(0.9, 1.0); y = g.uniform(0.0, 100.0); break;
  }
  out[0] = x;
  out[1] = y;
}

export function argTrig(g: Stream, i: number): number {
  switch (i % 8) {
    case 0: return g.uniform(0.0, PI10);
    case 1: return g.uniform(0.0, 1e6);
    case 2: return g.sign(g.logUniform(-30, 30));
    case 3: return g.randFinite();
    case 4: return g.uniform(-PI10, 0.0);
    case 5: return g.sign(g.logUniform(-1074, 1023));
    case 6: return g.uniform(0.0, 2.5);
    default: return g.randBits();
  }
}

export function argExpf(g: Stream, i: number): number {
  switch (i % 6) {
    case 0: return fround(g.uniform(-104.0, 89.0));
    case 1: return fround(g.sign(g.logUniform(-40, 7)));
    case 2: return fromBits32(g.next());
    case 3: return fround(g.uniform(-1.0, 1.0));
    case 4: return fround(g.uniform(-104.0, -87.0));
    default: return fround(-g.uniform(0.0, 50.0));
  }
}

export function argLogf(g: Stream, i: number): number {
  switch (i % 6) {
    case 0: return fround(g.logUniform(-34, 20));
    case 1: return fround(g.uniform(1e-10, 1e6));
    case 2: return fround(g.uniform(0.9, 1.1));
    case 3: return fromBits32(g.next());
    case 4: return fround(g.logUniform(-149, 127));
    default: return fround(g.uniform(0.0, 2.0));
  }
}

export function argPowf(g: Stream, i: number, out: Float64Array): void {
  let x: number;
  let y: number;
  switch (i % 9) {
    case 0: x = fround(g.uniform(0.5, 0.999)); y = fround(g.uniform(0.0, 1e6)); break;
    case 1: x = fround(g.uniform(0.0, 2.0)); y = fround(g.next() % 1000001); break;
    case 2: x = fround(g.uniform(0.0, 2.0)); y = fround(g.ratio()); break;
    case 3: x = fround(1.0 - g.logUniform(-24, -1)); y = fround(g.uniform(0.0, 1e6)); break;
    case 4: x = fromBits32(g.next()); y = fromBits32(g.next()); break;
    case 5: x = fround(-g.uniform(0.0, 2.0)); y = (g.next() % 2001) - 1000; break;
    case 6: x = fround(g.logUniform(-149, 127)); y = fround(g.sign(g.logUniform(-30, 30))); break;
    case 7: x = fround(g.uniform(0.5, 0.999)); y = fround(g.ratio()); break;
    default: x = fround(g.uniform(0.0, 2.0)); y = fround(-g.uniform(0.0, 1000.0)); break;
  }
  out[0] = x;
  out[1] = y;
}

function ilogb(p: number): number {
  f64[0] = p;
  return (((u32[1] as number) >>> 20) & 0x7ff) - 1023; // p is normal here
}

export function argFma(g: Stream, i: number, out: Float64Array): void {
  let a: number;
  let b: number;
  let c: number;
  switch (i % 9) {
    case 8: {
      // exact 41..61-bit products plus a small multiple of a power of two far below their last
      // bit: sums on or next to rounding midpoints, with inexact low parts
      a = g.fracBits(20 + (g.next() % 11));
      b = g.fracBits(20 + (g.next() % 11));
      const e = ilogb(a * b) - 52 - ((g.next() % 70) - 10);
      const m = g.next() % 4;
      c = g.sign(m * pow2(e));
      break;
    }
    case 0: a = g.randBits(); b = g.randBits(); c = g.randBits(); break;
    case 1:
      a = g.sign(g.logUniform(-100, 100));
      b = g.sign(g.logUniform(-100, 100));
      c = g.sign(g.logUniform(-100, 100));
      break;
    case 2:
      a = g.sign(g.logUniform(-500, 500));
      b = g.sign(g.logUniform(-500, 500));
      c = -(a * b) * (1.0 + (g.u53() - 0.5) * pow2(-40));
      break;
    case 3: {
      a = g.shortSig();
      b = g.shortSig();
      const e = ilogb(a * b) - 53 - (g.next() % 12);
      const unit = g.sign(pow2(e));
      const k = g.next();
      c = unit * ((k & 3) === 0 ? 0 : (k >>> 2) % 8);
      break;
    }
    case 4:
      a = g.sign(g.logUniform(-540, -480));
      b = g.sign(g.logUniform(-540, -480));
      c = g.sign(g.logUniform(-1074, -1000));
      break;
    case 5:
      a = g.sign(g.logUniform(500, 520));
      b = g.sign(g.logUniform(500, 520));
      c = g.sign(g.logUniform(1000, 1023));
      break;
    case 6:
      a = g.sign(g.logUniform(-30, 30));
      b = g.sign(g.logUniform(-30, 30));
      c = -(a * b);
      break;
    default:
      a = g.sign(g.logUniform(-1074, 1023));
      b = g.sign(g.logUniform(-1074, 1023));
      c = g.sign(g.logUniform(-1074, 1023));
      break;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** How each function's stream is drawn: arity, float32 or not, and the argument maker. */
export interface Spec {
  name: FnName;
  arity: 1 | 2 | 3;
  float32: boolean;
  /** Fills args[0..arity) for vector i. */
  fill: (g: Stream, i: number, args: Float64Array) => void;
}

export const SPECS: readonly Spec[] = [
  { name: 'exp', arity: 1, float32: false, fill: (g, i, a) => { a[0] = argExp(g, i); } },
  { name: 'log', arity: 1, float32: false, fill: (g, i, a) => { a[0] = argLog(g, i); } },
  { name: 'pow', arity: 2, float32: false, fill: argPow },
  { name: 'cos', arity: 1, float32: false, fill: (g, i, a) => { a[0] = argTrig(g, i); } },
  { name: 'sin', arity: 1, float32: false, fill: (g, i, a) => { a[0] = argTrig(g, i); } },
  { name: 'expf', arity: 1, float32: true, fill: (g, i, a) => { a[0] = argExpf(g, i); } },
  { name: 'logf', arity: 1, float32: true, fill: (g, i, a) => { a[0] = argLogf(g, i); } },
  { name: 'powf', arity: 2, float32: true, fill: argPowf },
  { name: 'fma', arity: 3, float32: false, fill: argFma },
];

export function spec(name: FnName): Spec {
  const s = SPECS.find((x) => x.name === name);
  if (!s) throw new Error(`no spec for ${name}`);
  return s;
}

/**
 * Fills the arguments of vectors [start, start + n) of a stream that has produced exactly `start`
 * vectors so far: args[k*arity + j] is argument j of vector start + k.
 */
export function fillChunk(sp: Spec, g: Stream, start: number, n: number, args: Float64Array): void {
  const one = new Float64Array(3);
  for (let k = 0; k < n; k++) {
    sp.fill(g, start + k, one);
    for (let j = 0; j < sp.arity; j++) args[k * sp.arity + j] = one[j] as number;
  }
}
