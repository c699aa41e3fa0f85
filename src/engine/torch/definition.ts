/**
 * What each torch.optim.lr_scheduler class file provides: how to read and check its keyword arguments
 * (with torch's own words where torch has them), how to build it on a param group, and its catalogue entry.
 */
import type { ConfigReader, ReadContext } from '../stepped/reader.js';
import type { ParamGroup, TorchScheduler } from './scheduler.js';

/** One scheduler of a request, read and checked: a leaf, or a composite with its sub-schedulers. */
export interface TorchSpec {
  readonly definition: TorchClassDefinition;
  /** The keyword arguments, defaults filled, in the constructor's order (composites: without `schedulers`). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly children: readonly TorchSpec[];
  /** Pointer of this scheduler's entry in the document ('' for the top level). */
  readonly path: string;
}

export interface ReadEnvironment {
  readonly context: ReadContext;
  /** How many composites enclose this one. */
  readonly depth: number;
  /** Reads one `{"class_name", "config"}` entry of `schedulers`. */
  readSub(value: unknown, at: string): TorchSpec | undefined;
}

export interface TorchClassDefinition<C = Readonly<Record<string, unknown>>> {
  readonly className: string;
  readonly description: string;
  readonly configSchema: Record<string, unknown>;
  /** Whether torch defines `_get_closed_form_lr()` for the class. */
  readonly hasClosedForm: boolean;
  readonly composite: boolean;
  read(reader: ConfigReader, environment: ReadEnvironment): { readonly config: C; readonly children?: readonly TorchSpec[] };
  /** Builds the scheduler on `group` as its constructor does (initial step included); children are built already. */
  create(group: ParamGroup, config: C, children: readonly TorchScheduler[]): TorchScheduler;
  /**
   * Why restarting this scheduler at a SequentialLR milestone (`_update_lr(0)`) raises in torch, naming the
   * config key to blame, or undefined when it does not.
   */
  restartProblem?(config: C): { readonly key: string; readonly message: string } | undefined;
}

/** Erases a class's config type for the catalogue (each definition only ever gets back its own config). */
export function torchClass<C>(definition: TorchClassDefinition<C>): TorchClassDefinition {
  return definition as unknown as TorchClassDefinition;
}
