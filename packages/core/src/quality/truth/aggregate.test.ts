import { describe, expect, it } from 'vitest';
import { inferTruth, isTruthMethod, TRUTH_METHODS } from './aggregate.ts';
import { simulateCrowd } from './simulate.ts';

describe('inferTruth', () => {
  const { matrix } = simulateCrowd({ nItems: 60, nClasses: 2, accuracy: [0.9, 0.8, 0.7], seed: 9 });

  it('runs every method by name', () => {
    for (const method of TRUTH_METHODS) expect(inferTruth(matrix, method).method).toBe(method);
  });

  it('rejects unknown names', () => {
    expect(isTruthMethod('wawa')).toBe(false);
    expect(() => inferTruth(matrix, 'wawa' as never)).toThrow(
      'unknown truth-inference method "wawa" (expected one of mv, ds, glad, mace)',
    );
  });
});

describe('simulateCrowd', () => {
  it('honours labelsPerItem with distinct workers per item', () => {
    const { matrix } = simulateCrowd({
      nItems: 10,
      nClasses: 3,
      accuracy: [1, 1, 1, 1],
      labelsPerItem: 2,
    });
    expect(matrix.item.length).toBe(20);
    for (let i = 0; i < 10; i++) expect(matrix.worker[2 * i]).not.toBe(matrix.worker[2 * i + 1]);
  });
});
