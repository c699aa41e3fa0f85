/**
 * The outer shape shared by both families: `{"module", "class_name", "config", "base_lr"}`, where base_lr
 * is the optimizer's learning rate (`SGD(params, lr=base_lr)`; torch's default 0.001 when left out).
 */
import { jsonTypeOf, pointer, pythonRepr } from '../errors.js';
import { asObject, type ReadContext } from './reader.js';

export interface FamilyDocument {
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly baseLr: number;
}

/** torch.optim.SGD's default lr, the optimizer's lr when the request gives none. */
export const DEFAULT_BASE_LR = 0.001;

const KEYS = new Set(['module', 'class_name', 'config', 'base_lr']);

/** Reads the outer document, or records problems and returns undefined. */
export function readFamilyDocument(context: ReadContext, document: unknown, module: string): FamilyDocument | undefined {
  const object = asObject(context, document, '', 'a schedule');
  if (object === undefined) return undefined;
  for (const key of Object.keys(object)) {
    if (!KEYS.has(key)) context.problem(pointer('', key), `unexpected key: a ${module} schedule has module, class_name, config and base_lr`);
  }
  if (object['module'] !== undefined && object['module'] !== module) {
    context.problem('/module', `must be '${module}' here, got ${pythonRepr(object['module'])}`);
  }
  const className = object['class_name'];
  if (typeof className !== 'string') {
    context.problem('/class_name', className === undefined ? 'is required' : `must be a string, got ${jsonTypeOf(className)}`);
  }
  const config = object['config'] === undefined ? {} : asObject(context, object['config'], '/config', 'the keyword arguments');
  const baseLr = context.number(object['base_lr'], '/base_lr', {
    default: DEFAULT_BASE_LR,
    min: 0,
    range: (_v, shown) => `Invalid learning rate: ${shown} (the optimizer refuses a negative lr)`,
  });
  if (typeof className !== 'string' || config === undefined || baseLr === null || Number.isNaN(baseLr)) return undefined;
  return { className, config, baseLr };
}
