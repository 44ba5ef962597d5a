import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../api/ml-types.ts';
import { curvePoints, estimateView, formatMs, scaleOf } from './experiment-data.ts';

describe('A/B estimates', () => {
  it('draws a rate on 0–100 % and says why one is missing', () => {
    expect(estimateView({ value: 0.9, lower: 0.8, upper: 0.96 }, 'rate')).toEqual({
      text: '90.0%',
      range: '80.0–96.0%',
      bar: { value: 0.9, lower: 0.8, upper: 0.96 },
    });
    expect(estimateView({ reason: 'no gold answers' }, 'rate')).toEqual({
      missing: 'no gold answers',
    });
  });

  it('centres differences on zero', () => {
    const v = estimateView({ value: -0.1, lower: -0.3, upper: 0.1 }, 'rate-diff');
    expect(v).toMatchObject({ text: '−10.0 pp', range: '−30.0 … +10.0 pp' });
    if ('bar' in v) {
      expect(v.bar.value).toBeCloseTo(0.45);
      expect(v.bar.lower).toBeCloseTo(0.35);
      expect(v.bar.upper).toBeCloseTo(0.55);
    }
    const ms = estimateView({ value: 500, lower: -1000, upper: 2000 }, 'ms-diff', 2000);
    expect(ms).toMatchObject({ text: '+500 ms', range: '−1.0 s … +2.0 s' });
    if ('bar' in ms) expect(ms.bar).toEqual({ value: 0.625, lower: 0.25, upper: 1 });
  });

  it('scales times to the largest bound of either arm', () => {
    const c = {
      A: { value: 900, lower: 800, upper: 1000 },
      B: { value: 1500, lower: 1200, upper: 1800 },
      difference: { value: 600, lower: 250, upper: 950 },
    };
    expect(scaleOf(c, 'ms')).toBe(1800);
    expect(scaleOf(c, 'ms-diff')).toBe(950);
    expect(scaleOf({ A: {}, B: {}, difference: {} }, 'ms')).toBe(1);
    const v = estimateView(c.A, 'ms', 1800);
    expect(v).toMatchObject({ text: '900 ms', range: '800 ms – 1.0 s' });
  });

  it('formats durations', () => {
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(4200)).toBe('4.2 s');
    expect(formatMs(186_000)).toBe('3.1 min');
    expect(formatMs(-4200)).toBe('−4.2 s');
  });
});

describe('learning curve points', () => {
  it('orders by labels and keeps the last retrain at a label count', () => {
    const p = (labels: number, accuracy: number, at: string): CurvePoint => ({
      labels,
      accuracy,
      at,
      metric: 'accuracy',
      eval_size: 4,
      model_version: 'v',
    });
    const pts = curvePoints(
      [p(20, 0.8, '2026-01-02'), p(10, 0.6, '2026-01-01'), p(20, 0.85, '2026-01-03')],
      (x) => `${x.labels}: ${x.accuracy}`,
    );
    expect(pts).toEqual([
      { x: '10', y: 0.6, note: '10: 0.6' },
      { x: '20', y: 0.85, note: '20: 0.85' },
    ]);
  });
});
