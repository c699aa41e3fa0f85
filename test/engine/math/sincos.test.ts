// glibc 2.36's FMA-variant cos and sin, bit for bit over 1,000,000 generated
// vectors each (arguments regenerated from the seed, results checked by per-chunk SHA-256).
import { cos, sin } from '../../../src/engine/math/index.js';
import { testBitForBit } from './bit-for-bit.js';

testBitForBit([['cos', cos], ['sin', sin]]);
