import { describe, expect, it } from 'vitest';
import { aggregateNumeric, numericErrors } from './numeric.ts';

describe('aggregateNumeric', () => {
  const item = Int32Array.of(0, 0, 0, 1, 1, 2);
  const value = Float64Array.of(1, 10, 4, 3, 5, 7);

  it('computes per-item mean and median (even counts average the middle two)', () => {
    expect(Array.from(aggregateNumeric(item, value, 4, 'mean').values)).toEqual([5, 4, 7, 0]);
    const med = aggregateNumeric(item, value, 4, 'median');
    expect(Array.from(med.values)).toEqual([4, 4, 7, 0]);
    expect(Array.from(med.counts)).toEqual([3, 2, 1, 0]);
  });

  it('rejects non-finite values and bad items', () => {
    expect(() => aggregateNumeric(Int32Array.of(0), Float64Array.of(NaN), 1, 'mean')).toThrow(
      /entry 0 is not a finite/,
    );
    expect(() => aggregateNumeric(Int32Array.of(3), Float64Array.of(1), 1, 'mean')).toThrow(
      /outside/,
    );
  });

  it('reports MAE and RMSE, undefined with no items', () => {
    const e = numericErrors(Float64Array.of(1, 5), Float64Array.of(2, 3));
    expect(e.mae.value).toBe(1.5);
    expect(e.rmse.value).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(numericErrors(Float64Array.of(1), Float64Array.of(2), Uint8Array.of(0)).mae).toEqual({
      value: undefined,
      reason: 'no items to compare',
    });
  });
});
