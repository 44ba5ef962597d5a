import { describe, expect, it } from 'vitest';
import { minimizeCg } from './conjugate-gradient.ts';
import { normalQuantile } from './normal.ts';
import { seededRandom } from './rng.ts';
import { digamma } from './special.ts';
import { wilsonInterval } from './wilson.ts';

describe('wilsonInterval', () => {
  it('matches the closed form (values from an independent Python computation)', () => {
    const r = wilsonInterval(45, 50);
    expect(r.value).toBe(0.9);
    expect(r.lower).toBeCloseTo(0.7863976856252035, 9);
    expect(r.upper).toBeCloseTo(0.9565242350681096, 9);
    expect(wilsonInterval(96, 100).lower).toBeCloseTo(0.9016292856411208, 9);
  });

  it('stays informative at 0/n and n/n', () => {
    expect(wilsonInterval(0, 10)).toMatchObject({ value: 0, lower: 0 });
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(0.2775327998628892, 9);
    expect(wilsonInterval(3, 3).lower).toBeCloseTo(0.43850296824495455, 9);
    expect(wilsonInterval(3, 3).upper).toBe(1);
  });

  it('is undefined with no trials and rejects bad counts', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ value: undefined, reason: 'no trials' });
    expect(() => wilsonInterval(3, 2)).toThrow(/exceed/);
    expect(() => wilsonInterval(1.5, 2)).toThrow(/non-negative integers/);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(/confidence/);
  });
});

describe('special functions', () => {
  it('normal quantiles match SciPy', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 7);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it('digamma matches SciPy', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.3)).toBeCloseTo(-3.502524222200133, 11);
    expect(digamma(7.5)).toBeCloseTo(1.9467574842460866, 12);
    expect(digamma(1e-3)).toBeCloseTo(-1000.5755719318103, 8);
  });

  it('seeded random is reproducible and in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('minimizeCg', () => {
  it('minimises the Rosenbrock function', () => {
    const x = Float64Array.of(-1.2, 1);
    const r = minimizeCg(
      (v, g) => {
        const [a, b] = [v[0]!, v[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      x,
      { maxIterations: 500, gradientTolerance: 1e-8 },
    );
    expect(r.value).toBeLessThan(1e-10);
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
  });
});
