/**
 * The one test every libm function gets: its results over the fixture's 1,000,000 generated vectors, chunk by
 * chunk against glibc's hashes (a failing chunk is explained vector by vector in the comments).
 */
import t from 'tap';
import { checkFunction, loadFixture, type Impl } from './fixture.js';
import type { FnName } from './vectors.js';

const fx = loadFixture();

export function testBitForBit(impls: readonly (readonly [FnName, Impl])[], reference = 'glibc'): void {
  for (const [name, impl] of impls) {
    t.test(`${name} matches ${reference} bit for bit`, async (t) => {
      const { checked, failures } = checkFunction(name, impl, fx);
      t.comment(`${name}: ${checked} vectors checked, ${failures.length} of ${fx.functions[name]?.chunks.length} chunks differ`);
      for (const f of failures) t.comment(f.message);
      t.equal(checked, 1000000, 'all vectors of the fixture were checked');
      t.same(failures.map((f) => f.message), [], 'every chunk hash matches');
    });
  }
}
