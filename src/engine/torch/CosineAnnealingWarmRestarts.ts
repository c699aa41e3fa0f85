import { cos } from '../stepped/libm.js';
import { torchClass } from './definition.js';
import { configSchema, finishTorchConfig, missing, schemaInteger, schemaNumber } from './fields.js';
import { TorchScheduler, type ParamGroup } from './scheduler.js';

interface Config {
  readonly T_0: number;
  readonly T_mult: number;
  readonly eta_min: number;
}

/**
 * SGDR: a cosine from base_lr to eta_min over T_i steps, restarting with T_i times T_mult. It sets the lr
 * from its own base value each step (it is not chainable), and its state is two integers, so any step's
 * state can be set directly.
 */
export class CosineAnnealingWarmRestarts extends TorchScheduler {
  private tCur: number;
  private tI: number;

  constructor(
    group: ParamGroup,
    private readonly config: Config,
  ) {
    super(group);
    this.tI = config.T_0;
    this.tCur = -1;
    this.attach();
  }

  protected getLr(): number {
    const eta = this.config.eta_min;
    return eta + ((this.baseLr - eta) * (1 + cos((Math.PI * this.tCur) / this.tI))) / 2;
  }

  /** Its own step(): T_cur and T_i move first, then the lr is set (no _step_count, no _update_lr). */
  override step(): void {
    if (this.lastEpoch < 0) {
      // step(epoch=0): epoch < T_0 always (T_0 >= 1).
      this.tI = this.config.T_0;
      this.tCur = 0;
      this.lastEpoch = 0;
    } else {
      this.lastEpoch += 1;
      this.tCur += 1;
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur % this.tI;
        this.tI = this.tI * this.config.T_mult;
      }
    }
    this.group.lr = this.getLr();
  }

  /** The integer state after `step` steps from construction, as stepping reaches it. */
  override jumpTo(step: number): void {
    const { T_0, T_mult } = this.config;
    let start = 0;
    let period = T_0;
    if (T_mult === 1) start = step - (step % T_0);
    else {
      while (start + period <= step) {
        start += period;
        period *= T_mult;
      }
    }
    this.tCur = step - start;
    this.tI = period;
    this.lastEpoch = step;
    this.group.lr = this.getLr();
  }

  override save(out: number[]): void {
    super.save(out);
    out.push(this.tCur, this.tI);
  }

  override load(state: readonly number[], at: number): number {
    const next = super.load(state, at);
    this.tCur = state[next] as number;
    this.tI = state[next + 1] as number;
    return next + 2;
  }
}

export const CosineAnnealingWarmRestartsDefinition = torchClass<Config>({
  className: 'CosineAnnealingWarmRestarts',
  description: 'SGDR: cosine annealing from base_lr to eta_min, restarting every T_i steps, T_i growing by T_mult.',
  configSchema: configSchema(
    {
      T_0: schemaInteger('Steps until the first restart (a Python int: 10, not 10.0).', { minimum: 1 }),
      T_mult: schemaInteger('Factor by which T_i grows after each restart.', { default: 1, minimum: 1 }),
      eta_min: schemaNumber('Minimum learning rate.', { default: 0.0, minimum: 0 }),
    },
    ['T_0'],
  ),
  hasClosedForm: false,
  composite: false,
  read(reader) {
    const T_0 = reader.number('T_0', {
      missing: missing('CosineAnnealingWarmRestarts', 'T_0'),
      pythonInt: (v) => `Expected positive integer T_0, but got ${floatRepr(v)}`,
      min: 1,
      range: (_v, shown) => `Expected positive integer T_0, but got ${shown}`,
    });
    const T_mult = reader.number('T_mult', {
      default: 1,
      pythonInt: (v) => `Expected integer T_mult >= 1, but got ${floatRepr(v)}`,
      min: 1,
      range: (_v, shown) => `Expected integer T_mult >= 1, but got ${shown}`,
    });
    const eta_min = reader.number('eta_min', { default: 0.0, min: 0, range: (_v, shown) => `must be >= 0, got ${shown}` });
    finishTorchConfig(reader, 'CosineAnnealingWarmRestarts');
    return { config: { T_0, T_mult, eta_min } };
  },
  create: (group, config) => new CosineAnnealingWarmRestarts(group, config),
});

/** How Python prints a float: 10.0, not 10. */
export function floatRepr(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
