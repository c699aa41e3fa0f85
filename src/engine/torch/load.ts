/**
 * Reads a torch.optim.lr_scheduler request, builds the schedulers on one param group as a training
 * script would (sub-schedulers in list order, then the composite), and answers steps by stepping them.
 */
import { pointer, pythonRepr, RequestError, ScheduleError } from '../errors.js';
import type { LoadOptions } from '../family.js';
import { readFamilyDocument } from '../stepped/document.js';
import { PythonFormSchedule, refuseFloat32 } from '../stepped/loaded.js';
import { PythonError } from '../stepped/python.js';
import { asObject, ConfigReader, ReadContext } from '../stepped/reader.js';
import { SteppedRunner, type Simulation } from '../stepped/runner.js';
import { EvaluatedSchedule, RecursionSchedule } from '../stepped/schedules.js';
import { refusalFor, TORCH_CLASSES, TORCH_MODULE, torchCatalogue } from './catalogue.js';
import { MAX_NESTING } from './composite.js';
import type { ReadEnvironment, TorchSpec } from './definition.js';
import { freshGroup, type ParamGroup, type TorchScheduler } from './scheduler.js';

const NO_FLOAT_INTEGERS: ReadonlySet<string> = new Set();

/** Loads a torch request (already known to be shallow). Throws ScheduleError, or RequestError about dtype, mode or a step. */
export function loadTorchSchedule(document: unknown, options: LoadOptions = {}): PythonFormSchedule {
  refuseFloat32(TORCH_MODULE, options.dtype);
  const floatIntegers = options.floatIntegers ?? NO_FLOAT_INTEGERS;
  const context = new ReadContext(floatIntegers);
  const outer = readFamilyDocument(context, document, TORCH_MODULE);
  const spec = outer === undefined ? undefined : readSpec(context, outer.className, outer.config, '', 1);
  context.check();
  if (outer === undefined || spec === undefined) throw new ScheduleError([{ path: '', message: 'invalid schedule' }]);
  const canonical = {
    module: TORCH_MODULE,
    class_name: spec.definition.className,
    config: canonicalConfig(spec),
    base_lr: outer.baseLr,
  };
  const closedForm = (options.mode ?? 'stepped') === 'closed_form';
  const schedule = closedForm ? closedFormSchedule(spec, outer.baseLr) : steppedSchedule(spec, outer.baseLr, options.maxRecursionSteps);
  return new PythonFormSchedule(schedule, canonical, document, floatIntegers, torchCatalogue, !closedForm);
}

function readSpec(context: ReadContext, className: string, config: Readonly<Record<string, unknown>>, path: string, depth: number): TorchSpec | undefined {
  const definition = TORCH_CLASSES.get(className);
  if (definition === undefined) {
    context.problem(pointer(path, 'class_name'), refusalFor(className));
    return undefined;
  }
  if (definition.composite && depth > MAX_NESTING) {
    context.problem(pointer(path, 'class_name'), `composites nest at most ${MAX_NESTING} deep; this ${className} is at depth ${depth}`);
    return undefined;
  }
  const environment: ReadEnvironment = {
    context,
    depth,
    readSub: (value, at) => readEntry(context, value, at, depth + 1),
  };
  const before = context.problems.length;
  const { config: read, children = [] } = definition.read(new ConfigReader(context, config, pointer(path, 'config')), environment);
  if (context.problems.length > before) return undefined;
  return { definition, config: read as Readonly<Record<string, unknown>>, children, path };
}

/** One entry of a composite's `schedulers`: `{"class_name", "config"}` (a `module` may repeat torch's). */
function readEntry(context: ReadContext, value: unknown, at: string, depth: number): TorchSpec | undefined {
  const entry = asObject(context, value, at, 'a scheduler');
  if (entry === undefined) return undefined;
  for (const key of Object.keys(entry)) {
    if (key !== 'class_name' && key !== 'config' && key !== 'module') context.problem(pointer(at, key), 'unexpected key: a scheduler entry has class_name and config');
  }
  if (entry['module'] !== undefined && entry['module'] !== TORCH_MODULE) context.problem(pointer(at, 'module'), `must be '${TORCH_MODULE}', got ${pythonRepr(entry['module'])}`);
  const className = entry['class_name'];
  if (typeof className !== 'string') {
    context.problem(pointer(at, 'class_name'), 'is required: the scheduler\'s class name, a string');
    return undefined;
  }
  if (className === 'ReduceLROnPlateau') {
    const index = at.slice(at.lastIndexOf('/') + 1);
    context.problem(
      pointer(at, 'class_name'),
      'composites do not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, ' +
        `but got one at index ${index} in the given schedulers sequence.`,
    );
    return undefined;
  }
  const config = entry['config'] === undefined ? {} : asObject(context, entry['config'], pointer(at, 'config'), 'the keyword arguments');
  if (config === undefined) return undefined;
  return readSpec(context, className, config, at, depth);
}

function canonicalConfig(spec: TorchSpec): Record<string, unknown> {
  if (!spec.definition.composite) return { ...spec.config };
  return {
    schedulers: spec.children.map((child) => ({ class_name: child.definition.className, config: canonicalConfig(child) })),
    ...spec.config,
  };
}

/** Builds the scheduler tree depth first, in list order, as a training script constructs it. */
function build(spec: TorchSpec, group: ParamGroup): TorchScheduler {
  const children = spec.children.map((child) => build(child, group));
  return spec.definition.create(group, spec.config, children);
}

/** Builds on a fresh SGD(lr=base_lr); a Python exception at construction is a problem of the config. */
function construct(spec: TorchSpec, baseLr: number): { group: ParamGroup; root: TorchScheduler } {
  const group = freshGroup(baseLr);
  try {
    return { group, root: build(spec, group) };
  } catch (error) {
    if (error instanceof PythonError) throw new ScheduleError([{ path: '/config', message: `torch raises ${error.describe()} at construction` }]);
    throw error;
  }
}

function steppedSchedule(spec: TorchSpec, baseLr: number, maxSteps?: number): RecursionSchedule {
  const { group, root } = construct(spec, baseLr);
  const jumpTo = root.jumpTo?.bind(root);
  // A scheduler that cycles momentum has written it by now (every such constructor does); none will later.
  const cyclesMomentum = group.momentum !== undefined;
  const simulation: Simulation = {
    lr: () => group.lr,
    advance: () => root.step(),
    settled: () => root.settled(),
    save: () => {
      const state = [group.lr, group.momentum ?? Number.NaN];
      root.save(state);
      return state;
    },
    restore: (state) => {
      group.lr = state[0] as number;
      group.momentum = state[1] as number;
      root.load(state, 2);
    },
    ...(cyclesMomentum ? { momentum: () => group.momentum as number } : {}),
    ...(jumpTo === undefined ? {} : { jump: jumpTo }),
  };
  return new RecursionSchedule(new SteppedRunner(simulation, 'torch', maxSteps));
}

/** torch's `_get_closed_form_lr()` at each step, from base_lrs: what `scheduler.step(epoch)` sets. */
function closedFormSchedule(spec: TorchSpec, baseLr: number): EvaluatedSchedule {
  if (!spec.definition.hasClosedForm) {
    throw new RequestError([
      {
        path: '/mode',
        message: `${spec.definition.className} has no closed form in torch (no _get_closed_form_lr()): ask for mode 'stepped'`,
      },
    ]);
  }
  const { root } = construct(spec, baseLr);
  const value = (step: number): number => {
    root.lastEpoch = step;
    try {
      return root.closedFormLr();
    } catch (error) {
      if (!(error instanceof PythonError)) throw error;
      throw new RequestError([{ path: '/step', message: `torch's closed form raises ${error.describe()} at step ${step}` }]);
    }
  };
  return new EvaluatedSchedule(value);
}
