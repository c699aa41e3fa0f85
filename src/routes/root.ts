/**
 * The service's own pages: `/` sends a browser to Swagger UI, `/version` says
 * which build this is and which Keras it follows, and `/problems/{status}` is
 * the page a problem document's `type` names (`/problems/400`, relative to the
 * service, as RFC 9457 allows), explaining that kind of error as HTML.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { HttpProblem } from '../http-problem.js';
import { STATUSES, statusInfo } from '../schemas/responses.js';

/** The Keras release whose behaviour the engine follows (the golden file was computed with it). */
export const KERAS_VERSION = '3.16.0';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const VersionResponse = Type.Object(
  {
    service: Type.String({ description: 'The service name.' }),
    version: Type.String({ description: 'The service version (package.json).' }),
    keras: Type.String({ description: 'The Keras version whose numbers and serialized forms the service follows.' }),
    commit: Type.Union([Type.String(), Type.Null()], { description: 'The git commit the image was built from (GIT_COMMIT), or null when unknown.' }),
  },
  { additionalProperties: false, description: 'Which build answers.' },
);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Inline `code` spans of the status table, as HTML. */
const inlineCode = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

export function problemPage(status: number): string | undefined {
  const info = statusInfo(status);
  if (info === undefined) return undefined;
  const others = Object.entries(STATUSES)
    .map(([code, { title }]) => `<li><a href="/problems/${code}">${code} ${escapeHtml(title)}</a></li>`)
    .join('');
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${status} ${escapeHtml(info.title)} — lr-schedule-service</title></head>` +
    `<body><h1>${status} ${escapeHtml(info.title)}</h1><p>${inlineCode(info.description)}</p>` +
    '<p>Every error of this service is an <code>application/problem+json</code> document (RFC 9457) whose <code>type</code> ' +
    'links here; <code>detail</code> says what was wrong with the request, <code>instance</code> is its request id ' +
    '(<code>x-request-id</code>, also in the service\'s logs), and for invalid bodies <code>errors</code> lists each field ' +
    'with a JSON pointer into the body.</p>' +
    `<p>The API: <a href="/docs">/docs</a>. Other problems:</p><ul>${others}</ul></body></html>\n`
  );
}

const rootRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs', 302));

  const version = { service: packageJson.name, version: packageJson.version, keras: KERAS_VERSION, commit: app.config.GIT_COMMIT === '' ? null : app.config.GIT_COMMIT };
  app.get(
    '/version',
    {
      schema: {
        operationId: 'getVersion',
        tags: ['service'],
        summary: 'Which build answers',
        description: 'The service version, the Keras version whose behaviour it follows, and the git commit it was built from.',
        response: { 200: VersionResponse },
      },
    },
    async () => version,
  );

  app.get(
    '/problems/:status',
    {
      config: { public: true },
      schema: {
        hide: true,
        params: Type.Object({ status: Type.String({ pattern: '^[0-9]{3}$' }) }),
      },
    },
    async (request, reply) => {
      const page = problemPage(Number(request.params.status));
      if (page === undefined) throw new HttpProblem(404, `this service sends no ${request.params.status} problems`);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=86400').send(page);
    },
  );
};

export default rootRoutes;
