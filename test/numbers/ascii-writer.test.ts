import t from 'tap';
import { shortestFloat32 } from '../../src/engine/index.js';
import { AsciiWriter } from '../../src/numbers/ascii-writer.js';

t.test('writes float32 values exactly as String(shortestFloat32(x)) does', async (t) => {
  const writer = new AsciiWriter(64);
  const scratch = new DataView(new ArrayBuffer(4));
  const values = [0.1, 0.0009939058, 1e-6, 1.5e-7, 123456789, 1e21, 3.4e38, 1, 10, 0.5, 2 ** -20, -0.25, 100.5];
  for (let i = 0; i < 100_000; i++) {
    scratch.setUint32(0, (Math.random() * 2 ** 32) >>> 0);
    values.push(scratch.getFloat32(0));
    values.push(Math.fround(Math.random() * 10 ** (Math.floor(Math.random() * 12) - 9)));
  }
  let mismatches = 0;
  for (const raw of values) {
    const x = Math.fround(raw);
    if (!Number.isFinite(x) || x === 0) continue;
    writer.float32(x);
    const written = writer.take().toString('latin1');
    if (written !== String(shortestFloat32(x)) && mismatches++ < 5) t.fail(`${x}: wrote ${written}, expected ${String(shortestFloat32(x))}`);
  }
  t.equal(mismatches, 0);
});

t.test('writes integers and text, growing its buffer as needed', async (t) => {
  const writer = new AsciiWriter(4);
  const expected: string[] = [];
  for (const n of [0, 7, 10, 99, 1000000, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1]) {
    writer.integer(n);
    writer.text(',');
    expected.push(`${n},`);
  }
  t.equal(writer.take().toString('latin1'), expected.join(''));
  t.equal(writer.length, 0);
});
