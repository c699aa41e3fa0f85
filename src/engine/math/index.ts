/**
 * glibc 2.36 libm, bit for bit, in pure TypeScript: the FMA variants that glibc's ifunc selects on
 * x86-64 CPUs with FMA and AVX2 (see docs/glibc-math.md for what is reproduced and how it is checked).
 */
export { fma } from './fma.js';
export { exp } from './exp.js';
export { log } from './log.js';
export { pow } from './pow.js';
export { expf, logf, powf } from './float32.js';
export { cos, sin } from './sincos.js';
