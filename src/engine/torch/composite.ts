/** Limits and schema shared by the two composites (SequentialLR, ChainedScheduler). */

/** Sub-schedulers one composite may hold. */
export const MAX_SCHEDULERS = 1_000;
/** Composites inside composites: the top level is depth 1. */
export const MAX_NESTING = 4;

export function schedulersSchema(description: string): Record<string, unknown> {
  return {
    type: 'array',
    minItems: 1,
    maxItems: MAX_SCHEDULERS,
    description: `${description} Each is {"class_name", "config"}; composites nest at most ${MAX_NESTING} deep.`,
    items: {
      type: 'object',
      properties: {
        class_name: { type: 'string' },
        config: { type: 'object' },
        module: { const: 'torch.optim.lr_scheduler' },
      },
      required: ['class_name'],
      additionalProperties: false,
    },
  };
}
