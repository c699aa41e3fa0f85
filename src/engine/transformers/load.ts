/**
 * Reads a transformers `get_scheduler` request. Every supported type is a LambdaLR: the lr at step k is
 * base_lr * lambda(k), evaluated fresh, so any step is answered directly and no state is kept.
 */
import { RequestError, ScheduleError } from '../errors.js';
import { readFamilyDocument } from '../stepped/document.js';
import type { LoadOptions } from '../family.js';
import { PythonFormSchedule, refuseFloat32 } from '../stepped/loaded.js';
import { EvaluatedSchedule } from '../stepped/schedules.js';
import { PythonError } from '../stepped/python.js';
import { ConfigReader, ReadContext } from '../stepped/reader.js';
import { TRANSFORMERS_MODULE, TRANSFORMERS_TYPES, transformersCatalogue, transformersRefusalFor } from './catalogue.js';
import type { Counts, TransformersTypeDefinition } from './definition.js';

const NO_FLOAT_INTEGERS: ReadonlySet<string> = new Set();

/** Loads a transformers request (already known to be shallow). Throws ScheduleError, or RequestError about dtype, mode or a step. */
export function loadTransformersSchedule(document: unknown, options: LoadOptions = {}): PythonFormSchedule {
  refuseFloat32(TRANSFORMERS_MODULE, options.dtype);
  const floatIntegers = options.floatIntegers ?? NO_FLOAT_INTEGERS;
  const context = new ReadContext(floatIntegers);
  const outer = readFamilyDocument(context, document, TRANSFORMERS_MODULE);
  if (outer === undefined) {
    context.check();
    throw new ScheduleError([{ path: '', message: 'invalid schedule' }]);
  }
  const definition = TRANSFORMERS_TYPES.get(outer.className);
  if (definition === undefined) {
    context.problem('/class_name', transformersRefusalFor(outer.className));
    context.check();
  }
  const type = definition as TransformersTypeDefinition;
  if ((options.mode ?? 'stepped') === 'closed_form') {
    throw new RequestError([
      {
        path: '/mode',
        message: `transformers' ${type.className} is a LambdaLR, which has no closed form in torch (no _get_closed_form_lr()): ask for mode 'stepped' (it is evaluated fresh at each step anyway)`,
      },
    ]);
  }
  const reader = new ConfigReader(context, outer.config, '/config');
  const counts = readCounts(reader, type);
  const before = context.problems.length;
  const { kwargs, lambda } = type.read(reader, counts, outer.baseLr);
  if (context.problems.length === before) finishKwargs(reader, type);
  context.check();
  const canonical = {
    module: TRANSFORMERS_MODULE,
    class_name: type.className,
    config: { ...counts, ...kwargs },
    base_lr: outer.baseLr,
  };
  const baseLr = outer.baseLr;
  const value = (step: number): number => {
    try {
      return baseLr * lambda(step);
    } catch (error) {
      if (!(error instanceof PythonError)) throw error;
      throw new RequestError([{ path: '/step', message: `transformers raises ${error.describe()} at step ${step}` }]);
    }
  };
  return new PythonFormSchedule(new EvaluatedSchedule(value), canonical, document, floatIntegers, transformersCatalogue, false);
}

/** num_warmup_steps and num_training_steps, which get_scheduler accepts for every type. */
function readCounts(reader: ConfigReader, type: TransformersTypeDefinition): Counts {
  const count = (key: string, required: boolean) => {
    const value = reader.optionalNumber(key, {
      min: 0,
      range: (_v, shown) => `must be >= 0, got ${shown}: transformers accepts a negative count, then skips the warmup and shifts the decay`,
    });
    if (value === null && required) {
      reader.problem(key, `SchedulerType.${type.className.toUpperCase()} requires \`${key}\`, please provide that argument.`);
    }
    return value;
  };
  return {
    num_warmup_steps: count('num_warmup_steps', type.requiresWarmup),
    num_training_steps: count('num_training_steps', type.requiresTraining),
  };
}

function finishKwargs(reader: ConfigReader, type: TransformersTypeDefinition): void {
  if (type.takesKwargs) {
    const lastEpoch = reader.has('last_epoch') ? reader.raw('last_epoch') : undefined;
    if (lastEpoch !== undefined && lastEpoch !== -1) reader.problem('last_epoch', 'only -1 (a fresh start) is accepted');
    reader.finish((key) => `${type.functionName}() got an unexpected keyword argument '${key}'`);
  } else {
    reader.finish(
      (key) =>
        `${type.className} takes no scheduler_specific_kwargs: transformers' get_scheduler silently drops '${key}', so it would change nothing (a typo or the wrong type?)`,
    );
  }
}
