import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { useLibm, type Libm } from '../../../src/engine/stepped/libm.js';
import { loadTorchSchedule } from '../../../src/engine/torch/index.js';
import { loadTransformersSchedule } from '../../../src/engine/transformers/index.js';
import { problemsOf, relativeError } from './golden.js';

// Random composites (nested SequentialLR / ChainedScheduler over every leaf class) and edge cases, run
// through the real torch 2.14.1 and transformers 5.12.1 by composites.py: every step from 0, and the
// step where the library raised.
interface Case {
  readonly family: 'torch' | 'hf';
  readonly schedule: unknown;
  readonly values: readonly number[];
  readonly error: string | null;
}

const cases = readFileSync(new URL('./composites.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as Case);

/** The pointers of every pct_start in a document: a Python float in these cases (0.0 among them), as the body parser records one written `0.0`. */
function pctStarts(node: unknown, path = '', into = new Set<string>()): Set<string> {
  if (typeof node !== 'object' || node === null) return into;
  for (const [key, child] of Object.entries(node)) {
    const place = `${path}/${key}`;
    if (key === 'pct_start') into.add(place);
    pctStarts(child, place, into);
  }
  return into;
}

function run(t: Test, label: string): { values: number; identical: number } {
  let values = 0;
  let identical = 0;
  for (const [i, c] of cases.entries()) {
    const load = c.family === 'torch' ? loadTorchSchedule : loadTransformersSchedule;
    const out = new Float64Array(c.values.length);
    load(c.schedule, { floatIntegers: pctStarts(c.schedule) }).schedule.atRange(0, 1, out);
    let worst = 0;
    c.values.forEach((expected, k) => {
      values++;
      if (Object.is(out[k], expected)) identical++;
      worst = Math.max(worst, relativeError(out[k] as number, expected));
    });
    if (worst > 1e-12) t.fail(`${label} case ${i}: relative error ${worst}`);
    if (c.error !== null) {
      const step = c.values.length;
      const problems = problemsOf(() => load(c.schedule, { floatIntegers: pctStarts(c.schedule) }).schedule.at(step));
      const [type = ''] = c.error.split(':');
      t.ok(problems.some((p) => p.path === '/step' && p.message.includes(type)), `${label} case ${i}: step ${step} refused as torch raised ${type}`);
    }
  }
  t.comment(`${label}: ${values} values in ${cases.length} cases; bit-identical ${identical} (${((100 * identical) / values).toFixed(2)}%)`);
  return { values, identical };
}

t.test('random composites and edge cases agree with the real torch', async (t) => {
  const { values } = run(t, 'composites (default libm: glibc-exact)');
  t.ok(values > 30_000, 'the whole file was read');
});

t.test('bit for bit with glibc-exact cos and pow (src/engine/math), if present', async (t) => {
  const specifier = '../../../src/engine/math/index.js';
  const math = (await import(specifier).catch(() => undefined)) as Partial<Libm> | undefined;
  if (math?.cos === undefined || math.pow === undefined) {
    t.comment('src/engine/math does not export cos and pow (yet): skipped');
    return;
  }
  const previous = useLibm({ cos: math.cos, pow: math.pow });
  try {
    const { values, identical } = run(t, 'composites (glibc libm)');
    t.equal(identical, values, 'every value bit-identical');
  } finally {
    useLibm(previous);
  }
});
