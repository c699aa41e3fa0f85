/**
 * Pictures of learning-rate curves: `renderLearningRateSvg` draws the rates of a schedule over steps as a
 * standalone SVG document. Pure computation, no HTTP.
 */
export { renderLearningRateSvg, escapeXml, coordinate, DEFAULT_WIDTH, DEFAULT_HEIGHT, type LearningRateSvgInput } from './svg.js';
export { decimate, orderSteps, stepCount, type Decimated, type PlotRange, type PlotRates, type PlotSteps, type StepOrder } from './decimate.js';
export { decadeLabels, groupThousands, linearTicks, logTicks, niceStep, powerOfTen, rateLabels, stepLabels, type LinearTicks, type LogTicks, type NiceStep } from './ticks.js';
