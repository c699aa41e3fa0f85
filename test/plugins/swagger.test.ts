/*
 * The OpenAPI document's examples are real: every named request example is sent and must get exactly the
 * committed answer (src/schemas/example-answers.json), and every error example is the answer the service gives
 * to the request ERROR_CASES describes. `npm run examples` rewrites the file (then run `npm run openapi`).
 */
import t from 'tap';
import { scheduleCatalogue, ScheduleRegistry } from '../../src/engine/index.js';
import { completeDocument, SVG_ANSWER_PLUGIN } from '../../src/plugins/external/swagger.js';
import { ANSWERS, CHART_EXAMPLES, ERROR_ANSWERS, REQUEST_EXAMPLES, SCHEDULE_EXAMPLES, TORCH_EXAMPLES, TRANSFORMERS_EXAMPLES } from '../../src/schemas/examples.js';
import { buildTestApp } from '../helpers/app.js';
import { realAnswers } from '../../scripts/examples.js';

t.test('every example in the document is the real answer to its request', async (t) => {
  const { answers, errors } = await realAnswers();
  t.same(ANSWERS, answers, 'the 200 examples are the answers the service gives (npm run examples rewrites them)');
  t.same(ERROR_ANSWERS, errors, 'the error examples are the answers the service gives');
});

t.test('a named example per schedule class and per accepted form, in every schedule-taking operation', async (t) => {
  const app = await buildTestApp(t);
  const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }; responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>>;
  };
  const classes = ['CosineDecay', 'ExponentialDecay', 'PiecewiseConstantDecay', 'PolynomialDecay', 'InverseTimeDecay', 'CosineDecayRestarts'];
  const forms = ['legacy', 'minimal', 'optimizer', 'tensorFloat32', 'tensorFloat64'];
  t.same(Object.keys(SCHEDULE_EXAMPLES).sort(), [...classes, ...forms].sort());
  // Every PyTorch class and Hugging Face type of the catalogue has its example, of that class.
  const familyExamples = { ...TORCH_EXAMPLES, ...TRANSFORMERS_EXAMPLES };
  const familyClasses = scheduleCatalogue(new ScheduleRegistry()).filter((entry) => entry.module !== 'keras.optimizers.schedules');
  t.same(
    Object.values(familyExamples).map(({ schedule }) => `${(schedule as { module: string }).module} ${(schedule as { class_name: string }).class_name}`).sort(),
    familyClasses.map((entry) => `${entry.module} ${entry.className}`).sort(),
    'one example per PyTorch class and Hugging Face type',
  );
  classes.push(...Object.keys(familyExamples));
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(operations)) {
      const media = operation.requestBody?.content['application/json'];
      if (media === undefined) continue;
      t.equal(media.example, undefined, `${path}: example and examples are mutually exclusive`);
      const names = Object.keys(media.examples ?? {});
      for (const name of [...classes, ...forms]) t.ok(names.includes(name), `${path} has the ${name} example`);
      const answers = operation.responses['200']?.content?.['application/json']?.examples ?? {};
      t.same(Object.keys(answers), names.filter((name) => !CHART_EXAMPLES.has(name)), `${path}: an answer per request example (but the charts')`);
    }
  }
  const float64 = (REQUEST_EXAMPLES['computeLearningRate']?.['tensorFloat64']?.value ?? {}) as object;
  t.match((await app.inject({ method: 'POST', url: '/v1/learning-rate', payload: float64 })).json(), { dtype: 'float64' });
});

t.test('the document declares the bearer scheme, required by every operation but the probes and metrics', async (t) => {
  const app = await buildTestApp(t);
  const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  };
  t.match(document.components.securitySchemes, { bearerAuth: { type: 'http', scheme: 'bearer' } });
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (['/health', '/ready', '/metrics'].includes(path)) {
        t.notOk(operation.security?.length, `${method} ${path} needs no key`);
      } else {
        t.same(operation.security, [{ bearerAuth: [] }], `${method} ${path} needs the key`);
        for (const status of ['401', '429', '503']) t.ok(operation.responses[status], `${method} ${path} documents ${status}`);
      }
    }
  }
  t.same(completeDocument({}), { components: { securitySchemes: document.components.securitySchemes } }, 'a document without paths gets the scheme alone');
});

t.test('Swagger UI: "Try it out" is a button to press, the key is kept across reloads', async (t) => {
  const app = await buildTestApp(t);
  const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
  t.equal(initializer.statusCode, 200);
  t.match(initializer.body, /"tryItOutEnabled":\s*false/);
  t.match(initializer.body, /"persistAuthorization":\s*true/);
});

t.test('Swagger UI draws an SVG answer as an image and leaves every other answer to its own component', async (t) => {
  const app = await buildTestApp(t);
  const initializer = (await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })).body;
  t.match(initializer, /"plugins":\[SwaggerUIBundle\.plugins\.DownloadUrl,function SvgAnswerAsImage\(\)/, 'the default plugin, then ours, as browser code');
  // Run the plugin as the browser would, with a stand-in for React's createElement.
  const plugin = new Function(`return ${SVG_ANSWER_PLUGIN}`)() as () => { wrapComponents: { responseBody: (original: unknown, system: unknown) => (props: unknown) => unknown } };
  const createElement = (type: unknown, props: unknown, ...children: unknown[]) => ({ type, props, children });
  const original = 'Original';
  const render = plugin().wrapComponents.responseBody(original, { React: { createElement } });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0"/></svg>';
  const drawn = render({ contentType: 'image/svg+xml; charset=utf-8', content: svg }) as { children: { type: string; props: { src: string } }[] };
  const image = drawn.children.find((child) => child.type === 'img');
  t.equal(image?.props.src, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, 'an <img> of the SVG itself');
  const json = { contentType: 'application/json', content: '{"learning_rate": 0.1}' };
  t.same(render(json), { type: original, props: json, children: [] }, 'JSON: Swagger UI\'s own body');
  const xml = { contentType: 'application/xml', content: '<a/>' };
  t.same(render(xml), { type: original, props: xml, children: [] }, 'other XML too');
});
