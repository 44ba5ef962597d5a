import { describe, expect, it } from 'vitest';
import { Featurizer } from '../text/featurizer.ts';
import { selectBatch, type Candidate } from './select-batch.ts';

const f = new Featurizer({ buckets: 2 ** 14 });
const cand = (id: string, p: number, text: string): Candidate => ({
  id,
  probs: [p, 1 - p],
  vector: f.featurize(text),
});

describe('selectBatch', () => {
  const pool = [
    cand('sure', 0.99, 'see you at the station tomorrow'),
    cand('dup1', 0.5, 'WIN a free prize call now'),
    cand('dup2', 0.51, 'WIN a free prize call now!'),
    cand('dup3', 0.52, 'WIN a free prize, call now'),
    cand('other', 0.6, 'your parcel is waiting at the depot'),
  ];

  it('takes the most uncertain without diversity', () => {
    expect(selectBatch(pool, 2, { strategy: 'margin' }).map((s) => s.id)).toEqual(['dup1', 'dup2']);
    expect(selectBatch(pool, 10).length).toBe(5);
  });

  it('spreads the batch over different texts with diversity', () => {
    const picked = selectBatch(pool, 2, { strategy: 'entropy', diversityWeight: 0.5 });
    expect(picked.map((s) => s.id)).toEqual(['dup1', 'other']);
    expect(picked[0]!.distance).toBeUndefined();
    expect(picked[1]!.distance!).toBeGreaterThan(0.5);
  });

  it('has a seeded random baseline', () => {
    const a = selectBatch(pool, 3, { strategy: 'random', seed: 4 }).map((s) => s.id);
    expect(selectBatch(pool, 3, { strategy: 'random', seed: 4 }).map((s) => s.id)).toEqual(a);
    expect(new Set(a).size).toBe(3);
  });

  it('says what is missing or wrong', () => {
    expect(() => selectBatch([{ id: 1, probs: [0.5, 0.5] }], 1, { diversityWeight: 0.2 })).toThrow(
      /candidates\[0\]\.vector: needed/,
    );
    expect(() => selectBatch(pool, -1)).toThrow(/k must be/);
    expect(() => selectBatch(pool, 1, { diversityWeight: 2 })).toThrow(/diversityWeight/);
  });
});
