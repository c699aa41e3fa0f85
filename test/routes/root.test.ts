import { readFileSync } from 'node:fs';
import t from 'tap';
import { KERAS_VERSION, problemPage } from '../../src/routes/root.js';
import { STATUSES } from '../../src/schemas/responses.js';
import { buildTestApp } from '../helpers/app.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

t.test('GET / sends a browser to Swagger UI', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.inject({ method: 'GET', url: '/' });
  t.equal(response.statusCode, 302);
  t.equal(response.headers['location'], '/docs');
});

t.test('GET /version: the service version, the Keras version it follows, and the commit when built into the image', async (t) => {
  const app = await buildTestApp(t);
  t.same((await app.inject({ method: 'GET', url: '/version' })).json(), { service: 'lr-schedule-service', version: packageJson.version, keras: '3.16.0', commit: null });
  t.equal(KERAS_VERSION, '3.16.0');
  const built = await buildTestApp(t, { GIT_COMMIT: '2256365abcdef' });
  t.match((await built.inject({ method: 'GET', url: '/version' })).json(), { commit: '2256365abcdef' });
});

t.test('a problem type is a page of this service explaining the status', async (t) => {
  const app = await buildTestApp(t);
  const problem = (await app.inject({ method: 'GET', url: '/v1/nothing' })).json() as { type: string };
  t.equal(problem.type, '/problems/404');
  for (const status of Object.keys(STATUSES)) {
    const page = await app.inject({ method: 'GET', url: `/problems/${status}` });
    t.equal(page.statusCode, 200, `/problems/${status}`);
    t.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    t.match(page.body, new RegExp(`<h1>${status} `));
  }
  t.match((await app.inject({ method: 'GET', url: '/problems/400' })).body, /<code>errors<\/code>/, 'code spans of the status table');
  t.equal((await app.inject({ method: 'GET', url: '/problems/418' })).statusCode, 404, 'a status the service never sends');
  t.equal((await app.inject({ method: 'GET', url: '/problems/bad' })).statusCode, 400);
  t.equal(problemPage(999), undefined);
});
