import { describe, expect, it } from 'vitest';
import { kendallTauB, rankingAgreement } from './kendall.ts';

describe("Kendall's tau-b", () => {
  it('matches SciPy on tied data', () => {
    // scipy.stats.kendalltau (tau-b) values.
    expect(kendallTauB([1, 2, 2, 3, 4, 4, 5], [2, 1, 3, 3, 5, 4, 4]).tau.value).toBeCloseTo(
      0.6842105263157894,
      12,
    );
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).tau.value).toBeCloseTo(
      -0.4714045207910316,
      12,
    );
  });

  it('compares rankings given as id lists over their common items', () => {
    expect(rankingAgreement(['a', 'b', 'c'], ['b', 'a', 'c']).tau.value).toBeCloseTo(1 / 3, 12);
    expect(rankingAgreement(['a', 'b', 'c', 'd'], ['d', 'c', 'b']).tau.value).toBe(-1);
    expect(() => rankingAgreement(['a', 'a'], ['a'])).toThrow(/lists "a" twice/);
  });

  it('is undefined for constant input or fewer than two items', () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3]).tau.reason).toMatch(/every item in a tie/);
    expect(kendallTauB([1], [2]).tau.reason).toBe('fewer than two items');
  });
});
