import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/rng.ts';
import {
  calibrateConfidentJoint,
  computeConfidentJoint,
  confidentThresholds,
} from './confident-learning.ts';
import { findLabelIssues } from './find-label-issues.ts';
import { roundHalfEven, roundPreservingSum } from './rounding.ts';

/** Three well-separated classes with `flips` labels deliberately corrupted. */
function noisyData(n: number, flips: number[]) {
  const random = seededRandom(5);
  const k = 3;
  const probs = new Float64Array(n * k);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i % k;
    labels[i] = t;
    const main = 0.7 + 0.25 * random();
    for (let c = 0; c < k; c++) probs[i * k + c] = c === t ? main : (1 - main) / 2;
  }
  for (const i of flips) labels[i] = (labels[i]! + 1) % k;
  return { labels, p: { n, nClasses: k, probs } };
}

describe('confident learning', () => {
  const flips = [3, 40, 77, 150, 299];
  const { labels, p } = noisyData(300, flips);

  it('finds exactly the corrupted labels, worst first, with the right suggestion', () => {
    const issues = findLabelIssues(labels, p);
    expect([...issues.ranked].sort((a, b) => a - b)).toEqual(flips);
    issues.ranked.forEach((i, r) => expect(issues.suggested[r]).toBe(i % 3));
    const self = (i: number) => p.probs[i * 3 + labels[i]!]!;
    for (let r = 1; r < issues.ranked.length; r++)
      expect(self(issues.ranked[r - 1]!)).toBeLessThanOrEqual(self(issues.ranked[r]!));
  });

  it('counts the confident joint with per-class thresholds and calibrates it to the label counts', () => {
    const t = confidentThresholds(labels, p);
    expect(t.every((v) => v > 0.6 && v < 1)).toBe(true);
    const raw = computeConfidentJoint(labels, p, { calibrate: false });
    expect([...raw.offDiagonal].sort((a, b) => a - b)).toEqual(flips);
    const cal = computeConfidentJoint(labels, p).joint;
    const rowSums = [0, 1, 2].map((y) => cal[y * 3]! + cal[y * 3 + 1]! + cal[y * 3 + 2]!);
    const counts = [0, 1, 2].map((y) => labels.filter((l) => l === y).length);
    expect(rowSums).toEqual(counts);
  });

  it('supports the confident_learning and predicted_neq_given filters', () => {
    expect(findLabelIssues(labels, p, { filterBy: 'confident_learning' }).ranked.length).toBe(5);
    expect(findLabelIssues(labels, p, { filterBy: 'predicted_neq_given' }).ranked.length).toBe(5);
  });

  it('rejects malformed input with the row', () => {
    expect(() =>
      findLabelIssues(Int32Array.of(0, 3), {
        n: 2,
        nClasses: 2,
        probs: Float64Array.of(1, 0, 0, 1),
      }),
    ).toThrow(/row 1 has label 3/);
    expect(() =>
      findLabelIssues(Int32Array.of(0), { n: 1, nClasses: 2, probs: Float64Array.of(NaN, 1) }),
    ).toThrow(/row 0, class 0/);
    expect(() =>
      findLabelIssues(Int32Array.of(0), { n: 1, nClasses: 2, probs: Float64Array.of(1) }),
    ).toThrow(/expected 1 × 2/);
  });
});

describe('rounding like NumPy / cleanlab', () => {
  it('rounds half to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2]);
  });

  it('preserves the rounded sum', () => {
    expect(Array.from(roundPreservingSum(Float64Array.of(0.5, 0.5, 1)))).toEqual([1, 0, 1]);
    expect(Array.from(roundPreservingSum(Float64Array.of(1.4, 1.4, 1.4)))).toEqual([2, 1, 1]);
  });

  it('calibration rescales rows to the label counts', () => {
    const out = calibrateConfidentJoint(Int32Array.of(3, 1, 0, 2), Int32Array.of(8, 4), 2);
    expect(Array.from(out)).toEqual([6, 2, 0, 4]);
  });
});
