import { readFileSync } from 'node:fs';
import t from 'tap';
import { arithmeticFor, fusedMultiplyAdd32, numpyCos32 } from '../../src/engine/numerics.js';
import { shortestFloat32, shortestFloat32BySearch } from '../../src/engine/shortest-float32.js';
import { float32UlpDistance } from '../helpers/golden.js';

interface NumpyReference {
  readonly numpy: string;
  readonly cos: [number, number][];
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/numpy-float32.json', import.meta.url), 'utf8')) as NumpyReference;

t.test(`float32 cosine is numpy ${reference.numpy}'s, bit for bit, wherever schedules take it`, async (t) => {
  let outside = 0;
  for (const [x, expected] of reference.cos) {
    if (Math.abs(x) <= 71476.0625) {
      if (!Object.is(numpyCos32(x), expected)) t.fail(`cos(${x}): ${numpyCos32(x)} vs numpy ${expected}`);
    } else {
      // numpy hands these to the C library's cosf, which is not ours to copy; both are within an ulp of the truth.
      outside++;
      t.ok(float32UlpDistance(numpyCos32(x), expected) <= 1, `cos(${x}) beyond the reduction range`);
    }
  }
  t.ok(reference.cos.length - outside > 4000, 'thousands of in-range arguments checked');
});

t.test('fused multiply-add rounds once', async (t) => {
  // 1 + 2^-24 is a float32 tie; the tiny product decides which way it goes.
  t.equal(fusedMultiplyAdd32(2 ** -30, 2 ** -30, 1 + 2 ** -24), Math.fround(1 + 2 ** -23), 'a remainder above the tie rounds up');
  t.equal(fusedMultiplyAdd32(-(2 ** -30), 2 ** -30, 1 + 2 ** -24), 1, 'a remainder below the tie rounds down');
  t.equal(fusedMultiplyAdd32(3, 5, 7), 22);
  t.equal(fusedMultiplyAdd32(0.1, 0.1, 0), Math.fround(0.1 * 0.1));
});

t.test('float32 arithmetic rounds every op, float64 none', async (t) => {
  const f32 = arithmeticFor('float32');
  const f64 = arithmeticFor('float64');
  t.equal(f32.div(1, 3), Math.fround(1 / 3));
  t.equal(f64.div(1, 3), 1 / 3);
  t.equal(f32.pi, Math.fround(Math.PI));
  t.equal(f32.cast(2 ** 24 + 1), 2 ** 24, 'float32 rounds steps above 2^24');
  t.equal(f64.cast(2 ** 24 + 1), 2 ** 24 + 1);
  t.equal(f32.allocate(3).constructor, Float32Array);
  t.equal(f64.allocate(3).constructor, Float64Array);
});

t.test('shortestFloat32 writes the shortest decimal that reads back to the same float32', async (t) => {
  t.equal(shortestFloat32(Math.fround(0.1)), 0.1);
  t.equal(shortestFloat32(Math.fround(0.0050037503)), 0.0050037503);
  t.equal(shortestFloat32(0), 0);
  t.equal(shortestFloat32(Math.fround(1e-45)), 1e-45);
  t.equal(shortestFloat32(Math.fround(3.4028234663852886e38)), 3.4028235e38);
  for (let i = 0; i < 20000; i++) {
    const x = Math.fround(Math.random() * 10 ** (Math.floor(Math.random() * 20) - 10));
    const s = shortestFloat32(x);
    if (Math.fround(s) !== x) t.fail(`${x} -> ${s}`);
    const digits = significantDigits(s);
    if (digits > 1 && Math.fround(Number(x.toPrecision(digits - 1))) === x) t.fail(`${x}: ${s} is not the shortest`);
  }
});

function significantDigits(x: number): number {
  for (let digits = 1; ; digits++) if (Number(x.toPrecision(digits)) === x) return digits;
}

t.test('the fast shortest-float32 formatter agrees with the plain search on every kind of float32', async (t) => {
  const scratch = new DataView(new ArrayBuffer(4));
  let checked = 0;
  const check = (x: number) => {
    checked++;
    if (!Object.is(shortestFloat32(x), shortestFloat32BySearch(x))) t.fail(`${x}: ${shortestFloat32(x)} vs ${shortestFloat32BySearch(x)}`);
  };
  // Random bit patterns cover every exponent, subnormals and the extremes.
  for (let i = 0; i < 200_000; i++) {
    scratch.setUint32(0, (Math.random() * 2 ** 32) >>> 0);
    const x = scratch.getFloat32(0);
    if (Number.isFinite(x)) check(x);
  }
  // Powers of two and ten and their neighbours, where the rounding interval is lopsided.
  for (let e = -149; e <= 127; e++) for (const x of [2 ** e, Math.fround(2 ** e * (1 + 2 ** -23)), Math.fround(2 ** e * (1 - 2 ** -24))]) check(x);
  for (let e = -45; e <= 38; e++) check(Math.fround(10 ** e));
  t.ok(checked > 200_000);
});
