// glibc 2.36's FMA-variant exp, log and pow, bit for bit over 1,000,000 generated
// vectors each (arguments regenerated from the seed, results checked by per-chunk SHA-256).
import t from 'tap';
import { exp, log, pow } from '../../../src/engine/math/index.js';
import { checkFunction, loadFixture } from './fixture.js';
import type { Impl } from './fixture.js';
import type { FnName } from './vectors.js';

const fx = loadFixture();
const impls: [FnName, Impl][] = [['exp', exp], ['log', log], ['pow', pow as Impl]];

for (const [name, impl] of impls) {
  t.test(`${name} matches glibc bit for bit`, async (t) => {
    const { checked, failures } = checkFunction(name, impl, fx);
    t.comment(`${name}: ${checked} vectors checked, ${failures.length} of ${fx.functions[name]?.chunks.length} chunks differ`);
    for (const f of failures) t.comment(f.message);
    t.equal(checked, 1000000, 'all vectors of the fixture were checked');
    t.same(failures.map((f) => f.message), [], 'every chunk hash matches');
  });
}
