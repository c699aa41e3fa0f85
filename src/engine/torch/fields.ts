/**
 * Keyword-argument rules shared by the torch classes, and torch's words for the mistakes Python itself
 * reports (a missing or unexpected keyword argument).
 */
import type { ConfigReader, NumberRule } from '../stepped/reader.js';

export function missing(className: string, key: string): string {
  return `${className}.__init__() missing 1 required positional argument: '${key}'`;
}

/** Refuses the keys the class's reader did not take, as Python does, saying why for the usual suspects. */
export function finishTorchConfig(reader: ConfigReader, className: string, takesLastEpoch = true): void {
  const lastEpoch = takesLastEpoch && reader.has('last_epoch') ? reader.raw('last_epoch') : undefined;
  if (lastEpoch !== undefined && lastEpoch !== -1) {
    reader.problem(
      'last_epoch',
      'only -1 (a fresh start) is accepted: resuming needs the optimizer state torch saved; send the schedule from the start and ask for the step you need',
    );
  }
  reader.finish((key) => {
    if (key === 'optimizer') return 'the optimizer is not part of config: the service builds SGD(lr=base_lr) itself (torch: got multiple values for argument \'optimizer\')';
    if (key === 'verbose') return `${className}.__init__() got an unexpected keyword argument 'verbose' (torch 2.14 removed it)`;
    return `${className}.__init__() got an unexpected keyword argument '${key}'`;
  });
}

/** A multiplicative decay factor: finite and >= 0 (a negative one makes the learning rate negative). */
export function factorRule(fallback: number | undefined, className: string, key = 'gamma'): NumberRule {
  return {
    ...(fallback === undefined ? { missing: missing(className, key) } : { default: fallback }),
    min: 0,
    range: (_value, shown) => `must be >= 0, got ${shown}: a negative ${key} makes the learning rate negative`,
  };
}

/** A length in steps that torch documents as an int but also runs with a float: finite and > 0. */
export function positiveLength(key: string, fallback: number | undefined, className: string, why: string): NumberRule {
  return {
    ...(fallback === undefined ? { missing: missing(className, key) } : { default: fallback }),
    min: 0,
    minExclusive: true,
    range: (_value, shown) => `must be > 0, got ${shown}: ${why}`,
  };
}

/** Reads `milestones` (MultiStepLR, SequentialLR): non-negative numbers, at most MAX_MILESTONES of them. */
export const MAX_MILESTONES = 10_000;

export function schemaNumber(description: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'number', description, ...extra };
}

export function schemaInteger(description: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'integer', description, ...extra };
}

/** A JSON Schema for a config object with these properties. */
export function configSchema(properties: Record<string, Record<string, unknown>>, required: readonly string[] = []): Record<string, unknown> {
  return {
    type: 'object',
    properties: { ...properties, last_epoch: { const: -1, description: 'Only -1 (a fresh start) is accepted.' } },
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}
