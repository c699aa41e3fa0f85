// glibc 2.36's FMA-variant expf, logf, powf (float32), bit for bit over 1,000,000 generated
// vectors each (arguments regenerated from the seed, results checked by per-chunk SHA-256).
import { expf, logf, powf } from '../../../src/engine/math/index.js';
import { testBitForBit } from './bit-for-bit.js';
import type { Impl } from './fixture.js';

testBitForBit([['expf', expf], ['logf', logf], ['powf', powf as Impl]]);
