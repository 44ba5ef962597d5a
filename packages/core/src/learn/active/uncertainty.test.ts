import { describe, expect, it } from 'vitest';
import { uncertainty } from './uncertainty.ts';

describe('uncertainty', () => {
  it('is 0 when sure, 1 when uniform, for every strategy', () => {
    for (const s of ['entropy', 'margin', 'least-confidence'] as const) {
      expect(uncertainty([1, 0, 0], s)).toBe(0);
      expect(uncertainty([1 / 3, 1 / 3, 1 / 3], s)).toBeCloseTo(1, 12);
    }
  });

  it('computes the three measures', () => {
    expect(uncertainty([0.9, 0.1], 'margin')).toBeCloseTo(0.2, 12);
    expect(uncertainty([0.9, 0.1], 'least-confidence')).toBeCloseTo(0.2, 12);
    const h = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)) / Math.log(2);
    expect(uncertainty([0.9, 0.1], 'entropy')).toBeCloseTo(h, 12);
    // Three classes: margin looks at the top two only, entropy at all.
    expect(uncertainty([0.5, 0.5, 0], 'margin')).toBe(1);
    expect(uncertainty([0.5, 0.5, 0], 'entropy')).toBeCloseTo(Math.log(2) / Math.log(3), 12);
    expect(uncertainty([0.5, 0.5, 0], 'least-confidence')).toBeCloseTo(0.75, 12);
  });

  it('rejects vectors that are not probabilities', () => {
    expect(() => uncertainty([0.5, 0.6], 'entropy', 'candidates[3].probs')).toThrow(
      /candidates\[3\]\.probs: probabilities sum to 1.1/,
    );
    expect(() => uncertainty([1], 'entropy')).toThrow(/at least 2 classes/);
    expect(() => uncertainty([Number.NaN, 1], 'margin')).toThrow(/probs\[0\]/);
  });
});
