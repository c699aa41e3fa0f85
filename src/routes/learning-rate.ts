import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { jsonRate } from '../http/encode.js';
import { LearningRateRequest, LearningRateResponse } from '../schemas/learning-rates.js';
import { problemResponses } from '../schemas/responses.js';

const learningRateRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/learning-rate',
    {
      schema: {
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
      const loaded = app.schedules.load(schedule, dtype);
      const resolved = loaded.schedule.dtype;
      return { learning_rate: jsonRate(loaded.schedule.at(step), resolved), step, dtype: resolved };
    },
  );
};

export default learningRateRoute;
