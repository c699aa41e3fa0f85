import t from 'tap';
import { writeFloat64 } from '../../src/numbers/decimal/index.js';

const buffer = new Uint8Array(64);
function written(x: number, at = 0): string {
  const end = writeFloat64(buffer, at, x);
  return Buffer.from(buffer.subarray(at, end)).toString('latin1');
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function fromBits(bits: bigint): number {
  u64[0] = bits;
  return f64[0] as number;
}
function bitsOf(x: number): bigint {
  f64[0] = x;
  return u64[0] as bigint;
}

/** Powers of two and ten and their neighbours, subnormals, range ends, the 1e-6 and 1e21 thresholds, exact ties. */
function edgeCases(): number[] {
  const values: number[] = [0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308, 2 ** 50 + 0.25, 2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2];
  const around = (x: number, spread: number) => {
    const bits = bitsOf(x);
    for (let d = -spread; d <= spread; d++) {
      const b = bits + BigInt(d);
      if (b > 0n && b < 0x7ff0000000000000n) values.push(fromBits(b));
    }
  };
  for (let e = -1074; e <= 1023; e++) around(2 ** e, 2);
  for (let e = -323; e <= 308; e++) around(Number(`1e${e}`), 2);
  for (const threshold of [1e-6, 1e-7, 1e21, 1e20, 1e22]) around(threshold, 50);
  for (let bits = 1n; bits < 5000n; bits++) values.push(fromBits(bits), fromBits(0x7ff0000000000000n - bits), fromBits(0x0010000000000000n - 2500n + bits));
  for (let i = 0; i < 2000; i++) values.push((2 ** 50 + i) + 0.25, (2 ** 52 + i) + 0.5, i / 8, i * 1e15);
  return values;
}

function randomValues(count: number): number[] {
  const values: number[] = [];
  const words = new Uint32Array(f64.buffer);
  for (let i = 0; i < count; i++) {
    words[0] = (Math.random() * 2 ** 32) >>> 0;
    words[1] = (Math.random() * 0x7ff00000) >>> 0;
    values.push(f64[0] as number); // uniform bit patterns, positive finite
    values.push(1e-12 + Math.random() * (10 - 1e-12)); // uniform in [1e-12, 10]
  }
  return values;
}

t.test('writeFloat64 writes the bytes of String(x), edge cases and random values', async (t) => {
  let mismatches = 0;
  let checked = 0;
  for (const x of [...edgeCases(), ...randomValues(150_000)]) {
    for (const value of [x, -x]) {
      const got = written(value);
      const expected = String(value);
      checked++;
      if (got !== expected && mismatches++ < 10) t.fail(`${expected} (0x${bitsOf(value).toString(16)}): wrote ${got}`);
    }
  }
  t.equal(mismatches, 0, `${checked} values`);
});

t.test('special values and the notation thresholds', async (t) => {
  t.equal(written(-0), '0');
  t.equal(written(NaN), 'NaN');
  t.equal(written(-Infinity), '-Infinity');
  t.equal(written(5e-324), '5e-324');
  t.equal(written(1e-7), '1e-7');
  t.equal(written(1e-6), '0.000001');
  t.equal(written(1e21), '1e+21');
  t.equal(written(1e20), '100000000000000000000');
  t.equal(written(2 ** 50 + 0.25), '1125899906842624.2');
  t.equal(written(-1.7976931348623157e308), '-1.7976931348623157e+308');
  const end = writeFloat64(buffer, 3, 0.5);
  t.equal(end, 6);
});
