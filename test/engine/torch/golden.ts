// The torch / transformers golden file (torch 2.14.1, transformers 5.12.1), read once for the tests.
import { readFileSync } from 'node:fs';

export interface TorchGoldenValueCase {
  readonly id: string;
  readonly kind: 'value';
  readonly family: 'torch' | 'hf';
  readonly schedule: { readonly class_name: string; readonly [key: string]: unknown };
  readonly steps: readonly number[];
  readonly expected: readonly number[];
  readonly closed_form?: readonly number[];
  readonly closed_form_error?: string;
  readonly note?: string;
}

export interface TorchGoldenErrorCase {
  readonly id: string;
  readonly kind: 'error';
  readonly family: 'torch' | 'hf';
  readonly schedule: unknown;
  readonly library_error: string | null;
  readonly why: string;
}

const FIXTURE = new URL('../../fixtures/torch-golden.jsonl', import.meta.url);

const cases = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as TorchGoldenValueCase | TorchGoldenErrorCase);

export const valueCases = cases.filter((c): c is TorchGoldenValueCase => c.kind === 'value');
export const errorCases = cases.filter((c): c is TorchGoldenErrorCase => c.kind === 'error');

export function relativeError(actual: number, expected: number): number {
  if (Object.is(actual, expected)) return 0;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

import type { Test } from 'tap';
import { ScheduleError, type Problem } from '../../../src/engine/errors.js';

/** The problems a load or a step was refused with ([] when it was not refused). */
export function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScheduleError) return [...error.problems];
    throw error;
  }
  return [];
}

/** Asserts that `run` is refused with a problem at `path` whose message matches. */
export function refusedAt(t: Test, run: () => unknown, path: string, message: RegExp, name: string): void {
  const problems = problemsOf(run);
  const hit = problems.some((p) => p.path === path && message.test(p.message));
  t.ok(hit, `${name}: refused at ${path}${hit ? '' : ` (got ${JSON.stringify(problems)})`}`);
}

/**
 * What real torch 2.14.1 writes into the param group each step for schedulers that cycle momentum (momentum.jsonl,
 * made by momentum.py): SGD's group["momentum"] and AdamW's group["betas"][0], beside the lr, at steps 0..n-1, and
 * the exception torch raised at step n (null if none).
 */
export interface MomentumCase {
  readonly schedule: { readonly class_name: string; readonly config: Record<string, unknown> };
  readonly lr: readonly number[];
  readonly momentum_sgd: readonly number[];
  readonly beta1_adamw: readonly number[];
  readonly error: string | null;
}

export const momentumCases: readonly MomentumCase[] = readFileSync(new URL('./momentum.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as MomentumCase);
