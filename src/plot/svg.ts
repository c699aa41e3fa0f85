/**
 * A learning-rate curve as a standalone SVG 1.1 document: title, "step" and "learning rate" axes with nice
 * ticks and light grid lines, the curve as one path (broken where rates are not finite), a linear or log
 * rate axis. Any number of points draws in one pass over the rates (see decimate.ts); the document's size
 * depends on its width, not on the number of points.
 *
 * Decisions:
 * - Points are plotted in ascending step order, whatever order an explicit list gives them in; equal steps
 *   keep their given order (a duplicated step with two rates draws a vertical segment).
 * - Points whose step or rate is not finite are not drawn and are counted in a note under the title.
 * - On a log axis, rates ≤ 0 are drawn on the bottom edge, and a note says how many.
 * - A constant curve gets the range [0, 2·value] (or [0, 1] for zero); a single step gets [step − 1, step + 1].
 * - Every coordinate lies inside the viewBox and is written with at most 2 decimals; no NaN or Infinity
 *   can reach the output.
 */
import { decimate, orderSteps, stepCount, type Decimated, type PlotRates, type PlotSteps } from './decimate.js';
import { decadeLabels, groupThousands, linearTicks, logTicks, rateLabels, stepLabels, type LinearTicks, type NiceStep } from './ticks.js';

export interface LearningRateSvgInput {
  /** The steps of the rates: an explicit list (any order), or the range start + i·stride, i ∈ [0, count). */
  readonly steps: PlotSteps;
  /** One rate per step (same length as the steps). */
  readonly rates: PlotRates;
  /** The momentum a PyTorch scheduler sets at each step, drawn as a second, dashed curve against a right-hand axis. */
  readonly momentum?: PlotRates | undefined;
  /** Shown as the chart's title, e.g. the schedule's class name. Any text: it is escaped. */
  readonly title: string;
  /** A smaller second line under the title. */
  readonly subtitle?: string;
  readonly dtype: 'float32' | 'float64';
  /** The rate axis; 'linear' by default. */
  readonly scale?: 'linear' | 'log';
  /** Size of the document in CSS pixels: 800 × 400 by default, clamped to [240, 4096] × [200, 4096]. */
  readonly width?: number;
  readonly height?: number;
}

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 400;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const COLORS = {
  background: '#ffffff',
  title: '#111827',
  text: '#4b5563',
  muted: '#6b7280',
  grid: '#e5e7eb',
  minorGrid: '#f3f4f6',
  axis: '#9ca3af',
  accent: '#2563eb',
  momentum: '#c2410c',
  note: '#b45309',
} as const;

const PAD = 16;
/** Average advance of a character, in ems, for the width estimates that place labels. */
const CHAR_EM = 0.6;

/** XML text or attribute content: & < > " ' escaped; characters XML cannot carry at all replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate with at most 2 decimals ("12.5", "0", never "-0", "NaN" or an exponent). */
export function coordinate(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Number.isFinite(r) && r !== 0 ? String(r) : '0';
}

function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHAR_EM;
}

/** `text` cut (with an ellipsis) to about `width` pixels at `fontSize`; newlines and tabs become spaces. */
function fit(text: string, width: number, fontSize: number): string {
  const flat = text.replace(/[\t\n\r]+/g, ' ').trim();
  const chars = [...flat];
  const room = Math.max(1, Math.floor(width / (fontSize * CHAR_EM)));
  return chars.length <= room ? flat : `${chars.slice(0, Math.max(0, room - 1)).join('')}…`;
}

function clampSize(value: number | undefined, fallback: number, min: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.round(Math.min(4096, Math.max(min, value)));
}

function plural(count: number, one: string, many: string): string {
  return `${groupThousands(count)} ${count === 1 ? one : many}`;
}

interface Text {
  x: number;
  y: number;
  text: string;
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  weight?: number;
  rotate?: boolean;
  cls?: string;
}

function textElement(t: Text): string {
  const anchor = t.anchor && t.anchor !== 'start' ? ` text-anchor="${t.anchor}"` : '';
  const fill = t.fill ? ` fill="${t.fill}"` : '';
  const weight = t.weight ? ` font-weight="${t.weight}"` : '';
  const rotate = t.rotate ? ` transform="rotate(-90 ${coordinate(t.x)} ${coordinate(t.y)})"` : '';
  const cls = t.cls ? ` class="${t.cls}"` : '';
  return `<text${cls} x="${coordinate(t.x)}" y="${coordinate(t.y)}" font-size="${t.size}"${anchor}${fill}${weight}${rotate}>${escapeXml(t.text)}</text>`;
}

/** The rate axis: domain, ticks with labels, and the mapping of a rate to a height fraction in [0, 1]. */
interface RateAxis {
  ticks: { value: number; fraction: number; label: string }[];
  minor: number[];
  /** Fraction of the plot height (0 = bottom) of a rate. */
  fraction(rate: number): number;
  /** Fraction of the baseline the area under the curve is filled down to. */
  base: number;
  zero: number | null;
}

function linearRateAxis(min: number, max: number, maxTicks: number): RateAxis {
  let lo = min;
  let hi = max;
  // A flat curve (or one whose spread is below what 9 digits or normal doubles can label) gets [0, 2·value].
  if (!(lo < hi) || hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-9 || hi - lo < 1e-290) {
    const v = Number.isFinite(lo) && Number.isFinite(hi) ? lo / 2 + hi / 2 : 0;
    [lo, hi] = Math.abs(v) < 1e-290 ? [0, 1] : v > 0 ? [0, 2 * v] : [2 * v, 0];
  }
  // Keep the span finite (rates near ±1.8e308); points beyond are clamped to the edges.
  lo = Math.max(lo, -4e307);
  hi = Math.min(hi, 4e307);
  const ticks = linearTicks(lo, hi, maxTicks, { loose: true });
  const span = ticks.max - ticks.min;
  const fraction = (rate: number) => (rate - ticks.min) / span;
  const labels = rateLabels(ticks.values, ticks.step);
  const zero = ticks.min < 0 && ticks.max > 0 ? fraction(0) : null;
  return {
    ticks: ticks.values.map((value, i) => ({ value, fraction: fraction(value), label: labels[i] as string })),
    minor: [],
    fraction,
    base: zero ?? (ticks.max <= 0 ? 1 : 0),
    zero,
  };
}

function logRateAxis(minPositive: number, max: number, maxTicks: number): RateAxis {
  // Whole decades around the data; a rate within a millionth of a decade of a power of ten counts as on it.
  let lo = Number.isFinite(minPositive) ? Math.floor(Math.log10(minPositive) + 1e-6) : -1;
  let hi = Number.isFinite(minPositive) ? Math.ceil(Math.log10(max) - 1e-6) : 0;
  if (lo >= hi) {
    lo -= 1;
    hi = lo + 2;
  }
  const ticks = logTicks(lo, hi, maxTicks);
  lo = ticks.minExponent;
  hi = ticks.maxExponent;
  const span = hi - lo;
  const fraction = (rate: number) => (rate > 0 ? (Math.log10(rate) - lo) / span : 0);
  const labels = decadeLabels(ticks.exponents);
  return {
    ticks: ticks.exponents.map((e, i) => ({ value: e, fraction: (e - lo) / span, label: labels[i] as string })),
    minor: ticks.minor.map((e) => (e - lo) / span),
    fraction,
    base: 0,
    zero: null,
  };
}

/** The step axis: domain, and ticks whose labels do not overlap at `plotWidth` pixels. */
function stepAxis(min: number, max: number, plotWidth: number, fontSize: number): { x0: number; x1: number; ticks: { value: number; label: string }[] } {
  if (!(min < max)) {
    const s = Number.isFinite(min) ? min : 0;
    const step: NiceStep = { mantissa: 1, exponent: 0, value: 1 };
    return { x0: s - 1, x1: s + 1, ticks: [{ value: s, label: stepLabels([s], step)[0] as string }] };
  }
  let previous: { x0: number; x1: number; ticks: { value: number; label: string }[] } | null = null;
  for (let target = Math.max(3, Math.floor(plotWidth / 70)); ; target--) {
    let ticks: LinearTicks = linearTicks(min, max, target, { integer: true });
    // Snap the domain to a tick just beyond the data when that adds at most 2% of empty space.
    const step = ticks.step.value;
    const below = Math.floor(min / step) * step;
    const above = Math.ceil(max / step) * step;
    const lo = min - below <= (max - min) * 0.02 ? below : min;
    const hi = above - max <= (max - min) * 0.02 ? above : max;
    if (lo !== min || hi !== max) ticks = linearTicks(lo, hi, target, { integer: true });
    // Coarser steps until the labels do not overlap, but never fewer than two ticks.
    if (ticks.values.length < 2 && previous) return previous;
    const labels = stepLabels(ticks.values, ticks.step);
    const widest = labels.reduce((w, l) => Math.max(w, textWidth(l, fontSize)), 0);
    const spacing = (ticks.step.value * plotWidth) / (hi - lo);
    previous = { x0: lo, x1: hi, ticks: ticks.values.map((value, i) => ({ value, label: labels[i] as string })) };
    if (spacing >= widest + 14 || target <= 2) return previous;
  }
}

/** A decimated curve in pixels: repeated and collinear points dropped, pieces split at gaps (`starts`, ending with `count`). */
interface Curve {
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly count: number;
  readonly starts: readonly number[];
}

function curveOf(points: Decimated, xOf: (step: number) => number, yOf: (value: number) => number): Curve {
  const px = new Float64Array(points.count);
  const py = new Float64Array(points.count);
  const starts: number[] = [];
  let m = 0;
  for (let i = 0; i < points.count; i++) {
    const x = Math.round(xOf(points.steps[i] as number) * 100) / 100;
    const y = Math.round(yOf(points.rates[i] as number) * 100) / 100;
    const startsPiece = points.moveTo[i] === 1;
    if (startsPiece) starts.push(m);
    const pieceStart = starts[starts.length - 1] as number;
    if (!startsPiece && m > pieceStart) {
      const lx = px[m - 1] as number;
      const ly = py[m - 1] as number;
      if (lx === x && ly === y) continue;
      if (m - 1 > pieceStart) {
        const kx = px[m - 2] as number;
        const ky = py[m - 2] as number;
        const horizontal = ky === ly && ly === y && (lx - kx) * (x - lx) >= 0;
        const vertical = kx === lx && lx === x && (ly - ky) * (y - ly) >= 0;
        if (horizontal || vertical) {
          px[m - 1] = x;
          py[m - 1] = y;
          continue;
        }
      }
    }
    px[m] = x;
    py[m] = y;
    m++;
  }
  starts.push(m);
  return { px, py, count: m, starts };
}

/** The path data of each piece of a curve with two or more points. */
function piecesOf({ px, py, starts }: Curve): { from: number; to: number; d: string }[] {
  const pieces: { from: number; to: number; d: string }[] = [];
  for (let j = 0; j + 1 < starts.length; j++) {
    const from = starts[j] as number;
    const to = starts[j + 1] as number;
    if (to - from < 2) continue;
    let d = '';
    for (let i = from; i < to; i++) d += `${i === from ? 'M' : 'L'}${coordinate(px[i] as number)},${coordinate(py[i] as number)}`;
    pieces.push({ from, to, d });
  }
  return pieces;
}

/**
 * The SVG document (a string starting with the XML declaration) of a learning-rate curve.
 * Throws a RangeError when `rates` and `steps` do not have the same length.
 */
export function renderLearningRateSvg(input: LearningRateSvgInput): string {
  const width = clampSize(input.width, DEFAULT_WIDTH, 240);
  const height = clampSize(input.height, DEFAULT_HEIGHT, 200);
  const log = input.scale === 'log';
  const n = stepCount(input.steps);
  if (input.rates.length !== n) throw new RangeError(`renderLearningRateSvg: ${input.rates.length} rates for ${n} steps`);
  if (input.momentum !== undefined && input.momentum.length !== n) throw new RangeError(`renderLearningRateSvg: ${input.momentum.length} momentum values for ${n} steps`);

  const order = orderSteps(input.steps);
  // Decimate over the data's step extent into at least as many columns as the plot will have pixels.
  const dataLo = order.length > 0 && order.min < order.max ? order.min : (Number.isFinite(order.min) ? order.min : 0) - 1;
  const dataHi = order.length > 0 && order.min < order.max ? order.max : dataLo + 2;
  const points = decimate(order, input.rates, dataLo, dataHi, Math.max(1, width - 2 * PAD));
  const momentum = input.momentum === undefined ? undefined : decimate(order, input.momentum, dataLo, dataHi, Math.max(1, width - 2 * PAD));

  // Header: title, info, subtitle, notes.
  const infoSize = 11.5;
  const titleSize = 17;
  // The info on the right of the title gives way (shorter, then none) when the title would have little room.
  const fullInfo = `${input.dtype} · ${plural(n, 'point', 'points')}${log ? ' · log scale' : ''}`;
  const titleRoom = (info: string) => width - 2 * PAD - (info ? textWidth(info, infoSize) + 24 : 0);
  const wanted = Math.min(textWidth(input.title, titleSize), 12 * titleSize * CHAR_EM);
  const info = [fullInfo, `${input.dtype}${log ? ' · log' : ''}`].find((i) => titleRoom(i) >= wanted) ?? '';
  const title = fit(input.title, titleRoom(info), titleSize);
  const header: Text[] = [{ x: PAD, y: 28, text: title, size: titleSize, weight: 600, fill: COLORS.title }];
  if (info) header.push({ x: width - PAD, y: 28, text: info, size: infoSize, anchor: 'end', fill: COLORS.muted });
  let baseline = 28;
  if (input.subtitle !== undefined && input.subtitle.trim() !== '') {
    baseline += 19;
    header.push({ x: PAD, y: baseline, text: fit(input.subtitle, width - 2 * PAD, 12.5), size: 12.5, fill: COLORS.text });
  }
  const notes: string[] = [];
  if (points.nonFinite > 0) notes.push(`${plural(points.nonFinite, 'rate is not a finite number', 'rates are not finite numbers')}: not drawn`);
  if (order.badSteps > 0) notes.push(`${plural(order.badSteps, 'step is', 'steps are')} not a finite number: not drawn`);
  if (log && points.nonPositive > 0) notes.push(`${plural(points.nonPositive, 'rate is', 'rates are')} ≤ 0: drawn on the bottom edge (log scale)`);
  if (notes.length > 0) {
    baseline += 18;
    header.push({ x: PAD, y: baseline, cls: 'lr-note', text: fit(`⚠ ${notes.join(' · ')}`, width - 2 * PAD, 11.5), size: 11.5, fill: COLORS.note });
  }
  if (momentum !== undefined) {
    baseline += 18;
    header.push({ x: PAD, y: baseline, cls: 'lr-legend', text: '— learning rate (left axis)', size: 11.5, fill: COLORS.accent });
    header.push({ x: PAD + textWidth('— learning rate (left axis)', 11.5) + 18, y: baseline, cls: 'lr-legend', text: '- - momentum / beta1 (right axis)', size: 11.5, fill: COLORS.momentum });
  }

  // Plot area and axes.
  const tickSize = 11.5;
  const top = baseline + 22;
  const bottom = Math.max(top + 40, height - 50);
  const plotHeight = bottom - top;
  const rateAxis = log
    ? logRateAxis(points.minPositive, points.max, Math.max(2, Math.floor(plotHeight / 40) + 1))
    : linearRateAxis(points.min, points.max, Math.max(2, Math.floor(plotHeight / 45) + 1));
  const widestRate = rateAxis.ticks.reduce((w, t) => Math.max(w, textWidth(t.label, tickSize)), 0);
  const left = Math.min(width / 2, PAD + 24 + widestRate + 8);
  const momentumAxis = momentum === undefined ? undefined : linearRateAxis(momentum.min, momentum.max, Math.max(2, Math.floor(plotHeight / 45) + 1));
  const widestMomentum = momentumAxis?.ticks.reduce((w, t) => Math.max(w, textWidth(t.label, tickSize)), 0);
  const right = widestMomentum === undefined ? width - PAD - 8 : Math.max(left + 40, width - PAD - 24 - widestMomentum - 8);
  const plotWidth = right - left;
  const steps = stepAxis(order.min, order.max, plotWidth, tickSize);
  const xOf = (step: number) => Math.min(right, Math.max(left, left + ((step - steps.x0) * plotWidth) / (steps.x1 - steps.x0)));
  const yOf = (fraction: number) => Math.min(bottom, Math.max(top, bottom - fraction * plotHeight));

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
  );
  // The whole title (bounded to a few thousand characters) names the picture for assistive technology.
  out.push(`<title>${escapeXml(fit(input.title, 4096, 1))}</title>`);
  out.push(`<desc>${escapeXml(`Learning rate against step: ${fullInfo}`)}</desc>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="${COLORS.background}"/>`);

  // Grid.
  const grid: string[] = [];
  for (const f of rateAxis.minor) grid.push(`<line x1="${coordinate(left)}" y1="${coordinate(yOf(f))}" x2="${coordinate(right)}" y2="${coordinate(yOf(f))}" stroke="${COLORS.minorGrid}"/>`);
  for (const t of rateAxis.ticks) grid.push(`<line x1="${coordinate(left)}" y1="${coordinate(yOf(t.fraction))}" x2="${coordinate(right)}" y2="${coordinate(yOf(t.fraction))}"/>`);
  for (const t of steps.ticks) grid.push(`<line x1="${coordinate(xOf(t.value))}" y1="${coordinate(top)}" x2="${coordinate(xOf(t.value))}" y2="${coordinate(bottom)}"/>`);
  out.push(`<g class="lr-grid" stroke="${COLORS.grid}" stroke-width="1" fill="none">${grid.join('')}</g>`);
  if (rateAxis.zero !== null) {
    out.push(`<line class="lr-zero" x1="${coordinate(left)}" y1="${coordinate(yOf(rateAxis.zero))}" x2="${coordinate(right)}" y2="${coordinate(yOf(rateAxis.zero))}" stroke="${COLORS.axis}" stroke-width="1"/>`);
  }
  out.push(`<path class="lr-axes" d="M${coordinate(left)},${coordinate(top)}V${coordinate(bottom)}H${coordinate(right)}${momentumAxis === undefined ? '' : `V${coordinate(top)}`}" stroke="${COLORS.axis}" stroke-width="1" fill="none"/>`);

  // Tick labels and axis titles.
  const rateLabels = rateAxis.ticks.map((t): Text => ({ x: left - 8, y: yOf(t.fraction) + 4, text: t.label, size: tickSize, anchor: 'end' }));
  const stepLabels = steps.ticks.map((t): Text => {
    const x = xOf(t.value);
    const half = textWidth(t.label, tickSize) / 2;
    if (x + half > width - 4) return { x: width - 4, y: bottom + 18, text: t.label, size: tickSize, anchor: 'end' };
    if (x - half < 4) return { x: 4, y: bottom + 18, text: t.label, size: tickSize, anchor: 'start' };
    return { x, y: bottom + 18, text: t.label, size: tickSize, anchor: 'middle' };
  });
  // The rate axis title runs along the plot's height: shortened when that is short.
  const longTitle = log ? 'learning rate (log)' : 'learning rate';
  const rateTitle = textWidth(longTitle, 12.5) <= plotHeight + 20 ? longTitle : fit(log ? 'rate (log)' : 'rate', plotHeight + 20, 12.5);
  const titles: Text[] = [
    { x: (left + right) / 2, y: height - 12, text: 'step', size: 12.5, anchor: 'middle' },
    { x: PAD + 8, y: (top + bottom) / 2, text: rateTitle, size: 12.5, anchor: 'middle', rotate: true },
  ];
  if (momentumAxis !== undefined) {
    const momentumLabels = momentumAxis.ticks.map((t): Text => ({ x: right + 8, y: yOf(t.fraction) + 4, text: t.label, size: tickSize }));
    titles.push({ x: width - PAD - 4, y: (top + bottom) / 2, text: fit('momentum', plotHeight + 20, 12.5), size: 12.5, anchor: 'middle', rotate: true, fill: COLORS.momentum });
    out.push(`<g class="lr-momentum-ticks" fill="${COLORS.momentum}">${momentumLabels.map(textElement).join('')}</g>`);
  }
  out.push(`<g class="lr-rate-ticks" fill="${COLORS.text}">${rateLabels.map(textElement).join('')}</g>`);
  out.push(`<g class="lr-step-ticks" fill="${COLORS.text}">${stepLabels.map(textElement).join('')}</g>`);
  out.push(`<g class="lr-axis-titles" fill="${COLORS.text}">${titles.map(textElement).join('')}</g>`);

  // The curve: points in pixels, repeated and collinear points dropped, pieces split at gaps.
  const curve = curveOf(points, xOf, (rate) => yOf(rateAxis.fraction(rate)));
  const { px, py, starts } = curve;
  const m = curve.count;
  const line: string[] = [];
  const area: string[] = [];
  const dots: string[] = [];
  const baseY = coordinate(yOf(rateAxis.base));
  const dot = (i: number) => `<circle cx="${coordinate(px[i] as number)}" cy="${coordinate(py[i] as number)}" r="2.5"/>`;
  // Few points far apart: each one is marked; otherwise only the points that stand alone between gaps.
  const sparse = !points.reduced && points.finite <= plotWidth / 8;
  if (sparse) for (let i = 0; i < m; i++) dots.push(dot(i));
  else for (let j = 0; j + 1 < starts.length; j++) if ((starts[j + 1] as number) - (starts[j] as number) === 1) dots.push(dot(starts[j] as number));
  for (const { from, to, d } of piecesOf(curve)) {
    line.push(d);
    area.push(`M${coordinate(px[from] as number)},${baseY}${d.replace(/^M/, 'L')}L${coordinate(px[to - 1] as number)},${baseY}Z`);
  }
  if (area.length > 0) out.push(`<path class="lr-area" d="${area.join('')}" fill="${COLORS.accent}" fill-opacity="0.07" stroke="none"/>`);
  if (line.length > 0) {
    out.push(`<path class="lr-curve" d="${line.join('')}" fill="none" stroke="${COLORS.accent}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`);
  }
  if (dots.length > 0) out.push(`<g class="lr-points" fill="${COLORS.accent}">${dots.join('')}</g>`);
  if (momentum !== undefined && momentumAxis !== undefined) {
    const momentumLine = piecesOf(curveOf(momentum, xOf, (value) => yOf(momentumAxis.fraction(value)))).map((piece) => piece.d);
    if (momentumLine.length > 0) {
      out.push(`<path class="lr-momentum" d="${momentumLine.join('')}" fill="none" stroke="${COLORS.momentum}" stroke-width="1.5" stroke-dasharray="5 3" stroke-linejoin="round"/>`);
    }
  }
  if (points.finite === 0) {
    out.push(textElement({ x: (left + right) / 2, y: (top + bottom) / 2, cls: 'lr-empty', text: n === 0 ? 'no steps to draw' : 'no finite learning rate to draw', size: 13, anchor: 'middle', fill: COLORS.muted }));
  }

  out.push(`<g class="lr-header">${header.map(textElement).join('')}</g>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
