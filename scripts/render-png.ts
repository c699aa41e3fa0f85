/**
 * Renders an SVG (a file or a URL) to PNG with headless Chromium, or renders the sample charts of
 * docs/images/.
 *
 *   npx tsx scripts/render-png.ts <file.svg | http(s)://...> <out.png> [--width 800] [--height 400] [--scale 2]
 *   npx tsx scripts/render-png.ts --samples [--out docs/images]
 *
 * The window is the SVG's own width × height (read from the file; 800 × 400 for a URL unless given), and
 * --scale is the device pixel ratio (2 by default, for sharp pictures). Needs `chromium` on the PATH
 * (Debian: `apt-get install -y chromium`), or CHROMIUM=/path/to/binary.
 *
 * The samples are computed here with the Keras formulas in plain float64 JavaScript (close enough for a
 * picture; the service computes Keras's exact float32 values).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { renderLearningRateSvg, type LearningRateSvgInput } from '../src/plot/index.js';

const chromium = process.env.CHROMIUM ?? 'chromium';

/** Screenshots `target` (a URL) into `out` at width × height CSS pixels. */
export function screenshot(target: string, out: string, width: number, height: number, scale: number): void {
  const profile = mkdtempSync(join(tmpdir(), 'render-png-'));
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--force-device-scale-factor=${scale}`,
        `--user-data-dir=${profile}`,
        `--screenshot=${resolve(out)}`,
        `--window-size=${width},${height}`,
        target,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (statSync(out).size === 0) throw new Error(`chromium wrote an empty ${out}`);
}

/** An SVG document's width and height attributes (in CSS pixels), if it has plain numeric ones. */
function svgSize(svg: string): { width: number; height: number } | null {
  const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)(?:px)?"/.exec(tag)?.[1]);
  const height = Number(/\sheight="([\d.]+)(?:px)?"/.exec(tag)?.[1]);
  return width > 0 && height > 0 ? { width: Math.ceil(width), height: Math.ceil(height) } : null;
}

/** Renders an SVG string through a temporary file. */
export function svgToPng(svg: string, out: string, scale = 2): void {
  const dir = mkdtempSync(join(tmpdir(), 'render-svg-'));
  try {
    const file = join(dir, 'chart.svg');
    writeFileSync(file, svg);
    const size = svgSize(svg) ?? { width: 800, height: 400 };
    screenshot(pathToFileURL(file).href, out, size.width, size.height, scale);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- The samples ---------------------------------------------------------------------------------------

/** keras.optimizers.schedules.CosineDecay with linear warmup. */
function cosineDecay(step: number, c: { initial: number; decaySteps: number; alpha: number; warmupTarget: number; warmupSteps: number }): number {
  if (step < c.warmupSteps) return c.initial + ((c.warmupTarget - c.initial) * step) / c.warmupSteps;
  const s = Math.min(step - c.warmupSteps, c.decaySteps);
  const cosine = 0.5 * (1 + Math.cos((Math.PI * s) / c.decaySteps));
  return c.warmupTarget * ((1 - c.alpha) * cosine + c.alpha);
}

/** keras.optimizers.schedules.CosineDecayRestarts (SGDR). */
function cosineDecayRestarts(step: number, c: { initial: number; firstDecaySteps: number; tMul: number; mMul: number; alpha: number }): number {
  let fraction = step / c.firstDecaySteps;
  let restart: number;
  if (c.tMul === 1) {
    restart = Math.floor(fraction);
    fraction -= restart;
  } else {
    restart = Math.floor(Math.log(1 - fraction * (1 - c.tMul)) / Math.log(c.tMul));
    const done = (1 - c.tMul ** restart) / (1 - c.tMul);
    fraction = (fraction - done) / c.tMul ** restart;
  }
  const cosine = 0.5 * c.mMul ** restart * (1 + Math.cos(Math.PI * fraction));
  return c.initial * ((1 - c.alpha) * cosine + c.alpha);
}

function rangeOf(count: number, rate: (step: number) => number): Float32Array {
  const rates = new Float32Array(count);
  for (let i = 0; i < count; i++) rates[i] = rate(i);
  return rates;
}

export function samples(): { name: string; input: LearningRateSvgInput }[] {
  const warmup = { initial: 0, decaySteps: 10_000, alpha: 0.01, warmupTarget: 0.001, warmupSteps: 1000 };
  const restarts = { initial: 0.001, firstDecaySteps: 1000, tMul: 2, mMul: 0.8, alpha: 0.01 };
  const restartRates = rangeOf(31_000, (s) => cosineDecayRestarts(s, restarts));
  return [
    {
      name: 'cosine-decay-warmup',
      input: {
        steps: { start: 0, stride: 1, count: 12_000 },
        rates: rangeOf(12_000, (s) => cosineDecay(s, warmup)),
        title: 'CosineDecay',
        subtitle: 'initial_learning_rate=0, warmup_target=0.001, warmup_steps=1000, decay_steps=10000, alpha=0.01',
        dtype: 'float32',
      },
    },
    {
      name: 'cosine-decay-restarts',
      input: {
        steps: { start: 0, stride: 1, count: 31_000 },
        rates: restartRates,
        title: 'CosineDecayRestarts',
        subtitle: 'initial_learning_rate=0.001, first_decay_steps=1000, t_mul=2, m_mul=0.8, alpha=0.01',
        dtype: 'float32',
      },
    },
    {
      name: 'cosine-decay-restarts-log',
      input: {
        steps: { start: 0, stride: 1, count: 31_000 },
        rates: restartRates,
        title: 'CosineDecayRestarts',
        subtitle: 'the same on a log scale',
        dtype: 'float32',
        scale: 'log',
      },
    },
    {
      name: 'cosine-decay-warmup-1m',
      input: {
        steps: { start: 0, stride: 1, count: 1_000_000 },
        rates: rangeOf(1_000_000, (s) => cosineDecay(s, { ...warmup, decaySteps: 900_000, warmupSteps: 50_000 })),
        title: 'CosineDecay',
        subtitle: 'a million steps (drawn from the lowest and highest rate of each pixel column)',
        dtype: 'float32',
      },
    },
  ];
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      samples: { type: 'boolean' },
      out: { type: 'string', default: 'docs/images' },
      width: { type: 'string' },
      height: { type: 'string' },
      scale: { type: 'string', default: '2' },
    },
  });
  const scale = Number(values.scale);
  if (values.samples) {
    mkdirSync(values.out, { recursive: true });
    for (const { name, input } of samples()) {
      const svg = renderLearningRateSvg(input);
      const out = join(values.out, `${name}.png`);
      svgToPng(svg, out, scale);
      console.log(`${out}  (${svg.length} bytes of SVG)`);
    }
    return;
  }
  const [target, out] = positionals;
  if (target === undefined || out === undefined) {
    console.error('usage: npx tsx scripts/render-png.ts <file.svg | URL> <out.png> [--width W] [--height H] [--scale 2]\n       npx tsx scripts/render-png.ts --samples [--out docs/images]');
    process.exit(2);
  }
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
  const size = isUrl ? null : svgSize(readFileSync(target, 'utf8'));
  const width = Number(values.width ?? size?.width ?? 800);
  const height = Number(values.height ?? size?.height ?? 400);
  screenshot(isUrl ? target : pathToFileURL(resolve(target)).href, out, width, height, scale);
  console.log(out);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
