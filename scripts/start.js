#!/usr/bin/env node
/**
 * `npm start`: the built service, compiled only when it has to be. TypeScript is compiled (tsc, ~20 s on
 * a small machine) when `dist/server.js` is missing or older than a file it is built from (anything under
 * `src/`, the tsconfig files); otherwise the compiled service starts at once. Then `dist/server.js` runs
 * in this process, so its SIGTERM drain and exit code are the service's own.
 *
 * `node scripts/start.js --build-only` brings `dist/` up to date the same way and exits.
 *
 * Plain JavaScript, not TypeScript: it must run before anything is compiled, and without dev tools
 * when `dist/` is already built (a production install has no tsc; it then refuses to guess and says so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'server.js');
const inputs = [join(root, 'src'), join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json')];

/** A file, or anything under a folder, modified after `time` (ms), or undefined. */
function changedAfter(path, time) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs > time ? path : undefined;
  if (stats.mtimeMs > time) return path; // a file was added, removed or renamed here
  for (const name of readdirSync(path)) {
    const changed = changedAfter(join(path, name), time);
    if (changed !== undefined) return changed;
  }
  return undefined;
}

/** Why the service must be compiled first, or undefined when `dist/` is up to date. */
function staleness() {
  if (!existsSync(built)) return 'dist/server.js does not exist yet';
  const builtAt = statSync(built).mtimeMs;
  for (const input of inputs) {
    const changed = existsSync(input) ? changedAfter(input, builtAt) : undefined;
    if (changed !== undefined) return `${changed.slice(root.length)} changed since the last build`;
  }
  return undefined;
}

function compile(reason) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write(`cannot start: ${reason}, and TypeScript is not installed to build it (npm ci, then npm start)\n`);
    process.exit(1);
  }
  process.stderr.write(`building the service first (${reason}): tsc -p tsconfig.build.json\n`);
  // --noEmitOnError: a failed build leaves the last good dist/ (and its older time, so the next start retries).
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noEmitOnError'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const reason = staleness();
if (reason !== undefined) compile(reason);
// --build-only: bring dist/ up to date and stop (what the benchmarks do before timing starts).
if (!process.argv.includes('--build-only')) await import(pathToFileURL(built).href);
