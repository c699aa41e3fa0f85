/**
 * Writes test/fixtures/glibc-math/ from the raw output of gen.c:
 *   npx tsx scripts/glibc-vectors/build-fixture.ts /tmp/vec
 * Checks first that test/engine/math/vectors.ts regenerates gen.c's arguments bit for bit.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { CHUNK, FIXTURE_DIR, bitsOf, canonicalize, evaluate, ordered, predictor, sha256 } from '../../test/engine/math/fixture.js';
import type { Fixture } from '../../test/engine/math/fixture.js';
import { SEED_BASE, SEEDS, SPECS, Stream, fillChunk } from '../../test/engine/math/vectors.js';

const dir = process.argv[2] ?? '/tmp/vec';
mkdirSync(new URL('hints/', FIXTURE_DIR), { recursive: true });
const fx: Fixture = {
  description: 'glibc 2.36 libm (Debian bookworm, x86-64, FMA variants) over the argument streams of scripts/glibc-vectors/gen.c; see docs/glibc-math.md',
  chunk: CHUNK,
  seedBase: SEED_BASE,
  functions: {},
};

for (const sp of SPECS) {
  const argBuf = readFileSync(`${dir}/${sp.name}.args`);
  const resBuf = readFileSync(`${dir}/${sp.name}.res`);
  const cArgs = sp.float32
    ? new Float32Array(argBuf.buffer, argBuf.byteOffset, argBuf.byteLength / 4)
    : new Float64Array(argBuf.buffer, argBuf.byteOffset, argBuf.byteLength / 8);
  const res = sp.float32
    ? new Float32Array(resBuf.buffer, resBuf.byteOffset, resBuf.byteLength / 4)
    : new Float64Array(resBuf.buffer, resBuf.byteOffset, resBuf.byteLength / 8);
  const count = res.length;
  const g = new Stream(SEED_BASE + SEEDS[sp.name]);
  const args = new Float64Array(CHUNK * sp.arity);
  const chunks: string[] = [];
  const pred = predictor(sp.name);
  const hintBytes: number[] = [];
  const width = sp.float32 ? 32 : 64;
  const predicted = sp.float32 ? new Float32Array(CHUNK) : new Float64Array(CHUNK);
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    fillChunk(sp, g, start, n, args);
    for (let k = 0; k < n * sp.arity; k++) {
      const a = args[k] as number;
      const c = cArgs[start * sp.arity + k] as number;
      if (bitsOf(a, sp.float32) !== bitsOf(c, sp.float32) && !(Number.isNaN(a) && Number.isNaN(c))) {
        throw new Error(`${sp.name}: argument ${k} of chunk at ${start} differs: ts ${a} c ${c}`);
      }
    }
    const chunk = res.subarray(start, start + n);
    canonicalize(chunk);
    chunks.push(sha256(chunk));
    if (pred) {
      evaluate(pred, sp.arity, args, predicted, n);
      for (let k = 0; k < n; k++) {
        let d = ordered(bitsOf(chunk[k] as number, sp.float32), width) - ordered(bitsOf(predicted[k] as number, sp.float32), width);
        d = d < 0n ? -2n * d - 1n : 2n * d; // zigzag
        do {
          const b = Number(d & 0x7fn);
          d >>= 7n;
          hintBytes.push(d ? b | 0x80 : b);
        } while (d);
      }
    }
  }
  fx.functions[sp.name] = { count, chunks };
  if (pred) {
    const z = deflateRawSync(Uint8Array.from(hintBytes), { level: 9 });
    writeFileSync(new URL(`hints/${sp.name}.bin`, FIXTURE_DIR), z);
    console.log(`${sp.name}: ${count} vectors, hints ${z.length} bytes`);
  } else {
    console.log(`${sp.name}: ${count} vectors`);
  }
}
writeFileSync(new URL('hashes.json', FIXTURE_DIR), JSON.stringify(fx, null, 1) + '\n');
copyFileSync(`${dir}/explicit.txt`, new URL('explicit.txt', FIXTURE_DIR));
