import { describe, expect, it } from 'vitest';
import { fleissKappa } from './fleiss.ts';

describe("Fleiss' kappa", () => {
  it('matches a hand computation', () => {
    // P_i = [1, 1, 1/3], P̄ = 7/9; p = [4/9, 5/9], P̄_e = 41/81; κ = (63/81 − 41/81) / (40/81) = 0.55.
    expect(
      fleissKappa([
        [0, 3],
        [3, 0],
        [1, 2],
      ]).kappa.value,
    ).toBeCloseTo(0.55, 12);
  });

  it('skips unrated subjects but rejects unequal numbers of ratings, suggesting alpha', () => {
    expect(
      fleissKappa([
        [0, 3],
        [0, 0],
        [3, 0],
      ]).subjects,
    ).toBe(2);
    expect(() =>
      fleissKappa([
        [0, 3],
        [1, 1],
      ]),
    ).toThrow(/subject 1 has 2 ratings.*Krippendorff/);
  });

  it('is undefined when every rating is in one category or subjects have a single rating', () => {
    expect(
      fleissKappa([
        [2, 0],
        [2, 0],
      ]).kappa.reason,
    ).toMatch(/chance agreement is 1/);
    expect(
      fleissKappa([
        [1, 0],
        [0, 1],
      ]).kappa.reason,
    ).toMatch(/single rating/);
  });

  it('rejects non-integer counts and an empty table', () => {
    expect(() => fleissKappa([[0.5, 1]])).toThrow(/non-negative integer/);
    expect(() => fleissKappa([])).toThrow(/empty/);
  });
});
