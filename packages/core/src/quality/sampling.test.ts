import { describe, expect, it } from 'vitest';
import {
  drawSample,
  judgeSample,
  requiredSampleSize,
  TC260_003_FIXED,
  TC260_003_PROPORTIONAL,
} from './sampling.ts';

describe('acceptance sampling (TC260-003 presets)', () => {
  it('sizes the sample: 4,000 items, or 10 % of the batch, capped at the batch', () => {
    expect(requiredSampleSize(50_000, TC260_003_FIXED)).toBe(4000);
    expect(requiredSampleSize(1_500, TC260_003_FIXED)).toBe(1500);
    expect(requiredSampleSize(50_001, TC260_003_PROPORTIONAL)).toBe(5001);
    expect(requiredSampleSize(30, TC260_003_PROPORTIONAL)).toBe(3);
    expect(() => requiredSampleSize(-1, TC260_003_FIXED)).toThrow(/non-negative integer/);
  });

  it('draws a reproducible sample of distinct sorted indices', () => {
    const s = drawSample(20_000, TC260_003_PROPORTIONAL, 7);
    expect(s.length).toBe(2000);
    expect(new Set(s).size).toBe(2000);
    expect(s.every((v, i) => v >= 0 && v < 20_000 && (i === 0 || v > s[i - 1]!))).toBe(true);
    expect(Array.from(drawSample(20_000, TC260_003_PROPORTIONAL, 7))).toEqual(Array.from(s));
  });

  it('accepts at the pass rate and reports the Wilson interval', () => {
    const ok = judgeSample({ passed: 3850, inspected: 4000, batchSize: 60_000 }, TC260_003_FIXED);
    expect(ok.verdict).toBe('accept');
    expect(ok.confidentlyAccepted).toBe(false);
    expect(ok.reason).toMatch(/pass rate 96.25 % \(95 % CI/);
    expect(
      judgeSample({ passed: 3830, inspected: 4000, batchSize: 60_000 }, TC260_003_FIXED).verdict,
    ).toBe('reject');
    expect(
      judgeSample({ passed: 990, inspected: 1000, batchSize: 60_000 }, TC260_003_FIXED).verdict,
    ).toBe('insufficient_sample');
    expect(
      judgeSample({ passed: 1999, inspected: 2000, batchSize: 20_000 }, TC260_003_PROPORTIONAL)
        .confidentlyAccepted,
    ).toBe(true);
  });
});
