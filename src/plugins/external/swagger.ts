/**
 * The OpenAPI document, generated from the route schemas, and Swagger UI at
 * /docs (with /docs/json and /docs/yaml).
 *
 * After generation the document gets what the route schemas do not say:
 * - the bearer security scheme, required by every operation but the probes
 *   and /metrics (Swagger UI's Authorize button sends it; a service without
 *   API_KEYS ignores it), and the 401, 429 and 503 answers every guarded
 *   operation may give;
 * - named request examples (one per schedule class and per accepted form) and
 *   the real answers to them, and real error answers (src/schemas/examples.ts).
 * The documentation itself (/docs, /docs/json, /docs/yaml) needs no key.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { readFileSync } from 'node:fs';
import { ERROR_EXAMPLES, REQUEST_EXAMPLES, RESPONSE_EXAMPLES, type NamedExample } from '../../schemas/examples.js';
import { STATUSES } from '../../schemas/responses.js';
import { SECURITY_SCHEME } from '../auth.js';

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export const OPENAPI_INFO = {
  title: 'lr-schedule-service',
  version: packageJson.version,
  description:
    'Keras learning-rate schedules over HTTP. Send a schedule exactly as `keras.optimizers.schedules.serialize()` ' +
    '(or an optimizer\'s `get_config()`) wrote it, and a step, a list of steps or a range; get back the learning ' +
    'rates Keras computes, float32 op by op (or float64 on request).\n\n' +
    'When the service runs with `API_KEYS`, every operation but the probes and `/metrics` needs ' +
    '`Authorization: Bearer <key>` (use **Authorize**); this documentation never does.',
  license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
};

/** Operations anyone may call, whatever the configuration. */
const OPEN_PATHS = new Set(['/health', '/ready', '/metrics']);

interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, NamedExample>;
}
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, MediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}

function withExamples(media: MediaType | undefined, examples: Record<string, NamedExample> | undefined): void {
  if (media === undefined || examples === undefined) return;
  // `example` and `examples` are mutually exclusive in OpenAPI.
  delete media.example;
  media.examples = examples;
}

/** The generated document with security, the shedding answers and the named examples. */
export function completeDocument<T>(generated: T): T {
  const document = structuredClone(generated) as Document;
  document.components = {
    ...document.components,
    securitySchemes: {
      [SECURITY_SCHEME]: {
        type: 'http',
        scheme: 'bearer',
        description: 'One of the service\'s API keys (API_KEYS). Only needed when the service is configured with keys.',
      },
    },
  };
  // Added after the routes' schemas were resolved, so the reference is written as it appears in the document.
  const problem = (status: 401 | 429 | 503) => ({
    description: STATUSES[status].description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
  });
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const id = operation.operationId ?? '';
      if (!OPEN_PATHS.has(path)) {
        operation.security = [{ [SECURITY_SCHEME]: [] }];
        operation.responses = { ...operation.responses, 401: problem(401), 429: problem(429), 503: problem(503) };
      }
      withExamples(operation.requestBody?.content['application/json'], REQUEST_EXAMPLES[id]);
      for (const [status, examples] of Object.entries(RESPONSE_EXAMPLES[id] ?? {})) {
        const content = operation.responses?.[status]?.content;
        withExamples(content?.['application/json'] ?? content?.['text/plain'], examples);
      }
      const errorExamples = { ...(OPEN_PATHS.has(path) ? {} : ERROR_EXAMPLES['*']), ...ERROR_EXAMPLES[id] };
      for (const [status, examples] of Object.entries(errorExamples)) {
        withExamples(operation.responses?.[status]?.content?.['application/problem+json'], examples);
      }
    }
  }
  return document as T;
}

/**
 * A function for @fastify/swagger-ui's `uiConfig`, which writes each function into the browser's initializer
 * by its `toString()`: this one's source is the given browser code, kept as text so that no TypeScript or
 * bundler transform (tsx's `__name` wrappers, say) reaches the page.
 */
function browserFunction(source: string): () => Record<string, never> {
  return Object.assign(() => ({}), { toString: () => source });
}

/**
 * Swagger UI shows an `image/svg+xml` answer as XML source (it tests for "xml" before "image/", and renders no
 * SVG as an image: swagger-api/swagger-ui#5261). This plugin wraps its response body so that an SVG answer is
 * drawn as the chart it is, through a `data:` URL in an <img> (where the SVG's scripts, if it had any, never
 * run). Everything else is left to Swagger UI.
 */
export const SVG_ANSWER_PLUGIN = `function SvgAnswerAsImage() {
  return {
    wrapComponents: {
      responseBody: function (Original, system) {
        return function (props) {
          var h = system.React.createElement;
          if (/^image\\/svg\\+xml\\b/i.test(props.contentType || '') && typeof props.content === 'string') {
            return h('div', null,
              h('h5', null, 'Response body'),
              h('img', { src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(props.content), alt: 'The SVG chart answered', style: { maxWidth: '100%' } }));
          }
          return h(Original, props);
        };
      }
    }
  };
}`;

/** uiConfig.plugins replaces Swagger UI's list, so the default one (which loads the document) comes first. */
const SWAGGER_UI_PLUGINS = [browserFunction('SwaggerUIBundle.plugins.DownloadUrl'), browserFunction(SVG_ANSWER_PLUGIN)];

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: OPENAPI_INFO,
        tags: [
          { name: 'learning rates', description: 'Learning rates at steps' },
          { name: 'schedules', description: 'The schedules this service knows, and how it reads them' },
          { name: 'service', description: 'Which build answers' },
          { name: 'probes', description: 'Liveness, readiness and metrics' },
        ],
      },
      refResolver: {
        // Shared schemas keep their $id as their name under components.schemas.
        buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
      },
      transformObject: (documentObject) => completeDocument('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject),
    });
    // "Try it out" stays a button to press (tryItOutEnabled: false); the Authorize dialog keeps the key across reloads;
    // an SVG answer is drawn as a chart.
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { tryItOutEnabled: false, deepLinking: true, persistAuthorization: true, displayRequestDuration: true, plugins: SWAGGER_UI_PLUGINS },
    });
  },
  { name: 'swagger' },
);
