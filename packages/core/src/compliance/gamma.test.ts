import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma.ts';

// Reference values from SciPy 1.17.1: scipy.special.gammainc / gammaincc / gammaln and
// scipy.stats.chi2.sf, computed for this test and pasted here.
const PQ: Array<[a: number, x: number, p: number, q: number]> = [
  [0.5, 0.1, 0.34527915398142317, 0.6547208460185768],
  [0.5, 2, 0.9544997361036415, 0.04550026389635857],
  [1, 1, 0.6321205588285577, 0.36787944117144245],
  [2.5, 3, 0.6937810815867212, 0.30621891841327875],
  [5, 1, 0.003659846827343713, 0.9963401531726563],
  [5, 10, 0.9707473119230389, 0.029252688076961124],
  [10, 10, 0.5420702855281478, 0.4579297144718523],
  [30, 25, 0.1821039159774551, 0.8178960840225449],
  [100, 110, 0.8417213299399129, 0.15827867006008706],
  [0.1, 5, 0.9998560610341533, 0.00014393896584673387],
];

const relClose = (got: number, want: number, rel = 1e-10) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-300);

describe('incomplete gamma', () => {
  it.each(PQ)('P and Q at a=%d, x=%d match SciPy', (a, x, p, q) => {
    relClose(regularizedGammaP(a, x), p);
    relClose(regularizedGammaQ(a, x), q);
  });

  it('matches SciPy gammaln', () => {
    relClose(logGamma(0.5), 0.5723649429247);
    relClose(logGamma(10.3), 13.482036786138359);
    relClose(logGamma(171.5), 709.1431630309283);
  });

  it('gives the textbook 5% critical values and SciPy chi2.sf tails', () => {
    relClose(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-12);
    relClose(chiSquareSurvival(5.991464547107979, 2), 0.05, 1e-12);
    relClose(chiSquareSurvival(18.307038053275146, 10), 0.05, 1e-12);
    relClose(chiSquareSurvival(0.5, 3), 0.9188914116546758);
    relClose(chiSquareSurvival(50, 4), 3.610865404890647e-10);
    relClose(chiSquareSurvival(0.001, 1), 0.9747728793699604);
    relClose(chiSquareSurvival(200, 150), 0.003973185970821635);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('rejects arguments outside the domain', () => {
    expect(() => regularizedGammaP(0, 1)).toThrow(/a > 0/);
    expect(() => regularizedGammaQ(1, -1)).toThrow(/x >= 0/);
    expect(() => chiSquareSurvival(1, 0)).toThrow(/dof > 0/);
  });
});
