import { describe, expect, it } from 'vitest';
import { buildLabelMatrix } from '../label-matrix.ts';
import { majorityVote } from './majority-vote.ts';

const triples = (rows: string[]) =>
  rows.map((r) => {
    const [question, worker, answer] = r.split(',') as [string, string, string];
    return { question, worker, answer };
  });

describe('majorityVote', () => {
  const named = buildLabelMatrix(
    triples(['q1,a,1', 'q1,b,1', 'q1,c,0', 'q2,a,0', 'q2,b,1', 'q3,c,2']),
    { items: ['q1', 'q2', 'q3', 'q4'] },
  );
  const r = majorityVote(named.matrix);

  it('returns the most voted class with its vote share as confidence', () => {
    expect(r.labels[0]).toBe(1);
    expect(r.confidence[0]).toBeCloseTo(2 / 3, 12);
    expect(Array.from(r.posterior.subarray(0, 3))).toEqual([1 / 3, 2 / 3, 0]);
  });

  it('breaks ties towards the lowest class index', () => {
    expect(r.labels[1]).toBe(0);
    expect(r.confidence[1]).toBe(0.5);
  });

  it('gives items without labels label -1, confidence 0 and a uniform posterior', () => {
    expect(r.labels[3]).toBe(-1);
    expect(r.confidence[3]).toBe(0);
    expect(Array.from(r.posterior.subarray(9, 12))).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("counts each worker's answers against the consensus (rows = consensus class)", () => {
    const k = 3;
    const c = named.classIndex;
    const w = named.workerIndex.get('c')!;
    // Worker c answered 0 on q1 (consensus 1) and 2 on q3 (consensus 2).
    expect(r.confusion[(w * k + c.get('1')!) * k + c.get('0')!]).toBe(1);
    expect(r.confusion[(w * k + c.get('2')!) * k + c.get('2')!]).toBe(1);
    // Consensus class 0 never seen by worker c: uniform row, zero mass.
    expect(r.confusionMass[w * k + c.get('0')!]).toBe(0);
    expect(r.confusion[(w * k + c.get('0')!) * k]).toBeCloseTo(1 / 3, 12);
  });

  it('rejects a matrix without labels', () => {
    expect(() =>
      majorityVote({
        nItems: 1,
        nWorkers: 0,
        nClasses: 2,
        item: new Int32Array(),
        worker: new Int32Array(),
        label: new Int32Array(),
      }),
    ).toThrow(/there are no labels/);
  });
});
