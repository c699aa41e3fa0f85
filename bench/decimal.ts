/**
 * Micro-benchmark of the shortest-decimal writers (src/numbers/decimal):
 * CPU ns per value writing 1M values, comma separated, into a buffer.
 *
 *   npx tsx bench/decimal.ts [--rounds 7]
 *
 * float32: writeFloat32 vs AsciiWriter#float32 (the writer it replaces) vs
 * String(shortestFloat32(x)) copied in; float64: writeFloat64 vs String(x)
 * copied in. Data: (a) ExponentialDecay(0.1, 1000, 0.96) for steps 0..1M
 * (float32, and the same in double arithmetic for float64), (b) random values:
 * uniform bit patterns, and uniform in [0, 1). Each figure is the median of the
 * rounds; ratios are baseline / new (how many times faster the new writer is).
 */
import { shortestFloat32 } from '../src/engine/index.js';
import { AsciiWriter } from '../src/numbers/ascii-writer.js';
import { writeFloat32, writeFloat64 } from '../src/numbers/decimal/index.js';

const COUNT = 1_000_000;
const COMMA = 44;
const roundsIndex = process.argv.indexOf('--rounds');
const ROUNDS = roundsIndex >= 0 ? Number(process.argv[roundsIndex + 1]) : 7;

const out = new Uint8Array(COUNT * 26);
let sink = 0;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** ns per value of `run` (which writes every value of `data` and returns the bytes written), median of the rounds. */
function measure(data: Float64Array | Float32Array, run: (data: Float64Array | Float32Array) => number): number {
  run(data); // warm up
  run(data);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // CPU time of this thread (user + system), not wall time: the figures stay meaningful on a busy machine.
    const start = process.cpuUsage();
    sink += run(data);
    const used = process.cpuUsage(start);
    times.push(((used.user + used.system) * 1000) / data.length);
  }
  return median(times);
}

function newFloat32(data: Float64Array | Float32Array): number {
  let offset = 0;
  for (let i = 0; i < data.length; i++) {
    offset = writeFloat32(out, offset, data[i] as number);
    out[offset++] = COMMA;
  }
  return offset;
}

const writer = new AsciiWriter(COUNT * 16);
function asciiWriterFloat32(data: Float64Array | Float32Array): number {
  for (let i = 0; i < data.length; i++) {
    writer.float32(data[i] as number);
    writer.byte(COMMA);
  }
  return writer.take().length;
}

function copyString(text: string, offset: number): number {
  for (let i = 0; i < text.length; i++) out[offset++] = text.charCodeAt(i);
  return offset;
}

function stringFloat32(data: Float64Array | Float32Array): number {
  let offset = 0;
  for (let i = 0; i < data.length; i++) {
    offset = copyString(String(shortestFloat32(data[i] as number)), offset);
    out[offset++] = COMMA;
  }
  return offset;
}

function newFloat64(data: Float64Array | Float32Array): number {
  let offset = 0;
  for (let i = 0; i < data.length; i++) {
    offset = writeFloat64(out, offset, data[i] as number);
    out[offset++] = COMMA;
  }
  return offset;
}

function stringFloat64(data: Float64Array | Float32Array): number {
  let offset = 0;
  for (let i = 0; i < data.length; i++) {
    offset = copyString(String(data[i] as number), offset);
    out[offset++] = COMMA;
  }
  return offset;
}

const decay32 = new Float32Array(COUNT);
const decay64 = new Float64Array(COUNT);
for (let step = 0; step < COUNT; step++) {
  decay32[step] = Math.fround(0.1 * Math.fround(Math.pow(0.96, Math.fround(step / 1000))));
  decay64[step] = 0.1 * Math.pow(0.96, step / 1000);
}
const bits32 = new Float32Array(COUNT);
const bitView32 = new Uint32Array(bits32.buffer);
for (let i = 0; i < COUNT; i++) bitView32[i] = (Math.random() * 0x7f800000) >>> 0;
const unit32 = new Float32Array(COUNT);
for (let i = 0; i < COUNT; i++) unit32[i] = Math.random();
const bits64 = new Float64Array(COUNT);
const bitView64 = new Uint32Array(bits64.buffer);
for (let i = 0; i < COUNT; i++) {
  bitView64[2 * i] = (Math.random() * 2 ** 32) >>> 0;
  bitView64[2 * i + 1] = (Math.random() * 0x7ff00000) >>> 0;
}
const unit64 = new Float64Array(COUNT);
for (let i = 0; i < COUNT; i++) unit64[i] = Math.random();

const rows: string[] = [];
const fmt = (ns: number) => ns.toFixed(1).padStart(8);
console.log(`node ${process.version}, ${COUNT} values per run, median of ${ROUNDS} rounds, ns per value`);
console.log('\nfloat32                      writeFloat32  AsciiWriter  String(shortest)  AsciiWriter/new  String/new');
for (const [name, data] of [
  ['(a) ExponentialDecay', decay32],
  ['(b) random bit patterns', bits32],
  ['(b) uniform in [0, 1)', unit32],
] as const) {
  const mine = measure(data, newFloat32);
  const current = measure(data, asciiWriterFloat32);
  const string = measure(data, stringFloat32);
  const row = `${name.padEnd(28)} ${fmt(mine)}     ${fmt(current)}     ${fmt(string)}        ${(current / mine).toFixed(2).padStart(6)}x     ${(string / mine).toFixed(2).padStart(6)}x`;
  rows.push(row);
  console.log(row);
}
console.log('\nfloat64                      writeFloat64  String(x)  String/new');
for (const [name, data] of [
  ['(a) ExponentialDecay', decay64],
  ['(b) random bit patterns', bits64],
  ['(b) uniform in [0, 1)', unit64],
] as const) {
  const mine = measure(data, newFloat64);
  const string = measure(data, stringFloat64);
  console.log(`${name.padEnd(28)} ${fmt(mine)}     ${fmt(string)}    ${(string / mine).toFixed(2).padStart(6)}x`);
}
if (sink === 0) console.log('');
