import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import t from 'tap';
import { generateOpenApi } from '../src/openapi.js';
import { buildTestApp } from './helpers/app.js';

const committed = (name: string) => readFileSync(new URL(`../openapi/${name}`, import.meta.url), 'utf8');

t.test('the committed OpenAPI document is what the app generates (run npm run openapi after changing a route)', async (t) => {
  const { json, yaml } = await generateOpenApi();
  t.same(JSON.parse(committed('openapi.json')), json, 'openapi/openapi.json');
  t.equal(committed('openapi.yaml'), yaml, 'openapi/openapi.yaml');
});

t.test('/docs/json serves the committed document, and /docs serves Swagger UI', async (t) => {
  const app = await buildTestApp(t);
  t.same((await app.inject({ method: 'GET', url: '/docs/json' })).json(), JSON.parse(committed('openapi.json')));
  t.equal((await app.inject({ method: 'GET', url: '/docs/yaml' })).body, committed('openapi.yaml'));
  const ui = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.body, /swagger-ui/i);
});

t.test('the document is valid OpenAPI', async (t) => {
  const result = await validate(JSON.parse(committed('openapi.json')));
  t.same(result.valid ? [] : result.errors, [], 'no errors');
  t.equal(result.valid, true);
  t.same(result.warnings, [], 'no warnings');
});

t.test('every operation has a summary, a description and a working example', async (t) => {
  const document = JSON.parse(committed('openapi.json')) as { paths: Record<string, Record<string, { summary?: string; description?: string; requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> } }>> };
  const app = await buildTestApp(t);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      t.ok(operation.summary, `${method} ${path} summary`);
      t.ok(operation.description, `${method} ${path} description`);
      const example = Object.values(operation.requestBody?.content['application/json']?.examples ?? {})[0]?.value;
      if (operation.requestBody === undefined) continue;
      t.ok(example, `${method} ${path} example`);
      const response = await app.inject({ method: 'POST', url: path, payload: example as object });
      t.equal(response.statusCode, 200, `${method} ${path}: its example answers 200`);
    }
  }
  t.ok(Object.keys((document as unknown as { components: { schemas: object } }).components.schemas).includes('ProblemDetails'));
});
