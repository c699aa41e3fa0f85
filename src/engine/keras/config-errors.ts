/**
 * Turns schema violations into problems a person can act on: one per field,
 * naming the key, what it must be and what was received. Bounds read the way
 * Keras words its own constructor checks ("Argument `decay_steps` must be > 0.
 * Received: decay_steps=0").
 */
import type { TObject } from 'typebox';
import type { TLocalizedValidationError } from 'typebox/error';
import { jsonTypeOf, pointer, pythonRepr, type Problem } from '../errors.js';

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  string: 'a string',
  null: 'null',
  array: 'a list',
  object: 'an object',
};

type SchemaError = TLocalizedValidationError;

export function configProblems(
  errors: readonly SchemaError[],
  config: Record<string, unknown>,
  schema: TObject,
  className: string,
  configPath: string,
): Problem[] {
  const problems: Problem[] = [];
  const typesByPath = new Map<string, string[]>();
  for (const error of errors) {
    const path = error.instancePath;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        for (const key of params['requiredProperties'] as string[]) {
          problems.push({ path: pointer(configPath, key), message: `missing required key \`${key}\` for ${className}` });
        }
        break;
      case 'additionalProperties':
        for (const key of params['additionalProperties'] as string[]) {
          problems.push({
            path: pointer(configPath, key),
            message: `unknown key \`${key}\` for ${className}; its keys are ${Object.keys(schema.properties).join(', ')}`,
          });
        }
        break;
      case 'type':
        typesByPath.set(path, [...(typesByPath.get(path) ?? []), String(params['type'])]);
        break;
      case 'boolean':
      case 'anyOf':
        // Echoes of the additionalProperties and type errors reported above.
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        problems.push({ path: configPath + path, message: boundMessage(path, params, valueAt(config, path)) });
        break;
      case 'minItems':
        problems.push({
          path: configPath + path,
          message: `must have at least ${String(params['limit'])} elements, got ${(valueAt(config, path) as unknown[]).length}`,
        });
        break;
      default:
        problems.push({ path: configPath + path, message: error.message });
    }
  }
  for (const [path, types] of typesByPath) {
    const expected = types.map((type) => TYPE_NAMES[type] ?? type).join(' or ');
    const received = valueAt(config, path);
    problems.push({
      path: configPath + path,
      message: `must be ${expected}, got ${jsonTypeOf(received)} ${JSON.stringify(received)}`,
    });
  }
  return problems;
}

function boundMessage(path: string, params: Record<string, unknown>, received: unknown): string {
  const key = path.slice(path.lastIndexOf('/') + 1);
  const comparison = params['comparison'] ?? '>=';
  return `Argument \`${key}\` must be ${String(comparison)} ${String(params['limit'])}. Received: ${key}=${pythonRepr(received)}`;
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const token of path.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  return node;
}
