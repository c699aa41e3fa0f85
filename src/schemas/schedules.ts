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
  { $id: 'ScheduleInfo', additionalProperties: false, description: 'A schedule class, what it computes, and its config schema.' },
);

export const ScheduleList = Type.Object(
  { schedules: Type.Array(ref(ScheduleInfo)) },
  { additionalProperties: false, description: 'Every schedule class the service accepts.' },
);

export const ScheduleParams = Type.Object({ class_name: Type.String({ description: 'A class name, e.g. CosineDecay.' }) });
