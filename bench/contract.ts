/**
 * The contract fuzzer of test/contract/, longer: many more generated and mutated requests, deeper nesting, and a
 * seed per run (or CONTRACT_SEED). Exits non-zero when any answer is outside the committed OpenAPI document.
 *
 *   npx tsx bench/contract.ts                 # 20,000 requests
 *   CONTRACT_RUNS=100000 CONTRACT_SEED=7 npx tsx bench/contract.ts
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { Contract, generators, runContract } from '../test/contract/harness.js';

const runs = Number(process.env['CONTRACT_RUNS'] ?? 20_000);
const seed = Number(process.env['CONTRACT_SEED'] ?? Date.now() % 2 ** 31);
const app = await buildApp({ config: defaultConfig({ MAX_EVENT_LOOP_DELAY_MS: 0 }), logger: false });
const contract = new Contract();
const started = performance.now();
const { failures, statuses } = await runContract(app, contract, generators(contract, { depth: 100_000 }).all, { seed, numRuns: runs });
await app.close();
const seconds = (performance.now() - started) / 1000;

process.stdout.write(`contract: ${runs} requests, seed ${seed}, ${seconds.toFixed(1)} s\n`);
for (const [key, count] of [...statuses].sort(([a], [b]) => a.localeCompare(b))) process.stdout.write(`  ${key.padEnd(32)} ${count}\n`);
if (failures.length > 0) {
  process.stdout.write(`${failures.length} answers outside the contract:\n`);
  for (const failure of failures.slice(0, 50)) process.stdout.write(`  ${failure}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('every answer inside the contract\n');
}
