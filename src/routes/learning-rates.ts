import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { rangeLength } from '../engine/index.js';
import { allRates, csvChunks, encodeBinary, jsonChunks, jsonRate, listSteps, rangeSteps, textBody, type StepSequence } from '../http/encode.js';
import { HttpProblem } from '../plugins/problem-details.js';
import { LearningRateRequest, LearningRateResponse, LearningRatesRequest, LearningRatesResponse } from '../schemas/learning-rates.js';
import { problemResponses } from '../schemas/responses.js';

const FORMATS = ['application/json', 'text/csv', 'application/octet-stream'] as const;

/** The steps a request asks for, within the point limit. */
function requestedSteps({ steps, range }: LearningRatesRequest, maxPoints: number): StepSequence {
  if (steps !== undefined && range === undefined) {
    ensureWithinLimit(steps.length, maxPoints, '/steps');
    return listSteps(steps);
  }
  if (range !== undefined && steps === undefined) {
    const stride = range.stride ?? 1;
    const count = rangeLength(range.start, range.stop, stride);
    ensureWithinLimit(count, maxPoints, '/range');
    return rangeSteps(range.start, range.stop, stride, count);
  }
  throw HttpProblem.invalid('give exactly one of `steps` and `range`', [{ path: '', message: 'exactly one of `steps` and `range` is required' }]);
}

function ensureWithinLimit(count: number, maxPoints: number, path: string): void {
  if (count > maxPoints) {
    throw new HttpProblem(422, `${count} steps asked for; this service answers at most ${maxPoints} per request`, [
      { path, message: `asks for ${count} steps, more than the maximum of ${maxPoints}` },
    ]);
  }
}

const learningRatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/learning-rate',
    {
      schema: {
        operationId: 'computeLearningRate',
        tags: ['learning rates'],
        summary: 'The learning rate at one step',
        description:
          'Reads the schedule as Keras would and answers the learning rate at `step`, computed op by op in the ' +
          'schedule\'s dtype. This is the call a trainer makes once per step; repeated schedules are served from a cache.',
        body: LearningRateRequest,
        response: { 200: LearningRateResponse, ...problemResponses(400, 413, 415) },
      },
    },
    async (request) => {
      const { schedule, step, dtype } = request.body;
      const loaded = app.schedules.load(schedule, dtype, request);
      const resolved = loaded.schedule.dtype;
      return { learning_rate: jsonRate(loaded.schedule.at(step), resolved), step, dtype: resolved };
    },
  );

  app.post(
    '/v1/learning-rates',
    {
      schema: {
        operationId: 'computeLearningRates',
        tags: ['learning rates'],
        summary: 'Learning rates at many steps: a list or a range',
        description:
          'Answers the learning rate at each of `steps`, or at each step of `range` (Python\'s `range(start, stop, stride)`). ' +
          'The format follows `Accept`: `application/json` (default), `text/csv` (`step,learning_rate` rows), or ' +
          '`application/octet-stream` (little-endian float32 or float64 values, one per step, nothing else; the dtype and ' +
          'count are in the `x-learning-rate-dtype` and `x-learning-rate-count` headers).',
        body: LearningRatesRequest,
        response: {
          200: {
            description: 'One learning rate per step.',
            headers: {
              'x-learning-rate-dtype': { type: 'string', description: 'float32 or float64' },
              'x-learning-rate-count': { type: 'integer', description: 'Number of steps answered' },
            },
            content: {
              'application/json': { schema: LearningRatesResponse },
              'text/csv': {
                schema: Type.Unsafe<Buffer | Readable>({ type: 'string', description: 'Header `step,learning_rate`, then one row per step.' }),
              },
              'application/octet-stream': {
                schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'Little-endian IEEE 754 values.' }),
              },
            },
          },
          ...problemResponses(400, 406, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const format = request.accepts().type([...FORMATS]);
      if (format === false) {
        throw new HttpProblem(406, `cannot answer in ${request.headers.accept ?? ''}; available: ${FORMATS.join(', ')}`);
      }
      const { schedule } = app.schedules.load(request.body.schedule, request.body.dtype, request);
      const steps = requestedSteps(request.body, app.config.MAX_POINTS);
      reply.header('x-learning-rate-dtype', schedule.dtype).header('x-learning-rate-count', steps.length);
      if (format === 'application/octet-stream') return reply.type('application/octet-stream').send(encodeBinary(allRates(schedule, steps)));
      if (format === 'text/csv') return reply.type('text/csv; charset=utf-8').send(textBody(csvChunks(schedule, steps)));
      return reply.type('application/json; charset=utf-8').send(textBody(jsonChunks(schedule, steps)));
    },
  );
};

export default learningRatesRoutes;
