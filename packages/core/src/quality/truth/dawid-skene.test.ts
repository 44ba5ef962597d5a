import { describe, expect, it } from 'vitest';
import { consensusAccuracy } from '../gold.ts';
import { dawidSkene } from './dawid-skene.ts';
import { majorityVote } from './majority-vote.ts';
import { simulateCrowd } from './simulate.ts';

describe('dawidSkene', () => {
  // One expert and four weak workers: the expert is outvoted by MV but DS learns to trust it.
  const { matrix, truth } = simulateCrowd({
    nItems: 2000,
    nClasses: 3,
    accuracy: [0.95, 0.45, 0.45, 0.45, 0.45],
    seed: 3,
  });
  const ds = dawidSkene(matrix);

  it('beats majority vote when reliabilities differ', () => {
    const mv = consensusAccuracy(majorityVote(matrix).labels, truth).accuracy.value!;
    const acc = consensusAccuracy(ds.labels, truth).accuracy.value!;
    expect(acc).toBeGreaterThan(mv + 0.05);
    expect(acc).toBeGreaterThan(0.9);
  });

  it("recovers each worker's accuracy on the confusion diagonal", () => {
    const accuracy = [0.9, 0.8, 0.7, 0.6, 0.75, 0.85, 0.65];
    const sim = simulateCrowd({ nItems: 4000, nClasses: 3, accuracy, seed: 5 });
    const r = dawidSkene(sim.matrix);
    const k = 3;
    accuracy.forEach((a, w) => {
      const diag = [0, 1, 2].reduce((s, t) => s + r.confusion[(w * k + t) * k + t]!, 0) / k;
      expect(Math.abs(diag - a)).toBeLessThan(0.03);
    });
  });

  it('returns normalised posteriors and confusion rows, never NaN', () => {
    const k = 3;
    for (let i = 0; i < matrix.nItems; i += 97) {
      const s = ds.posterior[i * k]! + ds.posterior[i * k + 1]! + ds.posterior[i * k + 2]!;
      expect(s).toBeCloseTo(1, 12);
    }
    expect(ds.confusion.every(Number.isFinite)).toBe(true);
    expect(ds.converged).toBe(true);
    expect(ds.iterations).toBeGreaterThan(1);
  });

  it('runs exactly maxIterations with tolerance 0', () => {
    expect(dawidSkene(matrix, { maxIterations: 3, tolerance: 0 })).toMatchObject({
      iterations: 3,
      converged: false,
    });
  });

  it('falls back to majority vote with one worker or one class', () => {
    const one = simulateCrowd({ nItems: 50, nClasses: 2, accuracy: [0.7], seed: 1 }).matrix;
    const r = dawidSkene(one);
    expect(r.method).toBe('ds');
    expect(Array.from(r.labels)).toEqual(Array.from(one.label));
    const single = simulateCrowd({ nItems: 5, nClasses: 1, accuracy: [0.7, 0.8], seed: 1 }).matrix;
    expect(Array.from(dawidSkene(single).confidence)).toEqual([1, 1, 1, 1, 1]);
  });
});
