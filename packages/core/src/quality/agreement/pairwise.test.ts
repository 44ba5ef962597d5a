import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen.ts';
import { fleissCounts, pairwiseCohenKappa } from './pairwise.ts';

describe("pairwise Cohen's kappa (Light's kappa)", () => {
  const data = [
    [1, 2, 3, 1, 2],
    [1, 2, 2, 1, 2],
    [1, 3, 3, 2, 2],
  ];

  it('averages the kappa of every pair on a shared scale', () => {
    const { pairs, mean } = pairwiseCohenKappa(data);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    const expected =
      pairs.reduce(
        (s, p) => s + cohenKappa(data[p.a]!, data[p.b]!, { categories: [1, 2, 3] }).kappa.value!,
        0,
      ) / 3;
    expect(mean.value).toBeCloseTo(expected, 12);
  });

  it('equals Cohen’s kappa for two annotators and needs at least two', () => {
    expect(pairwiseCohenKappa(data.slice(0, 2)).mean.value).toBeCloseTo(
      cohenKappa(data[0]!, data[1]!).kappa.value!,
      12,
    );
    expect(() => pairwiseCohenKappa([[1, 2]])).toThrow(/at least two annotators/);
    expect(pairwiseCohenKappa([['a'], ['a']]).mean.reason).toMatch(/chance agreement is 1/);
  });
});

describe('fleissCounts', () => {
  it('builds the subjects × categories table', () => {
    expect(
      fleissCounts([
        ['a', 'b'],
        ['a', 'a'],
      ]),
    ).toEqual({
      counts: [
        [2, 0],
        [1, 1],
      ],
      categories: ['a', 'b'],
    });
  });

  it('names the item with a different number of ratings', () => {
    expect(() =>
      fleissCounts(
        [
          ['a', 'b'],
          ['a', null],
        ],
        ['t1', 't2'],
      ),
    ).toThrow(/item "t2" has 1 ratings but item "t1" has 2/);
  });
});
