/** Keras's built-in schedules, in the order Keras's module declares them. Adding a schedule: its file, and a line here. */
import type { ScheduleClass } from './definition.js';
import { cosineDecay } from './CosineDecay.js';
import { cosineDecayRestarts } from './CosineDecayRestarts.js';
import { exponentialDecay } from './ExponentialDecay.js';
import { inverseTimeDecay } from './InverseTimeDecay.js';
import { piecewiseConstantDecay } from './PiecewiseConstantDecay.js';
import { polynomialDecay } from './PolynomialDecay.js';

export const KERAS_SCHEDULES: readonly ScheduleClass[] = [
  exponentialDecay,
  piecewiseConstantDecay,
  polynomialDecay,
  inverseTimeDecay,
  cosineDecay,
  cosineDecayRestarts,
];
