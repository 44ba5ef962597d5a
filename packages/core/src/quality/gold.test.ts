import { describe, expect, it } from 'vitest';
import { consensusAccuracy, encodeTruth, goldAccuracy } from './gold.ts';
import { buildLabelMatrix } from './label-matrix.ts';

describe('gold accuracy', () => {
  const named = buildLabelMatrix(
    ['g1,a,1', 'g1,b,0', 'g2,a,0', 'g2,b,0', 'x,a,1', 'x,c,1'].map((r) => {
      const [question, worker, answer] = r.split(',') as [string, string, string];
      return { question, worker, answer };
    }),
  );
  const gold = Int32Array.of(1, 0, -1);

  it('scores each worker on gold items only, with Wilson intervals', () => {
    const r = goldAccuracy(named.matrix, gold);
    expect(r.overall).toMatchObject({ successes: 3, trials: 4, value: 0.75 });
    expect(r.perWorker[0]).toMatchObject({ successes: 2, trials: 2, value: 1, upper: 1 });
    expect(r.perWorker[0]!.lower).toBeCloseTo(0.3423802275066531, 6);
    expect(r.perWorker[2]).toMatchObject({ value: undefined, reason: 'no trials' });
  });

  it('rejects a gold vector of the wrong length', () => {
    expect(() => goldAccuracy(named.matrix, Int32Array.of(1))).toThrow(
      /gold has 1 entries but there are 3 items/,
    );
  });

  it('encodes truth, counting unseen truth classes as errors and listing unknown questions', () => {
    const { truth, unknownQuestions } = encodeTruth(
      named,
      new Map([
        ['g1', '1'],
        ['g2', '7'],
        ['zz', '0'],
      ]),
    );
    expect(Array.from(truth)).toEqual([1, 2, -1]);
    expect(unknownQuestions).toEqual(['zz']);
    const acc = consensusAccuracy(Int32Array.of(1, 0, 1), truth);
    expect(acc.accuracy).toMatchObject({ successes: 1, trials: 2 });
    expect(consensusAccuracy(Int32Array.of(-1, 0, 1), truth).unlabeled).toBe(1);
  });
});
