/**
 * Shortest-decimal writers: float32 and float64 values as ASCII bytes, without
 * allocating. See float32.ts and float64.ts for the algorithms (Giulietti's
 * Schubfach) and for what "shortest" means for each.
 */
export { writeFloat32, float32Deferred } from './float32.js';
export { writeFloat64 } from './float64.js';
