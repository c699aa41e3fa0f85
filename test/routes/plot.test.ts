/**
 * `Accept: image/svg+xml` on POST /v1/learning-rates: the curve as a chart, for any schedule, list or range,
 * drawn from the same rates as the other formats.
 */
import t from 'tap';
import { exampleSchedule } from '../../src/schemas/examples.js';
import { buildTestApp, decodeBinary } from '../helpers/app.js';
import { inspect } from '../plot/inspect.js';
import { elements, parseXml, textOf } from '../plot/xml.js';

const url = '/v1/learning-rates';
const headers = { accept: 'image/svg+xml' };
const restarts = { class_name: 'CosineDecayRestarts', config: { initial_learning_rate: 0.1, first_decay_steps: 1000 } };

t.test('a range answers an SVG chart of its curve, titled with the class', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'POST', url, headers, payload: { schedule: exampleSchedule, range: { start: 0, stop: 12_000 } } });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'image/svg+xml; charset=utf-8');
  const root = parseXml(response.body);
  t.equal(root.name, 'svg', 'a well-formed SVG document');
  t.ok(elements(root).some((e) => e.name === 'title' && textOf(e).includes('CosineDecay')), 'titled with the class name');
  t.ok(response.body.includes('warmup_target=0.001'), 'its settings in the subtitle');
  const chart = inspect(response.body);
  t.ok(chart.pieces.length > 0 && (chart.pieces[0]?.length ?? 0) > 10, 'with a curve');
  t.equal(response.headers['x-learning-rate-count'], '12000');
});

t.test('a million-step range of restarts, its rates computed in a worker, draws a chart bounded by its width; log scale on request', async (t) => {
  const app = await buildTestApp(t);
  const payload = { schedule: restarts, range: { start: 0, stop: 1_000_000 } };
  const svg = await app.inject({ method: 'POST', url, headers, payload });
  t.equal(svg.statusCode, 200);
  t.ok(svg.body.length < 200_000, `bounded by the width, not the steps (${svg.body.length} bytes)`);
  const binary = await app.inject({ method: 'POST', url, headers: { accept: 'application/octet-stream' }, payload });
  const rates = decodeBinary(binary.rawPayload, 'float32');
  t.equal(Math.max(...rates.slice(0, 1000)), 0.10000000149011612, 'the binary answer of the same range, for reference');
  const log = await app.inject({ method: 'POST', url, headers, payload: { ...payload, plot: { scale: 'log', width: 600, height: 300 } } });
  t.equal(log.statusCode, 200);
  t.match(log.body, /width="600"/, 'the size asked for');
  t.not(log.body, svg.body, 'a log axis draws differently');
});

t.test('plot options are validated like every field', async (t) => {
  const app = await buildTestApp(t);
  const bad = await app.inject({ method: 'POST', url, headers, payload: { schedule: exampleSchedule, steps: [1, 2], plot: { scale: 'cubic' } } });
  t.equal(bad.statusCode, 400);
  t.equal((bad.json() as { errors: { path: string }[] }).errors[0]?.path, '/plot/scale');
});
