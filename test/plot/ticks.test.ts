import fc from 'fast-check';
import t from 'tap';
import { decadeLabels, groupThousands, linearTicks, logTicks, niceStep, powerOfTen, rateLabels, stepLabels } from '../../src/plot/index.js';

/** A nice number: 1, 2 or 5 times a power of ten (or 0), as the shortest decimal JavaScript writes. */
function isNice(x: number): boolean {
  if (x === 0) return true;
  const [mantissa] = Math.abs(x).toExponential().split('e');
  return mantissa === '1' || mantissa === '2' || mantissa === '5';
}

t.test('nice steps are 1, 2 or 5 times a power of ten', async (t) => {
  t.same(niceStep(12_000, 6), { mantissa: 2, exponent: 3, value: 2000 });
  t.same(niceStep(0.001, 5), { mantissa: 2, exponent: -4, value: 0.0002 });
  t.same(niceStep(3, 10, 1), { mantissa: 1, exponent: 0, value: 1 }, 'integer steps are at least 1');
  t.equal(powerOfTen(-3), 0.001, '10^-3 is the double nearest 0.001');
  fc.assert(
    fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.integer({ min: 1, max: 20 }), (span, intervals) => {
      const step = niceStep(span, intervals);
      return isNice(step.value) && span / step.value <= intervals * (1 + 1e-9) && span / step.value > intervals / 5.0001 - 1;
    }),
  );
});

t.test('linear ticks: nice, inside the domain, few, multiples of the step', async (t) => {
  t.same(linearTicks(0, 11_999, 7, { integer: true }).values, [0, 2000, 4000, 6000, 8000, 10_000]);
  t.same(linearTicks(0, 0.001, 6, { loose: true }).values, [0, 0.0002, 0.0004, 0.0006, 0.0008, 0.001], 'exact decimals, no 0.0006000000000000001');
  const loose = linearTicks(0.00011, 0.00093, 5, { loose: true });
  t.same([loose.min, loose.max], [0, 0.001], 'loose widens to tick multiples');
  t.same(linearTicks(-1000, 1000, 5, { integer: true }).values, [-1000, -500, 0, 500, 1000], 'negative ticks');
  const max = Number.MAX_SAFE_INTEGER;
  const near = linearTicks(max - 999, max, 5, { integer: true });
  t.ok(near.values.every((v) => Number.isSafeInteger(v) && v >= max - 999 && v <= max), 'exact integers near 2^53');
  t.same(linearTicks(max - 2, max, 5, { integer: true }).values, [max - 2, max - 1, max], 'a step of 1 near 2^53');
  fc.assert(
    fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: 1e-9, max: 1e12, noNaN: true }), fc.integer({ min: 2, max: 12 }), fc.boolean(), (min, span, count, loose) => {
      const max = min + span;
      // The renderer treats spans below 1e-9 of the magnitude as flat; ticks are asked for wider spans only.
      if (!(max - min > Math.abs(min) * 1e-9)) return true;
      const ticks = linearTicks(min, max, count, { loose });
      const step = ticks.step.value;
      const ok =
        isNice(step) &&
        ticks.values.length >= (loose ? 2 : 0) &&
        ticks.values.length <= count + 2 &&
        ticks.values.every((v) => v >= ticks.min && v <= ticks.max && Math.abs(v / step - Math.round(v / step)) < 1e-6) &&
        (!loose || (ticks.min <= min && ticks.max >= max));
      if (!ok) throw new Error(`${min}..${max} (${count}, loose ${loose}): ${ticks.values.join(' ')}`);
      return true;
    }),
  );
});

t.test('log ticks are whole decades', async (t) => {
  t.same(logTicks(-6, -1, 8).exponents, [-6, -5, -4, -3, -2, -1]);
  t.equal(logTicks(-6, -1, 8).minor.length, 0, 'no minor ticks over 5 decades');
  t.equal(logTicks(-3, -1, 8).minor.length, 16, '2..9 in each of 2 decades');
  const wide = logTicks(-300, 300, 7);
  t.ok(wide.exponents.length <= 7 && wide.exponents.every((e) => e % 100 === 0), `every 100 decades: ${wide.exponents.join(' ')}`);
  t.same(logTicks(0, 1000, 3).exponents, [0, 500, 1000], 'every 500 decades');
  t.same(logTicks(-324, 308, 6).exponents, [-400, -200, 0, 200, 400], 'every 200 decades, the domain widened to ticks');
  t.same([logTicks(-6, -1, 2).minExponent, logTicks(-6, -1, 2).maxExponent], [-10, 0], 'both ends carry a tick');
  t.same(decadeLabels([-3, -2, -1, 0, 1, 4]), ['0.001', '0.01', '0.1', '1', '10', '10000']);
  t.same(decadeLabels([-6, -4, -2]), ['1e−6', '1e−4', '1e−2'], 'exponents as soon as one decade needs it');
  t.same(decadeLabels([0, 5]), ['1e0', '1e5']);
});

t.test('step labels: plain, then thousands, millions …, exponents, grouped digits', async (t) => {
  const label = (min: number, max: number, count = 7) => {
    const ticks = linearTicks(min, max, count, { integer: true });
    return stepLabels(ticks.values, ticks.step);
  };
  t.same(label(0, 5000), ['0', '1000', '2000', '3000', '4000', '5000']);
  t.same(label(0, 12_000), ['0', '2k', '4k', '6k', '8k', '10k', '12k'], 'from 10,000 on, every tick in thousands');
  t.same(label(0, 1_000_000, 6), ['0', '200k', '400k', '600k', '800k', '1M']);
  t.same(label(0, 30_000), ['0', '5k', '10k', '15k', '20k', '25k', '30k']);
  t.same(label(0, 2500, 6), ['0', '500', '1000', '1500', '2000', '2500']);
  t.same(label(0, 25_000, 6), ['0', '5k', '10k', '15k', '20k', '25k']);
  t.same(label(0, 3e9, 4), ['0', '1B', '2B', '3B']);
  t.same(label(0, 5e12, 6), ['0', '1T', '2T', '3T', '4T', '5T']);
  t.same(label(1_000_000, 1_001_000, 3), ['1,000,000', '1,000,500', '1,001,000'], 'more than 3 decimals of a unit: whole numbers');
  t.same(label(0, Number.MAX_SAFE_INTEGER, 6), ['0', '2e15', '4e15', '6e15', '8e15']);
  t.same(label(-3e6, 0, 4), ['−3M', '−2M', '−1M', '0']);
  t.same(label(1_200_000, 1_800_000, 4), ['1.2M', '1.4M', '1.6M', '1.8M']);
  t.equal(groupThousands(Number.MAX_SAFE_INTEGER), '9,007,199,254,740,991');
  t.equal(groupThousands(-1234), '−1,234');
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.integer({ min: 2, max: 10 }), (min, span, count) => {
      const max = Math.min(Number.MAX_SAFE_INTEGER, min + span);
      if (!(max > min)) return true;
      const ticks = linearTicks(min, max, count, { integer: true });
      const labels = stepLabels(ticks.values, ticks.step);
      if (new Set(labels).size !== labels.length) throw new Error(`duplicate labels ${labels.join(' ')}`);
      if (!ticks.values.every(Number.isInteger)) throw new Error(`non-integer ticks ${ticks.values.join(' ')}`);
      return true;
    }),
  );
});

t.test('rate labels: decimals, or exponents for small steps', async (t) => {
  const label = (min: number, max: number, count = 6) => {
    const ticks = linearTicks(min, max, count, { loose: true });
    return rateLabels(ticks.values, ticks.step);
  };
  t.same(label(0, 0.1), ['0', '0.02', '0.04', '0.06', '0.08', '0.10']);
  t.same(label(0, 1e-5, 3), ['0', '5e−6', '1e−5']);
  t.same(label(0, 1.5e-5, 4), ['0', '5e−6', '1e−5', '1.5e−5']);
  t.same(label(-1, 1, 3), ['−1', '0', '1']);
  t.same(label(0, 5e6, 6), ['0', '1e6', '2e6', '3e6', '4e6', '5e6']);
  fc.assert(
    fc.property(fc.double({ min: -1e30, max: 1e30, noNaN: true }), fc.double({ min: 1e-12, max: 1, noNaN: true }), fc.integer({ min: 2, max: 10 }), (min, relative, count) => {
      const max = min + Math.max(Math.abs(min), 1e-30) * relative;
      if (!(max > min)) return true;
      const ticks = linearTicks(min, max, count, { loose: true });
      const labels = rateLabels(ticks.values, ticks.step);
      if (new Set(labels).size !== labels.length) throw new Error(`duplicate labels ${labels.join(' ')} for ${min}..${max}`);
      for (const [i, l] of labels.entries()) {
        const back = Number(l.replace(/\u2212/g, '-'));
        const v = ticks.values[i] as number;
        if (!(Math.abs(back - v) <= ticks.step.value * 1e-6)) throw new Error(`label ${l} for ${v}`);
      }
      return true;
    }),
  );
});
