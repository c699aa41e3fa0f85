// glibc 2.36's FMA-variant exp, log and pow, bit for bit over 1,000,000 generated
// vectors each (arguments regenerated from the seed, results checked by per-chunk SHA-256).
import { exp, log, pow } from '../../../src/engine/math/index.js';
import { testBitForBit } from './bit-for-bit.js';
import type { Impl } from './fixture.js';

testBitForBit([['exp', exp], ['log', log], ['pow', pow as Impl]]);
