import { describe, expect, it } from 'vitest';
import { consensusAccuracy } from '../gold.ts';
import { glad } from './glad.ts';
import { majorityVote } from './majority-vote.ts';
import { simulateCrowd } from './simulate.ts';

describe('glad', () => {
  const { matrix, truth } = simulateCrowd({
    nItems: 1500,
    nClasses: 2,
    accuracy: [0.95, 0.9, 0.55, 0.55, 0.55],
    seed: 11,
  });
  const r = glad(matrix);

  it('weights able workers up and beats majority vote', () => {
    const mv = consensusAccuracy(majorityVote(matrix).labels, truth).accuracy.value!;
    expect(consensusAccuracy(r.labels, truth).accuracy.value!).toBeGreaterThan(mv + 0.03);
    expect(r.ability[0]!).toBeGreaterThan(r.ability[2]! + 0.5);
    expect(r.converged).toBe(true);
  });

  it('returns finite, normalised posteriors and positive inverse difficulties', () => {
    expect(r.posterior.every(Number.isFinite)).toBe(true);
    for (let i = 0; i < matrix.nItems; i += 101)
      expect(r.posterior[2 * i]! + r.posterior[2 * i + 1]!).toBeCloseTo(1, 12);
    expect(r.inverseDifficulty.every((b) => b > 0)).toBe(true);
  });

  it('falls back to majority vote with one worker', () => {
    const one = simulateCrowd({ nItems: 20, nClasses: 3, accuracy: [0.6], seed: 2 }).matrix;
    expect(Array.from(glad(one).labels)).toEqual(Array.from(one.label));
  });
});
