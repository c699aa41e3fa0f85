import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { scheduleCatalogue, type CatalogueEntry } from '../engine/index.js';
import { HttpProblem } from '../http-problem.js';
import { problemResponses } from '../schemas/responses.js';
import { NormalizeRequest, NormalizeResponse, type NormalizeResponseBody, ScheduleInfo, ScheduleList, ScheduleParams } from '../schemas/schedules.js';
import { ref } from '../schemas/shared.js';

function describeSchedule({ className, module, description, configSchema }: CatalogueEntry) {
  return { class_name: className, module, description, config_schema: configSchema };
}

const schedulesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/schedules/normalize',
    {
      schema: {
        operationId: 'normalizeSchedule',
        tags: ['schedules'],
        summary: 'How the service read a schedule',
        description:
          'Answers the schedule as `keras.optimizers.schedules.serialize()` would write the same schedule object ' +
          '(module `keras.optimizers.schedules`, keys in `get_config()` order, defaults filled in, plain numbers), ' +
          'and the dtype it computes in. Normalizing a normalized schedule changes nothing.',
        body: NormalizeRequest,
        response: { 200: NormalizeResponse, ...problemResponses(400, 413, 415) },
      },
    },
    async (request, reply) => {
      const loaded = app.schedules.load(request.body.schedule, request.body.dtype, request);
      // Written as text so that each number keeps the spelling Keras gives it (`1.0` for a float, `1` for an int).
      // Fastify sends a JSON string as it is; the response schema still documents (and types) its shape.
      const text = `{"schedule":${loaded.canonicalJson},"dtype":"${loaded.schedule.dtype}"}`;
      return reply.type('application/json; charset=utf-8').send(text as unknown as NormalizeResponseBody);
    },
  );

  app.get(
    '/v1/schedules',
    {
      schema: {
        operationId: 'listSchedules',
        tags: ['schedules'],
        summary: 'The schedules this service computes',
        description: 'Every schedule class the service accepts, with the JSON Schema of its config (types, bounds, defaults).',
        response: { 200: ScheduleList },
      },
    },
    async () => ({ schedules: scheduleCatalogue(app.schedules.registry).map(describeSchedule) }),
  );

  app.get(
    '/v1/schedules/:class_name',
    {
      schema: {
        operationId: 'getSchedule',
        tags: ['schedules'],
        summary: 'One schedule class',
        description: 'The description and config schema of one schedule class, by its Keras class name.',
        params: ScheduleParams,
        response: { 200: ref(ScheduleInfo), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { class_name: className } = request.params;
      const catalogue = scheduleCatalogue(app.schedules.registry);
      const found = catalogue.find((entry) => entry.className === className);
      if (found === undefined) {
        throw new HttpProblem(404, `unknown schedule class ${JSON.stringify(className)}; known: ${catalogue.map((entry) => entry.className).join(', ')}`);
      }
      return describeSchedule(found);
    },
  );
};

export default schedulesRoutes;
