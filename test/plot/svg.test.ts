import fc from 'fast-check';
import t, { type Test } from 'tap';
import { renderLearningRateSvg, type LearningRateSvgInput } from '../../src/plot/index.js';
import { extremesIn, inspect, type Chart, type Point } from './inspect.js';
import { parseXml } from './xml.js';

const range = (count: number, start = 0, stride = 1) => ({ start, stride, count });

function render(input: Partial<LearningRateSvgInput> & Pick<LearningRateSvgInput, 'rates'>): string {
  return renderLearningRateSvg({ steps: range(input.rates.length), title: 'CosineDecay', dtype: 'float32', ...input });
}

/** The checks every document must pass: well-formed, sized, every number short and inside the viewBox. */
function checkDocument(t: Test, svg: string, what: string): Chart {
  const chart = inspect(svg);
  const { root } = chart;
  t.equal(root.name, 'svg', `${what}: svg root`);
  t.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg', `${what}: SVG namespace`);
  t.equal(root.attributes.version, '1.1', `${what}: SVG 1.1`);
  t.equal(root.attributes.viewBox, `0 0 ${chart.width} ${chart.height}`, `${what}: viewBox matches width and height`);
  t.notMatch(svg, /NaN|Infinity|undefined|null/, `${what}: no NaN, Infinity, undefined or null anywhere`);
  const long = chart.numbers.filter((n) => !/^-?[0-9]+(\.[0-9]{1,2})?$/.test(n));
  t.same(long, [], `${what}: every number has at most 2 decimals and no exponent`);
  const outside = chart.coordinates.filter((p) => !(p.x >= 0 && p.x <= chart.width && p.y >= 0 && p.y <= chart.height));
  t.same(outside.slice(0, 5), [], `${what}: every coordinate inside the viewBox`);
  const problems = tickProblems(chart, svg.includes('learning rate (log)'));
  t.same(problems, [], `${what}: ticks are nice numbers, evenly spaced`);
  return chart;
}

const UNITS: Record<string, number> = { k: 3, M: 6, B: 9, T: 12 };

/** A tick label read back as a number: "−1.5M" → -1500000, "9,007,199,254,740,991", "2e−5". */
function labelValue(label: string): number {
  const plain = label.replace(/−/g, '-').replace(/,/g, '');
  const unit = UNITS[plain.slice(-1)];
  return unit ? Number(`${plain.slice(0, -1)}e${unit}`) : Number(plain);
}

/** 1, 2 or 5 times a power of ten. */
function isNice(x: number): boolean {
  const [mantissa] = Math.abs(x).toExponential(6).split('e');
  return ['1.000000', '2.000000', '5.000000'].includes(mantissa as string);
}

/** What is wrong with a chart's ticks (nothing: []): numeric labels, steps of 1/2/5 × 10^k, decades on a log axis. */
function tickProblems(chart: Chart, log: boolean): string[] {
  const problems: string[] = [];
  const check = (name: string, values: number[], positions: number[]) => {
    if (values.some((v) => !Number.isFinite(v))) problems.push(`${name}: unreadable label in ${values.join(' ')}`);
    for (let i = 2; i < values.length; i++) {
      const d = (values[i] as number) - (values[i - 1] as number);
      const d0 = (values[1] as number) - (values[0] as number);
      if (Math.abs(d - d0) > Math.abs(d0) * 1e-6) problems.push(`${name}: uneven ticks ${values.join(' ')}`);
      if (positions.length === values.length) {
        const p = (positions[i] as number) - (positions[i - 1] as number);
        const p0 = (positions[1] as number) - (positions[0] as number);
        if (Math.abs(p - p0) > 0.03) problems.push(`${name}: uneven spacing ${positions.join(' ')}`);
      }
    }
    if (values.length >= 2 && !isNice((values[1] as number) - (values[0] as number))) problems.push(`${name}: step ${(values[1] as number) - (values[0] as number)} is not nice`);
  };
  if (log) {
    // Decades are read from the text (1e−324 is a decade even though it is 0 as a double).
    const labels = chart.rateTicks.map((x) => x.label.replace(/\u2212/g, '-'));
    if (!labels.every((l) => /^(1e-?[0-9]+|0\.0*1|10*)$/.test(l))) problems.push(`log: not decades ${labels.join(' ')}`);
    const exponents = labels.map((l) => (l.startsWith('1e') ? Number(l.slice(2)) : Math.round(Math.log10(Number(l)))));
    check('log exponents', exponents, chart.rateTicks.map((x) => x.y));
  } else check('rates', chart.rateTicks.map((x) => labelValue(x.label)), chart.rateTicks.map((x) => x.y));
  const steps = chart.stepTicks.map((x) => labelValue(x.label));
  if (!steps.every(Number.isInteger)) problems.push(`steps: not integers ${steps.join(' ')}`);
  check('steps', steps, []);
  return problems;
}

/** The pixel → rate mapping of a linear rate axis, from its tick labels. */
function rateAt(chart: Chart): (y: number) => number {
  const ticks = chart.rateTicks.map((tick) => ({ y: tick.y, value: Number(tick.label.replace(/\u2212/g, '-')) }));
  const a = ticks[0] as { y: number; value: number };
  const b = ticks[ticks.length - 1] as { y: number; value: number };
  return (y) => a.value + ((y - a.y) * (b.value - a.value)) / (b.y - a.y);
}

function allPoints(chart: Chart): Point[] {
  return chart.pieces.flat();
}

t.test('the XML checker refuses what is not well-formed', async (t) => {
  for (const bad of ['<a>', '<a></b>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>x & y</a>', '<a/><b/>', 'text<a/>', '<a x="<"/>', '<a>\u0001</a>', '<a><!-- -- --></a>']) {
    t.throws(() => parseXml(bad), { name: 'XmlError' }, bad);
  }
  t.same(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a q="&quot;&#39;&#x3C;">x &amp; <b/>y</a>').attributes, { q: '"\'<' });
});

t.test('a standalone, well-formed SVG with the default size, title, axes and one curve', async (t) => {
  const rates = new Float32Array(12_000).map((_, s) => (s < 1000 ? s / 1e6 : 0.001 * 0.5 * (1 + Math.cos((Math.PI * (s - 1000)) / 11_000))));
  const svg = render({ rates, subtitle: 'warmup then cosine' });
  t.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg '), 'XML declaration, then the svg element');
  const chart = checkDocument(t, svg, 'cosine');
  t.equal(chart.width, 800);
  t.equal(chart.height, 400);
  t.match(chart.header, /CosineDecay/);
  t.match(chart.header, /warmup then cosine/);
  t.match(chart.header, /float32 · 12,000 points/);
  t.equal(chart.pieces.length, 1, 'one unbroken curve');
  t.same(chart.stepTicks.map((x) => x.label), ['0', '2k', '4k', '6k', '8k', '10k', '12k'], 'step ticks in thousands');
  t.same(chart.rateTicks.map((x) => x.label), ['0', '0.0002', '0.0004', '0.0006', '0.0008', '0.0010', '0.0012'], 'rate ticks');
  const texts = svg.match(/<text[^>]*>([^<]*)<\/text>/g)?.join('\n') ?? '';
  t.match(texts, />step</, 'step axis title');
  t.match(texts, />learning rate</, 'rate axis title');
  t.equal((svg.match(/class="lr-curve"/g) ?? []).length, 1, 'the curve is one path');
  const small = checkDocument(t, render({ rates, width: 300, height: 200 }), 'small');
  t.equal(small.width, 300);
  t.ok(small.stepTicks.length >= 2 && small.stepTicks.length <= 5, `few step ticks on a small chart (${small.stepTicks.length})`);
  const clamped = inspect(render({ rates, width: 10, height: Number.NaN }));
  t.same([clamped.width, clamped.height], [240, 400], 'sizes are clamped, NaN falls back to the default');
});

t.test('titles and subtitles are escaped and cleaned', async (t) => {
  const title = `<script>alert("x")</script> & 'q' \u0001\u0008 \uD800 ok`;
  const svg = render({ rates: new Float32Array([1, 2]), title, subtitle: '</text><g>' });
  const chart = checkDocument(t, svg, 'hostile title');
  t.notMatch(svg, /<script|<\/text><g>/, 'no markup from the title gets through');
  t.match(chart.header, `<script>alert("x")</script> & 'q' \uFFFD\uFFFD \uFFFD ok`, 'the text reads back as given, forbidden characters replaced');
  t.match(chart.header, '</text><g>');
  const long = inspect(render({ rates: new Float32Array([1, 2]), title: 'A'.repeat(500) }));
  t.match(long.header, /A…/, 'a long title is cut with an ellipsis');
  t.ok(long.header.length < 200, 'and fits');
  t.match(inspect(render({ rates: new Float32Array([1, 2]), title: 'x'.repeat(500) })).root.children.find((c) => c.name === 'title')?.text ?? '', /^x+$/, 'the <title> element has the whole title');
});

t.test('a million points: bounded output, a one-point spike and every restart kept', async (t) => {
  const n = 1_000_000;
  const rates = new Float32Array(n);
  const period = 100_000;
  for (let i = 0; i < n; i++) rates[i] = 0.0001 + 0.0009 * 0.5 * (1 + Math.cos((Math.PI * (i % period)) / period)) * 0.9 ** Math.floor(i / period);
  const spikeAt = 654_321;
  rates[spikeAt] = 0.003;
  const dipAt = 123_457;
  rates[dipAt] = 0;
  const started = performance.now();
  const svg = render({ rates, title: 'CosineDecayRestarts' });
  const ms = performance.now() - started;
  t.comment(`rendered 1,000,000 float32 points in ${ms.toFixed(1)} ms (${svg.length} bytes)`);
  t.ok(ms < 1000, 'fast');
  const chart = checkDocument(t, svg, '1M');
  const points = allPoints(chart);
  t.ok(points.length <= 4 * 800, `at most 4 points per column (${points.length})`);
  t.ok(svg.length < 200_000, 'the document stays small');
  const rate = rateAt(chart);
  const xs = chart.pieces.flat().map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const xOf = (step: number) => x0 + ((x1 - x0) * step) / (n - 1);
  const top = Math.min(...points.map((p) => p.y));
  t.ok(Math.abs(rate(top) - 0.003) < 0.00003, `the spike is the highest point drawn (${rate(top)})`);
  const spike = extremesIn(chart.pieces, xOf(spikeAt) - 1, xOf(spikeAt) + 1);
  t.equal(spike.top, top, 'in the spike’s own column');
  const dip = extremesIn(chart.pieces, xOf(dipAt) - 1, xOf(dipAt) + 1);
  t.ok(Math.abs(rate(dip.bottom)) < 0.00001, 'a one-point dip to 0 is the lowest point of its column');
  for (let restart = 1; restart < 10; restart++) {
    const peak = rates[restart * period] as number;
    const before = rates[restart * period - 1] as number;
    const around = extremesIn(chart.pieces, xOf(restart * period) - 1.5, xOf(restart * period) + 1.5);
    t.ok(Math.abs(rate(around.top) - peak) < 0.00001, `restart ${restart}: its peak ${peak} is drawn`);
    t.ok(Math.abs(rate(around.bottom) - before) < 0.00001, `restart ${restart}: and the low just before it`);
  }
  const xsInOrder = xs.every((x, i) => i === 0 || x >= (xs[i - 1] as number));
  t.ok(xsInOrder, 'the path runs left to right');
});

t.test('a staircase keeps its edges and drops the points in between', async (t) => {
  const rates = new Float64Array(100_000).map((_, s) => 0.1 * 0.5 ** Math.floor(s / 25_000));
  const chart = checkDocument(t, render({ rates, dtype: 'float64', title: 'ExponentialDecay' }), 'staircase');
  const points = allPoints(chart);
  t.ok(points.length <= 12, `a flat stretch is one segment (${points.length} points)`);
  const levels = new Set(points.map((p) => p.y));
  t.equal(levels.size, 4, 'four levels');
});

t.test('log scale: decade ticks, zero and negative rates clipped to the bottom with a note', async (t) => {
  const rates = new Float64Array(10_000).map((_, s) => 0.1 * 10 ** (-s / 2000));
  rates[5000] = 0;
  rates[5001] = -1;
  const svg = render({ rates, dtype: 'float64', scale: 'log' });
  const chart = checkDocument(t, svg, 'log');
  const labels = chart.rateTicks.map((x) => x.label);
  t.same(labels, ['1e−6', '1e−5', '1e−4', '1e−3', '1e−2', '1e−1'], 'one tick per decade');
  for (const label of labels) t.match(Number(label.replace('\u2212', '-')).toExponential(), /^1e/, `${label} is a power of ten`);
  t.match(chart.note, /2 rates are ≤ 0: drawn on the bottom edge \(log scale\)/);
  const bottom = Math.max(...chart.rateTicks.map((x) => x.y));
  t.equal(Math.max(...allPoints(chart).map((p) => p.y)), bottom, 'the clipped rates are on the bottom edge');
  const spacing = chart.rateTicks.map((x, i, all) => (i === 0 ? 0 : (all[i - 1] as { y: number }).y - x.y)).slice(1);
  t.ok(spacing.every((s) => Math.abs(s - (spacing[0] as number)) < 0.02), 'decades are evenly spaced');
  t.match(chart.header, /log scale/);

  const plain = inspect(render({ rates: new Float32Array([0.002, 0.5]), scale: 'log' }));
  t.same(plain.rateTicks.map((x) => x.label), ['0.001', '0.01', '0.1', '1'], 'decimals for decades from 0.001 to 10000');
  const wide = inspect(render({ rates: new Float64Array([1e-300, 1e300]), dtype: 'float64', scale: 'log' }));
  t.ok(wide.rateTicks.length >= 2 && wide.rateTicks.length <= 9, `600 decades: every few decades (${wide.rateTicks.length} ticks)`);
  for (const tick of wide.rateTicks) t.match(tick.label, /^1e−?[0-9]+$/, tick.label);
  const power = checkDocument(t, render({ rates: new Float32Array([0.001, 0.001]), scale: 'log' }), 'log constant');
  t.same(power.rateTicks.map((x) => x.label), ['1e−4', '1e−3', '1e−2'], 'a constant power of ten sits mid-axis');
  const none = checkDocument(t, render({ rates: new Float32Array([0, -1, 0]), scale: 'log' }), 'log non-positive');
  t.match(none.note, /3 rates are ≤ 0/);
  t.equal(none.pieces.length, 1, 'still drawn, on the bottom edge');
});

t.test('constant rates, a single point, empty input', async (t) => {
  const flat = checkDocument(t, render({ rates: new Float32Array(5000).fill(0.001) }), 'constant');
  const ys = new Set(allPoints(flat).map((p) => p.y));
  t.equal(ys.size, 1, 'a flat line');
  t.equal(allPoints(flat).length, 2, 'drawn as one segment');
  const rate = rateAt(flat);
  t.ok(Math.abs(rate([...ys][0] as number) - 0.001) < 1e-9, 'at the constant');
  t.same(flat.rateTicks.map((x) => x.label)[0], '0', 'the axis starts at zero');
  t.ok(flat.rateTicks.length >= 3, 'with a sensible range around the line');
  const zero = checkDocument(t, render({ rates: new Float32Array(10) }), 'zero');
  t.same(zero.rateTicks.map((x) => x.label).slice(0, 1), ['0']);
  const negative = checkDocument(t, render({ rates: new Float64Array([-0.5, -0.5]), dtype: 'float64' }), 'negative constant');
  t.ok(negative.rateTicks.some((x) => x.label === '0') && negative.rateTicks.some((x) => x.label === '−1.0' || x.label === '−1'), 'negative range up to 0');

  const single = checkDocument(t, render({ steps: [1500], rates: new Float32Array([0.0009939058]) }), 'single');
  t.equal(single.dots.length, 1, 'a single point is a dot');
  t.same(single.stepTicks.map((x) => x.label), ['1500']);
  const grid = single.root.children.find((c) => c.attributes.class === 'lr-grid')?.children ?? [];
  const stepLines = grid.filter((line) => line.attributes.x1 === line.attributes.x2);
  t.equal(single.dots[0]?.x, Number(stepLines[0]?.attributes.x1), 'on its tick, mid-axis');

  const empty = checkDocument(t, render({ steps: [], rates: new Float32Array(0) }), 'empty');
  t.equal(empty.pieces.length, 0);
  t.match(inspect(render({ steps: [], rates: new Float32Array(0) })).root.children.map((c) => c.text).join(''), /no steps to draw/);
  t.throws(() => render({ steps: [1, 2, 3], rates: new Float32Array(2) }), { name: 'RangeError' }, 'rates and steps must match');
});

t.test('few points are marked; non-finite rates break the line and are counted', async (t) => {
  const few = checkDocument(t, render({ steps: [0, 500, 1000, 11000], rates: new Float32Array([0, 0.0005, 0.001, 0.00001]) }), 'few');
  t.equal(few.dots.length, 4, 'each of a few points is marked');
  t.equal(few.pieces.length, 1);

  const rates = new Float32Array(3000).fill(0.01);
  rates.fill(Number.NaN, 1000, 1500);
  rates[2000] = Number.POSITIVE_INFINITY;
  rates[2001] = Number.NEGATIVE_INFINITY;
  const gaps = checkDocument(t, render({ rates }), 'gaps');
  t.equal(gaps.pieces.length, 3, 'broken at each gap');
  t.match(gaps.note, /502 rates are not finite numbers: not drawn/);
  const alone = new Float32Array([Number.NaN, 1, Number.NaN, 2, 3, Number.NaN]);
  const aloneChart = checkDocument(t, render({ rates: alone, steps: [0, 100, 200, 300, 400, 500], width: 240 }), 'isolated');
  t.ok(aloneChart.dots.length >= 1, 'a point alone between gaps is a dot');
  const nothing = checkDocument(t, render({ rates: new Float32Array([Number.NaN, Number.NaN]) }), 'all NaN');
  t.equal(nothing.pieces.length + nothing.dots.length, 0);
  t.match(nothing.note, /2 rates are not finite/);
  const badSteps = checkDocument(t, render({ steps: [0, Number.NaN, 2], rates: new Float32Array([1, 2, 3]) }), 'bad steps');
  t.match(badSteps.note, /1 step is not a finite number/);
});

t.test('explicit steps: plotted sorted by step, duplicates in their given order', async (t) => {
  const steps = [3000, 0, 1000, 1000, 2000, 500];
  const rates = new Float32Array([0.3, 0, 0.1, 0.15, 0.2, 0.05]);
  const chart = checkDocument(t, render({ steps, rates, width: 600 }), 'unsorted');
  const points = allPoints(chart);
  t.ok(points.every((p, i) => i === 0 || p.x >= (points[i - 1] as Point).x), 'x never goes back');
  const rate = rateAt(chart);
  const drawn = points.map((p) => Math.round(rate(p.y) * 1000) / 1000);
  t.same(drawn, [0, 0.05, 0.1, 0.15, 0.2, 0.3], 'rates in step order; the duplicate step 1000 keeps 0.1 then 0.15');
  const reversed = checkDocument(t, render({ steps: range(6, 5000, -1000), rates: new Float32Array([5, 4, 3, 2, 1, 0]) }), 'negative stride');
  const rev = allPoints(reversed);
  t.ok(rev.every((p, i) => i === 0 || p.x > (rev[i - 1] as Point).x), 'a descending range is drawn left to right');
  t.ok((rev[0] as Point).y > (rev[rev.length - 1] as Point).y, 'step 0 (rate 0) at the left, low');
});

t.test('huge and negative steps', async (t) => {
  const max = Number.MAX_SAFE_INTEGER;
  const near = checkDocument(t, render({ steps: range(1000, max - 999), rates: new Float64Array(1000).map((_, i) => i), dtype: 'float64' }), 'near 2^53');
  const labels = near.stepTicks.map((x) => x.label);
  t.ok(labels.length >= 2, `ticks near 2^53: ${labels.join(' ')}`);
  t.equal(new Set(labels).size, labels.length, 'distinct labels');
  for (const label of labels) t.match(label, /^9,007,199,254,7[0-9]{2},[0-9]{3}$/, label);
  const whole = checkDocument(t, render({ steps: [0, max], rates: new Float32Array([1, 0]) }), '0 to 2^53');
  t.same(whole.stepTicks.map((x) => x.label), ['0', '2e15', '4e15', '6e15', '8e15']);
  const negative = checkDocument(t, render({ steps: range(2001, -1000), rates: new Float32Array(2001).fill(1) }), 'negative');
  t.same(negative.stepTicks.map((x) => x.label), ['−1000', '−500', '0', '500', '1000']);
  const single = checkDocument(t, render({ steps: [max], rates: new Float32Array([1]) }), 'single huge');
  t.same(single.stepTicks.map((x) => x.label), ['9,007,199,254,740,991']);
  const millions = checkDocument(t, render({ steps: range(3_000_001, -1_500_000), rates: new Float32Array(3_000_001) }), 'millions');
  t.same(millions.stepTicks.map((x) => x.label), ['−1.5M', '−1M', '−500k', '0', '500k', '1M', '1.5M']);
});

t.test('any input gives a valid document', async (t) => {
  const rate = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, 3.4e38, Number.MIN_VALUE, 1e308, -1e308) },
    { weight: 2, arbitrary: fc.double({ noNaN: false }) },
  );
  const step = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: 2 ** 53 - 1 }));
  const input = fc.oneof(
    fc.array(fc.tuple(step, rate), { maxLength: 60 }).map((pairs) => ({ steps: pairs.map((p) => p[0]), rates: Float64Array.from(pairs.map((p) => p[1])) })),
    fc
      .record({ start: step, stride: fc.integer({ min: -1e9, max: 1e9 }), rates: fc.array(rate, { maxLength: 3000 }) })
      .filter((r) => Number.isSafeInteger(r.start + r.rates.length * r.stride))
      .map((r) => ({ steps: range(r.rates.length, r.start, r.stride), rates: Float32Array.from(r.rates) })),
  );
  fc.assert(
    fc.property(input, fc.constantFrom<'linear' | 'log'>('linear', 'log'), fc.integer({ min: 100, max: 2000 }), fc.string({ unit: 'binary' }), (data, scale, width, title) => {
      const svg = render({ ...data, scale, width, title, subtitle: title });
      const chart = inspect(svg);
      if (/NaN|Infinity|undefined/.test(svg)) throw new Error('NaN in the output');
      for (const n of chart.numbers) if (!/^-?[0-9]+(\.[0-9]{1,2})?$/.test(n)) throw new Error(`number ${n}`);
      for (const p of chart.coordinates) if (!(p.x >= 0 && p.x <= chart.width && p.y >= 0 && p.y <= chart.height)) throw new Error(`outside: ${p.x},${p.y}`);
      const labels = chart.stepTicks.map((x) => x.label);
      if (new Set(labels).size !== labels.length) throw new Error(`duplicate step labels ${labels.join(' ')}`);
      const rateLabels = chart.rateTicks.map((x) => x.label);
      if (new Set(rateLabels).size !== rateLabels.length) throw new Error(`duplicate rate labels ${rateLabels.join(' ')}`);
      if (chart.rateTicks.length < 2) throw new Error('fewer than 2 rate ticks');
      const problems = tickProblems(chart, scale === 'log');
      if (problems.length > 0) throw new Error(problems.join('; '));
      return true;
    }),
    { numRuns: 300 },
  );
  t.pass('300 random inputs');
});
