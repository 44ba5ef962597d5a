import { describe, expect, it } from 'vitest';
import { consensusAccuracy } from '../gold.ts';
import { mace } from './mace.ts';
import { majorityVote } from './majority-vote.ts';
import { simulateCrowd } from './simulate.ts';

describe('mace', () => {
  // Two good workers and three spammers: MACE should find who to trust.
  const { matrix, truth } = simulateCrowd({
    nItems: 1000,
    nClasses: 4,
    accuracy: [0.9, 0.85, 0.3, 0.3, 0.3],
    seed: 7,
  });
  const r = mace(matrix, { restarts: 3 });

  it('separates competent workers from spammers and beats majority vote', () => {
    expect(r.competence[0]!).toBeGreaterThan(0.7);
    expect(r.competence[2]!).toBeLessThan(0.3);
    const mv = consensusAccuracy(majorityVote(matrix).labels, truth).accuracy.value!;
    expect(consensusAccuracy(r.labels, truth).accuracy.value!).toBeGreaterThan(mv);
  });

  it('is reproducible from its seed', () => {
    const again = mace(matrix, { restarts: 3 });
    expect(Array.from(again.posterior)).toEqual(Array.from(r.posterior));
  });

  it('supports plain EM and keeps posteriors normalised', () => {
    const em = mace(matrix, { method: 'em', restarts: 1 });
    for (let i = 0; i < matrix.nItems; i += 50) {
      let s = 0;
      for (let c = 0; c < 4; c++) s += em.posterior[i * 4 + c]!;
      expect(s).toBeCloseTo(1, 12);
    }
    expect(em.logLikelihood).toBeLessThan(0);
  });

  it('falls back to majority vote with a single class', () => {
    const single = simulateCrowd({ nItems: 4, nClasses: 1, accuracy: [0.5, 0.5], seed: 1 }).matrix;
    expect(Array.from(mace(single).labels)).toEqual([0, 0, 0, 0]);
  });
});
