/** Bodies of the schedule catalogue routes. */
import { Type } from 'typebox';
import { ref } from './shared.js';

export const ScheduleInfo = Type.Object(
  {
    class_name: Type.String(),
    module: Type.String(),
    description: Type.String(),
    config_schema: Type.Object({}, { additionalProperties: true, description: 'JSON Schema of the config, with defaults.' }),
  },
  { $id: 'ScheduleInfo', additionalProperties: false },
);

export const ScheduleList = Type.Object({ schedules: Type.Array(ref(ScheduleInfo)) }, { additionalProperties: false });

export const ScheduleParams = Type.Object({ class_name: Type.String({ description: 'A class name, e.g. CosineDecay.' }) });
