// fma(a, b, c) against C's fma() (glibc, i.e. the hardware vfmadd) over 1,000,000 random and
// adversarial triples: uniform bit patterns, cancellation, exact ties, subnormal and overflowing
// results (see the families in vectors.ts).
import t from 'tap';
import { fma } from '../../../src/engine/math/index.js';
import { testBitForBit } from './bit-for-bit.js';
import type { Impl } from './fixture.js';

testBitForBit([['fma', fma as Impl]], 'C fma()');

t.test('fma rounds once (textbook cases)', async (t) => {
  t.equal(fma(0.1, 10.0, -1.0), 2 ** -54, '0.1*10 - 1 is 2^-54, not 0');
  t.equal(fma(1 + 2 ** -52, 1 + 2 ** -52, -1), 2 ** -51 + 2 ** -104);
  t.ok(Object.is(fma(-0, 1, 0), 0), '-0*1 + 0 = +0');
  t.ok(Object.is(fma(-0, 1, -0), -0), '-0*1 + -0 = -0');
  t.ok(Object.is(fma(-(2 ** -1074), 0.5, 0), -0), 'an underflowing product keeps its sign');
  t.equal(fma(2 ** -1074, 1.5, 0), 2 ** -1073, 'subnormal tie to even (up)');
  t.equal(fma(2 ** -1074, 0.5, 0), 0, 'subnormal tie to even (down)');
  t.equal(fma(Number.MAX_VALUE, 2, -Number.MAX_VALUE), Number.MAX_VALUE, 'no intermediate overflow');
  t.ok(Number.isNaN(fma(Infinity, 0, 1)));
});
