import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../quality/index.ts';
import { DEFAULT_BLEND, fitBlend } from './blend-calibration.ts';

/** Scores whose true scale is known: y ~ softmax(a·za + b·zb). */
function synth(n: number, a: number, b: number, seed: number) {
  const r = seededRandom(seed);
  const za = new Float64Array(n * 2);
  const zb = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    za[i * 2 + 1] = r() * 8 - 4;
    zb[i * 2 + 1] = r() * 8 - 4;
    const p1 = 1 / (1 + Math.exp(-(a * za[i * 2 + 1]! + b * zb[i * 2 + 1]!)));
    y[i] = r() < p1 ? 1 : 0;
  }
  return { za, zb, y, nClasses: 2 };
}

describe('fitBlend', () => {
  it('recovers the weights (inverse temperatures) that generated the labels', () => {
    const blend = fitBlend(synth(20_000, 0.3, 1.5, 7), 'cross-fit');
    expect(blend.nb).toBeCloseTo(0.3, 1);
    expect(blend.lr).toBeCloseTo(1.5, 1);
    expect(blend.examples).toBe(20_000);
    expect(blend.source).toBe('cross-fit');
  });

  it('drops a useless member to zero', () => {
    const blend = fitBlend(synth(20_000, 0, 2, 3), 'cross-fit');
    expect(blend.nb).toBeLessThan(0.05);
    expect(blend.nb).toBeGreaterThanOrEqual(0);
  });

  it('stays near the defaults on a handful of perfectly separated scores', () => {
    const s = synth(6, 0, 50, 1);
    const blend = fitBlend(s, 'prequential');
    expect(Number.isFinite(blend.lr)).toBe(true);
    expect(blend.lr).toBeLessThan(DEFAULT_BLEND.lr + 3);
  });
});
