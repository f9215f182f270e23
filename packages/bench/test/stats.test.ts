import { growthExponent, median, pairwiseRatios, quantile, spread } from '../src/stats';

test('quantiles interpolate between order statistics, whatever the input order', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
  expect(quantile([1, 2], 0.75)).toBeCloseTo(1.75);
  expect(() => quantile([], 0.5)).toThrow('no samples');
  expect(() => quantile([1], 1.5)).toThrow('within 0..1');
});

test('spread reports median, extremes and quartiles of the samples', () => {
  expect(spread([3, 1, 2, 5, 4])).toEqual({ n: 5, median: 3, min: 1, max: 5, q1: 2, q3: 4 });
});

test('ratios are taken round by round and need as many samples on each side', () => {
  expect(pairwiseRatios([10, 20], [5, 40])).toEqual([2, 0.5]);
  expect(() => pairwiseRatios([1, 2], [1])).toThrow('cannot pair');
});

test('the growth exponent is 1 for linear cost, 2 for quadratic, 0 for a constant', () => {
  expect(growthExponent(100, 1, 1000, 10)).toBeCloseTo(1);
  expect(growthExponent(100, 1, 1000, 100)).toBeCloseTo(2);
  expect(growthExponent(100, 3, 1000, 3)).toBeCloseTo(0);
  expect(() => growthExponent(100, 1, 100, 2)).toThrow('distinct');
});
