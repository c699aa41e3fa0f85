import t from 'tap';
import { shortestFloat32 } from '../../src/engine/index.js';
import { writeFloat32 } from '../../src/numbers/decimal/index.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function fromBits(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0] as number;
}

function bitsOf(x: number): number {
  f32[0] = x;
  return u32[0] as number;
}

const buffer = new Uint8Array(64);
function written(x: number, at = 0): string {
  const end = writeFloat32(buffer, at, x);
  return Buffer.from(buffer.subarray(at, end)).toString('latin1');
}

/** Edge cases: powers of two and ten and their neighbours, range ends, the near/far boundaries, a decay schedule. */
function edgeCases(): number[] {
  const values: number[] = [0, -0, NaN, Infinity, -Infinity, 0.0009939058, 1e-7, 1.5e-10, 123456790, -0.5, 0.1, 1e-13, 1e21, 3.4028234663852886e38];
  const around = (x: number) => {
    const bits = bitsOf(Math.fround(x));
    for (let d = -3; d <= 3; d++) if (bits + d > 0 && bits + d < 0x7f800000) values.push(fromBits(bits + d));
  };
  for (let e = -149; e <= 127; e++) around(2 ** e);
  for (let e = -45; e <= 38; e++) around(Number(`1e${e}`));
  for (let bits = 1; bits < 4096; bits++) values.push(fromBits(bits), fromBits(0x7f800000 - bits), fromBits(0x00800000 - 2048 + bits));
  for (let step = 0; step < 20_000; step += 7) values.push(0.1 * Math.fround(Math.pow(0.96, Math.fround(step / 1000))));
  return values.map(Math.fround);
}

function randomValues(count: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    values.push(fromBits((Math.random() * 0x7f800000) >>> 0)); // uniform bit patterns, positive finite
    values.push(Math.fround(Math.random() * 10 ** (Math.floor(Math.random() * 12) - 9))); // learning-rate-like
  }
  return values;
}

// AsciiWriter#float32 now calls writeFloat32 itself (it was the reference when the writer was checked exhaustively
// against it, see scripts/decimal-exhaustive.ts): the reference here is the independent bisection search.
t.test('writeFloat32 writes String(shortestFloat32(x)), edge cases and random values', async (t) => {
  let mismatches = 0;
  let checked = 0;
  for (const x of [...edgeCases(), ...randomValues(60_000)]) {
    for (const value of [x, -x]) {
      const expected = String(shortestFloat32(value));
      const got = written(value);
      checked++;
      if (got !== expected && mismatches++ < 10) t.fail(`${value} (0x${bitsOf(value).toString(16)}): wrote ${got}, expected ${expected}`);
    }
  }
  t.equal(mismatches, 0, `${checked} values`);
});

t.test('which is String(shortestFloat32(x)), and the special values are written as String writes them', async (t) => {
  for (const x of [0, -0, NaN, Infinity, -Infinity, 1e-7, 1.5e-10, 123456790, -0.5, 1e21, 2 ** -149, 2 ** 127]) {
    const value = Math.fround(x);
    t.equal(written(value), String(shortestFloat32(value)), String(value));
  }
  t.equal(written(-0), '0');
  t.equal(written(NaN), 'NaN');
  t.equal(written(-Infinity), '-Infinity');
  t.equal(written(Math.fround(0.0009939058)), '0.0009939058');
  t.equal(written(Math.fround(1e-7)), '1e-7');
  t.equal(written(Math.fround(1.5e-10)), '1.5e-10');
  t.equal(written(Math.fround(123456789)), '123456790');
});

t.test('writes at the offset it is given and returns the offset after the value', async (t) => {
  buffer.fill(0);
  const end = writeFloat32(buffer, 5, Math.fround(0.25));
  t.equal(end, 9);
  t.same([...buffer.subarray(0, 10)], [0, 0, 0, 0, 0, 48, 46, 50, 53, 0]);
});
