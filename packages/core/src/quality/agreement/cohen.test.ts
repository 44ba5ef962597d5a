import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromTable } from './cohen.ts';

describe("Cohen's kappa", () => {
  it('computes p_o, p_e and kappa on a hand-checked 2×2 table', () => {
    // p_o = (20 + 15) / 50 = 0.7; p_e = 0.6·0.5 + 0.4·0.5 = 0.5; κ = 0.2 / 0.5 = 0.4.
    const r = cohenKappaFromTable([
      [20, 10],
      [5, 15],
    ]);
    expect(r.kappa.value).toBeCloseTo(0.4, 12);
    expect(r.n).toBe(50);
  });

  it('skips items either rater left out', () => {
    const r = cohenKappa(['y', 'y', 'n', null, 'n'], ['y', 'n', 'n', 'y', '']);
    expect(r.n).toBe(3);
    expect(r.categories).toEqual(['n', 'y']);
  });

  it('quadratic weights penalise far disagreements more than linear ones', () => {
    const a = [1, 2, 3, 4, 5, 1];
    const b = [1, 2, 3, 4, 5, 5];
    expect(cohenKappa(a, b, { weights: 'quadratic' }).kappa.value!).toBeLessThan(
      cohenKappa(a, b, { weights: 'linear' }).kappa.value!,
    );
  });

  it('is undefined, with a reason, when chance agreement is 1 or nothing is paired', () => {
    expect(cohenKappa(['a', 'a'], ['a', 'a']).kappa).toEqual({
      value: undefined,
      reason: 'chance agreement is 1: both raters used a single, identical category',
    });
    expect(cohenKappa([null], ['a']).kappa.reason).toBe('no items were rated by both raters');
  });

  it('rejects bad tables and mismatched lengths', () => {
    expect(() => cohenKappaFromTable([[1, 2]])).toThrow(/row 0 has 2 cells/);
    expect(() => cohenKappaFromTable([[-1]])).toThrow(/non-negative count/);
    expect(() => cohenKappa([1], [1, 2])).toThrow(/rater A has 1 ratings, rater B 2/);
    expect(() => cohenKappa([1, 7], [1, 2], { categories: [1, 2] })).toThrow(
      /item 1 has a value outside/,
    );
  });
});
