/** Bodies of the schedule routes: normalize and the catalogue. */
import { Type, type Static } from 'typebox';
import { exampleSchedule } from './examples.js';
import { Dtype, DtypeChoice, ref, SerializedSchedule } from './shared.js';

export const ScheduleInfo = Type.Object(
  {
    class_name: Type.String(),
    module: Type.String(),
    description: Type.String(),
    config_schema: Type.Object({}, { additionalProperties: true, description: 'JSON Schema of the config, with defaults.' }),
  },
  { $id: 'ScheduleInfo', additionalProperties: false, description: 'A schedule class, what it computes, and its config schema.' },
);

export const ScheduleList = Type.Object(
  { schedules: Type.Array(ref(ScheduleInfo)) },
  { additionalProperties: false, description: 'Every schedule class the service accepts.' },
);

// 100 is the router's limit on any path parameter (Fastify's maxParamLength, MAX_PATH_PARAMETER_LENGTH): longer is a 400.
export const ScheduleParams = Type.Object({ class_name: Type.String({ maxLength: 100, description: 'A class name, e.g. CosineDecay (at most 100 characters).' }) });

export const NormalizeRequest = Type.Object(
  { schedule: ref(SerializedSchedule), dtype: DtypeChoice },
  { additionalProperties: false, examples: [{ schedule: exampleSchedule }] },
);
export type NormalizeRequest = Static<typeof NormalizeRequest>;

export const NormalizeResponse = Type.Object(
  {
    schedule: Type.Object(
      {
        module: Type.String(),
        class_name: Type.String(),
        config: Type.Object({}, { additionalProperties: true }),
        registered_name: Type.Union([Type.String(), Type.Null()]),
      },
      {
        additionalProperties: false,
        description:
          'The schedule as `keras.optimizers.schedules.serialize()` writes it: every key in `get_config()` order, ' +
          'defaults filled in, plain numbers (a float64 learning rate stays a float64 `__tensor__`).',
      },
    ),
    dtype: ref(Dtype),
  },
  { additionalProperties: false, description: 'The schedule as the service read it, and the dtype it computes in.' },
);
export type NormalizeResponseBody = Static<typeof NormalizeResponse>;
