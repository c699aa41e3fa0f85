/**
 * Every default a catalogue's JSON Schema declares is the default the loader reads back: for each PyTorch and Hugging
 * Face class, a config holding only what the class requires loads, and its canonical form has each left-out key at
 * exactly the schema's `default` (Swagger UI and GET /v1/schedules show one, the loader uses the other). A class
 * added to a catalogue without a minimal config here fails, so none goes unchecked.
 */
import t from 'tap';
import { loadTorchSchedule, torchCatalogue } from '../../../src/engine/torch/index.js';
import { loadTransformersSchedule, transformersCatalogue } from '../../../src/engine/transformers/index.js';

const leaf = { class_name: 'ConstantLR', config: {} };

/** The least each class needs to load: its required arguments (and one of OneCycleLR's ways to give a length). */
const MINIMAL: Record<string, Record<string, unknown>> = {
  StepLR: { step_size: 3 },
  MultiStepLR: { milestones: [3, 7] },
  ConstantLR: {},
  LinearLR: {},
  ExponentialLR: { gamma: 0.9 },
  PolynomialLR: {},
  CosineAnnealingLR: { T_max: 10 },
  CosineAnnealingWarmRestarts: { T_0: 10 },
  CyclicLR: { base_lr: 0.001, max_lr: 0.01 },
  OneCycleLR: { max_lr: 0.1, total_steps: 100 },
  SequentialLR: { schedulers: [leaf, leaf], milestones: [5] },
  ChainedScheduler: { schedulers: [leaf] },
  linear: { num_warmup_steps: 10, num_training_steps: 100 },
  cosine: { num_warmup_steps: 10, num_training_steps: 100 },
  cosine_with_restarts: { num_warmup_steps: 10, num_training_steps: 100 },
  polynomial: { num_warmup_steps: 10, num_training_steps: 100 },
  constant: {},
  constant_with_warmup: { num_warmup_steps: 10 },
  inverse_sqrt: { num_warmup_steps: 10 },
  cosine_with_min_lr: { num_warmup_steps: 10, num_training_steps: 100, min_lr: 1e-6 },
  cosine_warmup_with_min_lr: { num_warmup_steps: 10, num_training_steps: 100, min_lr: 1e-6 },
  warmup_stable_decay: { num_warmup_steps: 10, num_training_steps: 100, num_decay_steps: 20 },
};

/** Arguments needed unless another is given instead (a JSON Schema `required` cannot say "one of"): the other. */
const ALTERNATIVES: Record<string, Record<string, Record<string, unknown>>> = {
  OneCycleLR: { total_steps: { epochs: 2, steps_per_epoch: 50 } },
  warmup_stable_decay: { num_training_steps: { num_stable_steps: 50 } },
  cosine_with_min_lr: { min_lr: { min_lr_rate: 0.1 } },
  cosine_warmup_with_min_lr: { min_lr: { min_lr_rate: 0.1 } },
};

type Schema = { readonly properties?: Record<string, { readonly default?: unknown }>; readonly required?: readonly string[] };

/** The pointers a load refuses, or [] when it loads. */
function refusedAt(load: () => unknown): string[] {
  try {
    load();
    return [];
  } catch (error) {
    return ((error as { problems?: { path: string }[] }).problems ?? []).map((problem) => problem.path);
  }
}

const families = [
  { catalogue: torchCatalogue, load: loadTorchSchedule },
  { catalogue: transformersCatalogue, load: loadTransformersSchedule },
];

for (const { catalogue, load } of families) {
  for (const entry of catalogue) {
    t.test(`${entry.module} ${entry.className}`, async (t) => {
      const minimal = MINIMAL[entry.className];
      if (minimal === undefined) {
        t.fail(`no minimal config for ${entry.className}: add one to MINIMAL`);
        return;
      }
      const loaded = load({ module: entry.module, class_name: entry.className, config: minimal, base_lr: 0.1 });
      const read = (loaded.canonical as { config: Record<string, unknown> }).config;
      const declared = Object.entries((entry.configSchema as Schema).properties ?? {}).filter(([key, property]) => 'default' in property && !(key in minimal));
      for (const [key, property] of declared) t.same(read[key], property.default, `${key}: the schema's default ${JSON.stringify(property.default)} is the one read back`);
      const undeclared = Object.keys(read).filter((key) => !(key in minimal) && !declared.some(([declaredKey]) => declaredKey === key));
      t.same(undeclared, [], 'every key the loader fills in has its default in the schema');
      // What the schema requires, the loader requires: each required key left out is refused, naming it; any other
      // key of the minimal config may be left out, or is one of ALTERNATIVES, which loads with the other given.
      const required = (entry.configSchema as Schema).required ?? [];
      t.same(required.filter((key) => !(key in minimal)), [], 'the minimal config holds every required key');
      const loads = (config: Record<string, unknown>) => refusedAt(() => load({ module: entry.module, class_name: entry.className, config, base_lr: 0.1 }));
      for (const key of Object.keys(minimal)) {
        const without = Object.fromEntries(Object.entries(minimal).filter(([other]) => other !== key));
        const alternative = ALTERNATIVES[entry.className]?.[key];
        if (required.includes(key)) t.ok(loads(without).includes(`/config/${key}`), `${key} is required by the schema, and left out it is refused at /config/${key}`);
        else if (alternative === undefined) t.same(loads(without), [], `${key} is not required by the schema, and left out it loads`);
        else {
          t.not(loads(without).length, 0, `${key} left out with nothing instead is refused`);
          t.same(loads({ ...without, ...alternative }), [], `${key} may be left out for ${Object.keys(alternative).join(' and ')}`);
        }
      }
    });
  }
}
