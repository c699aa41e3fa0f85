/**
 * The OpenAPI document, generated from the route schemas, and Swagger UI at
 * /docs (with /docs/json and /docs/yaml).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export const OPENAPI_INFO = {
  title: 'lr-schedule-service',
  version: packageJson.version,
  description:
    'Keras learning-rate schedules over HTTP. Send a schedule exactly as `keras.optimizers.schedules.serialize()` ' +
    '(or an optimizer\'s `get_config()`) wrote it, and a step, a list of steps or a range; get back the learning ' +
    'rates Keras computes, float32 op by op (or float64 on request).',
  license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
};

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: OPENAPI_INFO,
        tags: [
          { name: 'learning rates', description: 'Learning rates at steps' },
          { name: 'schedules', description: 'The schedules this service knows, and how it reads them' },
          { name: 'probes', description: 'Liveness and readiness' },
        ],
      },
      refResolver: {
        // Shared schemas keep their $id as their name under components.schemas.
        buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { tryItOutEnabled: true, deepLinking: true } });
  },
  { name: 'swagger' },
);
