import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dawidSkene } from './dawid-skene.ts';
import { IncrementalDawidSkene } from './incremental-dawid-skene.ts';
import { IncrementalMajority } from './incremental-majority.ts';
import { majorityVote } from './majority-vote.ts';
import { simulateCrowd } from './simulate.ts';

describe('IncrementalMajority', () => {
  it('always agrees with batch majority vote', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(7), fc.nat(3)), { minLength: 1, maxLength: 60 }),
        (pairs) => {
          const inc = new IncrementalMajority(4, 2);
          for (const [i, l] of pairs) inc.add(i, l);
          const m = {
            nItems: 8,
            nWorkers: 1,
            nClasses: 4,
            item: Int32Array.from(pairs, (p) => p[0]),
            worker: new Int32Array(pairs.length),
            label: Int32Array.from(pairs, (p) => p[1]),
          };
          const batch = majorityVote(m);
          for (let i = 0; i < 8; i++) {
            expect(inc.get(i).label).toBe(batch.labels[i]);
            expect(inc.get(i).confidence).toBeCloseTo(batch.confidence[i]!, 12);
          }
        },
      ),
    );
  });

  it('removes labels and rejects bad input', () => {
    const inc = new IncrementalMajority(2);
    inc.add(5, 1);
    expect(inc.remove(5, 1)).toEqual({ label: -1, confidence: 0, labelCount: 0 });
    expect(() => inc.remove(5, 1)).toThrow(/no label 1 to remove/);
    expect(() => inc.add(0, 2)).toThrow(/not a class index/);
    expect(() => inc.add(-1, 0)).toThrow(/non-negative integer/);
    expect(() => new IncrementalMajority(0)).toThrow(/positive integer/);
  });
});

describe('IncrementalDawidSkene', () => {
  const { matrix } = simulateCrowd({
    nItems: 500,
    nClasses: 3,
    accuracy: [0.9, 0.7, 0.6, 0.5],
    labelsPerItem: 3,
    seed: 4,
  });
  const model = dawidSkene(matrix);

  it("reproduces the model's E-step posterior after replaying the labels", () => {
    const inc = IncrementalDawidSkene.fromResult(model, matrix);
    for (let i = 0; i < matrix.nItems; i += 37) {
      const p = inc.posterior(i);
      for (let c = 0; c < 3; c++) expect(p[c]).toBeCloseTo(model.posterior[i * 3 + c]!, 6);
    }
  });

  it('updates one item per new label, including new items and unseen workers', () => {
    const inc = IncrementalDawidSkene.fromResult(model, matrix);
    expect(inc.get(900)).toEqual({ label: -1, confidence: 0, labelCount: 0 });
    const first = inc.add(900, 0, 2); // the 0.9-accuracy worker
    expect(first.label).toBe(2);
    const second = inc.add(900, 99, 1); // a worker the model has never seen
    expect(second.labelCount).toBe(2);
    expect(second.confidence).toBeLessThan(first.confidence);
    expect(() => inc.add(1, 0, 3)).toThrow(/not a class index/);
  });

  it('costs well under a millisecond per submit', () => {
    const inc = IncrementalDawidSkene.fromResult(model, matrix);
    const times: number[] = [];
    for (let r = 0; r < 2000; r++) {
      const t0 = performance.now();
      inc.add(r % 700, r % 4, r % 3);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[1000]!).toBeLessThan(0.1);
  });
});
