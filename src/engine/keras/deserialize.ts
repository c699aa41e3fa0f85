/**
 * Reads a schedule in every form Keras and tf.keras have written it, and
 * refuses, with a JSON pointer and a reason, everything else.
 *
 * Forms: `keras.optimizers.schedules.serialize()` output; the tf.keras
 * `{class_name, config}` form; configs that leave out defaulted keys; numbers
 * written as `__tensor__`/`__numpy__` objects; a whole serialized optimizer or
 * `optimizer.get_config()` whose `learning_rate` is a schedule.
 */
import { Value } from 'typebox/value';
import { configProblems } from './config-errors.js';
import type { LoadOptions } from '../family.js';
import { jsonTypeOf, pointer, ScheduleError, type Problem } from '../errors.js';
import type { Dtype } from '../numerics.js';
import { KERAS_SCHEDULE_MODULES, type Registration, type ScheduleRegistry } from './registry.js';
import { DEFAULT_DTYPE_KEY, PYTHON_FLOAT_DEFAULT } from './definition.js';
import { isPlainObject, unwrapTensors, type TensorDtype } from './tensors.js';

/** A schedule read and validated, not yet built. */
export interface ParsedSchedule {
  readonly registration: Registration;
  /** Every key, in Keras's `get_config()` order, defaults filled, tensors unwrapped. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The dtype the schedule computes in: the caller's, or the one the serialized form implies. */
  readonly dtype: Dtype;
  /** The dtype the serialized form implies on its own (float64 only from a float64 tensor). */
  readonly serializedDtype: Dtype;
  /**
   * JSON pointers, relative to the config, of the numbers Keras holds as Python floats (the rest are ints):
   * what the caller wrote with a fraction or exponent, what float tensors held, and defaults Keras declares as floats.
   */
  readonly floats: ReadonlySet<string>;
}

export type ParseOptions = Pick<LoadOptions, 'dtype' | 'floatIntegers'>;


const WRAPPER_KEYS = new Set(['module', 'class_name', 'config', 'registered_name', 'shared_object_id']);

const KERAS_OPTIMIZERS = new Set([
  'Adadelta', 'Adafactor', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'Ftrl', 'Lamb', 'Lion',
  'LossScaleOptimizer', 'Muon', 'Nadam', 'RMSprop', 'SGD',
]);

/** Reads a serialized schedule that assertShallow has already passed. Throws ScheduleError. */
export function parseSchedule(input: unknown, registry: ScheduleRegistry, options: ParseOptions = {}): ParsedSchedule {
  const { node, path } = locateSchedule(input, '');
  const registration = resolveClass(node, path, registry);
  return readConfig(node, path, registration, options);
}

function fail(path: string, message: string): never {
  throw new ScheduleError([{ path, message }]);
}

interface Located {
  readonly node: Record<string, unknown>;
  readonly path: string;
}

/** Finds the serialized schedule itself, descending through optimizer wrappers. */
function locateSchedule(value: unknown, path: string): Located {
  if (typeof value === 'string') {
    fail(path, `a bare class name (${JSON.stringify(value)}) has no config: send {"class_name": ..., "config": {...}}`);
  }
  if (!isPlainObject(value)) {
    fail(path, `a serialized schedule must be an object with "class_name" and "config", got ${jsonTypeOf(value)}`);
  }
  if (isOptimizerConfig(value)) return locateInOptimizerConfig(value, path);
  if (isOptimizer(value)) {
    if (!KERAS_OPTIMIZERS.has(value['class_name'] as string)) {
      // Normalize would answer a config Keras cannot read back: only Keras's own optimizer classes wrap a schedule here.
      fail(pointer(path, 'class_name'), `${JSON.stringify(value['class_name'])} is not one of Keras's optimizer classes: ${[...KERAS_OPTIMIZERS].join(', ')}`);
    }
    const config = value['config'];
    if (!isPlainObject(config)) fail(pointer(path, 'config'), 'an optimizer\'s config must be an object');
    return locateInOptimizerConfig(config, pointer(path, 'config'));
  }
  return { node: value, path };
}

/** `optimizer.get_config()` output: no class name, but optimizer hyperparameters. */
function isOptimizerConfig(value: Record<string, unknown>): boolean {
  return !('class_name' in value) && ('learning_rate' in value || 'inner_optimizer' in value);
}

function isOptimizer(value: Record<string, unknown>): boolean {
  const className = value['class_name'];
  const module = value['module'];
  if (typeof className !== 'string') return false;
  if (KERAS_OPTIMIZERS.has(className)) return true;
  return typeof module === 'string' && /^(keras|tf_keras|keras\.src)\.optimizers(\.|$)/.test(module) && !KERAS_SCHEDULE_MODULES.has(module);
}

function locateInOptimizerConfig(config: Record<string, unknown>, path: string): Located {
  const learningRate = config['learning_rate'];
  if (isPlainObject(learningRate)) return locateSchedule(learningRate, pointer(path, 'learning_rate'));
  if (learningRate === undefined && config['inner_optimizer'] !== undefined) {
    return locateSchedule(config['inner_optimizer'], pointer(path, 'inner_optimizer'));
  }
  if (typeof learningRate === 'number') {
    fail(pointer(path, 'learning_rate'), `this optimizer has the constant learning rate ${learningRate}, not a schedule`);
  }
  fail(path, 'this optimizer config holds no learning-rate schedule (its "learning_rate" must be a serialized schedule)');
}

function resolveClass(node: Record<string, unknown>, path: string, registry: ScheduleRegistry): Registration {
  const problems: Problem[] = [];
  for (const key of Object.keys(node)) {
    if (!WRAPPER_KEYS.has(key)) problems.push({ path: pointer(path, key), message: `unknown key \`${key}\` in a serialized schedule` });
  }
  if (problems.length > 0) throw new ScheduleError(problems);
  const className = node['class_name'];
  const module = node['module'];
  const registeredName = node['registered_name'];
  if (typeof className !== 'string') {
    fail(pointer(path, 'class_name'), `"class_name" must be a string naming a schedule, got ${jsonTypeOf(className)}`);
  }
  if (typeof registeredName === 'string' && registeredName !== className) {
    const custom = registry.custom(registeredName);
    if (custom === undefined || custom.scheduleClass.className !== className) {
      fail(pointer(path, 'registered_name'), `${JSON.stringify(registeredName)} is not a schedule registered on this server; known: ${registry.knownNames().join(', ')}`);
    }
    return custom;
  }
  if (registeredName !== undefined && registeredName !== null && registeredName !== className) {
    fail(pointer(path, 'registered_name'), `"registered_name" must be null, the class name or a registered name, got ${jsonTypeOf(registeredName)}`);
  }
  const builtin = registry.builtin(className);
  if (builtin === undefined) fail(pointer(path, 'class_name'), unknownClassMessage(className, registry));
  if (module !== undefined && module !== null && !KERAS_SCHEDULE_MODULES.has(module as string)) {
    fail(pointer(path, 'module'), `${JSON.stringify(module)} is not a module Keras writes for ${className}; accepted: ${[...KERAS_SCHEDULE_MODULES].join(', ')}`);
  }
  return builtin;
}

function unknownClassMessage(className: string, registry: ScheduleRegistry): string {
  const known = registry.knownNames().join(', ');
  if (className.startsWith('__') && className.endsWith('__')) {
    return `a serialized \`${className}\` object is not a schedule, and code from a request is never executed; known schedules: ${known}`;
  }
  return `unknown schedule class ${JSON.stringify(className)}; known schedules: ${known}`;
}

function readConfig(node: Record<string, unknown>, path: string, registration: Registration, options: ParseOptions): ParsedSchedule {
  const { scheduleClass, validator } = registration;
  const dtypeKey = scheduleClass.dtypeKey ?? DEFAULT_DTYPE_KEY;
  const configPath = pointer(path, 'config');
  const raw = node['config'];
  if (!isPlainObject(raw)) fail(configPath, `the config of ${scheduleClass.className} must be an object, got ${jsonTypeOf(raw)}`);

  const problems: Problem[] = [];
  const tensorFloats = new Set<string>();
  const plain: Record<string, unknown> = {};
  let dtypeOfKey: TensorDtype | null = null;
  for (const [key, value] of Object.entries(raw)) {
    const unwrapped = unwrapTensors(value, pointer(configPath, key), { problems, floats: tensorFloats });
    plain[key] = unwrapped.value;
    if (key === dtypeKey) dtypeOfKey = unwrapped.dtype;
  }
  if (problems.length === 0) problems.push(...nonFiniteNumbers(plain, configPath));
  if (problems.length === 0) {
    problems.push(...configProblems(validator.Errors(plain), plain, scheduleClass.configSchema, scheduleClass.className, configPath));
  }
  if (problems.length > 0) throw new ScheduleError(problems);

  const config = withDefaults(plain, registration);
  const serializedDtype = dtypeFromTensor(dtypeOfKey, pointer(configPath, dtypeKey));
  const dtype = options.dtype ?? serializedDtype;
  const checks = [
    ...(scheduleClass.check?.(config) ?? []).map((problem) => ({ ...problem, path: configPath + problem.path })),
    ...(dtype === 'float32' ? float32Overflows(config, configPath) : []),
  ];
  if (checks.length > 0) throw new ScheduleError(checks);
  const floats = pythonFloats(plain, configPath, registration, new Set([...tensorFloats, ...(options.floatIntegers ?? [])]));
  return { registration, config, dtype, serializedDtype, floats };
}

/** The config-relative places of the numbers Keras holds as floats; `floatPlaces` are document-relative. */
function pythonFloats(plain: Record<string, unknown>, configPath: string, registration: Registration, floatPlaces: ReadonlySet<string>): Set<string> {
  const floats = new Set<string>();
  for (const [value, path] of numbersIn(plain, configPath)) {
    if (!Number.isInteger(value) || floatPlaces.has(path)) floats.add(path.slice(configPath.length));
  }
  const properties = registration.scheduleClass.configSchema.properties as Record<string, Record<string, unknown>>;
  for (const [key, property] of Object.entries(properties)) {
    if (!(key in plain) && property[PYTHON_FLOAT_DEFAULT] === true) floats.add(pointer('', key));
  }
  return floats;
}

/** Keras computes in the dtype of the learning rate: a plain number is floatx (float32). */
function dtypeFromTensor(dtype: TensorDtype | null, path: string): Dtype {
  if (dtype === null || dtype === 'float32') return 'float32';
  if (dtype === 'float64') return 'float64';
  fail(path, `the learning rate's dtype decides the schedule's dtype and must be float32 or float64, got ${dtype}`);
}

/** Keys in the order of the schema (Keras's `get_config()` order), missing ones given their defaults. */
function withDefaults(plain: Record<string, unknown>, registration: Registration): Record<string, unknown> {
  const filled = Value.Default(registration.scheduleClass.configSchema, structuredClone(plain)) as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(registration.scheduleClass.configSchema.properties)) ordered[key] = filled[key];
  return ordered;
}

function* numbersIn(value: unknown, path: string): Generator<[number, string]> {
  if (typeof value === 'number') yield [value, path];
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* numbersIn(value[i], pointer(path, i));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) yield* numbersIn(item, pointer(path, key));
  }
}

/** JSON numbers past ±1.8e308 parse as Infinity; Keras would carry inf or nan through every step. */
function nonFiniteNumbers(config: Record<string, unknown>, configPath: string): Problem[] {
  return [...numbersIn(config, configPath)]
    .filter(([value]) => !Number.isFinite(value))
    .map(([, path]) => ({ path, message: 'must be a finite number' }));
}

/** In float32 a number beyond ±3.4e38 becomes infinite when Keras casts it. */
function float32Overflows(config: Record<string, unknown>, configPath: string): Problem[] {
  return [...numbersIn(config, configPath)]
    .filter(([value]) => !Number.isFinite(Math.fround(value)))
    .map(([value, path]) => ({ path, message: `${value} is beyond the float32 range (±3.4028235e38) this schedule computes in` }));
}
