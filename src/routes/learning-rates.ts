import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { rangeLength } from '../engine/index.js';
import { answerBody, computeAnswer, jsonRate, listSteps, rangeSteps, type AnswerFormat, type StepSequence } from '../answers/encode.js';
import { placesUnder } from '../numbers/number-spellings.js';
import { renderLearningRateSvg } from '../plot/index.js';
import { WORKER_MIN_STEPS, type Job } from '../workers/range-pool.js';
import { HttpProblem } from '../http-problem.js';
import { LearningRateRequest, LearningRateResponse, LearningRatesRequest, LearningRatesResponse } from '../schemas/learning-rates.js';
import { problemResponses } from '../schemas/responses.js';

const FORMATS = ['application/json', 'text/csv', 'application/octet-stream', 'image/svg+xml'] as const;
type Format = AnswerFormat | 'svg';
const FORMAT_NAMES: Record<(typeof FORMATS)[number], Format> = { 'application/json': 'json', 'text/csv': 'csv', 'application/octet-stream': 'binary', 'image/svg+xml': 'svg' };
const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  binary: 'application/octet-stream',
  svg: 'image/svg+xml; charset=utf-8',
};

/** A chart's subtitle: the schedule's plain settings, as `key=value`, shortened to fit. */
function settingsOf(canonical: unknown): string {
  const config = (canonical as { config?: Record<string, unknown> }).config ?? {};
  const settings = Object.entries(config)
    .filter(([key, value]) => key !== 'name' && (typeof value === 'number' || typeof value === 'boolean'))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
  return settings.length > 120 ? `${settings.slice(0, 119)}…` : settings;
}

/**
 * The steps a request asks for, read once, before range admission counts them. A refusal (over MAX_POINTS, both or
 * neither of `steps` and `range`) is kept for the handler to throw, after it has answered a bad Accept or schedule.
 */
type Requested = { readonly steps: StepSequence } | { readonly refusal: unknown };

declare module 'fastify' {
  interface FastifyRequest {
    requested: Requested | null;
  }
}

function readRequested(body: LearningRatesRequest, maxPoints: number): Requested {
  try {
    return { steps: requestedSteps(body, maxPoints) };
  } catch (refusal) {
    return { refusal };
  }
}

/** How many steps a request asks for, for range admission (undefined: refused). */
function stepsAskedFor(request: FastifyRequest): number | undefined {
  return request.requested !== null && 'steps' in request.requested ? request.requested.steps.length : undefined;
}

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
  app.decorateRequest('requested', null);
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
      const { schedule, step, dtype, mode } = request.body;
      const loaded = app.schedules.load(schedule, dtype, { floatIntegers: request.floatIntegers, memberTexts: request.memberTexts, mode });
      const { schedule: answering } = loaded;
      const resolved = answering.dtype;
      const learning_rate = jsonRate(answering.at(step), resolved);
      if (!answering.cyclesMomentum) return { learning_rate, step, dtype: resolved };
      return { learning_rate, momentum: answering.momentumAt(step), step, dtype: resolved };
    },
  );

  app.post(
    '/v1/learning-rates',
    {
      config: { rangeAdmission: stepsAskedFor },
      preHandler: async (request) => {
        request.requested = readRequested(request.body, app.config.MAX_POINTS);
      },
      schema: {
        operationId: 'computeLearningRates',
        tags: ['learning rates'],
        summary: 'Learning rates at many steps: a list or a range',
        description:
          'Answers the learning rate at each of `steps`, or at each step of `range` (Python\'s `range(start, stop, stride)`). ' +
          'The format follows `Accept`: `application/json` (default), `text/csv` (`step,learning_rate` rows), or ' +
          '`application/octet-stream` (little-endian float32 or float64 values, one per step, nothing else; the dtype and ' +
          'count are in the `x-learning-rate-dtype` and `x-learning-rate-count` headers), or `image/svg+xml` (a chart of the ' +
          'curve; `plot` sets its scale and size; a range wider than the chart keeps each pixel column\'s lowest and highest rate). ' +
          'A PyTorch scheduler that cycles momentum (OneCycleLR, CyclicLR) also answers the momentum it sets at each step: ' +
          'a `momentum` array in JSON, a `momentum` column in CSV, a second block of float64 values after the rates in ' +
          'binary (`x-momentum-count` says so), a second curve on the chart.',
        body: LearningRatesRequest,
        response: {
          200: {
            description: 'One learning rate per step.',
            headers: {
              'x-learning-rate-dtype': { type: 'string', description: 'float32 or float64' },
              'x-learning-rate-count': { type: 'integer', description: 'Number of steps answered' },
              'x-momentum-count': { type: 'integer', description: 'Present when the answer carries momentum: the number of momentum values (one per step)' },
            },
            content: {
              'application/json': { schema: LearningRatesResponse },
              'text/csv': {
                schema: Type.Unsafe<Buffer | Readable>({ type: 'string', description: 'Header `step,learning_rate` (`step,learning_rate,momentum` with momentum), then one row per step.' }),
              },
              'application/octet-stream': {
                schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'Little-endian IEEE 754 values: the rates, then (with `x-momentum-count`) as many float64 momentum values.' }),
              },
              'image/svg+xml': {
                // `xml.name`: Swagger UI samples an XML media type from its root element's name.
                schema: Type.Unsafe<string>({ type: 'string', description: 'An SVG 1.1 chart of the learning rate against the step.', xml: { name: 'svg', namespace: 'http://www.w3.org/2000/svg' } }),
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
      const { body } = request;
      const loaded = app.schedules.load(body.schedule, body.dtype, { floatIntegers: request.floatIntegers, memberTexts: request.memberTexts, mode: body.mode });
      const { schedule } = loaded;
      const requested = request.requested ?? readRequested(body, app.config.MAX_POINTS);
      if ('refusal' in requested) throw requested.refusal;
      const { steps } = requested;
      const answer = FORMAT_NAMES[format as (typeof FORMATS)[number]];
      const pool = steps.length >= WORKER_MIN_STEPS ? app.rangePool : null;
      // A worker loads the schedule as this thread did: the same value, text (its cache key) and float spellings.
      const job = {
        schedule: body.schedule,
        scheduleText: request.memberTexts?.get('schedule'),
        dtype: body.dtype,
        mode: body.mode,
        floatIntegers: request.floatIntegers === null ? [] : [...placesUnder(request.floatIntegers, '/schedule')],
        steps: steps.spec,
      } satisfies Omit<Job, 'format'>;
      let payload: Buffer | Readable | string;
      if (answer === 'svg') {
        // A chart is drawn here from the rates; a big range's rates still come from a worker, as typed arrays.
        const computed = pool !== null ? await pool.rates({ ...job, format: 'rates' }) : computeAnswer(schedule, steps);
        const plotted = steps.spec.kind === 'list' ? steps.spec.list : steps.spec;
        const title = String((loaded.canonical as { class_name?: unknown }).class_name ?? 'learning rate');
        payload = renderLearningRateSvg({ steps: plotted, ...computed, title, subtitle: settingsOf(loaded.canonical), dtype: schedule.dtype, ...body.plot });
      } else {
        payload = pool !== null ? await pool.run({ ...job, format: answer }) : answerBody(answer, schedule.dtype, steps, computeAnswer(schedule, steps));
      }
      reply.header('x-learning-rate-dtype', schedule.dtype).header('x-learning-rate-count', steps.length);
      if (schedule.cyclesMomentum) reply.header('x-momentum-count', steps.length);
      return reply.type(CONTENT_TYPES[answer]).send(payload);
    },
  );
};

export default learningRatesRoutes;
